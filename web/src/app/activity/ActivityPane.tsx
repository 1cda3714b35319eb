import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { currentPermission, requestPermission, type Permission } from '../../notifications';
import type { ChatController } from '../controller';
import { initials, timeLabel, dayLabel } from '../util';
import type { ActivityItem } from './feed';
import './activity.css';
import { isolate } from '../../text/isolate';

function useActivity(controller: ChatController): number {
  return useSyncExternalStore(controller.activity.subscribe, controller.activity.version);
}

/** The rail entry, with the number of unread activity items. */
export function ActivityRailItem({ controller, current, onSelect }: { controller: ChatController; current: boolean; onSelect: () => void }) {
  useActivity(controller);
  const unread = controller.activity.feed.unreadCount();
  return (
    <a
      href="#activity"
      className="rail-item"
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        onSelect();
      }}
    >
      <span className="rail-icon-wrap">
        <svg className="rail-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a.7.7 0 0 0 .6 1h14.2a.7.7 0 0 0 .6-1L18 12.6V9a6 6 0 0 0-6-6zm-2 16a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 && (
          <span className="rail-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </span>
      <span>Activity</span>
      {unread > 0 && <span className="visually-hidden">, {unread} unread</span>}
    </a>
  );
}

function describe(item: ActivityItem, actor: string, where: string): string {
  switch (item.kind) {
    case 'mention':
      return item.everyone ? `${actor} mentioned everyone in ${where}` : `${actor} mentioned you in ${where}`;
    case 'urgent':
      return `${actor} sent an urgent message in ${where}`;
    case 'reaction':
      return `${actor} reacted ${item.emoji ?? ''} to your message in ${where}`;
    case 'added':
      return `${actor} added you to ${where}`;
  }
}

/** Plain text of a preview: names for mentions. React escapes it; no HTML is ever rendered here. */
function previewText(controller: ChatController, text: string): string {
  return text.replace(/<@([0-9a-fA-F-]{36})>/g, (_m, id: string) => `@${isolate(controller.store.person(id.toLowerCase())?.displayName ?? 'someone')}`);
}

function when(at: string): string {
  const d = new Date(at);
  const day = dayLabel(d);
  return day === 'Today' ? timeLabel(d) : `${day}, ${timeLabel(d)}`;
}

/** The Activity section: what happened to me, newest first; choosing an item opens the message. */
export function ActivityPane({ controller }: { controller: ChatController }) {
  useActivity(controller);
  const { feed } = controller.activity;
  const items = feed.items();
  // Items unread when they first showed stay highlighted while the pane is open, though the
  // feed marks them seen a moment later (the badge clears; the eye still finds them).
  const fresh = useRef(new Set<string>());
  for (const i of items) if (!i.read) fresh.current.add(i.id);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    controller.activity.setOpen(true);
    heading.current?.focus();
    return () => controller.activity.setOpen(false);
  }, [controller]);

  return (
    <aside className="list-pane activity-pane" aria-labelledby="activity-heading">
      <div className="list-head">
        <h2 id="activity-heading" ref={heading} tabIndex={-1}>
          Activity
        </h2>
      </div>
      <NotificationPrompt />
      {!feed.loaded && !controller.activity.failed && <p className="muted pad">Loading activity…</p>}
      {controller.activity.failed && !feed.loaded && <p className="muted pad">Activity could not be loaded. It is tried again when the connection returns.</p>}
      {feed.loaded && items.length === 0 && (
        <p className="muted pad">Nothing yet. Mentions, urgent messages, reactions to your messages and chats you are added to show here.</p>
      )}
      <ol className="activity-list" aria-label="Activity, newest first">
        {items.map((item) => {
          const actor = item.actorId ? isolate(controller.store.person(item.actorId)?.displayName ?? '…') : 'Someone';
          const c = controller.store.conversation(item.conversationId);
          const where = c ? controller.title(c) : 'a conversation';
          const isNew = fresh.current.has(item.id);
          return (
            <li key={item.id}>
              <button
                type="button"
                className={`activity-item kind-${item.kind}${isNew ? ' unread' : ''}`}
                onClick={() => controller.activity.openItem(item)}
              >
                <span className="avatar" aria-hidden="true">
                  {initials(actor)}
                </span>
                <span className="activity-text">
                  <span className="activity-line">
                    {isNew && <span className="visually-hidden">New: </span>}
                    {describe(item, actor, where)}
                  </span>
                  {item.preview !== undefined && <span className="activity-preview">{previewText(controller, item.preview)}</span>}
                  {item.deleted && <span className="activity-preview muted">This message was deleted.</span>}
                  <time className="activity-time muted" dateTime={item.at}>
                    {when(item.at)}
                    {item.edited && !item.deleted ? ' · edited' : ''}
                  </time>
                </span>
                {item.kind === 'urgent' && <span className="tag urgent-tag">Urgent</span>}
              </button>
            </li>
          );
        })}
      </ol>
      {feed.nextCursor && (
        <div className="older">
          <button type="button" className="secondary" onClick={() => void controller.activity.loadOlder()}>
            Show older activity
          </button>
        </div>
      )}
    </aside>
  );
}

/** Asks for desktop notifications only when the person presses the button. */
export function NotificationPrompt() {
  const [permission, setPermission] = useState<Permission>(() => currentPermission());
  const [later, setLater] = useState(false);
  if (permission === 'granted' || permission === 'unsupported' || later) return null;
  if (permission === 'denied') {
    return <p className="notify-prompt muted">Desktop notifications are blocked for this site in your browser’s settings.</p>;
  }
  return (
    <div className="notify-prompt" role="region" aria-label="Desktop notifications">
      <p>Get a desktop notification for direct messages, mentions and urgent messages when Confer is in the background.</p>
      <div className="notify-actions">
        <button type="button" className="secondary" onClick={() => void requestPermission().then(setPermission)}>
          Turn on notifications
        </button>
        <button type="button" className="link-button" onClick={() => setLater(true)}>
          Not now
        </button>
      </div>
    </div>
  );
}
