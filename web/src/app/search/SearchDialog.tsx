import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationSummary } from '../../types';
import type { ChatController } from '../controller';
import { when } from '../pins/PinnedPanel';
import { errorText, Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import { initials } from '../util';
import { fileSize } from '../files/fileFormat';
import { excerpt } from './highlight';
import { Highlighted } from './Highlighted';
import { queryTerms } from './searchQuery';
import { searchApi } from './searchApi';
import { flatOptions, messageHash, nextActive, searchGroups, type SearchOption } from './searchResults';
import { SearchFiltersBar } from './SearchFiltersBar';
import { SearchSession } from './searchSession';
import './search.css';

/**
 * Search (Ctrl+K, Ctrl+E, or the top bar's box): messages, people, channels and chats, teams and
 * files the person may see, with filters. The box is a combobox over one listbox of grouped
 * results (the ARIA practices' grouped listbox): ↑/↓ move through every group, Enter opens,
 * Escape closes the dialog. A message opens in its conversation at that message (a thread reply
 * in its thread), through the same link the shell opens for a copied message link.
 */
export function SearchDialog({
  chat,
  here,
  onClose,
  onOpenConversation,
  onOpenTeam,
  remote = searchApi,
}: {
  chat: ChatController;
  /** The server (a fake in tests). */
  remote?: Pick<typeof searchApi, 'search'>;
  /** The conversation on screen, offered as the "In …" filter. */
  here?: { id: string; title: string };
  onClose: () => void;
  onOpenConversation: (c: ConversationSummary) => void;
  onOpenTeam: (teamId: string) => void;
}) {
  const [session] = useState(() => new SearchSession({ search: remote.search }));
  useEffect(() => () => session.dispose(), [session]);
  useStore(session);
  const { conversations, people } = chat;
  useStore(people);
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [openError, setOpenError] = useState<string | null>(null);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);

  const groups = searchGroups(session.answer);
  const options = flatOptions(groups);
  const terms = queryTerms(session.query);
  // A new answer starts the list from the top (the old active option may be gone).
  useEffect(() => setActive(-1), [session.answer]);
  useEffect(() => {
    if (active >= 0) document.getElementById(`${listId}-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, listId]);

  const conversationTitle = (id: string, fallback?: string | null) => {
    const c = conversations.conversation(id);
    return c ? chat.title(c) : (fallback ?? 'Chat');
  };

  const choose = async (o: SearchOption | undefined) => {
    if (!o) return;
    setOpenError(null);
    switch (o.kind) {
      case 'message':
        onClose();
        location.hash = messageHash(o.hit.conversationId, o.hit.id, o.hit.threadRootId);
        return;
      case 'file':
        onClose();
        location.hash = messageHash(o.hit.conversationId, o.hit.messageId);
        return;
      case 'conversation': {
        const c = conversations.conversation(o.hit.id);
        if (c) onOpenConversation(c);
        else setOpenError('That conversation is not in your list any more.');
        return;
      }
      case 'team':
        onOpenTeam(o.hit.id);
        return;
      case 'person': {
        if (o.hit.id === chat.me.id) return;
        try {
          const id = await chat.actions.startDirect(o.hit.id);
          const c = conversations.conversation(id);
          if (c) onOpenConversation(c);
        } catch (e) {
          setOpenError(errorText(e, 'Could not open the chat. Try again.'));
        }
      }
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const next = nextActive(e.key, active, options.length);
    // Home and End stay the text box's own (the caret); the arrows move through the results.
    if (next !== null && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive(next);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void choose(options[active >= 0 ? active : 0]);
    }
  };

  const status =
    session.status === 'idle'
      ? 'Type to search messages, people, channels, teams and files.'
      : session.status === 'loading' && !session.answer
        ? 'Searching…'
        : session.status === 'error'
          ? ''
          : options.length === 0
            ? session.status === 'loading'
              ? 'Searching…'
              : 'Nothing found. Try other words or fewer filters.'
            : `${options.length} ${options.length === 1 ? 'result' : 'results'}${session.status === 'loading' ? ', searching…' : ''}`;

  // By key, not a counter: Modal calls its children again (StrictMode renders twice in development).
  const indexOf = new Map(options.map((o, i) => [o.key, i]));
  return (
    <Modal title="Search" onClose={onClose} wide>
      {() => (
        <div className="search">
          <input
            ref={input}
            type="text"
            inputMode="search"
            className="search-input"
            aria-label="Search messages, people, channels, teams and files"
            placeholder="Search"
            role="combobox"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
            autoFocus
            maxLength={256}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              session.setQuery(e.target.value);
            }}
            onKeyDown={onKeyDown}
          />
          <SearchFiltersBar filters={session.filters} onChange={(c) => session.setFilters(c)} here={here} />
          <p className="muted small search-status" aria-live="polite">
            {status}
          </p>
          {session.status === 'error' && (
            <div className="form-error search-error" role="alert">
              <span>{session.error}</span>{' '}
              <button type="button" className="link-button" onClick={() => session.retry()}>
                Try again
              </button>
            </div>
          )}
          {openError && (
            <p className="form-error" role="alert">
              {openError}
            </p>
          )}
          <div id={listId} role="listbox" aria-label="Search results" className={`search-results${session.status === 'loading' ? ' stale' : ''}`}>
            {groups.map((g) => (
              <ul key={g.kind} role="group" aria-labelledby={`${listId}-g-${g.kind}`} className="search-group">
                <li role="presentation" id={`${listId}-g-${g.kind}`} className="search-group-label">
                  {g.label}
                </li>
                {g.options.map((o) => {
                  const i = indexOf.get(o.key) ?? -1;
                  return (
                    <li
                      key={o.key}
                      id={`${listId}-${i}`}
                      role="option"
                      aria-selected={i === active}
                      className={`search-option search-${o.kind}`}
                      onMouseDown={(e) => e.preventDefault()}
                      onMouseMove={() => i !== active && setActive(i)}
                      onClick={() => void choose(o)}
                    >
                      <OptionBody o={o} terms={terms} conversationTitle={conversationTitle} nameOf={(id) => people.person(id)?.displayName} />
                    </li>
                  );
                })}
              </ul>
            ))}
          </div>
          {session.answer?.nextCursor && session.status === 'ready' && (
            <div className="search-more">
              <button type="button" className="secondary" disabled={session.loadingMore} onClick={() => void session.loadMore()}>
                {session.loadingMore ? 'Loading…' : 'Load more messages'}
              </button>
              {session.moreError && (
                <span className="form-error small" role="alert">
                  {session.moreError}
                </span>
              )}
            </div>
          )}
          <div className="dialog-foot">
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}

/** `<@id>` mentions as the names people read. */
function readable(text: string, nameOf: (id: string) => string | undefined): string {
  return text.replace(/<@([\w-]+)>/g, (_m, id: string) => `@${nameOf(id) ?? 'someone'}`);
}

function OptionBody({
  o,
  terms,
  conversationTitle,
  nameOf,
}: {
  o: SearchOption;
  terms: string[];
  conversationTitle: (id: string, fallback?: string | null) => string;
  nameOf: (id: string) => string | undefined;
}) {
  switch (o.kind) {
    case 'message': {
      const m = o.hit;
      const author = m.authorName ?? nameOf(m.authorId) ?? 'Someone';
      return (
        <>
          <span className="avatar small" aria-hidden="true">
            {initials(author)}
          </span>
          <span className="search-main">
            <span className="search-meta">
              <bdi className="search-author">{author}</bdi>
              <span className="muted">
                {' in '}
                <bdi>{conversationTitle(m.conversationId, m.conversationName)}</bdi>
                {m.teamName && <> · <bdi>{m.teamName}</bdi></>}
                {m.threadRootId && ' · thread reply'}
                {' · '}
                <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
              </span>
            </span>
            <span className="search-text">
              <Highlighted text={excerpt(readable(m.text, nameOf), terms)} terms={terms} />
            </span>
            {(m.files?.length ?? 0) > 0 && (
              <span className="search-files muted small">
                <span aria-hidden="true">📎 </span>
                {m.files!.map((f) => f.name).join(', ')}
              </span>
            )}
          </span>
        </>
      );
    }
    case 'person':
      return (
        <>
          <span className="avatar small" aria-hidden="true">
            {initials(o.hit.displayName)}
          </span>
          <span className="search-main">
            <bdi className="search-author">
              <Highlighted text={o.hit.displayName} terms={terms} />
            </bdi>
            <span className="muted small">{[o.hit.jobTitle, o.hit.organisationName].filter(Boolean).join(', ') || 'Person'}</span>
          </span>
        </>
      );
    case 'conversation':
      return (
        <>
          <span className="avatar small" aria-hidden="true">
            {o.hit.kind === 'channel' ? '#' : initials(conversationTitle(o.hit.id, o.hit.name))}
          </span>
          <span className="search-main">
            <bdi className="search-author">
              <Highlighted text={conversationTitle(o.hit.id, o.hit.name)} terms={terms} />
            </bdi>
            <span className="muted small">
              {o.hit.kind === 'channel' ? `Channel${o.hit.teamName ? ` in ${o.hit.teamName}` : ''}` : o.hit.kind === 'group' ? 'Group chat' : 'Chat'}
            </span>
          </span>
        </>
      );
    case 'team':
      return (
        <>
          <span className="avatar small" aria-hidden="true">
            {initials(o.hit.name)}
          </span>
          <span className="search-main">
            <bdi className="search-author">
              <Highlighted text={o.hit.name} terms={terms} />
            </bdi>
            <span className="muted small">Team</span>
          </span>
        </>
      );
    case 'file':
      return (
        <>
          <span className="avatar small file-avatar" aria-hidden="true">
            {o.hit.contentType.startsWith('image/') ? '🖼' : o.hit.contentType === 'application/pdf' ? 'PDF' : '📄'}
          </span>
          <span className="search-main">
            <bdi className="search-author">
              <Highlighted text={o.hit.name} terms={terms} />
            </bdi>
            <span className="muted small">
              {fileSize(o.hit.size)} · in <bdi>{conversationTitle(o.hit.conversationId)}</bdi> · <time dateTime={o.hit.createdAt}>{when(o.hit.createdAt)}</time>
            </span>
          </span>
        </>
      );
  }
}

/** The top bar's search box: a button that looks like one and opens the search dialog. */
export function SearchButton({ onOpen }: { onOpen: () => void }) {
  return (
    <button type="button" className="search-trigger" onClick={onOpen} aria-keyshortcuts="Control+K Control+E" title="Search (Ctrl+K)">
      <svg className="search-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
        <circle cx="10.5" cy="10.5" r="6.5" />
        <path d="M15.5 15.5 21 21" />
      </svg>
      <span className="search-trigger-text">Search</span>
      <kbd className="search-trigger-key" aria-hidden="true">
        Ctrl K
      </kbd>
    </button>
  );
}
