/**
 * A file shown as "Checking for viruses…" asks the server again until it is ready or refused.
 * The server announces the end of a scan (message.files-updated, applied by store/messages.ts);
 * polling is the fallback for a stream that is down at that moment: GET /api/v1/files/{id},
 * 2 s, then doubling to 30 s (a clamd scan of a large file takes seconds, not minutes), and
 * stops after MAX_POLLS. An edit snapshot carrying the new status (store/messages.ts) also ends it.
 */
import type { FileStatus } from '../../types';

export const FIRST_POLL_MS = 2000;
export const MAX_POLL_MS = 30_000;
export const MAX_POLLS = 20;

export function pollDelay(attempt: number): number {
  return Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** attempt);
}

/**
 * Polls `read` until the status is no longer scanning; calls `onStatus` with the new one.
 * Answers a stop function (the chip went away).
 */
export function watchScan(
  read: () => Promise<{ status: FileStatus; thumbnail?: boolean }>,
  onStatus: (s: { status: FileStatus; thumbnail?: boolean }) => void,
  timers: { setTimer: (fn: () => void, ms: number) => unknown; clearTimer: (h: unknown) => void } = {
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): () => void {
  let stopped = false;
  let handle: unknown;
  const tick = (attempt: number) => {
    if (stopped || attempt >= MAX_POLLS) return;
    handle = timers.setTimer(() => {
      read().then(
        (f) => {
          if (stopped) return;
          if (f.status !== 'scanning') onStatus(f);
          else tick(attempt + 1);
        },
        () => !stopped && tick(attempt + 1),
      );
    }, pollDelay(attempt));
  };
  tick(0);
  return () => {
    stopped = true;
    if (handle !== undefined) timers.clearTimer(handle);
  };
}
