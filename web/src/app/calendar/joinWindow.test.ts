import { describe, expect, it } from 'vitest';
import { joinWindow, nextJoinChange } from './joinWindow';

const start = new Date('2027-03-30T12:00:00Z');
const end = new Date('2027-03-30T13:00:00Z');
const at = (iso: string) => new Date(iso);

describe('join window', () => {
  it('opens ten minutes before the start and closes at the end', () => {
    expect(joinWindow(start, end, at('2027-03-30T11:49:59Z'))).toEqual({ state: 'early', opensAt: at('2027-03-30T11:50:00Z') });
    expect(joinWindow(start, end, at('2027-03-30T11:50:00Z'))).toEqual({ state: 'open' });
    expect(joinWindow(start, end, at('2027-03-30T12:59:59Z'))).toEqual({ state: 'open' });
    expect(joinWindow(start, end, at('2027-03-30T13:00:00Z'))).toEqual({ state: 'ended' });
  });

  it('says when to look again', () => {
    expect(nextJoinChange(start, end, at('2027-03-29T09:00:00Z'))).toEqual(at('2027-03-30T11:50:00Z'));
    expect(nextJoinChange(start, end, at('2027-03-30T12:10:00Z'))).toEqual(end);
    expect(nextJoinChange(start, end, at('2027-03-30T14:00:00Z'))).toBeNull();
  });
});
