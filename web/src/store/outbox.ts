/**
 * Sending with retry. Each send gets a clientMsgId once, and every retry after a network
 * failure reuses it, so the server's idempotency makes a retry that raced the first request
 * harmless; the pending entry lives in the MessageStore until the confirmed message is known.
 */
import type { Message } from '../types';
import type { MessageStore } from './messages';

export interface SendOptions {
  threadRootId?: string;
  urgent?: boolean;
  /** Uploaded files' ids (issue 16); the text may then be empty. */
  files?: string[];
}

export interface OutboxDeps {
  post: (conversationId: string, text: string, clientMsgId: string, options?: SendOptions) => Promise<Message>;
  /** True when the error means the request may not have reached the server (retry it). */
  isRetryable: (e: unknown) => boolean;
  describe: (e: unknown) => string;
  newId?: () => string;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (h: unknown) => void;
}

export const RETRY_INITIAL_MS = 1000;
export const RETRY_MAX_MS = 30_000;

/**
 * Sends messages, retrying network failures with the same clientMsgId until 2xx or 4xx.
 *
 * Messages to one conversation are sent one at a time, in the order they were written: two
 * requests in flight at once could be stored the other way round ("give 5 mg" then "cancel
 * that" must never arrive swapped). Each conversation keeps a queue; only its head is being
 * sent, and the next goes once the head is stored, refused or discarded.
 */
export class Outbox {
  private readonly timers = new Map<string, unknown>();
  private readonly queues = new Map<string, string[]>();
  private readonly deps: Required<OutboxDeps>;

  constructor(
    private readonly store: MessageStore,
    deps: OutboxDeps,
  ) {
    this.deps = {
      newId: () => crypto.randomUUID(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...deps,
    };
  }

  send(conversationId: string, text: string, options: SendOptions = {}): string {
    const clientMsgId = this.deps.newId();
    this.store.addPending({
      clientMsgId,
      conversationId,
      text,
      ...options,
      state: 'sending',
      attempts: 0,
      createdAt: new Date().toISOString(),
    });
    const queue = this.queues.get(conversationId) ?? [];
    queue.push(clientMsgId);
    this.queues.set(conversationId, queue);
    if (queue.length === 1) void this.attempt(clientMsgId);
    return clientMsgId;
  }

  /** Retry now (the stream came back, or the person pressed "retry"). */
  retryNow(clientMsgId?: string): void {
    const ids = clientMsgId ? [clientMsgId] : [...this.timers.keys()];
    for (const id of ids) {
      const h = this.timers.get(id);
      if (h !== undefined) this.deps.clearTimer(h);
      this.timers.delete(id);
      if (this.store.pending(id) && this.isHead(id)) void this.attempt(id);
    }
  }

  /**
   * True while a message is written but not yet stored by the server (sending, or waiting to
   * retry). Leaving the page now would lose it without a word, so the page asks first.
   */
  hasUnsent(): boolean {
    return this.queues.size > 0;
  }

  discard(clientMsgId: string): void {
    const h = this.timers.get(clientMsgId);
    if (h !== undefined) this.deps.clearTimer(h);
    this.timers.delete(clientMsgId);
    const p = this.store.pending(clientMsgId);
    this.store.removePending(clientMsgId);
    if (p) this.done(p.conversationId, clientMsgId);
  }

  private isHead(clientMsgId: string): boolean {
    const p = this.store.pending(clientMsgId);
    return !!p && this.queues.get(p.conversationId)?.[0] === clientMsgId;
  }

  /** The send has an outcome (stored, refused, discarded): take it out and start the next one. */
  private done(conversationId: string, clientMsgId: string): void {
    const queue = this.queues.get(conversationId);
    if (!queue) return;
    const i = queue.indexOf(clientMsgId);
    if (i < 0) return;
    queue.splice(i, 1);
    if (queue.length === 0) {
      this.queues.delete(conversationId);
    } else if (i === 0) {
      void this.attempt(queue[0]);
    }
  }

  private async attempt(clientMsgId: string): Promise<void> {
    const p = this.store.pending(clientMsgId);
    if (!p) {
      // Confirmed by the stream echo meanwhile, or discarded: nothing to send.
      for (const [conversationId, queue] of this.queues) if (queue.includes(clientMsgId)) this.done(conversationId, clientMsgId);
      return;
    }
    this.store.updatePending(clientMsgId, { attempts: p.attempts + 1, state: p.attempts === 0 ? 'sending' : 'retrying' });
    try {
      const m = await this.deps.post(
        p.conversationId,
        p.text,
        p.clientMsgId,
        p.threadRootId || p.urgent || p.files?.length ? { threadRootId: p.threadRootId, urgent: p.urgent, ...(p.files?.length ? { files: p.files } : {}) } : undefined,
      );
      this.store.confirm(m);
      this.done(p.conversationId, clientMsgId);
    } catch (e) {
      if (!this.store.pending(clientMsgId)) {
        this.done(p.conversationId, clientMsgId);
        return;
      }
      if (this.deps.isRetryable(e)) {
        const n = this.store.pending(clientMsgId)!.attempts;
        const delay = Math.min(RETRY_MAX_MS, RETRY_INITIAL_MS * 2 ** Math.min(n - 1, 15));
        this.store.updatePending(clientMsgId, { state: 'retrying', error: this.deps.describe(e) });
        this.timers.set(
          clientMsgId,
          this.deps.setTimer(() => {
            this.timers.delete(clientMsgId);
            void this.attempt(clientMsgId);
          }, delay),
        );
      } else {
        this.store.updatePending(clientMsgId, { state: 'failed', error: this.deps.describe(e) });
        this.done(p.conversationId, clientMsgId);
      }
    }
  }
}
