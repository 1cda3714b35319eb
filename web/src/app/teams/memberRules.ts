/**
 * Who may remove others from a conversation (docs/decisions.md, "Who may add, remove and see
 * what"): in a group chat only the person who started it — anyone may add people, anyone may
 * leave, so nobody removes the creator; in a private channel the team's owners; standard
 * channels follow the team, direct chats are always two people; archived conversations are read-only.
 */
import type { ConversationSummary } from '../../types';

export function mayRemoveOthers(
  c: Pick<ConversationSummary, 'kind' | 'visibility' | 'archived' | 'createdBy'>,
  meId: string,
  isTeamOwner: boolean,
): boolean {
  if (c.archived) return false;
  if (c.kind === 'group') return c.createdBy === meId;
  if (c.kind === 'channel' && c.visibility === 'private') return isTeamOwner;
  return false;
}

/** Anyone in a group chat adds people; in a private channel any member adds team members. */
export function mayAddPeople(c: Pick<ConversationSummary, 'kind' | 'visibility' | 'archived'>): boolean {
  return !c.archived && (c.kind === 'group' || (c.kind === 'channel' && c.visibility === 'private'));
}
