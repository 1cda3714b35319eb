// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { FakeStream, FakeTrack } from '../app/calls/fakes.test-util';
import { acquire } from './guestMedia';
import { refusal, TEXT } from './guestText';

const err = (name: string) => Object.assign(new Error(name), { name });
const stream = (...kinds: ('audio' | 'video')[]) => new FakeStream(kinds.map((k) => new FakeTrack(k))) as unknown as MediaStream;
const empty = () => stream();

/** getUserMedia that gives the kinds in {@code have} and fails the rest with {@code error}. */
function devices(have: ('audio' | 'video')[], error = 'NotFoundError') {
  return {
    getUserMedia: vi.fn(async (c: MediaStreamConstraints) => {
      const want = [c.audio ? 'audio' : null, c.video ? 'video' : null].filter(Boolean) as ('audio' | 'video')[];
      if (want.every((k) => have.includes(k))) return stream(...want);
      throw err(error);
    }),
  };
}

describe('the camera check’s media', () => {
  it('gets both', async () => {
    const r = await acquire({}, devices(['audio', 'video']), empty);
    expect(r.problem).toBeNull();
    expect(r.stream.getTracks()).toHaveLength(2);
  });

  it('falls back to the microphone alone, or the camera alone, and says which', async () => {
    expect((await acquire({}, devices(['audio']), empty)).problem).toBe('no-camera');
    expect((await acquire({}, devices(['video']), empty)).problem).toBe('no-microphone');
  });

  it('does not ask again after a refusal, and tells no devices from busy ones', async () => {
    const refused = devices([], 'NotAllowedError');
    const r = await acquire({}, refused, empty);
    expect(r.problem).toBe('denied');
    expect(r.stream.getTracks()).toHaveLength(0);
    expect(refused.getUserMedia).toHaveBeenCalledTimes(1);
    expect((await acquire({}, devices([]), empty)).problem).toBe('no-devices');
    expect((await acquire({}, devices([], 'NotReadableError'), empty)).problem).toBe('in-use');
    expect((await acquire({}, undefined, empty)).problem).toBe('unsupported');
  });

  it('uses the defaults when a chosen device is gone', async () => {
    const md = {
      getUserMedia: vi.fn(async (c: MediaStreamConstraints) => {
        if (JSON.stringify(c).includes('exact')) throw err('OverconstrainedError');
        return stream('audio', 'video');
      }),
    };
    const r = await acquire({ videoId: 'gone' }, md, empty);
    expect(r.problem).toBeNull();
    expect(md.getUserMedia).toHaveBeenCalledTimes(2);
  });
});

describe('refused requests', () => {
  const p = (status: number, type = '', extra = {}) => ({ status, type, title: '', detail: '', ...extra });
  it('mean: not open yet, over, invalid, denied, expired, or a message', () => {
    expect(refusal(p(409, 'visit-not-open', { opensAt: new Date(Date.now() + 60_000).toISOString() })).kind).toBe('not-open');
    expect(refusal(p(409, 'visit-not-open', { opensAt: '2020-01-01T10:00:00Z', closesAt: '2020-01-01T11:00:00Z' }))).toEqual({ kind: 'ended', message: TEXT.visitClosed });
    expect(refusal(p(404, 'not-found'))).toEqual({ kind: 'ended', message: TEXT.invalid });
    expect(refusal(p(403, 'lobby-denied'))).toEqual({ kind: 'turned-away', message: TEXT.denied });
    expect(refusal(p(401))).toEqual({ kind: 'failed', message: TEXT.expired, forgetSession: true });
    expect(refusal(p(429, 'rate-limited', { retryAfterSeconds: 300 })).message).toMatch(/wait 5 minutes/);
    expect(refusal(p(503)).message).toBe(TEXT.server);
    expect(refusal(p(400, 'invalid', { detail: 'name: too long' })).message).toBe('name: too long');
  });
});
