import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api';
import { renderMarkdown } from '../../markdown';
import type { PeopleStore } from '../../store/people';
import { hasReacted } from '../../store/reactions';
import type { UrgentStore } from '../../store/urgent';
import { isolate } from '../../text/isolate';
import type { Message, MessageFile, Reaction } from '../../types';
import { MessageFiles } from '../files/MessageFiles';
import { useStore } from '../useStore';
import { initials, timeLabel } from '../util';
import { BotBadgeFor } from '../bots/BotBadge';
import { MessageCardView } from '../bots/MessageCardView';
import type { ChatActions } from './chatActions';
import { InlineEditor } from './InlineEditor';
import { MessageActions } from './MessageActions';
import { UrgentStatus } from './Urgent';
import { messageHash } from '../search/searchResults';

/**
 * A link to one message, which the shell opens: `#/c/{conversationId}/m/{messageId}`; a thread
 * reply's link names its root too, `#/c/{conversationId}/t/{rootId}/m/{messageId}`, so it can
 * open the thread even when the reply is not loaded.
 */
export function messageLink(m: Message): string {
  return `${location.origin}${location.pathname}${messageHash(m.conversationId, m.id, m.threadRootId)}`;
}

/** What a message shows of pins and saved messages, and how to change them (app/pins). */
export interface MessageMarks {
  isPinned: (m: Message) => boolean;
  isSaved: (m: Message) => boolean;
  togglePin: (m: Message) => Promise<void>;
  toggleSave: (m: Message) => Promise<void>;
}

function describeError(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.detail : fallback;
}

export function MessageItem({
  people,
  urgent,
  actions,
  m,
  day,
  grouped,
  onOpenThread,
  marks,
  onCardAnswer,
  gallery,
}: {
  people: PeopleStore;
  urgent: UrgentStore;
  actions: ChatActions;
  m: Message;
  day: string | null;
  grouped: boolean;
  /** Absent inside the thread panel (replies have no threads of their own). */
  onOpenThread?: (m: Message) => void;
  /** Pinned and saved state with their toggles (app/pins); absent where they are not offered. */
  marks?: MessageMarks;
  /** Shows the answer to pressing one of a bot card's buttons (a toast); without it, under the card. */
  onCardAnswer?: (m: Message, text: string) => void;
  /** The conversation's files, for the viewer's next and previous (app/files). */
  gallery?: () => MessageFile[];
}) {
  useStore(people);
  const nameOf = useMemo(() => (id: string) => people.person(id)?.displayName, [people]);
  // Mentioned people's names arrive after the first render: render again when they do.
  const mentioned = (m.mentions ?? []).map((id) => isolate(people.person(id)?.displayName ?? '')).join('\n');
  const html = useMemo(
    () => (m.text !== undefined && !m.deletedAt ? renderMarkdown(m.text, nameOf) : ''),
    // `mentioned` stands for what nameOf answers for this message.
    [m.text, m.deletedAt, nameOf, mentioned],
  );
  const author = people.person(m.authorId);
  const created = new Date(m.createdAt);
  const name = author?.displayName ?? '…';
  const myOrg = people.me.organisation?.id;
  const org = author?.organisation && author.organisation.id !== myOrg ? author.organisation.name : null;
  const mine = m.authorId === people.me.id;
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = (p: Promise<unknown>, fallback: string) => {
    setError(null);
    p.catch((e) => setError(describeError(e, fallback)));
  };

  const toggle = (emoji: string) => run(actions.toggleReaction(m, emoji), 'Could not change the reaction. Try again.');

  const remove = () => {
    if (!window.confirm('Delete this message? Everyone in the conversation will see that it was deleted.')) return;
    run(actions.remove(m), 'Could not delete the message. Try again.');
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

  const toolbar =
    !m.deletedAt && !editing ? (
      <MessageActions
        meId={people.me.id}
        onReact={toggle}
        onReply={onOpenThread ? () => onOpenThread(m) : undefined}
        onEdit={mine ? () => setEditing(true) : undefined}
        onDelete={mine ? remove : undefined}
        onCopyLink={copyLink}
        pin={marks && { active: marks.isPinned(m), toggle: () => run(marks.togglePin(m), 'Could not change the pin. Try again.') }}
        save={marks && { active: marks.isSaved(m), toggle: () => run(marks.toggleSave(m), 'Could not change your saved messages. Try again.') }}
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
            <BotBadgeFor person={author} />
            {org && <span className="org">{org}</span>}
            <time dateTime={m.createdAt} title={created.toLocaleString('en-GB')}>
              {timeLabel(created)}
            </time>
            {m.urgent && <span className="tag urgent-tag">Urgent</span>}
            {marks?.isPinned(m) && <span className="tag pinned-tag">Pinned</span>}
          </div>
          {/* After the author line in reading order; laid out in room of its own beside it (or, in
              a grouped message, floated right of the text) so showing it never covers content. */}
          {toolbar}
          {m.deletedAt ? (
            <p className="deleted">This message was deleted</p>
          ) : editing ? (
            <InlineEditor
              initial={m.text ?? ''}
              onCancel={() => setEditing(false)}
              onSave={(text) =>
                actions.edit(m, text).then(
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
          {m.card && !m.deletedAt && (
            <MessageCardView card={m.card} conversationId={m.conversationId} messageId={m.id} onAnswer={onCardAnswer && ((t) => onCardAnswer(m, t))} />
          )}
          {!m.deletedAt && (m.files?.length ?? 0) > 0 && <MessageFiles files={m.files!} gallery={gallery} />}
          {m.editedAt && !m.deletedAt && !editing && <span className="edited">(edited)</span>}
          {m.urgent && !m.deletedAt && <UrgentStatus urgent={urgent} people={people} m={m} />}
          {!m.deletedAt && (m.reactions?.length ?? 0) > 0 && (
            <Reactions reactions={m.reactions!} m={m} meId={people.me.id} nameOf={nameOf} onToggle={toggle} />
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
