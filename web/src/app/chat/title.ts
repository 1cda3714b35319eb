import type { PeopleStore } from '../../store/people';
import { isolate } from '../../text/isolate';
import type { ConversationSummary } from '../../types';

/** The name to show for a conversation: channel or topic name, else the other members. */
export function conversationTitle(c: ConversationSummary, people: Pick<PeopleStore, 'me' | 'person'>): string {
  // Each name isolated (text/isolate.ts): a right-to-left name must not reorder the others.
  if (c.name) return c.kind === 'channel' ? `# ${isolate(c.name)}` : isolate(c.name);
  const others = c.memberIds.filter((id) => id !== people.me.id);
  if (others.length === 0) return isolate(people.me.displayName) + ' (you)';
  return others.map((id) => isolate(people.person(id)?.displayName ?? '…')).join(', ');
}
