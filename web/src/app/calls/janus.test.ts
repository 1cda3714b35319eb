import { beforeEach, describe, expect, test } from 'vitest';
import { createPc, createStream, FakePC, localStream, settle } from './fakes.test-util';
import { JanusEngine, KEEPALIVE_MS, parseDisplay, type JanusSocket } from './janus';

type Sent = Record<string, unknown> & { janus: string; transaction: string; body?: Record<string, unknown>; jsep?: { type: string; sdp: string } };

class FakeSocket implements JanusSocket {
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  sent: Sent[] = [];
  closed = false;
  constructor(
    readonly url: string,
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  reply(m: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
  last(janus: string, request?: string): Sent {
    const found = [...this.sent].reverse().find((m) => m.janus === janus && (!request || m.body?.request === request));
    if (!found) throw new Error(`nothing sent: ${janus} ${request ?? ''}`);
    return found;
  }
}

let socket: FakeSocket;
let intervals: { fn: () => void; ms: number }[];

function engine(onFailure?: (r: string) => void) {
  return new JanusEngine(localStream(), {
    url: 'ws://confer.test/api/v1/media/janus',
    room: 4242,
    token: 'core-token',
    roomToken: 'room-token',
    userId: 'alice',
    peerId: 'p-alice',
    iceServers: [],
    iceTransportPolicy: 'all',
    createSocket: (url) => (socket = new FakeSocket(url)),
    createPeerConnection: createPc,
    createStream,
    setInterval: (fn, ms) => intervals.push({ fn, ms }),
    clearInterval: () => {},
    onFailure,
  });
}

/** Walk the engine through create, attach and the publisher join, answering like Janus. */
async function joinAsPublisher(publishers: { id: number; display: string }[] = []) {
  const e = engine();
  socket.open();
  await settle();
  socket.reply({ janus: 'success', transaction: socket.last('create').transaction, data: { id: 100 } });
  await settle();
  socket.reply({ janus: 'success', transaction: socket.last('attach').transaction, data: { id: 200 } });
  await settle();
  const join = socket.last('message', 'join');
  socket.reply({ janus: 'ack', transaction: join.transaction });
  socket.reply({
    janus: 'event',
    sender: 200,
    transaction: join.transaction,
    plugindata: { plugin: 'janus.plugin.videoroom', data: { videoroom: 'joined', id: 1, private_id: 555, publishers } },
  });
  await settle();
  const configure = socket.last('message', 'configure');
  socket.reply({ janus: 'event', sender: 200, transaction: configure.transaction, plugindata: { data: { videoroom: 'event', configured: 'ok' } }, jsep: { type: 'answer', sdp: 'janus-answer' } });
  await settle();
  return e;
}

/** Answer the subscriber attach and join for one feed, as Janus does, and return the handle id. */
async function subscribe(feed: number, handle: number) {
  socket.reply({ janus: 'success', transaction: socket.last('attach').transaction, data: { id: handle } });
  await settle();
  const join = socket.last('message', 'join');
  expect(join.body).toMatchObject({ ptype: 'subscriber', room: 4242, streams: [{ feed }], private_id: 555, token: 'room-token' });
  socket.reply({ janus: 'ack', transaction: join.transaction });
  socket.reply({ janus: 'event', sender: handle, transaction: join.transaction, plugindata: { data: { videoroom: 'attached' } }, jsep: { type: 'offer', sdp: `offer-${feed}` } });
  await settle();
}

beforeEach(() => {
  FakePC.all = [];
  intervals = [];
});

describe('Janus VideoRoom sequencing', () => {
  test('create, attach, join as publisher with the room token, configure with an offer, apply the answer; every request carries the core token', async () => {
    await joinAsPublisher();
    expect(socket.url).toBe('ws://confer.test/api/v1/media/janus');
    expect(socket.sent.filter((m) => m.janus !== 'trickle').map((m) => (m.body ? `${m.janus}:${m.body.request}` : m.janus))).toEqual(['create', 'attach', 'message:join', 'message:configure']);
    for (const m of socket.sent) expect(m.token).toBe('core-token');
    expect(socket.last('attach')).toMatchObject({ session_id: 100, plugin: 'janus.plugin.videoroom' });
    expect(socket.last('message', 'join')).toMatchObject({
      session_id: 100,
      handle_id: 200,
      body: { request: 'join', ptype: 'publisher', room: 4242, token: 'room-token', display: 'alice|p-alice' },
    });
    expect(socket.last('message', 'configure').jsep?.type).toBe('offer');
    const publisher = FakePC.all[0];
    expect(publisher.remoteDescription).toEqual({ type: 'answer', sdp: 'janus-answer' });
    expect(publisher.senders.map((s) => s.track?.kind)).toEqual(['audio', 'video']);
  });

  test('keepalive every 25 s on the session', async () => {
    await joinAsPublisher();
    expect(intervals.map((i) => i.ms)).toEqual([KEEPALIVE_MS]);
    intervals[0].fn();
    expect(socket.last('keepalive')).toMatchObject({ session_id: 100, token: 'core-token' });
  });

  test('each publisher in joined gets its own handle and subscriber join; Janus\'s offer is answered with start', async () => {
    const e = await joinAsPublisher([{ id: 7, display: 'bob|p-bob' }]);
    await subscribe(7, 300);
    const start = socket.last('message', 'start');
    expect(start).toMatchObject({ handle_id: 300, jsep: { type: 'answer' } });
    const sub = FakePC.all[1];
    expect(sub.remoteDescription).toEqual({ type: 'offer', sdp: 'offer-7' });
    sub.receive('video');
    sub.receive('audio');
    expect(e.remotes()).toMatchObject([{ peerId: 'p-bob', userId: 'bob' }]);
    expect(e.remotes()[0].stream.getTracks()).toHaveLength(2);
  });

  test('a publisher announced later is subscribed to; unpublished and leaving drop it and detach its handle', async () => {
    const e = await joinAsPublisher();
    socket.reply({ janus: 'event', sender: 200, plugindata: { data: { videoroom: 'event', publishers: [{ id: 9, display: 'carol|p-carol' }] } } });
    await settle();
    await subscribe(9, 301);
    FakePC.all[1].receive('video');
    expect(e.remotes().map((r) => r.userId)).toEqual(['carol']);
    socket.reply({ janus: 'event', sender: 200, plugindata: { data: { videoroom: 'event', unpublished: 9 } } });
    expect(e.remotes()).toEqual([]);
    expect(FakePC.all[1].closed).toBe(true);
    expect(socket.last('detach')).toMatchObject({ handle_id: 301 });
  });

  test('trickle: candidates go on their handle, and completed at the end', async () => {
    await joinAsPublisher();
    const publisher = FakePC.all[0];
    publisher.onicecandidate?.({ candidate: { toJSON: () => ({ candidate: 'c1', sdpMid: '0' }) } });
    publisher.onicecandidate?.({ candidate: null });
    const trickles = socket.sent.filter((m) => m.janus === 'trickle' && m.handle_id === 200);
    expect(trickles.map((t) => t.candidate)).toContainEqual({ candidate: 'c1', sdpMid: '0' });
    expect(trickles.at(-1)!.candidate).toEqual({ completed: true });
  });

  test('a refused join (a wrong room token) is reported, and leave destroys the session and closes the socket', async () => {
    const failures: string[] = [];
    const e = engine((r) => failures.push(r));
    socket.open();
    await settle();
    socket.reply({ janus: 'success', transaction: socket.last('create').transaction, data: { id: 100 } });
    await settle();
    socket.reply({ janus: 'success', transaction: socket.last('attach').transaction, data: { id: 200 } });
    await settle();
    const join = socket.last('message', 'join');
    socket.reply({ janus: 'event', sender: 200, transaction: join.transaction, plugindata: { data: { videoroom: 'event', error_code: 433, error: 'Unauthorized (wrong token)' } } });
    await settle();
    expect(failures).toEqual(['Unauthorized (wrong token)']);
    e.leave();
    expect(socket.last('destroy')).toMatchObject({ session_id: 100 });
    expect(socket.closed).toBe(true);
  });

  test('a display without a peer id still names the person', () => {
    expect(parseDisplay('bob', 3)).toEqual({ userId: 'bob', peerId: 'feed-3' });
  });
});
