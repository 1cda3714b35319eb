/** The person's signed-in devices (GET/DELETE /api/v1/me/sessions). */
import { request } from '../../api';

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  clientAddress: string | null;
  current: boolean;
}

export const sessionsApi = {
  list: () => request<{ items: SessionInfo[] }>('GET', '/api/v1/me/sessions').then((r) => r.items),
  revoke: (id: string) => request<void>('DELETE', `/api/v1/me/sessions/${encodeURIComponent(id)}`),
};

/**
 * Signs out every session but this one, one by one (the API ends all sessions, this one
 * included, or one at a time). Each ended session's stream closes at once (4001). A device that
 * signs in while this runs is not in the list and stays signed in; the list is read again after.
 */
export async function signOutOthers(sessions: SessionInfo[]): Promise<number> {
  const others = sessions.filter((s) => !s.current);
  const results = await Promise.allSettled(others.map((s) => sessionsApi.revoke(s.id)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) throw (failed[0] as PromiseRejectedResult).reason;
  return others.length;
}

/** "Chrome on Windows" from a user agent; the raw string when nothing is recognised. */
export function deviceName(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(ua)
        ? /HeadlessChrome/.test(ua)
          ? 'Chrome (headless)'
          : 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Android/.test(ua)
        ? 'Android'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  if (!browser && !os) return ua.length > 60 ? `${ua.slice(0, 59)}…` : ua;
  return [browser ?? 'A browser', os].filter(Boolean).join(' on ');
}
