import { describe, expect, test } from 'vitest';
import { lineOf, linePeople, lineText } from '../pins/systemLines';

const nameOf = (id: string) => ({ alice: 'Alice Hart', bob: 'Bob Ito' })[id] ?? 'Someone';

describe('call lines in the chat', () => {
  test('started: who and which kind; a meeting says it is not recorded', () => {
    expect(lineText(lineOf(3, { kind: 'call.started', callId: 'k', by: 'alice', media: 'video', topology: 'mesh' })!, nameOf)).toBe('Alice Hart started a video call');
    expect(lineText(lineOf(3, { kind: 'call.started', callId: 'k', by: 'alice', media: 'audio', topology: 'mesh' })!, nameOf)).toBe('Alice Hart started an audio call');
    expect(lineText(lineOf(3, { kind: 'call.started', callId: 'k', by: 'alice', media: 'video', topology: 'sfu', meetingId: 'm1' })!, nameOf)).toBe(
      'Meeting started — this meeting is not recorded',
    );
  });

  test('ended: how long, in minutes', () => {
    const ended = (start: string, end: string) => lineText(lineOf(4, { kind: 'call.ended', callId: 'k', startedAt: start, endedAt: end, participants: [] })!, nameOf);
    expect(ended('2026-12-07T10:00:00Z', '2026-12-07T10:12:10Z')).toBe('Call ended · 12 min');
    expect(ended('2026-12-07T10:00:00Z', '2026-12-07T10:00:20Z')).toBe('Call ended · under a minute');
  });

  test('missed: from whom, and that person is looked up', () => {
    const line = lineOf(5, { kind: 'call.missed', callId: 'k', caller: 'bob', missedBy: ['alice'] })!;
    expect(lineText(line, nameOf)).toBe('Missed call from Bob Ito');
    expect(linePeople(line)).toEqual(['bob']);
  });
});
