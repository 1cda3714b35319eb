import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../api';
import type { ConversationSummary, Profile } from '../../types';
import type { ChatController } from '../controller';
import { errorText, Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import { initials } from '../util';
import { jumpTargets, neighbour, SHORTCUTS, shortcutFor, type JumpTarget } from './jump';
import './shortcuts.css';

/**
 * The keyboard shortcuts (jump.ts lists them): one listener on the document, the "?" button
 * that shows them, the help dialog and the jump-to dialog. Both dialogs are ui/Modal: Escape
 * closes them in one press and focus goes back to where it was.
 */
export function Shortcuts({
  controller,
  onOpen,
  onSearch,
}: {
  controller: ChatController;
  onOpen: (c: ConversationSummary) => void;
  /** Ctrl+K / Ctrl+E: the shell opens its search (app/search). */
  onSearch: () => void;
}) {
  const searchRef = useRef(onSearch);
  searchRef.current = onSearch;
  const [open, setOpen] = useState<'help' | 'jump' | null>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const action = shortcutFor(e);
      if (!action || e.defaultPrevented) return;
      // Another dialog is open: its own keys only (Escape first closes it).
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      if (action === 'search') searchRef.current();
      else if (action === 'help' || action === 'jump') setOpen(action);
      else move(action === 'next' ? 1 : -1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" className="secondary shortcuts-button" title="Keyboard shortcuts (Ctrl+/)" onClick={() => setOpen('help')}>
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
      {open === 'help' && <ShortcutsHelp onClose={() => setOpen(null)} />}
      {open === 'jump' && (
        <JumpTo
          controller={controller}
          onClose={() => setOpen(null)}
          onOpen={(c) => {
            setOpen(null);
            onOpen(c);
          }}
        />
      )}
    </>
  );
}

/**
 * Alt+↑/↓: the conversation above or below the open one in the list on screen (chats or a
 * team's channels), in the order shown. The list's own buttons are pressed, so it is exactly
 * what a click would do.
 */
function move(step: 1 | -1) {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('.list-pane button.conversation')];
  const current = buttons.findIndex((b) => b.getAttribute('aria-current') === 'true');
  const next = neighbour(
    buttons.map((_, i) => String(i)),
    current < 0 ? null : String(current),
    step,
  );
  if (next !== null) buttons[Number(next)].click();
}

function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      {() => (
        <>
          <table className="shortcuts-table">
            <caption className="visually-hidden">Keys and what they do</caption>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">What they do</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.what}>
                  <td>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' + '}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </td>
                  <td>{s.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">On a Mac, ⌘ works for Ctrl.</p>
          <div className="dialog-foot">
            <button type="button" className="primary" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

/** Ctrl+G: type a name, Enter opens the conversation or the direct chat with the person. */
function JumpTo({
  controller,
  onClose,
  onOpen,
}: {
  controller: ChatController;
  onClose: () => void;
  onOpen: (c: ConversationSummary) => void;
}) {
  const { conversations, people } = controller;
  useStore(conversations);
  useStore(people);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Profile[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  const term = q.trim();

  // People from the directory, as the new-chat dialog searches them (2 letters, 200 ms after typing).
  useEffect(() => {
    if (term.length < 2) return setFound([]);
    let cancelled = false;
    const t = setTimeout(() => {
      api.searchDirectory(term).then(
        (items) => !cancelled && setFound(items),
        () => !cancelled && setFound([]),
      );
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [term]);

  const targets = jumpTargets(conversations.conversations(), (c) => controller.title(c), found, controller.me.id, q);
  const current = Math.min(active, Math.max(0, targets.length - 1));

  const choose = async (t: JumpTarget | undefined) => {
    if (!t || busy) return;
    if (t.kind === 'conversation') {
      const c = conversations.conversation(t.id);
      if (c) onOpen(c);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const id = await controller.actions.startDirect(t.id);
      const c = conversations.conversation(id);
      if (c) onOpen(c);
    } catch (e) {
      setError(errorText(e, 'Could not open the chat. Try again.'));
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (targets.length) setActive((current + (e.key === 'ArrowDown' ? 1 : -1) + targets.length) % targets.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void choose(targets[current]);
    }
  };

  const status =
    term.length === 0 ? 'Recent conversations' : targets.length === 0 ? (term.length < 2 ? 'No conversation matches.' : 'Nobody found.') : `${targets.length} found`;
  return (
    <Modal title="Jump to" onClose={onClose}>
      {() => (
        <div className="jump-to">
          <input
            type="search"
            aria-label="Conversation or person"
            placeholder="Type a name"
            role="combobox"
            aria-expanded={targets.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={targets.length ? `${listId}-${current}` : undefined}
            autoFocus
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <p className="muted small" aria-live="polite">
            {busy ? 'Opening…' : status}
          </p>
          <ul id={listId} role="listbox" aria-label="Conversations and people" className="jump-list">
            {targets.map((t, i) => (
              <li
                key={`${t.kind}:${t.id}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === current}
                className="jump-option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void choose(t)}
              >
                <span className="avatar small" aria-hidden="true">
                  {t.label.startsWith('#') ? '#' : initials(t.label)}
                </span>
                <span>
                  <bdi className="person-name">{t.label}</bdi>
                  <span className="person-detail muted">{t.detail}</span>
                </span>
              </li>
            ))}
          </ul>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-foot">
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
