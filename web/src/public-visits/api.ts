/*
 * The public visits API (docs/virtual-visits.md "HTTP API"): JSON in, JSON or problem+json out.
 * No cookie is sent: nothing public rides on a sign-in.
 */
import { type Problem, toProblem } from './problems';
import type { Slot } from './dates';

export type Result<T> = { ok: true; status: number; value: T } | { ok: false; problem: Problem };

/**
 * The guest pages (guestApi.ts) take the `confer_guest` cookie the guest-session exchange sets
 * and send the CSRF header: {@code credentials: 'same-origin'} and extra headers.
 */
export interface CallOptions {
  credentials?: RequestCredentials;
  headers?: Record<string, string>;
  /** Outlives the page (leaving the visit as the tab closes). */
  keepalive?: boolean;
}

export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, options: CallOptions = {}): Promise<Result<T>> {
  let response: Response;
  try {
    const headers: Record<string, string> = body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' };
    response = await fetch(path, {
      method,
      credentials: options.credentials ?? 'omit',
      cache: 'no-store',
      keepalive: options.keepalive,
      headers: { ...headers, ...options.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, problem: toProblem(0, null) };
  }
  let json: unknown = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const problem = toProblem(response.status, json);
    const retry = Number(response.headers.get('Retry-After'));
    if (problem.retryAfterSeconds === undefined && retry > 0) problem.retryAfterSeconds = retry;
    return { ok: false, problem };
  }
  return { ok: true, status: response.status, value: json as T };
}

export interface Question {
  name: string;
  label: string;
  required: boolean;
}

export interface PublicCalendar {
  name: string;
  wardName: string;
  durationMinutes: number;
  fields: Question[];
  privacyNotice: string;
  consentText: string;
}

export interface Booked {
  reference: string;
  start: string;
  end: string;
  calendarName: string;
}

export interface ManagedVisit {
  reference: string;
  start: string;
  end: string;
  status: string;
  calendarName: string;
  slug: string;
}

export interface JoinInfo {
  start: string;
  end: string;
  opensAt: string;
  closesAt: string;
  calendarName: string;
  state: 'early' | 'open' | 'closed';
}

const CALENDARS = '/api/v1/public/visit-calendars/';

export const publicApi = {
  calendar: (slug: string) => call<PublicCalendar>('GET', CALENDARS + encodeURIComponent(slug)),
  slots: (slug: string, from: string, days: number) =>
    call<{ items: Slot[] }>('GET', `${CALENDARS}${encodeURIComponent(slug)}/slots?from=${from}&days=${days}`),
  challenge: () => call<{ challenge: string; difficulty: number; expiresAt: string | number }>('GET', '/api/v1/public/visit-challenge'),
  book: (slug: string, body: unknown) => call<Booked>('POST', `${CALENDARS}${encodeURIComponent(slug)}/bookings`, body),
  manage: (token: string) => call<ManagedVisit>('POST', '/api/v1/public/visits/manage', { token }),
  cancel: (token: string) => call<unknown>('POST', '/api/v1/public/visits/cancel', { token }),
  reschedule: (token: string, slotStart: string) => call<ManagedVisit>('POST', '/api/v1/public/visits/reschedule', { token, slotStart }),
  joinInfo: (token: string) => call<JoinInfo>('POST', '/api/v1/public/visits/join-info', { token }),
};

/** The token of a link: the URL fragment, which never reaches the server but in a POST body. */
export function tokenFromHash(hash: string): string {
  const t = hash.replace(/^#/, '').trim();
  return /^[A-Za-z0-9_-]{16,200}$/.test(t) ? t : '';
}
