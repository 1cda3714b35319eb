import type { ConversationStore } from '../../store/conversations';
import type { PeopleStore } from '../../store/people';
import type { PresenceStore } from '../../store/presence';
import type { ConversationSummary } from '../../types';
import { useStore } from '../useStore';
import { initials } from '../util';
import { PresenceDot, presenceText } from './Presence';
import { conversationTitle } from './title';
import { UnreadBadges } from '../ui/UnreadBadges';
import { BotBadgeFor } from '../bots/BotBadge';

/** Direct and group chats (channels live in the Teams section). */
export function ConversationList({
  conversations,
  people,
  presence,
  activeId,
  onSelect,
}: {
  conversations: ConversationStore;
  people: PeopleStore;
  presence: PresenceStore;
  activeId: string | null;
  onSelect: (id: string) => void;
}) {
  useStore(conversations);
  useStore(people);
  useStore(presence);
  const title = (c: ConversationSummary) => conversationTitle(c, people);
  const items = conversations.conversations().filter((c) => c.kind !== 'channel');
  const sorted = [...items].sort((a, b) => b.lastSeq - a.lastSeq || title(a).localeCompare(title(b)));
  if (sorted.length === 0) return <p className="muted pad">No conversations yet.</p>;
  return (
    <ul className="conversation-list">
      {sorted.map((c) => (
        <li key={c.id}>
          <ConversationItem c={c} title={title(c)} meId={people.me.id} people={people} presence={presence} active={c.id === activeId} onSelect={onSelect} />
        </li>
      ))}
    </ul>
  );
}

function ConversationItem({
  c,
  title,
  meId,
  people,
  presence,
  active,
  onSelect,
}: {
  c: ConversationSummary;
  title: string;
  meId: string;
  people: PeopleStore;
  presence: PresenceStore;
  active: boolean;
  onSelect: (id: string) => void;
}) {
  // Direct chats show the other person's presence.
  const other = c.kind === 'direct' ? c.memberIds.find((id) => id !== meId) : undefined;
  const badge =
    c.unreadCount > 0
      ? `${c.unreadCount} unread${c.mentionCount > 0 ? `, ${c.mentionCount} mentioning you` : ''}`
      : '';
  return (
    <button
      type="button"
      className={`conversation${active ? ' active' : ''}${c.unreadCount > 0 ? ' unread' : ''}`}
      aria-current={active ? 'true' : undefined}
      onClick={() => onSelect(c.id)}
    >
      <span className="avatar-wrap">
        <span className="avatar" aria-hidden="true">
          {c.kind === 'channel' ? '#' : initials(title)}
        </span>
        {other && <PresenceDot presence={presence} userId={other} />}
      </span>
      <span className="conversation-title">{title}</span>
      {other && <BotBadgeFor person={people.person(other)} />}
      {other && presenceText(presence, other) && <span className="visually-hidden">, {presenceText(presence, other)}</span>}
      <UnreadBadges text={badge} unread={c.unreadCount} mentions={c.mentionCount} />
    </button>
  );
}
