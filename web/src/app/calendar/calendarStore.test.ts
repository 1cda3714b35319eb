import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../protocol/dispatch';
import { CalendarStore } from './calendarStore';
import type { MeetingsRemote, Occurrence } from './meetingsApi';

const userEvent = (userSeq: number, e: object) => ({ type: 'user-event' as const, userSeq, event: e as never });
const snapshot = { meetingId: 'm1', title: 'MDT', organiserId: 'u1', conversationId: 'c1', startsAt: '2027-03-30T12:00:00Z', endsAt: '2027-03-30T13:00:00Z', timeZone: 'Europe/London', sequence: 0 };

function setup(live = true) {
  const asked: [string, string][] = [];
  let answer: Occurrence[] = [];
  const remote = {
    occurrences: async (from: Date, to: Date) => {
      asked.push([from.toISOString(), to.toISOString()]);
      return answer;
    },
  } as unknown as MeetingsRemote;
  const timers: (() => void)[] = [];
  const store = new CalendarStore(remote, { meId: 'me', live: () => live, setTimer: (fn) => timers.push(fn) }, 'Europe/London', new Date('2027-03-30T09:00:00Z'));
  const d = new Dispatcher();
  store.register(d);
  return { store, d, asked, timers, setAnswer: (a: Occurrence[]) => (answer = a) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('calendar store', () => {
  it('asks for the week shown, then the next week', async () => {
    const { store, asked } = setup();
    await store.load();
    store.show('week', '2027-04-05');
    await flush();
    expect(asked).toEqual([
      ['2027-03-28T23:00:00.000Z', '2027-04-04T23:00:00.000Z'],
      ['2027-04-04T23:00:00.000Z', '2027-04-11T23:00:00.000Z'],
    ]);
  });

  it('reloads on meeting events and pops up an invitation from someone else while live', async () => {
    const { store, d, asked, timers, setAnswer } = setup();
    await store.load();
    setAnswer([{ meetingId: 'm1' } as Occurrence]);
    d.dispatch(userEvent(1, { kind: 'meeting.invited', meeting: snapshot, by: 'alice' }));
    await flush();
    expect(asked).toHaveLength(2);
    expect(store.occurrences()).toHaveLength(1);
    expect(store.toasts().map((t) => t.by)).toEqual(['alice']);
    d.dispatch(userEvent(2, { kind: 'meeting.cancelled', meetingId: 'm1', title: 'MDT', by: 'alice' }));
    await flush();
    expect(store.toasts()).toEqual([]);
    expect(asked).toHaveLength(3);
    d.dispatch(userEvent(3, { kind: 'meeting.invited', meeting: { ...snapshot, sequence: 1 }, by: 'alice' }));
    timers.forEach((t) => t());
    expect(store.toasts()).toEqual([]);
  });

  it('does not pop up my own meetings or replayed invitations', () => {
    const own = setup();
    own.d.dispatch(userEvent(1, { kind: 'meeting.invited', meeting: snapshot, by: 'me' }));
    expect(own.store.toasts()).toEqual([]);
    const replay = setup(false);
    replay.d.dispatch(userEvent(1, { kind: 'meeting.invited', meeting: snapshot, by: 'alice' }));
    expect(replay.store.toasts()).toEqual([]);
  });
});
