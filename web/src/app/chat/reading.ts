/**
 * Where reading starts when a conversation opens, and how far the person has read. Pure, so the
 * rules are tested without a browser.
 */
import type { Message } from '../../types';

/**
 * The first message the person has not read: the oldest main-pane message (not a thread reply)
 * after their read marker that someone else wrote and that is not deleted. Null when there is
 * none among `messages` (oldest first).
 */
export function firstUnread(messages: Message[], readSeq: number, meId: string): Message | null {
  for (const m of messages) {
    if (m.seq > readSeq && !m.threadRootId && m.authorId !== meId && !m.deletedAt) return m;
  }
  return null;
}

/**
 * Whether the loaded history reaches back to the read marker: if not, older pages must be
 * loaded before the first unread message is known.
 */
export function reachesReadMarker(messages: Message[], readSeq: number, hasMore: boolean): boolean {
  return !hasMore || (messages.length > 0 && messages[0].seq <= readSeq + 1);
}

/**
 * The seq to move the read marker to once message `seenSeq` has been on screen: the
 * conversation's last seq when the newest message has been seen (so reactions and edits after
 * it count as read too), else the seen message's own seq. Never back.
 */
export function readMarkerFor(seenSeq: number, newestMessageSeq: number, lastSeq: number, readSeq: number): number {
  const target = seenSeq >= newestMessageSeq ? Math.max(lastSeq, seenSeq) : seenSeq;
  return Math.max(target, readSeq);
}
