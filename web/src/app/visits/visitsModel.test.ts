import { describe, expect, it } from 'vitest';
import { hoursToWire, toCalendarDetail, toVisit, toWeeklyHours, WEEKDAYS } from './api';
import {
  addDays,
  dayBuckets,
  hoursBody,
  hoursDraft,
  londonDate,
  problemKeyFor,
  rangesProblem,
  settingsBody,
  settingsDraft,
  settingsKeys,
  settingsProblems,
  slugFrom,
  fieldNameFrom,
  timeRange,
  visitActions,
} from './visitsModel';
import { visitAt as visit } from './visits.test-util';

describe('local days in Europe/London', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('puts a visit on its London date in summer time (an hour ahead of UTC)', () => {
    expect(londonDate('2026-07-01T23:30:00Z')).toBe('2026-07-02');
    expect(londonDate('2026-01-01T23:30:00Z')).toBe('2026-01-01');
  });

  it('buckets today and tomorrow on the day the clocks go forward (29 March 2026)', () => {
    // 00:30 GMT on the 29th is before the change; 23:30 UTC on the 29th is 00:30 BST on the 30th.
    const now = Date.parse('2026-03-29T09:00:00Z');
    const visits = [
      visit('2026-03-29T23:30:00Z'),
      visit('2026-03-29T00:30:00Z'),
      visit('2026-03-29T22:30:00Z'),
      visit('2026-03-28T23:30:00Z'),
      visit('2026-03-30T23:00:00Z'),
    ];
    const b = dayBuckets(visits, now);
    expect(b.from).toBe('2026-03-29');
    expect(b.today.map((v) => v.start)).toEqual(['2026-03-29T00:30:00Z', '2026-03-29T22:30:00Z']);
    expect(b.tomorrow.map((v) => v.start)).toEqual(['2026-03-29T23:30:00Z']);
    expect(timeRange(b.today[1])).toBe('23:30–00:00');
    expect(timeRange(b.tomorrow[0])).toBe('00:30–01:00');
  });

  it('buckets the day the clocks go back (25 October 2026), and "today" follows London, not UTC', () => {
    // 23:30 UTC on the 24th is 00:30 BST on the 25th: already "today" in London.
    const now = Date.parse('2026-10-24T23:30:00Z');
    const visits = [visit('2026-10-25T00:30:00Z'), visit('2026-10-25T01:30:00Z'), visit('2026-10-25T23:30:00Z'), visit('2026-10-26T00:30:00Z')];
    const b = dayBuckets(visits, now);
    expect(b.from).toBe('2026-10-25');
    // 00:30 UTC is 01:30 BST and ends at 01:00 GMT (the clocks went back at 02:00 BST); 01:30 UTC
    // is 01:30 GMT, the second 01:30 of the day. Both are today, in the order they happen.
    expect(b.today.map((v) => timeRange(v))).toEqual(['01:30–01:00', '01:30–02:00', '23:30–00:00']);
    expect(b.tomorrow.map((v) => v.start)).toEqual(['2026-10-26T00:30:00Z']);
  });
});

describe('which actions a visit allows', () => {
  const start = '2027-01-12T14:00:00Z';
  it('marks attended or no-show only after the start of a booked visit, and says why not before', () => {
    const before = visitActions(visit(start), Date.parse('2027-01-12T13:59:00Z'));
    expect(before.outcome.enabled).toBe(false);
    expect(before.outcome.reason).toBe('Attended and No-show can be marked from 14:00, when the visit starts.');
    expect(visitActions(visit(start), Date.parse(start)).outcome).toEqual({ enabled: true, reason: null });
    expect(visitActions(visit(start), Date.parse('2027-01-12T18:00:00Z')).outcome.enabled).toBe(true);
  });

  it('allows no outcome once one is set or the visit was cancelled', () => {
    const later = Date.parse('2027-01-12T15:00:00Z');
    expect(visitActions(visit(start, { status: 'attended' }), later).outcome.reason).toBe('Already marked attended.');
    expect(visitActions(visit(start, { status: 'no-show' }), later).outcome.reason).toBe('Already marked no-show.');
    expect(visitActions(visit(start, { status: 'cancelled' }), later).outcome.enabled).toBe(false);
  });

  it('cancels a booked visit until it ends, and emails any visitor but a cancelled one', () => {
    expect(visitActions(visit(start), Date.parse('2027-01-12T14:10:00Z')).cancel.enabled).toBe(true);
    expect(visitActions(visit(start), Date.parse('2027-01-12T14:30:00Z')).cancel.enabled).toBe(false);
    expect(visitActions(visit(start, { status: 'attended' }), 0).cancel.enabled).toBe(false);
    expect(visitActions(visit(start, { status: 'attended' }), 0).email.enabled).toBe(true);
    expect(visitActions(visit(start, { status: 'cancelled' }), 0).email.enabled).toBe(false);
  });

  it('reads a visit from the wire, with an unknown status as booked', () => {
    const v = toVisit({ id: 'v1', reference: 'K7', start: 's', end: 'e', status: 'weird', answers: { bed: 12 } });
    expect(v.status).toBe('booked');
    expect(v.answers.bed).toBe('12');
    expect(v.visitorMobile).toBeNull();
  });
});

const wire = {
  id: 'c1',
  name: 'Ward 7 virtual visits',
  slug: 'ward-7',
  teamId: 't',
  channelId: 'ch',
  published: true,
  canManage: true,
  durationMinutes: 30,
  bufferMinutes: 10,
  placesPerSlot: 2,
  bookAheadDays: 14,
  minNoticeMinutes: 120,
  hours: { MONDAY: [{ opens: '14:00', closes: '16:00' }, { opens: '10:00', closes: '12:00' }], SATURDAY: [{ opens: '10:00:00', closes: '11:00:00' }] },
  exceptions: [{ date: '2026-12-25', hours: [] }],
  fields: [{ name: 'bed', label: 'Bed', required: true }],
  privacyNotice: 'We keep…',
  consentText: 'I agree',
  hosts: [{ userId: 'u1', device: true }],
  managers: ['u2'],
};

describe('the Settings form and its PATCH body', () => {
  it('round-trips the weekly hours: every day present, closed days empty, ranges by start, seconds dropped', () => {
    const c = toCalendarDetail(wire);
    const body = hoursBody(hoursDraft(c.hours));
    expect(Object.keys(body)).toEqual([...WEEKDAYS]);
    expect(body.MONDAY).toEqual([
      { opens: '10:00', closes: '12:00' },
      { opens: '14:00', closes: '16:00' },
    ]);
    expect(body.SATURDAY).toEqual([{ opens: '10:00', closes: '11:00' }]);
    expect(body.SUNDAY).toEqual([]);
    // And back again: the body read as a calendar gives the same body.
    expect(hoursBody(hoursDraft(toCalendarDetail({ ...wire, hours: body }).hours))).toEqual(body);
  });

  it('reads and writes the hours as a map by weekday name or as a flat list by ISO weekday, the same hours', () => {
    const h = toCalendarDetail(wire).hours;
    const list = hoursToWire(h, 'list');
    expect(list).toEqual([
      { weekday: 1, opens: '14:00', closes: '16:00' },
      { weekday: 1, opens: '10:00', closes: '12:00' },
      { weekday: 6, opens: '10:00', closes: '11:00' },
    ]);
    expect(hoursBody(hoursDraft(toWeeklyHours(list)))).toEqual(hoursBody(hoursDraft(h)));
    expect(hoursToWire(h, 'map')).toBe(h);
  });

  it('sends an edited draft as the PATCH body, numbers as numbers', () => {
    const d = settingsDraft(toCalendarDetail(wire));
    d.durationMinutes = '45';
    d.hours.TUESDAY = [{ opens: '18:00', closes: '19:30' }];
    d.exceptions.push({ date: '2026-12-24', hours: [{ opens: '10:00', closes: '12:00' }] });
    expect(settingsProblems(d)).toEqual({});
    const body = settingsBody(d);
    expect(body.durationMinutes).toBe(45);
    expect(body.placesPerSlot).toBe(2);
    expect(body.hours?.TUESDAY).toEqual([{ opens: '18:00', closes: '19:30' }]);
    expect(body.exceptions).toEqual([
      { date: '2026-12-24', hours: [{ opens: '10:00', closes: '12:00' }] },
      { date: '2026-12-25', hours: [] },
    ]);
    expect(body.hosts).toEqual([{ userId: 'u1', device: true }]);
    expect(body.managers).toEqual(['u2']);
    expect(body.fields).toEqual([{ name: 'bed', label: 'Bed', required: true }]);
  });

  it('finds problems in hours, numbers and fields, by the keys the server uses', () => {
    const d = settingsDraft(toCalendarDetail(wire));
    d.durationMinutes = '2';
    d.hours.MONDAY = [{ opens: '10:00', closes: '12:00' }, { opens: '11:00', closes: '13:00' }];
    d.hours.FRIDAY = [{ opens: '9', closes: '10:00' }];
    d.fields.push({ name: 'bed', label: '', required: false });
    const p = settingsProblems(d);
    expect(p.durationMinutes).toBe('A whole number from 5 to 240.');
    expect(p['hours.MONDAY']).toBe('10:00–12:00 and 11:00–13:00 overlap.');
    expect(p['hours.FRIDAY']).toBe('Times are 24-hour HH:MM, e.g. 14:00.');
    expect(p['fields.1.label']).toBeTruthy();
    expect(p['fields.1.name']).toBe('Two fields have this name.');
    expect(rangesProblem([{ opens: '12:00', closes: '12:00' }])).toMatch(/after the start/);
  });

  it('shows a server refusal beside the nearest field it names', () => {
    const keys = settingsKeys(settingsDraft(toCalendarDetail(wire)));
    expect(problemKeyFor('hours.MONDAY[0].opens', keys)).toBe('hours.MONDAY');
    expect(problemKeyFor('fields[0].name', keys)).toBe('fields.0.name');
    expect(problemKeyFor('bufferMinutes', keys)).toBe('bufferMinutes');
    expect(problemKeyFor('somethingElse', keys)).toBeNull();
    expect(problemKeyFor(undefined, keys)).toBeNull();
  });

  it('makes slugs and field names from what people type', () => {
    expect(slugFrom('Ward 7 – Virtual visits!')).toBe('ward-7-virtual-visits');
    expect(slugFrom('7 West')).toBe('west');
    expect(fieldNameFrom('Relationship to patient')).toBe('relationshipToPatient');
  });
});
