import { describe, expect, test } from 'vitest';
import { expiryChoices, localInputValue, untilFor, untilText } from './statusExpiry';

// Local time: the picker speaks the device's time, as a person reads the clock on the wall.
const morning = new Date(2026, 11, 7, 9, 30);
const evening = new Date(2026, 11, 7, 18, 0);

describe('status expiry ("Clear after")', () => {
  test('"Today at 17:00" is offered only before 17:00', () => {
    expect(expiryChoices(morning).map((c) => c.value)).toEqual(['never', '1h', '4h', 'today-17', 'tomorrow-8', 'custom']);
    expect(expiryChoices(evening).map((c) => c.value)).not.toContain('today-17');
  });

  test('each choice means a time: never is null, the rest are ISO times ahead of now', () => {
    expect(untilFor('never', morning)).toBeNull();
    expect(new Date(untilFor('1h', morning)!).getTime() - morning.getTime()).toBe(3600_000);
    expect(new Date(untilFor('today-17', morning)!)).toEqual(new Date(2026, 11, 7, 17, 0));
    expect(new Date(untilFor('tomorrow-8', evening)!)).toEqual(new Date(2026, 11, 8, 8, 0));
  });

  test('a custom time must be in the future and at most 31 days ahead; empty or past is undefined', () => {
    expect(new Date(untilFor('custom', morning, '2026-12-07T17:30')!)).toEqual(new Date(2026, 11, 7, 17, 30));
    expect(untilFor('custom', morning, '')).toBeUndefined();
    expect(untilFor('custom', morning, '2026-12-07T09:00')).toBeUndefined();
    expect(untilFor('custom', morning, '2027-02-01T09:00')).toBeUndefined();
    expect(localInputValue(new Date(2026, 0, 2, 3, 4))).toBe('2026-01-02T03:04');
  });

  test('an expiry reads as a time today, tomorrow, or a day and time', () => {
    expect(untilText(new Date(2026, 11, 7, 17, 0).toISOString(), morning)).toBe('until 17:00');
    expect(untilText(new Date(2026, 11, 8, 8, 0).toISOString(), morning)).toBe('until tomorrow 08:00');
    expect(untilText(new Date(2026, 11, 14, 17, 0).toISOString(), morning)).toBe('until Mon 14 Dec, 17:00');
    expect(untilText(null, morning)).toBe('');
  });
});
