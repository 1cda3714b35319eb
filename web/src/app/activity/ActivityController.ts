/**
 * The activity feed of one signed-in session: fetched from GET /api/v1/activity, kept up to date
 * from the stream events it registers for, and marked seen while the person looks at it.
 * It knows the rest of the session only through ActivityDeps, so it imports no controller.
 */
import { api } from '../../api';
import type { ConversationContext, Dispatcher } from '../../protocol/dispatch';
import type { ConversationEvent, ConversationEventKind } from '../../protocol/events';
import type { ConversationKind, Message } from '../../types';
import { Observable } from '../../store/observable';
import { ActivityFeed, changeFromEvent, liveChanges, type ActivityItem } from './feed';

export interface ActivityDeps {
  meId: string;
  messageOf: (conversationId: string, messageId: string) => Message | undefined;
  /** The loaded replies of a thread (is a reply in a thread I take part in?). */
  repliesOf?: (conversationId: string, rootId: string) => Message[];
  /** A conversation's kind, when loaded (is a message a direct one?). */
  kindOf?: (conversationId: string) => ConversationKind | undefined;
  /** Open a conversation at a message (and its thread). */
  openAt: (conversationId: string, messageId?: string, threadRootId?: string) => void;
  /** The feed names these people: look them up. */
  wantPeople: (ids: string[]) => void;
  remote?: Pick<typeof api, 'activity' | 'activitySeen'>;
}

/** Kinds that change items already in the feed even when they add none. */
const CHANGES_EXISTING: ReadonlySet<ConversationEventKind> = new Set(['message.edited', 'message.deleted', 'reaction.removed', 'message.acknowledged']);

export class ActivityController extends Observable {
  readonly feed = new ActivityFeed();
  /** The Activity section is on screen. */
  private open = false;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private loadingOlder = false;
  private readonly remote: Pick<typeof api, 'activity' | 'activitySeen'>;
  failed = false;

  constructor(private readonly deps: ActivityDeps) {
    super();
    this.remote = deps.remote ?? api;
  }

  register(d: Dispatcher): void {
    for (const kind of Object.keys(liveChanges) as ConversationEventKind[]) d.onConversationEvent(kind, (event, ctx) => this.onEvent(ctx, event));
    d.onUserEvent('conversation.added', () => {
      this.scheduleRefresh();
      this.changed();
    });
    d.onUserEvent('conversation.removed', (e) => {
      this.feed.removeConversation(e.conversationId);
      this.changed();
    });
    d.onUserEvent('read.moved', (e) => this.conversationRead(e.conversationId, e.readSeq));
    d.onFrame('ready', () => void this.refresh());
    // User events were never replayed: the feed is fetched instead.
    d.onFrame('user-resync-required', () => void this.refresh());
  }

  /** Every change while the feed is on screen is also seen (after a moment). */
  protected override changed(): void {
    if (this.open) this.seeSoon();
    super.changed();
  }

  /** The newest page (after connecting and whenever the stream alone cannot tell). */
  async refresh(): Promise<void> {
    try {
      const page = await this.remote.activity();
      this.feed.addPage(page.items ?? [], page.nextCursor, false);
      this.failed = false;
      this.knowPeople();
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
      const page = await this.remote.activity(cursor);
      this.feed.addPage(page.items ?? [], page.nextCursor, true);
      this.knowPeople();
    } finally {
      this.loadingOlder = false;
      this.changed();
    }
  }

  private knowPeople(): void {
    this.deps.wantPeople(this.feed.items().flatMap((i) => (i.actorId ? [i.actorId] : [])));
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, 400);
  }

  private onEvent({ conversationId, focused }: ConversationContext, event: ConversationEvent): void {
    const messageOf = (id: string) => this.deps.messageOf(conversationId, id);
    const change = changeFromEvent(conversationId, event, this.deps.meId, messageOf, new Date().toISOString(), focused, {
      repliesOf: (rootId) => this.deps.repliesOf?.(conversationId, rootId) ?? [],
      kindOf: (id) => this.deps.kindOf?.(id),
    });
    if (change.refresh) this.scheduleRefresh();
    if (change.add.length === 0 && !CHANGES_EXISTING.has(event.kind)) return;
    this.feed.apply(change);
    this.changed();
  }

  /** My read marker moved (on this device, or another one: read.moved). */
  conversationRead(conversationId: string, readSeq: number): void {
    this.feed.markConversationRead(conversationId, readSeq);
    this.changed();
  }

  /** The Activity section was opened or closed. */
  setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    // Items that arrived while the tab was hidden are seen when the person comes back to it.
    if (open) document.addEventListener('visibilitychange', this.onVisibility);
    else document.removeEventListener('visibilitychange', this.onVisibility);
    if (open) this.seeSoon();
  }

  private readonly onVisibility = () => {
    if (this.open && document.visibilityState === 'visible') this.seeSoon();
  };

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
      this.remote.activitySeen(newest).catch(() => {});
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
    this.deps.openAt(item.conversationId, item.deleted ? undefined : item.messageId, item.threadRootId ?? undefined);
  }

  stop(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.seeTimer) clearTimeout(this.seeTimer);
  }
}
