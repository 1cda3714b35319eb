import { useEffect, useState } from 'react';
import { useStore } from './useStore';
import { ChatController } from './controller';
import { ConnectionBanner } from './ConnectionBanner';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { NewChatDialog } from './NewChatDialog';
import { UrgentReminders } from './Urgent';
import { PresenceSelector } from './Presence';
import { initials } from './util';
import { TeamsPane, TeamsRailItem } from './teams/TeamsPane';
import { ActivityPane, ActivityRailItem } from './activity/ActivityPane';
import { isolate } from '../text/isolate';

function useVersion(c: ChatController): void {
  useStore(c.store);
  useStore(c);
}

export function Shell({ controller, onSignOut }: { controller: ChatController; onSignOut: () => void }) {
  useVersion(controller);
  const [newChatOpen, setNewChatOpen] = useState(false);
  const [section, setSection] = useState<'chat' | 'teams' | 'activity'>('chat');
  const active = controller.activeId ? controller.store.conversation(controller.activeId) : undefined;
  const unread = controller.store.conversations().reduce((n, c) => n + c.unreadCount, 0);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Confer` : 'Confer';
    return () => {
      document.title = 'Confer';
    };
  }, [unread]);

  // A copied message link opens the conversation at that message: #/c/{conversation}/m/{message}.
  // A thread reply's link, #/c/{conversation}/t/{root}/m/{reply} (or the older form without the
  // root, when the reply is loaded), opens the thread panel at the reply.
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const known = controller.store.conversations().length;
  useEffect(() => {
    const match = /^#\/c\/([^/]+)(?:\/t\/([^/]+))?(?:\/m\/([^/]+))?$/.exec(hash);
    if (!match) return;
    const cid = decodeURIComponent(match[1]);
    if (!controller.store.conversation(cid)) return;
    history.replaceState(null, '', location.pathname + location.search);
    setHash('');
    controller.select(cid);
    setSection(controller.store.conversation(cid)?.kind === 'channel' ? 'teams' : 'chat');
    if (!match[3]) return;
    const messageId = decodeURIComponent(match[3]);
    const linkedRoot = match[2] ? decodeURIComponent(match[2]) : undefined;
    const inside = (container: string, id: string) => document.querySelector<HTMLElement>(`${container} #${CSS.escape(`msg-${id}`)}`);
    let tries = 0;
    // The conversation and its thread render as their messages load: look again until they have.
    const find = () => {
      const rootId = linkedRoot ?? controller.store.message(cid, messageId)?.threadRootId;
      const el = rootId ? inside('.thread-pane', messageId) : inside('.message-list', messageId);
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.classList.add('linked');
        return;
      }
      // The thread panel belongs to the conversation view: open it as a person does, with the
      // root's replies button (focus then goes to the thread's composer).
      if (rootId && !inside('.thread-pane', rootId)) inside('.message-list', rootId)?.querySelector<HTMLButtonElement>('.replies')?.click();
      if (++tries < 40) setTimeout(find, 250);
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
            <ActivityRailItem controller={controller} current={section === 'activity'} onSelect={() => setSection('activity')} />
          </li>
          <li>
            <a
              href="#chat"
              className="rail-item"
              aria-current={section === 'chat' ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                setSection('chat');
              }}
            >
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
          <TeamsRailItem controller={controller} current={section === 'teams'} onSelect={() => setSection('teams')} />
        </ul>
      </nav>
      {section === 'activity' ? (
        <ActivityPane controller={controller} />
      ) : (
      <aside className="list-pane" aria-labelledby={section === 'teams' ? 'teams-heading' : 'chat-heading'}>
        {section === 'teams' ? (
          <TeamsPane controller={controller} />
        ) : (
          <>
            <div className="list-head">
              <h2 id="chat-heading">Chat</h2>
              <button type="button" className="secondary" onClick={() => setNewChatOpen(true)}>
                New chat
              </button>
            </div>
            <ConversationList controller={controller} />
          </>
        )}
      </aside>
      )}
      <main id="message-pane" className="message-pane" tabIndex={-1} aria-label={active ? controller.title(active) : 'Messages'}>
        {active ? (
          <ConversationView key={active.id} controller={controller} conversation={active} />
        ) : (
          <div className="empty">
            <h2>Welcome, {isolate(controller.me.displayName)}</h2>
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
            setSection('chat');
            controller.select(id);
          }}
        />
      )}
    </div>
  );
}
