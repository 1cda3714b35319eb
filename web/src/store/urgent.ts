/**
 * Urgent messages: who must acknowledge one and who has (for its sender), and the reminders
 * waiting for the caller's own acknowledgement. Framework-free; an Observable for React.
 */
import type { Dispatcher } from '../protocol/dispatch';
import type { Message } from '../types';
import { Observable } from './observable';

export interface Acknowledgement {
  userId: string;
  acknowledgedAt?: string;
  notifiedCount?: number;
}

export interface UrgentReminder {
  conversationId: string;
  messageId: string;
  attempt: number;
}

export interface UrgentRemote {
  acknowledgements(conversationId: string, messageId: string): Promise<Acknowledgement[]>;
  acknowledge(conversationId: string, messageId: string): Promise<{ acknowledgedAt: string } | undefined>;
}

export interface UrgentOptions {
  messageOf: (conversationId: string, messageId: string) => Message | undefined;
  /** Recipients were loaded: their names may be needed. */
  onPeopleReferenced?: () => void;
}

export class UrgentStore extends Observable {
  /** Recipients of urgent messages, by message id (from GET …/acknowledgements and events). */
  private ackMap = new Map<string, Acknowledgement[]>();
  /** Urgent messages this person was reminded about and has not acknowledged, by message id. */
  private reminderMap = new Map<string, UrgentReminder>();
  /** Urgent messages this person acknowledged in this session. */
  private myAcks = new Map<string, string>();
  private acksRequested = new Set<string>();

  constructor(
    private readonly meId: string,
    private readonly remote: UrgentRemote,
    private readonly options: UrgentOptions,
  ) {
    super();
  }

  register(d: Dispatcher): void {
    d.onConversationEvent('message.acknowledged', (e, ctx) => {
      this.noteAcknowledged(e.messageId, e.userId, e.acknowledgedAt ?? '');
      // My own urgent message whose recipients I have not loaded: load them to show the count.
      const m = this.options.messageOf(ctx.conversationId, e.messageId);
      if (m && m.authorId === this.meId && !this.acknowledgements(m.id)) void this.loadAcknowledgements(m, true);
    });
    d.onUserEvent('message.urgent', (e) => this.urgentNotice(e.conversationId, e.messageId, e.attempt));
  }

  setAcknowledgements(messageId: string, items: Acknowledgement[]): void {
    this.ackMap.set(messageId, items);
    const mine = items.find((a) => a.userId === this.meId);
    if (mine?.acknowledgedAt) this.noteAcknowledged(messageId, mine.userId, mine.acknowledgedAt);
    this.changed();
  }

  acknowledgements(messageId: string): Acknowledgement[] | undefined {
    return this.ackMap.get(messageId);
  }

  /** Someone acknowledged an urgent message (an event, or the caller's own POST answer). */
  noteAcknowledged(messageId: string, userId: string, at: string): void {
    const items = this.ackMap.get(messageId);
    if (items) this.ackMap.set(messageId, items.map((a) => (a.userId === userId && !a.acknowledgedAt ? { ...a, acknowledgedAt: at } : a)));
    if (userId === this.meId) {
      this.myAcks.set(messageId, at);
      this.reminderMap.delete(messageId);
    }
    this.changed();
  }

  acknowledgedByMe(messageId: string): boolean {
    return this.myAcks.has(messageId) || !!this.ackMap.get(messageId)?.some((a) => a.userId === this.meId && a.acknowledgedAt);
  }

  /** A `message.urgent` user event: attempts after the first are reminders, shown until acknowledged. */
  urgentNotice(conversationId: string, messageId: string, attempt: number): void {
    if (attempt <= 1 || this.acknowledgedByMe(messageId)) return;
    this.reminderMap.set(messageId, { conversationId, messageId, attempt });
    this.changed();
  }

  reminders(): UrgentReminder[] {
    return [...this.reminderMap.values()];
  }

  /** Who must acknowledge an urgent message, and who has; fetched once unless `force`. */
  async loadAcknowledgements(m: Message, force = false): Promise<void> {
    if (!force && this.acksRequested.has(m.id)) return;
    this.acksRequested.add(m.id);
    try {
      this.setAcknowledgements(m.id, await this.remote.acknowledgements(m.conversationId, m.id));
      this.options.onPeopleReferenced?.();
    } catch {
      this.acksRequested.delete(m.id);
    }
  }

  async acknowledge(conversationId: string, messageId: string): Promise<void> {
    const answer = await this.remote.acknowledge(conversationId, messageId);
    this.noteAcknowledged(messageId, this.meId, answer?.acknowledgedAt ?? new Date().toISOString());
  }
}
