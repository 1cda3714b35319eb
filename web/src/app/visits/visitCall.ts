/**
 * The joining step's pure parts of the ward view (docs/virtual-visits.md, "Joining"): when a
 * visit may be joined, what its Waiting badge says, which visits the kiosk shows, whether the
 * kiosk opens by itself after sign-in, and the Add interpreter form's checks. No React, no
 * fetch: tested in visitCall.test.ts.
 */
import type { GuestRole, Visit, VisitCalendar, WaitingGuest } from './api';
import { type ActionState, londonDate, localTime } from './visitsModel';

/** A join link works from 15 minutes before the start to 15 minutes after the end (the grace period). */
export const JOIN_GRACE_MS = 15 * 60_000;

const ok: ActionState = { enabled: true, reason: null };
const no = (reason: string): ActionState => ({ enabled: false, reason });

/** The visit's window: when its call may be joined. */
export function joinWindow(v: Pick<Visit, 'start' | 'end'>): { opensAt: number; closesAt: number } {
  return { opensAt: Date.parse(v.start) - JOIN_GRACE_MS, closesAt: Date.parse(v.end) + JOIN_GRACE_MS };
}

export function inJoinWindow(v: Pick<Visit, 'start' | 'end'>, now: number): boolean {
  const w = joinWindow(v);
  return now >= w.opensAt && now < w.closesAt;
}

/**
 * Join as host: a visit that is not cancelled or marked no-show, in its window. (A visit marked
 * attended may still be going on.) Before the window, the reason says when it opens.
 */
export function joinState(v: Pick<Visit, 'status' | 'start' | 'end'>, now: number, hour12 = false): ActionState {
  if (v.status === 'cancelled') return no('This visit was cancelled.');
  if (v.status === 'no-show') return no('This visit was marked no-show.');
  const w = joinWindow(v);
  if (now < w.opensAt) return no(`Join opens at ${localTime(w.opensAt, hour12)}, 15 minutes before the visit.`);
  if (now >= w.closesAt) return no('This visit’s time has passed.');
  return ok;
}

/** Add interpreter: for a booked visit, until its window closes (the server's rule: 409 visit-state otherwise). */
export function interpreterState(v: Pick<Visit, 'status' | 'start' | 'end'>, now: number): ActionState {
  if (v.status !== 'booked') return no('Only a booked visit can have an interpreter.');
  if (now >= joinWindow(v).closesAt) return no('This visit’s time has passed.');
  return ok;
}

export function roleLabel(role: GuestRole): string {
  return role === 'interpreter' ? 'interpreter' : 'visitor';
}

/** "Vera Visitor (visitor)": a guest's name and role, as the badge, the buttons and the call view say it. */
export function guestLabel(g: Pick<WaitingGuest, 'name' | 'role'>): string {
  return `${g.name.trim() || 'A guest'} (${roleLabel(g.role)})`;
}

/** The Waiting badge's words: "Waiting: Vera Visitor (visitor)", or '' when nobody waits. */
export function waitingText(waiting: readonly Pick<WaitingGuest, 'name' | 'role'>[]): string {
  return waiting.length ? `Waiting: ${waiting.map(guestLabel).join(', ')}` : '';
}

/** "In call (2)", or '' when nobody is in the call. */
export function inCallText(n: number): string {
  return n > 0 ? `In call (${n})` : '';
}

/** The call's name on the pre-join screen and in the call view. */
export function visitCallTitle(v: Pick<Visit, 'visitorName' | 'patientName' | 'reference'>): string {
  return `Visit ${v.reference}: ${v.visitorName || 'visitor'} to see ${v.patientName || 'the patient'}`;
}

/** Guests waiting across visits: the rail's count. */
export function waitingCount(visits: Iterable<Pick<Visit, 'waiting'>>): number {
  let n = 0;
  for (const v of visits) n += v.waiting.length;
  return n;
}

/**
 * What the call view learns from the visits list: guests' names (they are not in the directory)
 * and, for each visit with a live call, who waits in its lobby (the people who see this list host
 * the visit's call). `store` is the call store's part that takes them (CallStore).
 */
export function tellCalls(store: { knowNames(n: [string, string][]): void; setLobby(callId: string, w: { userId: string; since: string }[]): void }, visits: readonly Visit[]): void {
  store.knowNames(guestNames(visits));
  for (const v of visits) if (v.callId) store.setLobby(v.callId, v.waiting.map((g) => ({ userId: g.guestId, since: g.since })));
}

/** Names to tell the call view (guests are not in the directory): [guestId, "Name (role)"]. */
export function guestNames(visits: Iterable<Pick<Visit, 'waiting'>>): [string, string][] {
  const out: [string, string][] = [];
  for (const v of visits) for (const g of v.waiting) if (g.guestId) out.push([g.guestId, guestLabel(g)]);
  return out;
}

// ---- kiosk --------------------------------------------------------------------------------

export const KIOSK_HASH = '#/visits/kiosk';

export function isKioskHash(hash: string): boolean {
  return hash === KIOSK_HASH || hash === `${KIOSK_HASH}/`;
}

/** The calendars a ward device hosts; a person who hosts none (a manager trying the kiosk) sees all of theirs. */
export function kioskCalendars(calendars: readonly VisitCalendar[], meId: string): VisitCalendar[] {
  const hosted = calendars.filter((c) => c.hosts.some((h) => h.userId === meId));
  return hosted.length ? hosted : [...calendars];
}

/** Whether I am a ward device: a host marked `device` of one of these calendars. */
export function isWardDevice(calendars: readonly VisitCalendar[], meId: string): boolean {
  return calendars.some((c) => c.hosts.some((h) => h.userId === meId && h.device));
}

/**
 * Whether the kiosk opens by itself after sign-in: for a ward device, unless the address the
 * app was opened at names another place (a message link, a meeting, Settings …). Only the
 * address counts, not the conversation a reload would reopen: a device has no chat to go back to.
 */
export function opensKiosk(initialHash: string, calendars: readonly VisitCalendar[] | null, meId: string): boolean {
  if (isKioskHash(initialHash)) return true;
  const namesAPlace = initialHash !== '' && initialHash !== '#' && initialHash !== '#/';
  return !namesAPlace && !!calendars && isWardDevice(calendars, meId);
}

/** The kiosk's cards: today's visits (Europe/London) that are not cancelled, by start. */
export function kioskVisits(visits: readonly Visit[], now: number): Visit[] {
  const today = londonDate(now);
  return visits.filter((v) => v.status !== 'cancelled' && londonDate(v.start) === today).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

// ---- Add interpreter ----------------------------------------------------------------------

export const NAME_MAX = 100;
export const EMAIL_ADDRESS_MAX = 254;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface InterpreterDraft {
  name: string;
  email: string;
}

/** The form's problems by field (the server's `field` names); empty when it can be sent. */
export function interpreterProblems(d: InterpreterDraft): Partial<Record<keyof InterpreterDraft, string>> {
  const p: Partial<Record<keyof InterpreterDraft, string>> = {};
  const name = d.name.trim();
  const email = d.email.trim();
  if (!name) p.name = 'Enter the interpreter’s name.';
  else if (name.length > NAME_MAX) p.name = `At most ${NAME_MAX} characters.`;
  if (!email) p.email = 'Enter the interpreter’s email address.';
  else if (email.length > EMAIL_ADDRESS_MAX || !EMAIL.test(email)) p.email = 'Enter an email address like name@example.org.';
  return p;
}
