import { useEffect, useRef, useState } from 'react';
import { currentPermission, requestPermission, type Permission } from '../../notifications';
import type { ConversationStore } from '../../store/conversations';
import type { PeopleStore } from '../../store/people';
import type { TeamsStore } from '../teams/teamsStore';
import { plainText } from '../../markdown';
import { isolate } from '../../text/isolate';
import type { ConversationKind } from '../../types';
import { conversationTitle } from '../chat/title';
import { RailIcon, RailItem } from '../ui/RailItem';
import { useStore } from '../useStore';
import { dayLabel, initials, timeLabel } from '../util';
import type { ActivityController } from './ActivityController';
import type { ActivityItem } from './feed';
import './activity.css';

/** The rail entry, with the number of unread activity items. */
export function ActivityRailItem({ activity, current, onSelect }: { activity: ActivityController; current: boolean; onSelect: () => void }) {
  useStore(activity);
  const unread = activity.feed.unreadCount();
  return (
    <RailItem
      href="#activity"
      label="Activity"
      current={current}
      onSelect={onSelect}
      unread={unread}
      unreadText={`, ${unread} unread`}
      icon={
        <RailIcon>
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a.7.7 0 0 0 .6 1h14.2a.7.7 0 0 0 .6-1L18 12.6V9a6 6 0 0 0-6-6zm-2 16a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
        </RailIcon>
      }
    />
  );
}

/** "the Ward 7 team", or "Ward 7 Team" when the name already says it. */
export function teamPhrase(name: string): string {
  return /\bteam$/i.test(name.trim()) ? isolate(name) : `the ${isolate(name)} team`;
}

function describe(item: ActivityItem, actor: string, where: string, kind: ConversationKind | undefined, team?: string): string {
  switch (item.kind) {
    case 'mention':
      return item.everyone ? `${actor} mentioned everyone in ${where}` : `${actor} mentioned you in ${where}`;
    case 'urgent':
      return `${actor} sent an urgent message in ${where}`;
    case 'reaction':
      return `${actor} reacted ${item.emoji ?? ''} to your message in ${where}`;
    case 'added':
      return kind === 'direct' ? `${actor} started a chat with you` : `${actor} added you to ${where}${team ? ` in ${teamPhrase(team)}` : ''}`;
    case 'reply':
      return `${actor} replied in a thread you're in, in ${where}`;
    case 'direct':
      return kind === 'direct' ? `${actor} sent you a message` : `${actor} wrote in ${where}`;
  }
}

/**
 * Plain text of a preview (markdown marks dropped, names for mentions). It is a string that
 * React puts in a text node: no HTML is ever rendered here.
 */
function previewText(people: PeopleStore, text: string): string {
  return plainText(text, (id) => isolate(people.person(id)?.displayName ?? 'someone'));
}

function when(at: string): string {
  const d = new Date(at);
  const day = dayLabel(d);
  return day === 'Today' ? timeLabel(d) : `${day}, ${timeLabel(d)}`;
}

/** The Activity section: what happened to me, newest first; choosing an item opens the message. */
export function ActivityPane({
  activity,
  people,
  conversations,
  teams,
}: {
  activity: ActivityController;
  people: PeopleStore;
  conversations: ConversationStore;
  /** Names the team of a channel one was added to ("# General" alone does not say which). */
  teams: TeamsStore;
}) {
  useStore(activity);
  useStore(teams);
  useStore(people);
  useStore(conversations);
  const { feed } = activity;
  const items = feed.items();
  // Items unread when they first showed stay highlighted while the pane is open, though the
  // feed marks them seen a moment later (the badge clears; the eye still finds them).
  const fresh = useRef(new Set<string>());
  for (const i of items) if (!i.read) fresh.current.add(i.id);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!teams.loaded()) teams.refresh().catch(() => {});
  }, [teams]);

  useEffect(() => {
    activity.setOpen(true);
    heading.current?.focus();
    return () => activity.setOpen(false);
  }, [activity]);

  return (
    <aside className="list-pane activity-pane" aria-labelledby="activity-heading">
      <div className="list-head">
        <h2 id="activity-heading" ref={heading} tabIndex={-1}>
          Activity
        </h2>
      </div>
      <NotificationPrompt />
      {!feed.loaded && !activity.failed && <p className="muted pad">Loading activity…</p>}
      {activity.failed && !feed.loaded && <p className="muted pad">Activity could not be loaded. It is tried again when the connection returns.</p>}
      {feed.loaded && items.length === 0 && (
        <p className="muted pad">Nothing yet. Direct and group messages, replies to your threads, mentions, urgent messages, reactions to your messages and chats you are added to show here.</p>
      )}
      <ol className="activity-list" aria-label="Activity, newest first">
        {items.map((item) => {
          const actor = item.actorId ? isolate(people.person(item.actorId)?.displayName ?? '…') : 'Someone';
          const c = conversations.conversation(item.conversationId);
          const where = c ? conversationTitle(c, people) : 'a conversation';
          const isNew = fresh.current.has(item.id);
          return (
            <li key={item.id}>
              <button
                type="button"
                className={`activity-item kind-${item.kind}${isNew ? ' unread' : ''}`}
                onClick={() => activity.openItem(item)}
              >
                <span className="avatar" aria-hidden="true">
                  {initials(actor)}
                </span>
                <span className="activity-text">
                  <span className="activity-line">
                    {isNew && <span className="visually-hidden">New: </span>}
                    {describe(item, actor, where, c?.kind, c?.kind === 'channel' ? teams.team(c.teamId)?.name : undefined)}
                  </span>
                  {item.preview !== undefined && <span className="activity-preview">{previewText(people, item.preview)}</span>}
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
          <button type="button" className="secondary" onClick={() => void activity.loadOlder()}>
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
