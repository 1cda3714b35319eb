import { describe, expect, test } from 'vitest';
import { CallStore } from '../calls/callStore';
import type { VisitCalendar } from './api';
import {
  guestNames,
  inCallText,
  interpreterProblems,
  interpreterState,
  joinState,
  kioskCalendars,
  kioskVisits,
  opensKiosk,
  waitingCount,
  tellCalls,
  waitingText,
} from './visitCall';
import { visitAt as visit } from './visits.test-util';

const calendar = (id: string, hosts: VisitCalendar['hosts'] = []): VisitCalendar => ({
  id,
  name: id,
  slug: id,
  teamId: 't',
  teamName: 'Ward 7',
  channelId: 'ch',
  published: true,
  canManage: false,
  bookingUrl: null,
  hosts,
});

// 14:00–14:30 UTC on a winter day: 14:00–14:30 in London too.
const v = visit('2027-01-12T14:00:00Z');
const at = (hhmm: string) => Date.parse(`2027-01-12T${hhmm}:00Z`);

describe('the join window', () => {
  test('opens 15 minutes before the start and closes 15 minutes after the end', () => {
    expect(joinState(v, at('13:44'))).toEqual({ enabled: false, reason: 'Join opens at 13:45, 15 minutes before the visit.' });
    expect(joinState(v, at('13:45')).enabled).toBe(true);
    expect(joinState(v, at('14:44')).enabled).toBe(true);
    expect(joinState(v, at('14:45'))).toEqual({ enabled: false, reason: 'This visit’s time has passed.' });
  });

  test('says the opening time in the person’s 12-hour format', () => {
    expect(joinState(v, at('09:00'), true).reason).toMatch(/^Join opens at 1:45\s?pm/);
  });

  test('a cancelled or no-show visit cannot be joined; an attended one still can, in its window', () => {
    expect(joinState({ ...v, status: 'cancelled' }, at('14:00')).reason).toBe('This visit was cancelled.');
    expect(joinState({ ...v, status: 'no-show' }, at('14:00')).enabled).toBe(false);
    expect(joinState({ ...v, status: 'attended' }, at('14:10')).enabled).toBe(true);
  });

  test('Add interpreter is offered for a booked visit until the window closes', () => {
    expect(interpreterState({ ...v, status: 'attended' }, at('14:10')).enabled).toBe(false);
    expect(interpreterState(v, at('08:00')).enabled).toBe(true);
    expect(interpreterState(v, at('14:44')).enabled).toBe(true);
    expect(interpreterState(v, at('14:45')).enabled).toBe(false);
    expect(interpreterState({ ...v, status: 'cancelled' }, at('08:00')).enabled).toBe(false);
  });
});

describe('the Waiting badge', () => {
  test('names each guest waiting with their role, in words', () => {
    expect(waitingText([])).toBe('');
    expect(waitingText([{ name: 'Vera Visitor', role: 'visitor' }])).toBe('Waiting: Vera Visitor (visitor)');
    expect(waitingText([{ name: 'Vera Visitor', role: 'visitor' }, { name: 'Ines Ortega', role: 'interpreter' }])).toBe(
      'Waiting: Vera Visitor (visitor), Ines Ortega (interpreter)',
    );
    expect(waitingText([{ name: '  ', role: 'visitor' }])).toBe('Waiting: A guest (visitor)');
  });

  test('In call (n) only when someone is in the call', () => {
    expect(inCallText(0)).toBe('');
    expect(inCallText(2)).toBe('In call (2)');
  });

  test('the rail counts guests waiting across visits, and the call view learns their names', () => {
    const a = visit('2027-01-12T14:00:00Z', { waiting: [{ guestId: 'g1', name: 'Vera', role: 'visitor', since: 'x' }] });
    const b = visit('2027-01-12T15:00:00Z', {
      waiting: [
        { guestId: 'g2', name: 'Sam', role: 'visitor', since: 'x' },
        { guestId: 'g3', name: 'Ines', role: 'interpreter', since: 'y' },
      ],
    });
    expect(waitingCount([a, b, v])).toBe(3);
    expect(guestNames([a, b])).toEqual([
      ['g1', 'Vera (visitor)'],
      ['g2', 'Sam (visitor)'],
      ['g3', 'Ines (interpreter)'],
    ]);
  });
});

describe('the kiosk', () => {
  const device = [calendar('ward-7', [{ userId: 'ipad', device: true }]), calendar('ward-8', [{ userId: 'nurse', device: false }])];

  test('opens by itself for a ward device signed in at the app’s plain address', () => {
    expect(opensKiosk('', device, 'ipad')).toBe(true);
    expect(opensKiosk('#', device, 'ipad')).toBe(true);
  });

  test('not when the address names another place, nor for staff, nor before the calendars are known', () => {
    expect(opensKiosk('#/c/abc', device, 'ipad')).toBe(false);
    expect(opensKiosk('#/meetings/m1', device, 'ipad')).toBe(false);
    expect(opensKiosk('#visits', device, 'ipad')).toBe(false);
    expect(opensKiosk('', device, 'nurse')).toBe(false);
    expect(opensKiosk('', null, 'ipad')).toBe(false);
  });

  test('its own address opens it for anyone', () => {
    expect(opensKiosk('#/visits/kiosk', device, 'nurse')).toBe(true);
    expect(opensKiosk('#/visits/kiosk', null, 'nurse')).toBe(true);
  });

  test('shows the calendars I host (all of mine when I host none)', () => {
    expect(kioskCalendars(device, 'ipad').map((c) => c.id)).toEqual(['ward-7']);
    expect(kioskCalendars(device, 'manager').map((c) => c.id)).toEqual(['ward-7', 'ward-8']);
  });

  test('shows today’s visits (Europe/London) that are not cancelled, by start', () => {
    const late = visit('2027-01-12T16:00:00Z');
    const cancelled = visit('2027-01-12T15:00:00Z', { status: 'cancelled' });
    const tomorrow = visit('2027-01-13T10:00:00Z');
    expect(kioskVisits([late, cancelled, tomorrow, v], at('09:00')).map((x) => x.start)).toEqual([v.start, late.start]);
  });
});

describe('Add interpreter', () => {
  test('needs a name and a well-formed email address', () => {
    expect(interpreterProblems({ name: '', email: '' })).toEqual({
      name: 'Enter the interpreter’s name.',
      email: 'Enter the interpreter’s email address.',
    });
    expect(interpreterProblems({ name: 'Ines Ortega', email: 'ines@' }).email).toMatch(/like name@example.org/);
    expect(interpreterProblems({ name: 'x'.repeat(101), email: 'ines@example.org' })).toEqual({ name: 'At most 100 characters.' });
    expect(interpreterProblems({ name: ' Ines Ortega ', email: ' ines@example.org ' })).toEqual({});
  });
});

describe('what the call view learns from the visits list', () => {
  test('guests’ names, and who waits in each live call’s lobby (which makes me its host, as a lobby frame would)', () => {
    const store = new CallStore();
    const guest = { guestId: 'g1', name: 'Ines Ortega', role: 'interpreter' as const, since: '2027-01-12T14:01:00Z' };
    tellCalls(store, [visit('2027-01-12T14:00:00Z', { callId: 'k1', waiting: [guest] }), v]);
    expect(store.knownName('g1')).toBe('Ines Ortega (interpreter)');
    expect(store.lobby('k1')).toEqual([{ userId: 'g1', since: guest.since }]);
    expect(store.isHost('k1', 'me')).toBe(true);
    tellCalls(store, [visit('2027-01-12T14:00:00Z', { callId: 'k1', waiting: [] })]);
    expect(store.lobby('k1')).toEqual([]);
  });
});
