import { describe, expect, it } from 'vitest';
import { buildRrule, choiceOf, describeRrule, normaliseCustom, RruleError } from './rrule';

describe('RRULE builder', () => {
  it('makes a rule for each choice; weekly repeats on the first date’s weekday', () => {
    expect(buildRrule('none', '2027-03-30')).toBeNull();
    expect(buildRrule('daily', '2027-03-30')).toBe('FREQ=DAILY');
    expect(buildRrule('weekdays', '2027-03-30')).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    expect(buildRrule('weekly', '2027-03-30')).toBe('FREQ=WEEKLY;BYDAY=TU');
    expect(buildRrule('weekly', '2027-04-04')).toBe('FREQ=WEEKLY;BYDAY=SU');
    expect(buildRrule('custom', '2027-03-30', ' rrule:freq=weekly;interval=2;byday=tu ')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU');
  });

  it('names what is wrong with custom text', () => {
    expect(() => normaliseCustom('')).toThrow(RruleError);
    expect(() => normaliseCustom('FREQ=HOURLY')).toThrow(/FREQ/);
    expect(() => normaliseCustom('FREQ=WEEKLY;BYDAY=XX')).toThrow(/BYDAY/);
    expect(() => normaliseCustom('FREQ=WEEKLY;COUNT=0')).toThrow(/COUNT/);
    expect(() => normaliseCustom('FREQ=WEEKLY;COUNT=3;UNTIL=20271231')).toThrow(/not both/);
    expect(() => normaliseCustom('FREQ=WEEKLY;FREQ=DAILY')).toThrow(/twice/);
    expect(() => normaliseCustom('FREQ=WEEKLY;COLOUR=RED')).toThrow(/COLOUR/);
    expect(normaliseCustom('FREQ=MONTHLY;BYDAY=1TU')).toBe('FREQ=MONTHLY;BYDAY=1TU');
  });

  it('reads a stored rule back as the choice that makes it', () => {
    expect(choiceOf(null, '2027-03-30')).toBe('none');
    expect(choiceOf('FREQ=WEEKLY;BYDAY=TU', '2027-03-30')).toBe('weekly');
    expect(choiceOf('FREQ=WEEKLY;BYDAY=WE', '2027-03-30')).toBe('custom');
    expect(choiceOf('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2027-03-30')).toBe('weekdays');
  });

  it('says a rule in words', () => {
    expect(describeRrule('FREQ=WEEKLY;BYDAY=TU')).toBe('Every Tuesday');
    expect(describeRrule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR')).toBe('Every weekday');
    expect(describeRrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH')).toBe('Every 2 weeks on Tuesday and Thursday');
    expect(describeRrule('FREQ=WEEKLY', '2027-03-31')).toBe('Every Wednesday');
    expect(describeRrule('FREQ=DAILY;COUNT=5')).toBe('Every day, 5 times');
    expect(describeRrule('FREQ=MONTHLY;BYDAY=1TU')).toBe('Every month');
    expect(describeRrule(null)).toBeNull();
  });
});
