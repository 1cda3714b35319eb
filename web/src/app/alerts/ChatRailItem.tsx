import type { ConversationStore } from '../../store/conversations';
import { RailIcon, RailItem } from '../ui/RailItem';
import { useStore } from '../useStore';
import { chatUnread } from './railCounts';

/** The Chat item of the left rail, with every unread message of direct and group chats. */
export function ChatRailItem({ conversations, current, onSelect }: { conversations: ConversationStore; current: boolean; onSelect: () => void }) {
  useStore(conversations);
  const unread = chatUnread(conversations.conversations());
  return (
    <RailItem
      href="#chat"
      label="Chat"
      current={current}
      onSelect={onSelect}
      unread={unread}
      unreadText={`, ${unread} unread`}
      icon={
        <RailIcon>
          <path
            d="M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-4.4 3.5A.5.5 0 0 1 4 20.1V17a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z"
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
