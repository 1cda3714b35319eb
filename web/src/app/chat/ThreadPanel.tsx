import { useEffect, useId, useRef, useState } from 'react';
import type { MessageStore } from '../../store/messages';
import type { PeopleStore } from '../../store/people';
import type { PresenceStore } from '../../store/presence';
import type { UrgentStore } from '../../store/urgent';
import type { ConversationSummary } from '../../types';
import type { MembersStore } from '../teams/membersStore';
import { BackButton } from '../ui/BackButton';
import { useStore } from '../useStore';
import type { ChatActions } from './chatActions';
import { Composer } from './Composer';
import { MessageItem } from './MessageItem';
import { useConversationUploads } from '../files/useConversationUploads';
import type { PendingUploads } from '../files/pendingUploads';

/** What the thread panel reads and does. */
export interface ThreadDeps {
  messages: MessageStore;
  people: PeopleStore;
  urgent: UrgentStore;
  members: MembersStore;
  actions: ChatActions;
  presence?: PresenceStore;
  /** The session's files waiting for a message (app/files): a thread's composer keeps its own list. */
  uploads: PendingUploads;
}

/** A thread beside the conversation: the root, its replies (live) and a reply composer. */
export function ThreadPanel({
  deps,
  conversation,
  rootId,
  onClose,
}: {
  deps: ThreadDeps;
  conversation: ConversationSummary;
  rootId: string;
  onClose: () => void;
}) {
  const { messages, people, urgent, members, actions, presence } = deps;
  useStore(messages);
  const root = messages.message(conversation.id, rootId);
  const replies = messages.replies(conversation.id, rootId);
  const pending = messages.pendingFor(conversation.id).filter((p) => p.threadRootId === rootId);
  const [state, setState] = useState<'loading' | 'loaded' | 'failed'>('loading');
  const headingId = useId();
  const panel = useRef<HTMLElement>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    setState('loading');
    actions.loadThread(conversation.id, rootId).then(
      () => !cancelled && setState('loaded'),
      () => !cancelled && setState('failed'),
    );
    return () => {
      cancelled = true;
    };
  }, [actions, conversation.id, rootId]);

  // New replies scroll into view only for someone reading the end of the thread (or sending):
  // a reply opened from a link, or read further up, stays where it is.
  const atEnd = useRef(true);
  const sending = useRef(pending.length);
  useEffect(() => {
    const el = list.current;
    const sent = pending.length > sending.current;
    sending.current = pending.length;
    if (el && (atEnd.current || sent)) el.scrollTop = el.scrollHeight;
  }, [replies.length, pending.length]);
  // Files for the next reply: Attach, paste, or dropped on the thread (app/files).
  const { uploads, dropProps, overlay } = useConversationUploads(
    deps.uploads,
    `thread:${rootId}`,
    conversation.id,
    !conversation.archived,
    'thread-composer-text',
  );
  const onScroll = () => {
    const el = list.current;
    if (el) atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };

  return (
    <aside
      ref={panel}
      {...dropProps}
      className="thread-pane"
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {overlay}
      <header className="pane-head">
        <BackButton label="Back" onClose={onClose} owns={(e) => e.conversationId === conversation.id && e.threadRootId === rootId} />
        <h2 id={headingId}>Thread</h2>
        <button type="button" className="secondary close" onClick={onClose}>
          Close thread
        </button>
      </header>
      <div className="messages" ref={list} onScroll={onScroll}>
        {state === 'failed' && (
          <p className="form-error pad" role="alert">
            Could not load the thread. Close it and try again.
          </p>
        )}
        {!root && state === 'loading' && <p className="muted pad">Loading thread…</p>}
        <ol className="thread-list" aria-label="Thread messages">
          {root && <MessageItem people={people} urgent={urgent} actions={actions} m={root} day={null} grouped={false} />}
          {root && (
            <li className="thread-count muted" aria-hidden="true">
              {replies.length === 1 ? '1 reply' : `${replies.length} replies`}
            </li>
          )}
          {replies.map((m) => (
            <MessageItem key={m.id} people={people} urgent={urgent} actions={actions} m={m} day={null} grouped={false} />
          ))}
          {pending.map((p) => (
            <li key={p.clientMsgId} className={`message pending${p.state === 'failed' ? ' failed' : ''}`}>
              <span className="avatar-spacer" aria-hidden="true" />
              <div className="message-body">
                <span className="pending-state" role="status">
                  {p.state === 'failed' ? `Not sent: ${p.error ?? 'error'}` : p.state === 'retrying' ? (p.error ?? 'Retrying…') : 'Sending…'}
                </span>
                <p className="pending-text">{p.text}</p>
                {(p.files?.length ?? 0) > 0 && <p className="muted small">{p.files!.length === 1 ? 'With 1 file' : `With ${p.files!.length} files`}</p>}
                {p.state === 'failed' && (
                  <button type="button" className="secondary" onClick={() => actions.discard(p.clientMsgId)}>
                    Discard
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      </div>
      {root && !root.deletedAt && <Composer people={people} members={members} actions={actions} conversation={conversation} title="thread" threadRootId={rootId} presence={presence} uploads={uploads} />}
    </aside>
  );
}
