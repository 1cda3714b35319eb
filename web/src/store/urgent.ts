/**
 * Urgent messages: who must acknowledge one and who has (for its sender), and the urgent
 * messages waiting for the caller's own acknowledgement — from the first notice (attempt 1, sent
 * with the post) until they acknowledge, here or on another device. Each new attempt raises the
 * message's alert over the page again (app/alerts/UrgentAlert.tsx); lowered, it stays in the
 * red bar at the top. Framework-free; an Observable for React.
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
  /** Shown as the alert over the page; a person lowers it (Open, Escape) to the bar at the top. */
  raised: boolean;
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
  /** Urgent bot messages the bot resolved (their card turned `success`): nothing is waiting for me any more. */
  private resolved = new Set<string>();

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
    // The post itself counts as the first notice too: a message sent while this device was
    // signing in reaches it as a replayed post, but its user event (before the stream's first
    // hello) is never replayed — without this the alert would wait for the first reminder.
    d.onConversationEvent('message.posted', (e, ctx) => {
      const m = e.message;
      if (m.urgent && m.authorId !== this.meId && !m.deletedAt) this.urgentNotice(ctx.conversationId, m.id, 1);
    });
    // A bot resolves its urgent message by turning the card to `success` (a colleague acknowledged the
    // critical result for everyone; the request is done): the server has stopped the reminders, and
    // the alert would only ask me to acknowledge what is already handled. The card says who did it.
    d.onConversationEvent('message.card-updated', (e) => {
      if (e.card.severity !== 'success') return;
      this.resolved.add(e.messageId);
      this.forget((r) => r.messageId === e.messageId);
    });
    // The server stops reminding about a deleted message, or once I left the conversation.
    d.onConversationEvent('message.deleted', (e) => this.forget((r) => r.messageId === e.messageId));
    d.onUserEvent('conversation.removed', (e) => this.forget((r) => r.conversationId === e.conversationId));
    d.onFrame('not-a-member', (f) => this.forget((r) => r.conversationId === f.conversationId));
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

  /**
   * A `message.urgent` user event (attempt 1 is the notice sent with the post, then reminders):
   * kept until I acknowledge, and raised again by every newer attempt. True when it raised the
   * alert (a newer attempt of a message I have not acknowledged), so the tone plays once per attempt.
   */
  urgentNotice(conversationId: string, messageId: string, attempt: number): boolean {
    if (attempt < 1 || this.acknowledgedByMe(messageId) || this.resolved.has(messageId)) return false;
    const known = this.reminderMap.get(messageId);
    if (known && known.attempt >= attempt) return false;
    this.reminderMap.set(messageId, { conversationId, messageId, attempt, raised: true });
    this.changed();
    return true;
  }

  /** Waiting for my acknowledgement, in the order they arrived. */
  reminders(): UrgentReminder[] {
    return [...this.reminderMap.values()];
  }

  reminder(messageId: string): UrgentReminder | undefined {
    return this.reminderMap.get(messageId);
  }

  /** The person opened the message or put the alert aside: it stays in the bar until acknowledged. */
  lower(messageId: string): void {
    const r = this.reminderMap.get(messageId);
    if (!r?.raised) return;
    this.reminderMap.set(messageId, { ...r, raised: false });
    this.changed();
  }

  private forget(which: (r: UrgentReminder) => boolean): void {
    let gone = false;
    for (const r of [...this.reminderMap.values()]) if (which(r)) gone = this.reminderMap.delete(r.messageId) || gone;
    if (gone) this.changed();
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
