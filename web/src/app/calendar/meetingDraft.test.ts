import { describe, expect, it } from 'vitest';
import { buildDraft, fieldOfProblem, initialValues, valuesOf } from './meetingDraft';
import { readMeeting, readOccurrence } from './meetingsApi';
import { meetingOfHash, meetingHash } from './route';

const base = () => ({ ...initialValues('2027-03-30', new Date('2027-03-01T08:00:00Z')), title: 'MDT', inviteeIds: ['u2'] });

describe('meeting form', () => {
  it('sends wall-clock times with their zone, the rule, exceptions at the same clock time, presenters among invitees', () => {
    const r = buildDraft({ ...base(), start: '13:00', end: '14:00', repeat: 'weekly', exceptions: ['2027-04-06'], presenterIds: ['u2', 'gone'] });
    expect(r.draft).toEqual({
      title: 'MDT',
      start: '2027-03-30T13:00',
      end: '2027-03-30T14:00',
      timeZone: 'Europe/London',
      recurrence: 'FREQ=WEEKLY;BYDAY=TU',
      exceptions: ['2027-04-06'],
      invitees: ['u2'],
      channelId: null,
      presenters: ['u2'],
      lobby: 'organisation',
      media: 'video',
    });
    // A change keeps the channel and says "no repeats" with an empty rule.
    const edit = buildDraft({ ...base(), repeat: 'none', exceptions: ['2027-04-06'] }, true).draft;
    expect(edit).toMatchObject({ recurrence: '', exceptions: [] });
    expect(edit && 'channelId' in edit).toBe(false);
  });

  it('names each field that is wrong', () => {
    const r = buildDraft({ ...base(), title: ' ', start: '14:00', end: '13:00', repeat: 'custom', customRule: 'FREQ=SOMETIMES', inviteeIds: [] });
    expect(Object.keys(r.errors ?? {}).sort()).toEqual(['invitees', 'repeat', 'time', 'title']);
    expect(buildDraft({ ...base(), inviteeIds: [], channelId: 'c1' }).errors).toBeUndefined();
  });

  it('places a server problem next to its field', () => {
    expect(fieldOfProblem('startsAt')).toBe('time');
    expect(fieldOfProblem('inviteeIds[2]')).toBe('invitees');
    expect(fieldOfProblem('recurrence')).toBe('repeat');
    expect(fieldOfProblem('somethingElse')).toBeNull();
    expect(fieldOfProblem(undefined)).toBeNull();
  });

  it('reads a stored meeting back into the form in its own zone', () => {
    const m = readMeeting({
      meetingId: 'm1', title: 'MDT', organiserId: 'u1', conversationId: 'c1', startsAt: '2027-03-30T12:00:00Z', endsAt: '2027-03-30T13:00:00Z',
      timeZone: 'Europe/London', recurrence: 'FREQ=WEEKLY;BYDAY=TU', exceptions: ['2027-04-06'],
      invitees: [{ userId: 'u1', rsvp: 'accepted' }, { userId: 'u2', rsvp: 'TENTATIVE', presenter: true }], lobby: 'invitees', media: 'audio', sequence: 2,
    });
    expect(m.id).toBe('m1');
    expect(m.invitees[1]).toEqual({ userId: 'u2', response: 'tentative' });
    expect(m.presenters).toEqual(['u2']);
    const v = valuesOf(m);
    expect([v.date, v.start, v.end, v.repeat, v.exceptions, v.inviteeIds, v.lobby, v.media]).toEqual([
      '2027-03-30', '13:00', '14:00', 'weekly', ['2027-04-06'], ['u2'], 'invitees', 'audio',
    ]);
  });

  it('reads occurrences flat or with the meeting nested', () => {
    expect(readOccurrence({ meetingId: 'm1', occurrenceStart: 's', occurrenceEnd: 'e', title: 'T', myRsvp: 'accepted' })).toMatchObject({
      meetingId: 'm1', occurrence: 's', startsAt: 's', endsAt: 'e', response: 'accepted',
    });
    expect(readOccurrence({ meetingId: 'm1', occurrenceStart: 's', myRsvp: null }).response).toBeUndefined();
    expect(readOccurrence({ startsAt: 's', endsAt: 'e', meeting: { id: 'm2', title: 'T2' } })).toMatchObject({ meetingId: 'm2', occurrence: 's', title: 'T2' });
  });

  it('has a link for each meeting', () => {
    expect(meetingOfHash(meetingHash('a b'))).toBe('a b');
    expect(meetingOfHash('#/meetings/abc/2027')).toBe('abc');
    expect(meetingOfHash('#/c/abc')).toBeNull();
  });
});
