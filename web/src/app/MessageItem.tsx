import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { ApiError } from '../api';
import { renderMarkdown } from '../markdown';
import { hasReacted } from '../store/chat';
import type { Message, Reaction } from '../types';
import type { ChatController } from './controller';
import { UrgentStatus } from './Urgent';
import { initials, timeLabel } from './util';
import { isolate } from '../text/isolate';

export const COMMON_EMOJI = ['👍', '✅', '👀', '🙏', '❤️', '😂'];

/**
 * A link to one message, which the shell opens: `#/c/{conversationId}/m/{messageId}`; a thread
 * reply's link names its root too, `#/c/{conversationId}/t/{rootId}/m/{messageId}`, so it can
 * open the thread even when the reply is not loaded.
 */
export function messageLink(m: Message): string {
  const thread = m.threadRootId ? `/t/${encodeURIComponent(m.threadRootId)}` : '';
  return `${location.origin}${location.pathname}#/c/${encodeURIComponent(m.conversationId)}${thread}/m/${encodeURIComponent(m.id)}`;
}

function describeError(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.detail : fallback;
}

export function MessageItem({
  controller,
  m,
  day,
  grouped,
  onOpenThread,
}: {
  controller: ChatController;
  m: Message;
  day: string | null;
  grouped: boolean;
  /** Absent inside the thread panel (replies have no threads of their own). */
  onOpenThread?: (m: Message) => void;
}) {
  const { store } = controller;
  const nameOf = useMemo(() => (id: string) => store.person(id)?.displayName, [store]);
  // Mentioned people's names arrive after the first render: render again when they do.
  const mentioned = (m.mentions ?? []).map((id) => isolate(store.person(id)?.displayName ?? '')).join('\n');
  const html = useMemo(
    () => (m.text !== undefined && !m.deletedAt ? renderMarkdown(m.text, nameOf) : ''),
    // `mentioned` stands for what nameOf answers for this message.
    [m.text, m.deletedAt, nameOf, mentioned],
  );
  const author = store.person(m.authorId);
  const created = new Date(m.createdAt);
  const name = author?.displayName ?? '…';
  const myOrg = controller.me.organisation?.id;
  const org = author?.organisation && author.organisation.id !== myOrg ? author.organisation.name : null;
  const mine = m.authorId === controller.me.id;
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = (p: Promise<unknown>, fallback: string) => {
    setError(null);
    p.catch((e) => setError(describeError(e, fallback)));
  };

  const toggle = (emoji: string) => run(controller.toggleReaction(m, emoji), 'Could not change the reaction. Try again.');

  const remove = () => {
    if (!window.confirm('Delete this message? Everyone in the conversation will see that it was deleted.')) return;
    run(controller.remove(m), 'Could not delete the message. Try again.');
  };

  const copyLink = () => {
    const link = messageLink(m);
    setError(null);
    (navigator.clipboard?.writeText(link) ?? Promise.reject(new Error('no clipboard')))
      .then(() => setNotice('Link copied'))
      .catch(() => setNotice(`Copy this link: ${link}`));
  };

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(t);
  }, [notice]);

  const actions =
    !m.deletedAt && !editing ? (
      <MessageActions
        onReact={toggle}
        onReply={onOpenThread ? () => onOpenThread(m) : undefined}
        onEdit={mine ? () => setEditing(true) : undefined}
        onDelete={mine ? remove : undefined}
        onCopyLink={copyLink}
      />
    ) : null;

  return (
    <>
      {day && (
        <li className="day-separator">
          <h2>{day}</h2>
        </li>
      )}
      <li id={`msg-${m.id}`} className={`message${grouped ? ' grouped' : ''}${m.urgent ? ' urgent' : ''}`}>
        {!grouped ? (
          <span className="avatar" aria-hidden="true">
            {initials(name)}
          </span>
        ) : (
          <span className="avatar-spacer" aria-hidden="true" />
        )}
        <div className="message-body">
          <div className={grouped ? 'visually-hidden' : 'message-meta'}>
            <span className="author">{name}</span>
            {org && <span className="org">{org}</span>}
            <time dateTime={m.createdAt} title={created.toLocaleString('en-GB')}>
              {timeLabel(created)}
            </time>
            {m.urgent && <span className="tag urgent-tag">Urgent</span>}
          </div>
          {/* After the author line in reading order; laid out in room of its own beside it (or, in
              a grouped message, floated right of the text) so showing it never covers content. */}
          {actions}
          {m.deletedAt ? (
            <p className="deleted">This message was deleted</p>
          ) : editing ? (
            <InlineEditor
              initial={m.text ?? ''}
              onCancel={() => setEditing(false)}
              onSave={(text) =>
                controller.edit(m, text).then(
                  () => setEditing(false),
                  (e) => {
                    throw new Error(describeError(e, 'Could not save the edit. Try again.'));
                  },
                )
              }
            />
          ) : (
            <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
          )}
          {m.editedAt && !m.deletedAt && !editing && <span className="edited">(edited)</span>}
          {m.urgent && !m.deletedAt && <UrgentStatus controller={controller} m={m} />}
          {!m.deletedAt && (m.reactions?.length ?? 0) > 0 && (
            <Reactions reactions={m.reactions!} m={m} meId={controller.me.id} nameOf={nameOf} onToggle={toggle} />
          )}
          {onOpenThread && !m.deletedAt && (m.replyCount ?? 0) > 0 && (
            <button type="button" className="link-button replies" onClick={() => onOpenThread(m)}>
              {m.replyCount === 1 ? '1 reply' : `${m.replyCount} replies`}
            </button>
          )}
          {error && (
            <p className="form-error small" role="alert">
              {error}
            </p>
          )}
          {notice && (
            <p className="muted small" role="status">
              {notice}
            </p>
          )}
        </div>
      </li>
    </>
  );
}

function Reactions({
  reactions,
  m,
  meId,
  nameOf,
  onToggle,
}: {
  reactions: Reaction[];
  m: Message;
  meId: string;
  nameOf: (id: string) => string | undefined;
  onToggle: (emoji: string) => void;
}) {
  return (
    <ul className="reactions" aria-label="Reactions">
      {reactions.map((r) => {
        const mine = hasReacted(m, r.emoji, meId);
        const who = r.userIds.map((id) => (id === meId ? 'you' : isolate(nameOf(id) ?? '…'))).join(', ');
        const label = `${r.emoji} ${r.count}: ${who}. ${mine ? 'Remove your reaction' : 'Add this reaction'}`;
        return (
          <li key={r.emoji}>
            <button
              type="button"
              className={`reaction${mine ? ' mine' : ''}`}
              aria-pressed={mine}
              aria-label={label}
              title={who}
              onClick={() => onToggle(r.emoji)}
            >
              <span aria-hidden="true">{r.emoji}</span> <span aria-hidden="true">{r.count}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Line icons (no icon or emoji font needed), drawn in the button's text colour. */
const ICONS = {
  react: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0" />
      <path d="M9 9.5h.01M15 9.5h.01" strokeWidth="3" />
    </>
  ),
  reply: <path d="M4 5h16v11H10l-4 4v-4H4z" />,
  edit: <path d="M4 20h4L19 9l-4-4L4 16zM13 7l4 4" />,
  delete: <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6" />,
  link: <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1.2 1.2M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1.2-1.2" />,
};

/**
 * One toolbar button: an icon with its name as (visually hidden) text for screen readers and
 * speech input, and as a tooltip for pointer users.
 */
function ActionButton({
  icon,
  label,
  onClick,
  buttonRef,
  ...aria
}: {
  icon: keyof typeof ICONS;
  label: string;
  onClick: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
  'aria-expanded'?: boolean;
  'aria-controls'?: string;
}) {
  return (
    <button type="button" ref={buttonRef} className="icon-button" title={label} onClick={onClick} {...aria}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          {ICONS[icon]}
        </g>
      </svg>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}

function MessageActions({
  onReact,
  onReply,
  onEdit,
  onDelete,
  onCopyLink,
}: {
  onReact: (emoji: string) => void;
  onReply?: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
  onCopyLink: () => void;
}) {
  const [picker, setPicker] = useState(false);
  const reactButton = useRef<HTMLButtonElement>(null);
  const pickerRef = useRef<HTMLDivElement>(null);
  const pickerId = useId();

  useEffect(() => {
    if (picker) pickerRef.current?.querySelector('button')?.focus();
  }, [picker]);

  const closePicker = () => {
    setPicker(false);
    reactButton.current?.focus();
  };

  const onPickerKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      closePicker();
    }
  };

  return (
    <div className={`message-actions${picker ? ' open' : ''}`} role="toolbar" aria-label="Message actions">
      <ActionButton
        icon="react"
        label="Add reaction"
        buttonRef={reactButton}
        aria-expanded={picker}
        aria-controls={picker ? pickerId : undefined}
        onClick={() => setPicker((v) => !v)}
      />
      {onReply && <ActionButton icon="reply" label="Reply in thread" onClick={onReply} />}
      {onEdit && <ActionButton icon="edit" label="Edit" onClick={onEdit} />}
      {onDelete && <ActionButton icon="delete" label="Delete" onClick={onDelete} />}
      <ActionButton icon="link" label="Copy link" onClick={onCopyLink} />
      {picker && (
        <div id={pickerId} ref={pickerRef} className="emoji-picker" role="group" aria-label="Choose a reaction" onKeyDown={onPickerKey}>
          {COMMON_EMOJI.map((e) => (
            <button
              key={e}
              type="button"
              className="icon-button"
              aria-label={`React with ${e}`}
              onClick={() => {
                onReact(e);
                closePicker();
              }}
            >
              {e}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function InlineEditor({ initial, onSave, onCancel }: { initial: string; onSave: (text: string) => Promise<void>; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();

  useEffect(() => {
    const el = ref.current;
    if (el) {
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    }
  }, []);

  const save = () => {
    const t = text.trim();
    if (!t || busy) return;
    if (t === initial.trim()) return onCancel();
    setBusy(true);
    setError(null);
    onSave(t).catch((e: Error) => {
      setBusy(false);
      setError(e.message);
    });
  };

  return (
    <div className="inline-editor">
      <label className="visually-hidden" htmlFor={`${hintId}-text`}>
        Edit message
      </label>
      <textarea
        id={`${hintId}-text`}
        ref={ref}
        value={text}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        maxLength={16000}
        aria-describedby={hintId}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <div className="editor-foot">
        <span id={hintId} className="muted hint">
          Enter to save, Escape to cancel.
        </span>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={save} disabled={busy || !text.trim()}>
          Save
        </button>
      </div>
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
