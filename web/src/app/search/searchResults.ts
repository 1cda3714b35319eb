/**
 * The answer as the list shows it: groups in a fixed order, and every result as one option in a
 * single sequence, so the arrow keys move through all groups and Enter opens the active one.
 */
import type { ConversationHit, FileHit, MessageHit, PersonHit, SearchAnswer, TeamHit } from './searchTypes';

export type SearchOption =
  | { kind: 'message'; key: string; hit: MessageHit }
  | { kind: 'person'; key: string; hit: PersonHit }
  | { kind: 'conversation'; key: string; hit: ConversationHit }
  | { kind: 'team'; key: string; hit: TeamHit }
  | { kind: 'file'; key: string; hit: FileHit };

export interface SearchGroup {
  kind: SearchOption['kind'];
  label: string;
  options: SearchOption[];
}

/** Messages first (what people search for most), then who and where, then files. */
export function searchGroups(a: SearchAnswer | null): SearchGroup[] {
  if (!a) return [];
  const groups: SearchGroup[] = [
    { kind: 'message', label: 'Messages', options: (a.messages ?? []).map((hit) => ({ kind: 'message', key: `m:${hit.id}`, hit })) },
    { kind: 'person', label: 'People', options: (a.people ?? []).map((hit) => ({ kind: 'person', key: `p:${hit.id}`, hit })) },
    {
      kind: 'conversation',
      label: 'Channels and chats',
      options: (a.conversations ?? []).map((hit) => ({ kind: 'conversation', key: `c:${hit.id}`, hit })),
    },
    { kind: 'team', label: 'Teams', options: (a.teams ?? []).map((hit) => ({ kind: 'team', key: `t:${hit.id}`, hit })) },
    { kind: 'file', label: 'Files', options: (a.files ?? []).map((hit) => ({ kind: 'file', key: `f:${hit.id}`, hit })) },
  ];
  return groups.filter((g) => g.options.length > 0);
}

export function flatOptions(groups: SearchGroup[]): SearchOption[] {
  return groups.flatMap((g) => g.options);
}

/**
 * The active option after a key press, or null when the key is not a list key. The list wraps
 * at its ends, like the jump-to and mention lists; nothing is active (-1) until an arrow is pressed.
 */
export function nextActive(key: string, active: number, count: number): number | null {
  if (count === 0) return key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End' ? -1 : null;
  switch (key) {
    case 'ArrowDown':
      return active < 0 ? 0 : (active + 1) % count;
    case 'ArrowUp':
      return active < 0 ? count - 1 : (active - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The hash the shell opens a message at (app/Shell.tsx): a thread reply opens its thread at the reply. */
export function messageHash(conversationId: string, messageId: string, threadRootId?: string | null): string {
  const thread = threadRootId ? `/t/${encodeURIComponent(threadRootId)}` : '';
  return `#/c/${encodeURIComponent(conversationId)}${thread}/m/${encodeURIComponent(messageId)}`;
}
