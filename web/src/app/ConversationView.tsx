import { useEffect, useMemo, useRef, useState } from 'react';
import { renderMarkdown } from '../markdown';
import type { ConversationSummary, Message } from '../types';
import type { PendingSend } from '../store/chat';
import type { ChatController } from './controller';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { MessageItem } from './MessageItem';
import { ThreadPanel } from './ThreadPanel';
import { TypingIndicator } from './Presence';
import { dayLabel, initials } from './util';

export function ConversationView({ controller, conversation }: { controller: ChatController; conversation: ConversationSummary }) {
  const { store } = controller;
  const messages = store.messages(conversation.id);
  const pending = store.pendingFor(conversation.id).filter((p) => !p.threadRootId);
  const history = store.historyState(conversation.id);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const title = controller.title(conversation);
  const [threadRoot, setThreadRoot] = useState<string | null>(null);
  const threadOpener = useRef<HTMLElement | null>(null);

  const openThread = (m: Message) => {
    threadOpener.current = document.activeElement as HTMLElement | null;
    setThreadRoot(m.id);
  };
  const closeThread = () => {
    setThreadRoot(null);
    const back = threadOpener.current;
    // Back to where the person was; the composer if that element has gone.
    setTimeout(() => (back && back.isConnected ? back : document.getElementById('composer-text'))?.focus(), 0);
  };

  const heightBeforeOlder = useRef<number | null>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBeforeOlder.current !== null) {
      // Earlier messages were put above: keep what the person was reading where it was.
      el.scrollTop += el.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages.length, pending.length]);

  const loadOlder = () => {
    heightBeforeOlder.current = scroller.current?.scrollHeight ?? null;
    const before = store.messages(conversation.id).length;
    void controller.loadOlder(conversation.id).finally(() => {
      if (store.messages(conversation.id).length === before) heightBeforeOlder.current = null; // nothing came
    });
  };

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };

  let lastDay = '';
  let lastAuthor = '';
  let lastTime = 0;
  return (
    <div className="conversation-view">
      <div className="conversation-main">
        <ConversationHeader controller={controller} conversation={conversation} title={title} />
        <div className="messages" ref={scroller} onScroll={onScroll}>
          {history.loaded && history.hasMore && (
            <div className="older">
              <button type="button" className="secondary" onClick={loadOlder}>
                Load earlier messages
              </button>
            </div>
          )}
          {!history.loaded && <p className="muted pad">Loading messages…</p>}
          {history.loaded && messages.length === 0 && pending.length === 0 && (
            <p className="muted pad">No messages yet. Say hello.</p>
          )}
          <ol className="message-list" aria-label={`Messages in ${title}`}>
            {messages
              .filter((m) => !m.threadRootId)
              .map((m) => {
                const created = new Date(m.createdAt);
                const day = dayLabel(created);
                const showDay = day !== lastDay;
                // Urgent messages always show their header, so the "Urgent" label is visible.
                const grouped = !showDay && !m.urgent && lastAuthor === m.authorId && created.getTime() - lastTime < 5 * 60_000;
                lastDay = day;
                lastAuthor = m.authorId;
                lastTime = created.getTime();
                return (
                  <MessageItem
                    key={m.id}
                    controller={controller}
                    m={m}
                    day={showDay ? day : null}
                    grouped={grouped}
                    onOpenThread={openThread}
                  />
                );
              })}
            {pending.map((p) => (
              <PendingRow key={p.clientMsgId} p={p} controller={controller} />
            ))}
          </ol>
        </div>
        <TypingIndicator controller={controller} conversationId={conversation.id} />
        <Composer controller={controller} conversation={conversation} title={title} />
      </div>
      {threadRoot && (
        <ThreadPanel key={threadRoot} controller={controller} conversation={conversation} rootId={threadRoot} onClose={closeThread} />
      )}
    </div>
  );
}

function PendingRow({ p, controller }: { p: PendingSend; controller: ChatController }) {
  const html = useMemo(() => renderMarkdown(p.text, (id) => controller.store.person(id)?.displayName), [p.text, controller]);
  return (
    <li className={`message pending${p.state === 'failed' ? ' failed' : ''}`}>
      <span className="avatar" aria-hidden="true">
        {initials(controller.me.displayName)}
      </span>
      <div className="message-body">
        <div className="message-meta">
          <span className="author">{controller.me.displayName}</span>
          <span className="pending-state" role="status">
            {p.state === 'failed' ? `Not sent: ${p.error ?? 'error'}` : p.state === 'retrying' ? (p.error ?? 'Retrying…') : 'Sending…'}
          </span>
        </div>
        <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
        {p.state === 'failed' && (
          <div className="pending-actions">
            <button type="button" className="secondary" onClick={() => controller.outbox.discard(p.clientMsgId)}>
              Discard
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
