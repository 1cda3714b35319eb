import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { api, ApiError } from '../api';
import { renderMarkdown } from '../markdown';
import type { ConversationSummary, Message, Profile } from '../types';
import type { PendingSend } from '../store/chat';
import { ChatController } from './controller';
import { Composer } from './Composer';
import { MessageItem } from './MessageItem';
import { ThreadPanel } from './ThreadPanel';
import { UrgentReminders } from './Urgent';
import { PresenceDot, PresenceSelector, presenceText, TypingIndicator } from './Presence';
import { dayLabel, initials } from './util';

function useVersion(c: ChatController): number {
  const s = useSyncExternalStore(c.store.subscribe, c.store.version);
  const [, force] = useState(0);
  useEffect(() => c.subscribe(() => force((n) => n + 1)), [c]);
  return s;
}

export function Shell({ controller, onSignOut }: { controller: ChatController; onSignOut: () => void }) {
  useVersion(controller);
  const [newChatOpen, setNewChatOpen] = useState(false);
  const active = controller.activeId ? controller.store.conversation(controller.activeId) : undefined;
  const unread = controller.store.conversations().reduce((n, c) => n + c.unreadCount, 0);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Confer` : 'Confer';
    return () => {
      document.title = 'Confer';
    };
  }, [unread]);

  // A copied message link (#/c/{conversation}/m/{message}) opens the conversation at that message.
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const known = controller.store.conversations().length;
  useEffect(() => {
    const match = /^#\/c\/([^/]+)(?:\/m\/([^/]+))?$/.exec(hash);
    if (!match) return;
    const cid = decodeURIComponent(match[1]);
    if (!controller.store.conversation(cid)) return;
    history.replaceState(null, '', location.pathname + location.search);
    setHash('');
    controller.select(cid);
    if (!match[2]) return;
    const target = `msg-${decodeURIComponent(match[2])}`;
    let tries = 0;
    const find = () => {
      const el = document.getElementById(target);
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.classList.add('linked');
      } else if (++tries < 20) setTimeout(find, 250);
    };
    find();
  }, [hash, known, controller]);

  return (
    <div className="shell">
      <a className="skip-link" href="#message-pane">
        Skip to messages
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">C</span>
          <span className="brand-name">Confer</span>
        </div>
        <div className="topbar-user">
          <span className="avatar small" aria-hidden="true">
            {initials(controller.me.displayName)}
          </span>
          <span>
            <span className="user-name">{controller.me.displayName}</span>
            <span className="muted user-org">{controller.me.organisation?.name}</span>
          </span>
          <PresenceSelector controller={controller} />
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <div className="banners">
        <ConnectionBanner state={controller.connection} />
        <UrgentReminders controller={controller} />
      </div>
      <nav className="rail" aria-label="Sections">
        <ul>
          <li>
            <a href="#chat" className="rail-item" aria-current="page">
              <svg className="rail-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                <path
                  d="M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-4.4 3.5A.5.5 0 0 1 4 20.1V17a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinejoin="round"
                />
              </svg>
              <span>Chat</span>
            </a>
          </li>
        </ul>
      </nav>
      <aside className="list-pane" aria-labelledby="chat-heading">
        <div className="list-head">
          <h2 id="chat-heading">Chat</h2>
          <button type="button" className="secondary" onClick={() => setNewChatOpen(true)}>
            New chat
          </button>
        </div>
        <ConversationList controller={controller} />
      </aside>
      <main id="message-pane" className="message-pane" tabIndex={-1} aria-label={active ? controller.title(active) : 'Messages'}>
        {active ? (
          <Conversation key={active.id} controller={controller} conversation={active} />
        ) : (
          <div className="empty">
            <h2>Welcome, {controller.me.displayName}</h2>
            <p className="muted">Choose a conversation, or start a new chat with a colleague.</p>
          </div>
        )}
      </main>
      {newChatOpen && (
        <NewChatDialog
          controller={controller}
          onClose={() => setNewChatOpen(false)}
          onStarted={(id) => {
            setNewChatOpen(false);
            controller.select(id);
          }}
        />
      )}
    </div>
  );
}

function ConnectionBanner({ state }: { state: string }) {
  // The first connection usually takes a moment: say "Connecting…" only if it is slow, so the
  // layout does not jump under the person's pointer at every start.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (state !== 'connecting') {
      setSlow(false);
      return;
    }
    const t = setTimeout(() => setSlow(true), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const text =
    state === 'connecting' && !slow
      ? ''
      : state === 'connecting'
      ? 'Connecting…'
      : state === 'reconnecting'
        ? 'Connection lost. Reconnecting… Messages you send will be delivered when it is back.'
        : state === 'offline'
          ? 'You are offline. Messages you send will be delivered when you are back online.'
          : '';
  return (
    <div className={`banner ${text ? `banner-${state}` : 'banner-hidden'}`} role="status" aria-live="polite">
      {text}
    </div>
  );
}

function ConversationList({ controller }: { controller: ChatController }) {
  const items = controller.store.conversations();
  const sorted = [...items].sort((a, b) => b.lastSeq - a.lastSeq || controller.title(a).localeCompare(controller.title(b)));
  if (sorted.length === 0) return <p className="muted pad">No conversations yet.</p>;
  return (
    <ul className="conversation-list">
      {sorted.map((c) => (
        <li key={c.id}>
          <ConversationItem controller={controller} c={c} active={c.id === controller.activeId} />
        </li>
      ))}
    </ul>
  );
}

function ConversationItem({ controller, c, active }: { controller: ChatController; c: ConversationSummary; active: boolean }) {
  const title = controller.title(c);
  // Direct chats show the other person's presence.
  const other = c.kind === 'direct' ? c.memberIds.find((id) => id !== controller.me.id) : undefined;
  const badge =
    c.unreadCount > 0
      ? `${c.unreadCount} unread${c.mentionCount > 0 ? `, ${c.mentionCount} mentioning you` : ''}`
      : '';
  return (
    <button
      type="button"
      className={`conversation${active ? ' active' : ''}${c.unreadCount > 0 ? ' unread' : ''}`}
      aria-current={active ? 'true' : undefined}
      onClick={() => controller.select(c.id)}
    >
      <span className="avatar-wrap">
        <span className="avatar" aria-hidden="true">
          {c.kind === 'channel' ? '#' : initials(title)}
        </span>
        {other && <PresenceDot controller={controller} userId={other} />}
      </span>
      <span className="conversation-title">{title}</span>
      {other && presenceText(controller, other) && <span className="visually-hidden">, {presenceText(controller, other)}</span>}
      {badge && <span className="visually-hidden">, {badge}</span>}
      {c.mentionCount > 0 && (
        <span className="badge mention" aria-hidden="true">
          @{c.mentionCount}
        </span>
      )}
      {c.unreadCount > 0 && (
        <span className="badge" aria-hidden="true">
          {c.unreadCount > 99 ? '99+' : c.unreadCount}
        </span>
      )}
    </button>
  );
}

function Conversation({ controller, conversation }: { controller: ChatController; conversation: ConversationSummary }) {
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
        <header className="pane-head">
          <h1>{title}</h1>
          {conversation.archived && <span className="tag">Archived</span>}
        </header>
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

function NewChatDialog({
  controller,
  onClose,
  onStarted,
}: {
  controller: ChatController;
  onClose: () => void;
  onStarted: (id: string) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Profile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current = document.activeElement;
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => {
      (opener.current as HTMLElement | null)?.focus?.();
    };
  }, []);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setResults([]);
      return;
    }
    let cancelled = false;
    setSearching(true);
    const t = setTimeout(() => {
      api
        .searchDirectory(term)
        .then((items) => {
          if (!cancelled) {
            setResults(items.filter((p) => p.id !== controller.me.id));
            setError(null);
          }
        })
        .catch((e) => !cancelled && setError(e instanceof ApiError ? e.detail : 'Search failed. Try again.'))
        .finally(() => !cancelled && setSearching(false));
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [q, controller]);

  const start = async (p: Profile) => {
    try {
      controller.store.addPeople([p]);
      onStarted(await controller.startDirect(p.id));
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Could not start the chat. Try again.');
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>New chat</h2>
      <label htmlFor="people-search">Search people by name, job title or department</label>
      <input
        id="people-search"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoFocus
        autoComplete="off"
        aria-describedby="people-search-status"
      />
      <p id="people-search-status" className="muted" role="status">
        {q.trim().length < 2 ? 'Type at least 2 characters.' : searching ? 'Searching…' : `${results.length} found`}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="people">
        {results.map((p) => (
          <li key={p.id}>
            <button type="button" className="person" onClick={() => void start(p)}>
              <span className="avatar" aria-hidden="true">
                {initials(p.displayName)}
              </span>
              <span>
                <span className="person-name">{p.displayName}</span>
                <span className="muted person-detail">
                  {[p.jobTitle, p.department, p.organisation?.name].filter(Boolean).join(' · ')}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-foot">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
