import { describe, expect, it } from 'vitest';
import { addDays, formatInstant, formatLocalDate, groupByDay, localDateTime, type Slot, todayInLondon } from './dates';

const slot = (start: string, localDate: string, localTime: string): Slot => ({ start, end: start, localDate, localTime, placesLeft: 1 });

describe('dates', () => {
  it('formats a local date the GOV.UK way', () => {
    expect(formatLocalDate('2027-01-12')).toBe('Tuesday 12 January');
    expect(formatLocalDate('2026-03-29')).toBe('Sunday 29 March');
  });

  it('adds days across months, years and the clock change', () => {
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
    expect(addDays('2026-03-25', 7)).toBe('2026-04-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('places instants in Europe/London, summer time included', () => {
    expect(localDateTime('2027-01-12T14:00:00Z')).toEqual({ localDate: '2027-01-12', localTime: '14:00' });
    expect(localDateTime('2026-07-01T13:30:00Z')).toEqual({ localDate: '2026-07-01', localTime: '14:30' });
    expect(localDateTime('2026-07-01T23:30:00Z')).toEqual({ localDate: '2026-07-02', localTime: '00:30' });
    expect(todayInLondon(new Date('2026-06-30T23:10:00Z'))).toBe('2026-07-01');
    expect(formatInstant('2027-01-12T14:00:00Z')).toBe('14:00 on Tuesday 12 January');
  });

  it('groups slots by their local day, days and times in order', () => {
    const days = groupByDay([
      slot('2026-07-02T09:00:00Z', '2026-07-02', '10:00'),
      slot('2026-07-01T13:00:00Z', '2026-07-01', '14:00'),
      slot('2026-07-01T23:30:00Z', '2026-07-02', '00:30'),
      slot('2026-07-01T09:00:00Z', '2026-07-01', '10:00'),
    ]);
    expect(days.map((d) => [d.localDate, d.slots.map((s) => s.localTime)])).toEqual([
      ['2026-07-01', ['10:00', '14:00']],
      ['2026-07-02', ['00:30', '10:00']],
    ]);
    expect(groupByDay([])).toEqual([]);
  });
});
