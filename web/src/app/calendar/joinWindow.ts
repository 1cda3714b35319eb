/**
 * When a meeting's Join button works: from ten minutes before the start (people arrive early to
 * check their camera) until the end. Pure, so the calendar and its tests agree on the edges.
 */
export const JOIN_EARLY_MS = 10 * 60_000;

export type JoinWindow =
  | { state: 'early'; opensAt: Date }
  | { state: 'open' }
  | { state: 'ended' };

export function joinWindow(start: Date, end: Date, now: Date): JoinWindow {
  const opensAt = new Date(start.getTime() - JOIN_EARLY_MS);
  if (now.getTime() < opensAt.getTime()) return { state: 'early', opensAt };
  if (now.getTime() >= end.getTime()) return { state: 'ended' };
  return { state: 'open' };
}

/** When the button's state next changes (to re-render then), or null once the meeting is over. */
export function nextJoinChange(start: Date, end: Date, now: Date): Date | null {
  const w = joinWindow(start, end, now);
  if (w.state === 'early') return w.opensAt;
  if (w.state === 'open') return end;
  return null;
}
