/**
 * The Requests section's state: the services of my organisation, the requests I filed ("My
 * requests") and the queues of the services whose team I am in. Live from `request.updated`
 * (sent to the requester and the assignee); a team member who is neither learns of a change
 * through the queue channel's card (`message.posted` / `message.card-updated` there), which
 * reloads that queue. Framework-free: the pane reads it through useStore.
 */
import type { Dispatcher } from '../../protocol/dispatch';
import type { ServiceRequestSnapshot } from '../../protocol/events';
import { Observable } from '../../store/observable';
import { fromSnapshot, type NewRequest, type RequestService, type RequestsRemote, type ServiceRequest } from './requestsApi';

export const ACTIVE: readonly string[] = ['open', 'claimed', 'in-progress'];

export function isActive(r: ServiceRequest): boolean {
  return ACTIVE.includes(r.status);
}

/** Overdue: the server says so, or the due time has passed while it is still to be done. */
export function isOverdue(r: ServiceRequest, now: number): boolean {
  if (!isActive(r)) return false;
  return r.overdue || (r.dueAt !== null && Date.parse(r.dueAt) < now);
}

/** Newest first, as the server lists them. */
function upsert(list: ServiceRequest[], r: ServiceRequest): ServiceRequest[] {
  const rest = list.filter((x) => x.id !== r.id);
  return [r, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export interface RequestsHost {
  meId: string;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export class RequestsStore extends Observable {
  private serviceList: RequestService[] | null = null;
  private mineList: ServiceRequest[] | null = null;
  private queues = new Map<string, ServiceRequest[]>();
  private failure: string | null = null;
  private reloadPending = new Set<string>();

  constructor(
    private readonly remote: RequestsRemote,
    private readonly host: RequestsHost,
  ) {
    super();
  }

  register(d: Dispatcher): () => void {
    const onQueueChange = (conversationId: string) => {
      const service = this.serviceList?.find((s) => s.canWork && s.queueConversationId === conversationId);
      if (service) this.reloadQueueSoon(service.id);
    };
    const offs = [
      d.onUserEvent('request.updated', (e) => this.apply(e.request)),
      d.onConversationEvent('message.posted', (_e, ctx) => onQueueChange(ctx.conversationId)),
      d.onConversationEvent('message.card-updated', (_e, ctx) => onQueueChange(ctx.conversationId)),
    ];
    return () => offs.forEach((off) => off());
  }

  services(): RequestService[] | null {
    return this.serviceList;
  }
  workable(): RequestService[] {
    return (this.serviceList ?? []).filter((s) => s.canWork);
  }
  mine(): ServiceRequest[] | null {
    return this.mineList;
  }
  /** The active requests of one of my queues (open, claimed, in progress), or null before it loads. */
  queue(serviceId: string): ServiceRequest[] | null {
    const q = this.queues.get(serviceId);
    return q ? q.filter(isActive) : null;
  }
  error(): string | null {
    return this.failure;
  }

  /** The rail's count: open requests in queues I work in, and any overdue request I can see. */
  badge(): number {
    const now = this.now();
    const counted = new Set<string>();
    for (const q of this.queues.values()) for (const r of q) if (r.status === 'open' || isOverdue(r, now)) counted.add(r.id);
    for (const r of this.mineList ?? []) if (isOverdue(r, now)) counted.add(r.id);
    return counted.size;
  }

  /** Services, my requests and my queues; a failure is shown with Try again. */
  async load(): Promise<void> {
    try {
      const [services, mine] = await Promise.all([this.remote.services(), this.remote.mine()]);
      this.serviceList = services;
      this.mineList = mine;
      this.failure = null;
      this.changed();
      await Promise.all(services.filter((s) => s.canWork).map((s) => this.reloadQueue(s.id)));
    } catch {
      this.failure = 'Could not load requests. Check the connection and try again.';
      this.changed();
    }
  }

  async reloadQueue(serviceId: string): Promise<void> {
    try {
      this.queues.set(serviceId, await this.remote.queue(serviceId));
      this.changed();
    } catch {
      /* the list keeps what it had; the next change or focus loads it again */
    }
  }

  /** A request as an event (or an action's answer) tells it, in every list it belongs to. */
  apply(snapshot: ServiceRequestSnapshot | ServiceRequest): void {
    const known = this.find(snapshot.id);
    const r = 'summary' in snapshot ? fromSnapshot(snapshot, known) : snapshot;
    if (r.requesterId === this.host.meId && this.mineList) this.mineList = upsert(this.mineList, r);
    const q = this.queues.get(r.serviceId);
    if (q) this.queues.set(r.serviceId, upsert(q, r));
    this.changed();
  }

  find(id: string): ServiceRequest | undefined {
    return this.mineList?.find((r) => r.id === id) ?? [...this.queues.values()].flat().find((r) => r.id === id);
  }

  async file(draft: NewRequest): Promise<ServiceRequest> {
    const r = await this.remote.file(draft);
    if (!this.mineList) this.mineList = [];
    this.apply(r);
    return r;
  }

  async claim(id: string): Promise<void> {
    this.apply(await this.remote.claim(id));
  }

  async setStatus(id: string, status: 'in-progress' | 'done' | 'cancelled', note?: string): Promise<void> {
    this.apply(await this.remote.setStatus(id, status, note));
  }

  private now(): number {
    return (this.host.now ?? Date.now)();
  }

  /** Several card changes in a burst (a claim edits the card and posts a line) load the queue once. */
  private reloadQueueSoon(serviceId: string): void {
    if (this.reloadPending.has(serviceId)) return;
    this.reloadPending.add(serviceId);
    (this.host.setTimer ?? ((fn, ms) => setTimeout(fn, ms)))(() => {
      this.reloadPending.delete(serviceId);
      void this.reloadQueue(serviceId);
    }, 300);
  }
}
