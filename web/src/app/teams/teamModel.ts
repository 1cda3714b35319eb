/**
 * What the Teams section shows, derived from the caller's teams and conversations: each team
 * with the channels the caller is in, and the unread and mention totals that badge them.
 */
import type { ConversationSummary, Team } from '../../types';

export interface TeamEntry {
  team: Team;
  /** General first, then by name; archived channels last. */
  channels: ConversationSummary[];
  unreadCount: number;
  mentionCount: number;
}

function channelOrder(a: ConversationSummary, b: ConversationSummary): number {
  if (a.archived !== b.archived) return a.archived ? 1 : -1;
  const ga = a.name === 'General';
  const gb = b.name === 'General';
  if (ga !== gb) return ga ? -1 : 1;
  return (a.name ?? '').localeCompare(b.name ?? '', undefined, { sensitivity: 'base' });
}

/** Teams by name, each with its channels from `conversations` (which may include other kinds). */
export function teamTree(teams: Team[], conversations: ConversationSummary[]): TeamEntry[] {
  const byTeam = new Map<string, ConversationSummary[]>();
  for (const c of conversations) {
    if (c.kind !== 'channel' || !c.teamId) continue;
    let list = byTeam.get(c.teamId);
    if (!list) byTeam.set(c.teamId, (list = []));
    list.push(c);
  }
  return [...teams]
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
    .map((team) => {
      const channels = (byTeam.get(team.id) ?? []).sort(channelOrder);
      return {
        team,
        channels,
        unreadCount: channels.reduce((n, c) => n + c.unreadCount, 0),
        mentionCount: channels.reduce((n, c) => n + c.mentionCount, 0),
      };
    });
}

/** Unread messages in all channels (the Teams rail badge). */
export function channelUnread(conversations: ConversationSummary[]): number {
  return conversations.reduce((n, c) => (c.kind === 'channel' ? n + c.unreadCount : n), 0);
}

/**
 * Whether the list of teams must be fetched again: a channel of a team we do not know arrived
 * (someone added us to a team), or a team we know has no channel left for us (we left it or
 * were removed).
 */
export function teamsOutOfDate(known: Team[], conversations: ConversationSummary[]): boolean {
  const knownIds = new Set(known.map((t) => t.id));
  const withChannels = new Set<string>();
  for (const c of conversations) if (c.kind === 'channel' && c.teamId) withChannels.add(c.teamId);
  for (const id of withChannels) if (!knownIds.has(id)) return true;
  for (const id of knownIds) if (!withChannels.has(id)) return true;
  return false;
}

/** "Ward 7 · 3 unread, 1 mentioning you" for screen readers; '' when nothing is unread. */
export function badgeText(unreadCount: number, mentionCount: number): string {
  if (unreadCount <= 0) return '';
  return `${unreadCount} unread${mentionCount > 0 ? `, ${mentionCount} mentioning you` : ''}`;
}

/** Member rows for lists: owners first, then by name (people whose profile has not loaded yet last). */
export function sortMembers<T extends { userId: string; role?: string }>(rows: T[], nameOf: (id: string) => string | undefined): T[] {
  return [...rows].sort((a, b) => {
    const ra = a.role === 'owner' ? 0 : 1;
    const rb = b.role === 'owner' ? 0 : 1;
    if (ra !== rb) return ra - rb;
    const na = nameOf(a.userId);
    const nb = nameOf(b.userId);
    if (!na || !nb) return na ? -1 : nb ? 1 : a.userId.localeCompare(b.userId);
    return na.localeCompare(nb, undefined, { sensitivity: 'base' });
  });
}
