import { describe, expect, test } from 'vitest';
import { Dispatcher } from '../../protocol/dispatch';
import type { CallPeer, ServerFrame } from '../../protocol/events';
import type { CallInfo } from './callApi';
import { CallStore } from './callStore';

const peer = (peerId: string, userId: string): CallPeer => ({ peerId, userId, joinedAt: '2026-12-07T10:00:00Z', muted: false, camera: true, screen: false, hand: false });
const roster = (callId: string, conversationId: string, participants: CallPeer[], ended = false): ServerFrame => ({
  type: 'call.roster',
  callId,
  conversationId,
  topology: 'mesh',
  participants,
  ended,
});

function setup() {
  const d = new Dispatcher(() => true);
  const store = new CallStore();
  store.register(d);
  return { d, store };
}

describe('call store', () => {
  test('call.roster makes a live call in its conversation; ended removes it', () => {
    const { d, store } = setup();
    d.dispatch(roster('k1', 'c1', [peer('p1', 'alice'), peer('p2', 'bob'), peer('p3', 'bob')]));
    expect(store.liveIn('c1')?.callId).toBe('k1');
    expect(store.participants('k1')).toHaveLength(3);
    // People, not devices: Bob on a laptop and a phone is one person.
    expect(store.peopleIn('k1')).toBe(2);
    expect(store.liveIn('c2')).toBeUndefined();
    d.dispatch(roster('k1', 'c1', [], true));
    expect(store.liveIn('c1')).toBeUndefined();
  });

  test('the call.ended event (from the log, after a gap) also ends the call', () => {
    const { d, store } = setup();
    d.dispatch(roster('k1', 'c1', [peer('p1', 'alice')]));
    d.dispatch({ type: 'event', conversationId: 'c1', seq: 5, event: { kind: 'call.ended', callId: 'k1', startedAt: '2026-12-07T10:00:00Z', endedAt: '2026-12-07T10:12:00Z', participants: ['alice'] } });
    expect(store.liveIn('c1')).toBeUndefined();
  });

  test('GET /api/v1/calls after a reconnect replaces what frames said (a call that ended while offline goes, my call with it)', () => {
    const { d, store } = setup();
    d.dispatch(roster('old', 'c1', [peer('p1', 'alice')]));
    store.setMine({ callId: 'old', conversationId: 'c1', peerId: 'p1' });
    const fresh: CallInfo = { callId: 'k2', conversationId: 'c2', topology: 'sfu', participants: [peer('p9', 'carol')] };
    store.setCalls([fresh]);
    expect(store.liveIn('c1')).toBeUndefined();
    expect(store.liveIn('c2')).toEqual(fresh);
    expect(store.mine()).toBeNull();
  });

  test('call.ring rings until call.ring-stopped; joining the call stops it here', () => {
    const { d, store } = setup();
    d.dispatch({ type: 'call.ring', callId: 'k1', conversationId: 'c1', from: 'alice', media: 'video' });
    d.dispatch({ type: 'call.ring', callId: 'k2', conversationId: 'c2', from: 'bob', media: 'audio' });
    expect(store.ringing().map((r) => r.callId)).toEqual(['k1', 'k2']);
    d.dispatch({ type: 'call.ring-stopped', callId: 'k1', reason: 'answered' });
    expect(store.ringing().map((r) => r.callId)).toEqual(['k2']);
    store.setMine({ callId: 'k2', conversationId: 'c2', peerId: 'p1' });
    expect(store.ringing()).toEqual([]);
  });

  test('call.lobby lists who waits and makes me a host of that call; call.admission is kept per call', () => {
    const { d, store } = setup();
    expect(store.isHost('k1', 'me')).toBe(false);
    d.dispatch({ type: 'call.lobby', callId: 'k1', waiting: [{ userId: 'dan', since: '2026-12-07T10:01:00Z' }] });
    expect(store.lobby('k1')).toEqual([{ userId: 'dan', since: '2026-12-07T10:01:00Z' }]);
    expect(store.isHost('k1', 'me')).toBe(true);
    d.dispatch({ type: 'call.lobby', callId: 'k1', waiting: [] });
    expect(store.lobby('k1')).toEqual([]);
    d.dispatch({ type: 'call.admission', callId: 'k1', state: 'denied' });
    expect(store.admission('k1')).toBe('denied');
    store.clearAdmission('k1');
    expect(store.admission('k1')).toBeUndefined();
  });

  test('hosts named by the server are hosts before anyone waits', () => {
    const { store } = setup();
    store.upsert({ callId: 'k1', conversationId: 'c1', topology: 'sfu', participants: [], hosts: ['me'] });
    expect(store.isHost('k1', 'me')).toBe(true);
    expect(store.isHost('k1', 'someone')).toBe(false);
  });

  test('every change notifies', () => {
    const { d, store } = setup();
    let n = 0;
    store.subscribe(() => n++);
    d.dispatch(roster('k1', 'c1', [peer('p1', 'alice')]));
    d.dispatch({ type: 'call.ring', callId: 'k1', conversationId: 'c1', from: 'alice', media: 'video' });
    expect(n).toBe(2);
  });
});
