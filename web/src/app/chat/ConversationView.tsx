import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { renderMarkdown } from '../../markdown';
import type { PendingSend } from '../../store/messages';
import type { PeopleStore } from '../../store/people';
import type { ConversationSummary, Message } from '../../types';
import type { ChatController } from '../controller';
import { paneOf, threadShown } from '../paneHistory';
import { useStore } from '../useStore';
import { dayLabel, initials } from '../util';
import type { ChatActions } from './chatActions';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { MessageItem, type MessageMarks } from './MessageItem';
import { JoinFromLine } from '../calls/JoinFromLine';
import { CommandNotices } from '../bots/CommandNotices';
import { linePeople, lineText, type SystemLine } from '../pins/systemLines';
import '../pins/pins.css';
import { TypingIndicator } from './Presence';
import { firstUnread, reachesReadMarker } from './reading';
import { seenLine, useReadMarkers } from './receipts';
import { ThreadPanel } from './ThreadPanel';
import '../activity/activity.css';
import { useConversationUploads } from '../files/useConversationUploads';

/** Pages loaded back at most to find the first unread message on opening (50 each). */
const MAX_PAGES_BACK = 10;
/** The divider sits this far (px) below the top, so the end of what was read shows above it. */
const DIVIDER_OFFSET_PX = 56;
/** How close to the top (px) older messages start loading. */
const TOP_MARGIN_PX = 300;

/** The open conversation: its messages (loaded as the person scrolls), the composer and a thread beside it. */
export function ConversationView({ chat, conversation }: { chat: ChatController; conversation: ConversationSummary }) {
  const { messages: store, people, presence, reading, urgent, members, actions, pins, saved, systemLines } = chat;
  useStore(store);
  useStore(people);
  useStore(pins);
  useStore(saved);
  useStore(systemLines);
  useStore(chat.calls);
  const lines = systemLines.lines(conversation.id);
  useEffect(() => {
    if (lines.length) people.want(lines.flatMap(linePeople));
  }, [lines, people]);
  const marks: MessageMarks = {
    isPinned: (m) => pins.isPinned(m.conversationId, m.id),
    isSaved: (m) => saved.isSaved(m.id),
    togglePin: (m) => pins.toggle(m.conversationId, m.id),
    toggleSave: (m) => saved.toggle(m.conversationId, m.id),
  };
  const messages = store.messages(conversation.id);
  const pending = store.pendingFor(conversation.id).filter((p) => !p.threadRootId);
  const history = store.historyState(conversation.id);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const title = chat.title(conversation);
  const [threadRoot, setThreadRoot] = useState<string | null>(null);
  const threadOpener = useRef<HTMLElement | null>(null);
  const meId = chat.me.id;
  const readSeqs = useReadMarkers(chat.dispatcher, conversation);
  const seen = seenLine(conversation, messages, readSeqs, meId, (id) => people.person(id)?.displayName ?? '…');
  // Files for the next message: Attach, paste, or dropped anywhere on the conversation (app/files).
  const { uploads, dropProps, overlay } = useConversationUploads(chat.uploads, conversation.id, conversation.id, !conversation.archived);

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
  // An open thread is a history entry (paneHistory.ts): the browser's Back closes it, Forward reopens it.
  const threadWas = useRef<string | null>(null);
  useEffect(() => {
    if (threadRoot !== threadWas.current) threadShown(conversation.id, threadRoot);
    threadWas.current = threadRoot;
  }, [threadRoot, conversation.id]);
  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      const pane = paneOf(e.state);
      if (pane?.conversationId !== conversation.id) return; // the shell closes or switches the conversation
      threadWas.current = pane.threadRootId ?? null;
      if (pane.threadRootId) setThreadRoot(pane.threadRootId);
      else if (threadRoot) closeThread();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  });

  // ---- where reading starts: the "New messages" divider ----
  // The read marker as it was when the conversation opened: the divider stays there while the
  // marker moves on as messages are seen.
  const openedReadSeq = useRef(conversation.readSeq);
  // Unread counts messages by others only (my own from another device need no divider).
  const hadUnread = useRef(conversation.unreadCount > 0);
  const pagesBack = useRef(0);
  /** The message the divider stands before: undefined while history is still being loaded back to the marker. */
  const [dividerId, setDividerId] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (dividerId !== undefined || !history.loaded) return;
    const reached = !hadUnread.current || reachesReadMarker(messages, openedReadSeq.current, history.hasMore);
    if (!reached && pagesBack.current < MAX_PAGES_BACK) {
      pagesBack.current++;
      loadOlder();
      return;
    }
    setDividerId(hadUnread.current ? (firstUnread(messages, openedReadSeq.current, meId)?.id ?? null) : null);
  }, [dividerId, history.loaded, history.hasMore, messages.length]);

  const heightBeforeOlder = useRef<number | null>(null);
  /** The first position (divider, focused message or newest) has been taken: reading may start. */
  const [positioned, setPositioned] = useState(false);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBeforeOlder.current !== null) {
      // Earlier messages were put above: keep what the person was reading where it was.
      el.scrollTop += el.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
      return;
    }
    if (!positioned) {
      if (dividerId === undefined) return; // still loading back to the read marker
      const divider = el.querySelector<HTMLElement>('.unread-divider');
      if (divider) {
        el.scrollTop += divider.getBoundingClientRect().top - el.getBoundingClientRect().top - DIVIDER_OFFSET_PX;
        stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      } else {
        el.scrollTop = el.scrollHeight;
      }
      reading.viewAtBottom = stickToBottom.current;
      setPositioned(true);
      return;
    }
    if (stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending.length, dividerId, positioned, reading]);

  const loadOlder = () => {
    heightBeforeOlder.current = scroller.current?.scrollHeight ?? null;
    const before = store.messages(conversation.id).length;
    void chat.loadOlder(conversation.id).finally(() => {
      if (store.messages(conversation.id).length === before) heightBeforeOlder.current = null; // nothing came
    });
  };

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    reading.viewAtBottom = stickToBottom.current;
  };
  useEffect(
    () => () => {
      reading.viewAtBottom = true;
    },
    [reading],
  );

  // ---- infinite scroll: older messages load when the top comes into view ----
  const sentinel = useRef<HTMLDivElement>(null);
  const topInView = () => {
    const el = scroller.current;
    const s = sentinel.current;
    if (!el || !s) return false;
    return s.getBoundingClientRect().bottom >= el.getBoundingClientRect().top - TOP_MARGIN_PX;
  };
  const loadOlderIfAtTop = () => {
    const h = store.historyState(conversation.id);
    if (positioned && h.loaded && h.hasMore && heightBeforeOlder.current === null && topInView()) loadOlder();
  };
  useEffect(() => {
    const el = scroller.current;
    const s = sentinel.current;
    if (!positioned || !el || !s) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadOlderIfAtTop(), {
      root: el,
      rootMargin: `${TOP_MARGIN_PX}px 0px 0px 0px`,
    });
    io.observe(s);
    return () => io.disconnect();
  }, [positioned, conversation.id]);
  // A short page can leave the top in view: the observer does not fire again, so look after each load.
  useEffect(() => {
    loadOlderIfAtTop();
  }, [messages.length]);

  // ---- the read marker follows what has been on screen ----
  const seqById = useRef(new Map<string, number>());
  seqById.current = new Map(messages.map((m) => [m.id, m.seq]));
  const seenObserver = useRef<IntersectionObserver | null>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!positioned || !el) return;
    const io = new IntersectionObserver(
      (entries) => {
        let max = -1;
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          const seq = seqById.current.get(e.target.id.slice(4));
          if (seq !== undefined && seq > max) max = seq;
        }
        if (max >= 0) reading.noteVisible(conversation.id, max);
      },
      { root: el, threshold: 0.5 },
    );
    seenObserver.current = io;
    return () => {
      io.disconnect();
      seenObserver.current = null;
    };
  }, [positioned, conversation.id, reading]);
  useEffect(() => {
    const io = seenObserver.current;
    const el = scroller.current;
    if (!io || !el) return;
    el.querySelectorAll('li.message[id^="msg-"]').forEach((li) => io.observe(li));
  });

  // ---- "Jump to first unread" while the divider is off screen ----
  const [dividerOffscreen, setDividerOffscreen] = useState<'above' | 'below' | null>(null);
  useEffect(() => {
    const el = scroller.current;
    const d = el?.querySelector<HTMLElement>('.unread-divider');
    if (!positioned || !el || !d) return;
    const io = new IntersectionObserver(
      ([e]) => setDividerOffscreen(e.isIntersecting ? null : e.boundingClientRect.top < (e.rootBounds?.top ?? 0) ? 'above' : 'below'),
      { root: el },
    );
    io.observe(d);
    return () => io.disconnect();
  }, [positioned, dividerId]);
  const jumpToUnread = () => {
    const el = scroller.current;
    const d = el?.querySelector<HTMLElement>('.unread-divider');
    if (!el || !d) return;
    el.scrollTop += d.getBoundingClientRect().top - el.getBoundingClientRect().top - DIVIDER_OFFSET_PX;
    d.focus({ preventScroll: true });
  };

  // ---- opened from the activity feed, a notification or a link: show that message (and thread) ----
  useEffect(() => {
    const f = chat.focus;
    if (!f || f.conversationId !== conversation.id) return;
    const target = document.getElementById(`msg-${f.messageId}`);
    if (!target) return;
    chat.focus = null;
    target.scrollIntoView({ block: 'center' });
    target.classList.add('linked');
    stickToBottom.current = false;
    reading.viewAtBottom = false;
    if (f.threadRootId) {
      threadOpener.current = target;
      setThreadRoot(f.threadRootId);
    } else {
      target.tabIndex = -1;
      target.focus({ preventScroll: true });
    }
  });

  const unreadLabel = dividerOffscreen === 'below' ? 'Jump to first unread ↓' : 'Jump to first unread ↑';
  let lastDay = '';
  let lastAuthor = '';
  let lastTime = 0;
  // System lines go between the messages by seq; each breaks a run of one author's messages.
  let nextLine = 0;
  const linesBefore = (seq: number): SystemLine[] => {
    const out: SystemLine[] = [];
    while (nextLine < lines.length && lines[nextLine].seq < seq) out.push(lines[nextLine++]);
    if (out.length) lastAuthor = '';
    return out;
  };
  const nameOf = (id: string) => people.person(id)?.displayName ?? 'Someone';
  /** The viewer's next and previous: every loaded message's files, oldest first. */
  const gallery = () => store.messages(conversation.id).flatMap((m) => (m.deletedAt ? [] : (m.files ?? [])));
  const onCardAnswer = (m: Message, text: string) =>
    chat.toasts.say({ conversationId: m.conversationId, messageId: m.id, authorId: m.authorId, preview: text });
  const systemRow = (l: SystemLine) => (
    <li key={`line-${l.seq}`} className="system-line" id={`line-${l.seq}`}>
      <span>{lineText(l, nameOf)}</span>
      {l.kind === 'call-started' && <JoinFromLine calls={chat.calls} callId={l.callId} conversationId={conversation.id} media={l.media} />}
    </li>
  );
  return (
    <div className="conversation-view">
      <div className="conversation-main" {...dropProps}>
        {overlay}
        <ConversationHeader chat={chat} conversation={conversation} title={title} />
        <div className="messages-wrap">
          {dividerId && dividerOffscreen && (
            <button type="button" className="jump-unread" onClick={jumpToUnread}>
              {unreadLabel}
            </button>
          )}
          <div className="messages" ref={scroller} onScroll={onScroll}>
            <div ref={sentinel} className="history-sentinel" aria-hidden="true" />
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
                  const before = linesBefore(m.seq);
                  const created = new Date(m.createdAt);
                  const day = dayLabel(created);
                  const showDay = day !== lastDay;
                  // Urgent messages always show their header, so the "Urgent" label is visible.
                  const grouped =
                    !showDay && !m.urgent && m.id !== dividerId && lastAuthor === m.authorId && created.getTime() - lastTime < 5 * 60_000;
                  lastDay = day;
                  lastAuthor = m.authorId;
                  lastTime = created.getTime();
                  return (
                    <Fragment key={m.id}>
                      {before.map(systemRow)}
                      {m.id === dividerId && (
                        <li className="unread-divider" tabIndex={-1} aria-label="New messages start here">
                          New messages
                        </li>
                      )}
                      <MessageItem
                        people={people}
                        urgent={urgent}
                        actions={actions}
                        m={m}
                        day={showDay ? day : null}
                        grouped={grouped}
                        onOpenThread={openThread}
                        marks={marks}
                        onCardAnswer={onCardAnswer}
                        gallery={gallery}
                      />
                      {seen?.messageId === m.id && (
                        <li className="seen-by" title={seen.names}>
                          {seen.text}
                        </li>
                      )}
                    </Fragment>
                  );
                })}
              {linesBefore(Number.MAX_SAFE_INTEGER).map(systemRow)}
              {pending.map((p) => (
                <PendingRow key={p.clientMsgId} p={p} people={people} actions={actions} />
              ))}
            </ol>
          </div>
        </div>
        <CommandNotices replies={chat.bots.replies} conversationId={conversation.id} nameOf={nameOf} />
        <TypingIndicator presence={presence} people={people} conversationId={conversation.id} />
        <Composer people={people} members={members} actions={actions} conversation={conversation} title={title} presence={presence} bots={chat.bots} uploads={uploads} />
      </div>
      {threadRoot && (
        <ThreadPanel key={threadRoot} deps={chat} conversation={conversation} rootId={threadRoot} onClose={closeThread} />
      )}
    </div>
  );
}

function PendingRow({ p, people, actions }: { p: PendingSend; people: PeopleStore; actions: ChatActions }) {
  const html = useMemo(() => renderMarkdown(p.text, (id) => people.person(id)?.displayName), [p.text, people]);
  return (
    <li className={`message pending${p.state === 'failed' ? ' failed' : ''}`}>
      <span className="avatar" aria-hidden="true">
        {initials(people.me.displayName)}
      </span>
      <div className="message-body">
        <div className="message-meta">
          <span className="author">{people.me.displayName}</span>
          <span className="pending-state" role="status">
            {p.state === 'failed' ? `Not sent: ${p.error ?? 'error'}` : p.state === 'retrying' ? (p.error ?? 'Retrying…') : 'Sending…'}
          </span>
        </div>
        <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
        {(p.files?.length ?? 0) > 0 && <p className="muted small">{p.files!.length === 1 ? 'With 1 file' : `With ${p.files!.length} files`}</p>}
        {p.state === 'failed' && (
          <div className="pending-actions">
            <button type="button" className="secondary" onClick={() => actions.discard(p.clientMsgId)}>
              Discard
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
