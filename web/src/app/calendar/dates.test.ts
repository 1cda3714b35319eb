import { describe, expect, it } from 'vitest';
import { addDays, clockLabel, layoutBlocks, mondayOf, offsetDateTime, rangeHeading, visibleRange, wallClock, zonedInstant } from './dates';

const LONDON = 'Europe/London';

describe('week range', () => {
  it('runs Monday to Sunday around any day, and from/to are local midnights', () => {
    const r = visibleRange('week', '2026-12-10', LONDON);
    expect(r.days).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
    expect(r.from.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-12-14T00:00:00.000Z');
    expect(mondayOf('2026-12-13')).toBe('2026-12-07');
    expect(mondayOf('2026-12-14')).toBe('2026-12-14');
  });

  it('has 167 hours in the week the clocks go forward, and its midnights are BST after', () => {
    const r = visibleRange('week', '2027-03-28', LONDON);
    expect(r.days[0]).toBe('2027-03-22');
    expect(r.days[6]).toBe('2027-03-28');
    expect(r.from.toISOString()).toBe('2027-03-22T00:00:00.000Z');
    expect(r.to.toISOString()).toBe('2027-03-28T23:00:00.000Z');
    expect((r.to.getTime() - r.from.getTime()) / 3600_000).toBe(167);
  });

  it('a day view is one day, across month and year ends', () => {
    expect(visibleRange('day', '2026-12-31', LONDON).days).toEqual(['2026-12-31']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(rangeHeading(visibleRange('week', '2026-12-31', LONDON).days)).toBe('28 December 2026 – 3 January 2027');
    expect(rangeHeading(visibleRange('week', '2027-03-31', LONDON).days)).toBe('29 March – 4 April 2027');
  });
});

describe('zoned times', () => {
  it('turns a wall clock into the instant in winter and in summer', () => {
    expect(zonedInstant('2027-01-12', 13 * 60, LONDON).toISOString()).toBe('2027-01-12T13:00:00.000Z');
    expect(zonedInstant('2027-03-30', 13 * 60, LONDON).toISOString()).toBe('2027-03-30T12:00:00.000Z');
    expect(offsetDateTime('2027-03-30', 13 * 60, LONDON)).toBe('2027-03-30T13:00:00+01:00');
    expect(offsetDateTime('2027-03-23', 13 * 60, LONDON)).toBe('2027-03-23T13:00:00+00:00');
    expect(offsetDateTime('2027-03-23', 9 * 60 + 30, 'America/New_York')).toBe('2027-03-23T09:30:00-04:00');
  });

  it('moves a time in the spring gap on by the gap, and takes the first of a repeated autumn time', () => {
    expect(zonedInstant('2027-03-28', 60 + 30, LONDON).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(wallClock(zonedInstant('2027-03-28', 60 + 30, LONDON), LONDON).minutes).toBe(2 * 60 + 30);
    expect(zonedInstant('2027-10-31', 60 + 30, LONDON).toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });
});

describe('layout of blocks', () => {
  type M = { id: string; start: string; end: string };
  const span = (m: M) => ({ start: new Date(m.start), end: new Date(m.end) });

  it('places 13:00 meetings at 13:00 on every day of the week the clocks change (DST)', () => {
    const days = visibleRange('week', '2027-03-28', LONDON).days;
    // Tuesday before (GMT), Sunday of the change (BST from 01:00 UTC), Tuesday after (BST).
    const items: M[] = [
      { id: 'before', start: '2027-03-23T13:00:00Z', end: '2027-03-23T14:00:00Z' },
      { id: 'change-day', start: '2027-03-28T12:00:00Z', end: '2027-03-28T13:00:00Z' },
    ];
    const blocks = layoutBlocks(items, span, days, LONDON);
    expect(blocks.map((b) => [b.item.id, b.date, b.top, b.height])).toEqual([
      ['before', '2027-03-23', 13 * 60, 60],
      ['change-day', '2027-03-28', 13 * 60, 60],
    ]);
    const next = layoutBlocks([{ id: 'after', start: '2027-03-30T12:00:00Z', end: '2027-03-30T13:00:00Z' }], span, visibleRange('week', '2027-03-30', LONDON).days, LONDON);
    expect(next[0].top).toBe(13 * 60);
  });

  it('puts overlapping meetings side by side and others full width', () => {
    const items: M[] = [
      { id: 'a', start: '2027-01-12T09:00:00Z', end: '2027-01-12T10:00:00Z' },
      { id: 'b', start: '2027-01-12T09:30:00Z', end: '2027-01-12T11:00:00Z' },
      { id: 'c', start: '2027-01-12T10:00:00Z', end: '2027-01-12T10:30:00Z' },
      { id: 'd', start: '2027-01-12T12:00:00Z', end: '2027-01-12T12:05:00Z' },
    ];
    const blocks = layoutBlocks(items, span, ['2027-01-12'], LONDON);
    const by = Object.fromEntries(blocks.map((b) => [b.item.id, b]));
    expect([by.a.column, by.b.column, by.c.column]).toEqual([0, 1, 0]);
    expect([by.a.columns, by.b.columns, by.c.columns]).toEqual([2, 2, 2]);
    expect([by.d.column, by.d.columns]).toEqual([0, 1]);
    // A five-minute meeting still gets a block one can read and click.
    expect(by.d.height).toBe(15);
  });

  it('splits a meeting across midnight over both days, and leaves out days it does not touch', () => {
    const items: M[] = [{ id: 'night', start: '2027-01-12T22:00:00Z', end: '2027-01-13T02:00:00Z' }];
    const blocks = layoutBlocks(items, span, ['2027-01-11', '2027-01-12', '2027-01-13'], LONDON);
    expect(blocks.map((b) => [b.date, b.top, b.height])).toEqual([
      ['2027-01-12', 22 * 60, 120],
      ['2027-01-13', 0, 120],
    ]);
  });
});

describe('clock labels', () => {
  it('follows the 12/24-hour preference', () => {
    expect(clockLabel(13 * 60, false)).toBe('13:00');
    expect(clockLabel(13 * 60 + 5, true)).toBe('1:05 pm');
    expect(clockLabel(0, true)).toBe('12:00 am');
    expect(clockLabel(12 * 60, true)).toBe('12:00 pm');
  });
});
