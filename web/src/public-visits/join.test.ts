// @vitest-environment jsdom
/*
 * The join page end to end in jsdom: join.html's markup, join.ts loaded as the browser would,
 * and fakes for fetch, WebSocket, getUserMedia and RTCPeerConnection (the real mesh engine).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakePC, FakeStream, FakeTrack, settle } from '../app/calls/fakes.test-util';
import html from '../../visits/join.html?raw';

const TOKEN = 'A'.repeat(43);
const now = Date.now();
const iso = (ms: number) => new Date(now + ms).toISOString();
const requests: { url: string; init: RequestInit; body: Record<string, unknown> }[] = [];
const joinAnswers: { status: number; body: unknown }[] = [];
const sockets: FakeWs[] = [];

class FakeWs {
  sent: Record<string, unknown>[] = [];
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  constructor(readonly url: string) {
    sockets.push(this);
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }
  send(d: string) {
    const f = JSON.parse(d);
    this.sent.push(f);
    if (f.type === 'hello') setTimeout(() => this.frame({ type: 'ready', replayed: 0 }), 0);
  }
  close() {}
  frame(f: unknown) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
}

const grant = {
  state: 'joined', callId: 'c1', peerId: 'p-guest', topology: 'mesh', media: 'video', iceServers: [], iceTransportPolicy: 'all', janus: null,
  call: { callId: 'c1', topology: 'mesh', participants: [{ peerId: 'p-nurse', userId: 'u-nurse' }, { peerId: 'p-guest', userId: 'g1' }] },
};

function respond(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

beforeAll(async () => {
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1].replace(/<script[\s\S]*?<\/script>/g, '');
  window.location.hash = '#' + TOKEN;
  Element.prototype.scrollIntoView = () => {};
  HTMLMediaElement.prototype.play = async () => {}; // jsdom has no media playback
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    const body = init.body ? JSON.parse(String(init.body)) : {};
    requests.push({ url, init, body });
    if (url.endsWith('/join-info')) return respond(200, { start: iso(60_000), end: iso(1_800_000), opensAt: iso(-840_000), closesAt: iso(2_700_000), calendarName: 'Ward 7 virtual visits', state: 'open' });
    if (url.endsWith('/guest-session')) return respond(200, { guestId: 'g1', csrf: 'csrf-1', expiresAt: iso(3_600_000), token: 'cg_x', visit: {} });
    if (url.endsWith('/guest/join')) {
      const a = joinAnswers.shift()!;
      return respond(a.status, a.body);
    }
    if (url.endsWith('/guest/leave')) return respond(204, null);
    return respond(404, {});
  }));
  vi.stubGlobal('WebSocket', FakeWs);
  vi.stubGlobal('MediaStream', FakeStream);
  vi.stubGlobal('RTCPeerConnection', FakePC);
  vi.stubGlobal('navigator', {
    ...navigator,
    mediaDevices: {
      getUserMedia: async () => new FakeStream([new FakeTrack('audio'), new FakeTrack('video')]),
      enumerateDevices: async () => [],
    },
  });
  await import('./join');
  await settle();
});

afterAll(() => vi.unstubAllGlobals());

const status = () => document.getElementById('join-status')!.textContent;
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === text)!;

describe('the join page', () => {
  it('shows the camera check while the visit is open', () => {
    expect(document.getElementById('visit-ward')!.textContent).toBe('Ward 7 virtual visits');
    expect(status()).toContain('Your visit is open');
    expect(document.getElementById('join-area')!.hidden).toBe(false);
    expect(document.querySelector('#join-area video')).not.toBeNull();
    expect(requests[0].body).toEqual({ token: TOKEN });
  });

  it('joins with the name, waits in the lobby, and enters the call when admitted', async () => {
    joinAnswers.push({ status: 202, body: { state: 'waiting', callId: 'c1' } }, { status: 200, body: grant });
    (document.getElementById('guest-name') as HTMLInputElement).value = 'Maria Lopez';
    button('Join the visit').click();
    await settle();

    const session = requests.find((r) => r.url.endsWith('/guest-session'))!;
    expect(session.body).toEqual({ token: TOKEN, name: 'Maria Lopez' });
    expect(session.init.credentials).toBe('same-origin');
    const join = requests.find((r) => r.url.endsWith('/guest/join'))!;
    expect((join.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
    expect(sockets[0].url).toBe(`ws://${location.host}/api/v1/guest/stream`);
    expect(sockets[0].sent[0]).toEqual({ type: 'hello', cursors: {} });
    expect(document.body.textContent).toContain('Waiting for the ward to let you in');
    expect(status()).toContain('waiting room');

    sockets[0].frame({ type: 'call.admission', callId: 'c1', state: 'admitted' });
    await settle();
    expect(status()).toContain('You are in the visit');
    expect(document.body.classList.contains('in-call')).toBe(true);
    const hook = (window as unknown as { __conferCall: { callId: string; peerId: string; topology: string; stats(): Promise<{ framesDecoded: number }[]> } }).__conferCall;
    expect([hook.callId, hook.peerId, hook.topology]).toEqual(['c1', 'p-guest', 'mesh']);

    // Over the guest stream: the nurse (the impolite side, mesh.ts) offers first, the guest answers; the nurse's video arrives.
    const pc = FakePC.all.at(-1)!;
    sockets[0].frame({ type: 'call.signal', callId: 'c1', fromPeer: 'p-nurse', fromUser: 'u-nurse', toPeer: 'p-guest',
      signal: { description: { type: 'offer', sdp: 'v=0 nurse' } } });
    await settle();
    expect(sockets[0].sent.some((f) => f.type === 'call.signal' && f.toPeer === 'p-nurse' && f.fromPeer === 'p-guest'
      && (f.signal as { description?: { type: string } }).description?.type === 'answer')).toBe(true);
    pc.receive('video');
    await settle();
    expect(document.querySelectorAll('.remote-tile')).toHaveLength(1);
    expect((await hook.stats())[0].framesDecoded).toBe(42);

    button('Mute').click();
    expect(sockets[0].sent.at(-1)).toMatchObject({ type: 'call.state', muted: true });
    expect(button('Unmute')).toBeTruthy();
  });

  it('leaves, then offers Rejoin', async () => {
    button('Leave').click();
    await settle();
    const leave = requests.find((r) => r.url.endsWith('/guest/leave'))!;
    expect(leave.body).toEqual({ peerId: 'p-guest' });
    expect(document.body.textContent).toContain('You have left the visit');
    expect((window as { __conferCall?: unknown }).__conferCall).toBeUndefined();

    joinAnswers.push({ status: 202, body: { state: 'waiting', callId: 'c1' } });
    button('Rejoin the visit').click();
    await settle();
    expect(document.body.textContent).toContain('Waiting for the ward to let you in');
    sockets.at(-1)!.frame({ type: 'call.admission', callId: 'c1', state: 'denied' });
    await settle();
    expect(status()).toContain('The ward could not admit you this time. Please contact the ward.');
  });
});
