import type { ConversationSummary } from '../types';
import type { ChatController } from './controller';
import { PresenceDot, presenceText } from './Presence';
import { initials } from './util';

/** Direct and group chats (channels live in the Teams section). */
export function ConversationList({ controller }: { controller: ChatController }) {
  const items = controller.store.conversations().filter((c) => c.kind !== 'channel');
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
