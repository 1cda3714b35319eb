/** Reactions on a message: who reacted with what, changed one event at a time. Pure. */
import type { Message, Reaction } from '../types';

/** Whether `userId` has reacted with `emoji` (so clicking it removes the reaction). */
export function hasReacted(m: Message, emoji: string, userId: string | undefined): boolean {
  return !!userId && !!m.reactions?.some((r) => r.emoji === emoji && r.userIds.includes(userId));
}

/** The reactions after `userId` added (or removed) `emoji`; an emoji nobody has any more is left out. */
export function changeReaction(reactions: Reaction[], emoji: string, userId: string, add: boolean): Reaction[] {
  const out = reactions.map((r) => ({ ...r, userIds: [...r.userIds] }));
  const r = out.find((x) => x.emoji === emoji);
  if (add) {
    if (!r) out.push({ emoji, count: 1, userIds: [userId] });
    else if (!r.userIds.includes(userId)) {
      r.userIds.push(userId);
      r.count++;
    }
  } else if (r && r.userIds.includes(userId)) {
    r.userIds = r.userIds.filter((u) => u !== userId);
    r.count--;
  }
  return out.filter((x) => x.count > 0);
}
