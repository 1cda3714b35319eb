/**
 * The activity feed of one signed-in session: fetched from GET /api/v1/activity, kept up to date
 * from the stream events the chat controller already receives, and marked seen while the
 * person looks at it.
 */
import { api } from '../../api';
import type { ConversationEvent, UserEvent } from '../../types';
import type { ChatController } from '../controller';
import { Observable } from '../../store/observable';
import { ActivityFeed, changeFromEvent, type ActivityItem } from './feed';

export class ActivityController extends Observable {
  readonly feed = new ActivityFeed();
  /** The Activity section is on screen. */
  private open = false;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private loadingOlder = false;
  failed = false;

  constructor(private readonly chat: ChatController) {
    super();
  }

  /** Every change while the feed is on screen is also seen (after a moment). */
  protected override changed(): void {
    if (this.open) this.seeSoon();
    super.changed();
  }

  /** The newest page (after connecting and whenever the stream alone cannot tell). */
  async refresh(): Promise<void> {
    try {
      const page = await api.activity();
      this.feed.addPage(page.items ?? [], page.nextCursor, false);
      this.failed = false;
      this.chat.knowPeople();
    } catch {
      this.failed = true;
    }
    this.changed();
  }

  async loadOlder(): Promise<void> {
    const cursor = this.feed.nextCursor;
    if (!cursor || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const page = await api.activity(cursor);
      this.feed.addPage(page.items ?? [], page.nextCursor, true);
      this.chat.knowPeople();
    } finally {
      this.loadingOlder = false;
      this.changed();
    }
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, 400);
  }

  onEvent(conversationId: string, event: ConversationEvent, focused: boolean): void {
    const change = changeFromEvent(
      conversationId,
      event,
      this.chat.me.id,
      (id) => this.chat.store.message(conversationId, id),
      new Date().toISOString(),
      focused,
    );
    if (change.refresh) this.scheduleRefresh();
    if (change.add.length === 0 && !['message.edited', 'message.deleted', 'reaction.removed', 'message.acknowledged'].includes(event.kind)) return;
    this.feed.apply(change);
    this.changed();
  }

  onUserEvent(event: UserEvent): void {
    if (event.kind === 'conversation.added') this.scheduleRefresh();
    else if (event.kind === 'conversation.removed') this.feed.removeConversation(String(event.conversationId));
    else if (event.kind === 'read.moved') this.feed.markConversationRead(String(event.conversationId), Number(event.readSeq));
    else return;
    this.changed();
  }

  /** My read marker moved on this device. */
  conversationRead(conversationId: string, readSeq: number): void {
    this.feed.markConversationRead(conversationId, readSeq);
    this.changed();
  }

  /** The Activity section was opened or closed. */
  setOpen(open: boolean): void {
    this.open = open;
    if (open) this.seeSoon();
  }

  private seeTimer: ReturnType<typeof setTimeout> | null = null;
  /** While the feed is on screen, what it shows counts as seen (once the page is visible). */
  private seeSoon(): void {
    if (this.seeTimer) return;
    this.seeTimer = setTimeout(() => {
      this.seeTimer = null;
      if (!this.open || document.visibilityState !== 'visible' || this.feed.unreadCount() === 0) return;
      const newest = this.feed.items()[0]?.at;
      if (!newest) return;
      this.feed.markSeen(newest);
      api.activitySeen(newest).catch(() => {});
      // Not this.changed(): marking seen must not schedule another round of marking seen.
      super.changed();
    }, 1500);
  }

  /** Opens the conversation at the item's message (and its thread when it is a reply). */
  openItem(item: ActivityItem): void {
    if (!item.read) {
      this.feed.merge([{ ...item, read: true }]);
      this.changed();
    }
    void this.chat.openAt(item.conversationId, item.deleted ? undefined : item.messageId, item.threadRootId ?? undefined);
  }

  stop(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.seeTimer) clearTimeout(this.seeTimer);
  }
}
