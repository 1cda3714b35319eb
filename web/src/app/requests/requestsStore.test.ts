import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../protocol/dispatch';
import type { ServiceRequestSnapshot } from '../../protocol/events';
import type { RequestService, RequestsRemote, ServiceRequest } from './requestsApi';
import { isOverdue, RequestsStore } from './requestsStore';

const NOW = Date.parse('2027-03-30T10:00:00Z');
const userEvent = (userSeq: number, e: object) => ({ type: 'user-event' as const, userSeq, event: e as never });
const conversationEvent = (conversationId: string, seq: number, e: object) => ({ type: 'event' as const, conversationId, seq, event: e as never });

const service = (id: string, canWork: boolean): RequestService => ({
  id, slug: id, name: id, teamId: 't', teamName: 'Team', queueConversationId: `queue-${id}`, leadId: null,
  askNhsNumber: false, fields: [], targets: { routine: 240, urgent: 60, emergency: 15 }, canWork, archived: false,
});
const req = (id: string, over: Partial<ServiceRequest> = {}): ServiceRequest => ({
  id, number: 1, serviceId: 'phlebotomy', serviceName: 'Phlebotomy', status: 'open', priority: 'routine', location: 'Ward 7',
  nhsNumber: null, details: 'Fasting bloods', fields: { tubes: '2' }, requesterId: 'me', assigneeId: null,
  createdAt: '2027-03-30T09:00:00Z', dueAt: '2027-03-30T13:00:00Z', updatedAt: '2027-03-30T09:00:00Z', overdue: false, ...over,
});
const snapshot = (r: ServiceRequest, over: Partial<ServiceRequestSnapshot> = {}): ServiceRequestSnapshot => ({
  id: r.id, number: r.number, serviceId: r.serviceId, serviceName: r.serviceName, status: r.status, priority: r.priority,
  location: r.location, summary: 'Fasting bloods', requesterId: r.requesterId, createdAt: r.createdAt, dueAt: r.dueAt ?? undefined,
  updatedAt: r.updatedAt, overdue: r.overdue, ...over,
});

function setup(mine: ServiceRequest[], queue: ServiceRequest[]) {
  const asked: string[] = [];
  let queueAnswer = queue;
  const remote = {
    services: async () => [service('phlebotomy', true), service('portering', false)],
    mine: async () => mine,
    queue: async (id: string) => {
      asked.push(id);
      return queueAnswer;
    },
  } as unknown as RequestsRemote;
  const timers: (() => void)[] = [];
  const store = new RequestsStore(remote, { meId: 'me', now: () => NOW, setTimer: (fn) => timers.push(fn) });
  const d = new Dispatcher();
  store.register(d);
  return { store, d, asked, timers, setQueue: (q: ServiceRequest[]) => (queueAnswer = q) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('requests store', () => {
  it('loads my requests and the queues of the services whose team I am in only', async () => {
    const { store, asked } = setup([req('r1')], [req('r2', { requesterId: 'someone' })]);
    await store.load();
    expect(store.mine()?.map((r) => r.id)).toEqual(['r1']);
    expect(asked).toEqual(['phlebotomy']);
    expect(store.queue('phlebotomy')?.map((r) => r.id)).toEqual(['r2']);
    expect(store.queue('portering')).toBeNull();
  });

  it('applies request.updated to my request and keeps the details the event leaves out', async () => {
    const mine = req('r1');
    const { store, d } = setup([mine], []);
    await store.load();
    d.dispatch(userEvent(1, { kind: 'request.updated', request: snapshot(mine, { status: 'claimed', assigneeId: 'pat', updatedAt: '2027-03-30T09:05:00Z' }) }));
    expect(store.mine()?.[0]).toMatchObject({ status: 'claimed', assigneeId: 'pat', details: 'Fasting bloods', fields: { tubes: '2' } });
    d.dispatch(userEvent(2, { kind: 'request.updated', request: snapshot(mine, { status: 'done', assigneeId: 'pat' }) }));
    expect(store.mine()?.[0].status).toBe('done');
  });

  it('adds a request filed elsewhere to my list, newest first', async () => {
    const { store, d } = setup([req('r1')], []);
    await store.load();
    d.dispatch(userEvent(1, { kind: 'request.updated', request: snapshot(req('r9', { createdAt: '2027-03-30T09:30:00Z' })) }));
    expect(store.mine()?.map((r) => r.id)).toEqual(['r9', 'r1']);
    expect(store.mine()?.[0].details).toBe('Fasting bloods');
  });

  it('takes a finished request out of the queue when an event says so', async () => {
    const queued = req('r2', { requesterId: 'someone', status: 'claimed', assigneeId: 'me' });
    const { store, d } = setup([], [queued]);
    await store.load();
    d.dispatch(userEvent(1, { kind: 'request.updated', request: snapshot(queued, { status: 'done', assigneeId: 'me' }) }));
    expect(store.queue('phlebotomy')).toEqual([]);
    expect(store.mine()).toEqual([]);
  });

  it('reloads a queue once when its channel changes, and not for other conversations', async () => {
    const { store, d, asked, timers, setQueue } = setup([], []);
    await store.load();
    setQueue([req('r3', { requesterId: 'someone' })]);
    d.dispatch(conversationEvent('queue-phlebotomy', 1, { kind: 'message.card-updated', messageId: 'm', card: { title: 'x' }, by: 'bot' }));
    d.dispatch(conversationEvent('queue-phlebotomy', 2, { kind: 'message.card-updated', messageId: 'm', card: { title: 'y' }, by: 'bot' }));
    d.dispatch(conversationEvent('queue-portering', 1, { kind: 'message.card-updated', messageId: 'm', card: { title: 'z' }, by: 'bot' }));
    expect(timers).toHaveLength(1);
    timers[0]();
    await flush();
    expect(asked).toEqual(['phlebotomy', 'phlebotomy']);
    expect(store.queue('phlebotomy')?.map((r) => r.id)).toEqual(['r3']);
  });

  it('counts open requests in my queues and overdue ones, each once', async () => {
    const late = req('r1', { dueAt: '2027-03-30T09:30:00Z', status: 'claimed' });
    const { store } = setup([late, req('r4', { status: 'done', overdue: true })], [req('r2'), req('r3', { status: 'claimed' }), late]);
    await store.load();
    expect(store.badge()).toBe(2);
  });

  it('calls a request overdue after its due time only while it is still to be done', () => {
    expect(isOverdue(req('a', { dueAt: '2027-03-30T09:59:00Z' }), NOW)).toBe(true);
    expect(isOverdue(req('a', { dueAt: '2027-03-30T10:01:00Z' }), NOW)).toBe(false);
    expect(isOverdue(req('a', { overdue: true }), NOW)).toBe(true);
    expect(isOverdue(req('a', { dueAt: '2027-03-30T09:59:00Z', status: 'done' }), NOW)).toBe(false);
  });

  it('shows a failure to load and clears it on the next success', async () => {
    let fail = true;
    const remote = {
      services: async () => {
        if (fail) throw new Error('down');
        return [];
      },
      mine: async () => [],
    } as unknown as RequestsRemote;
    const store = new RequestsStore(remote, { meId: 'me' });
    await store.load();
    expect(store.error()).toMatch(/Could not load requests/);
    fail = false;
    await store.load();
    expect(store.error()).toBeNull();
  });
});
