/**
 * The session of one signed-in person: it owns the stream (connect, resume, resync), hands
 * every frame to the dispatcher, and knows which conversation is open. Everything the frames
 * change lives in stores that registered with the dispatcher; what people do lives in the
 * stores and in ChatActions. React components read the stores and call those.
 */
import { api, ApiError, NetworkError } from '../api';
import { Notifier } from '../notifications';
import type { Dispatcher } from '../protocol/dispatch';
import { backoffDelay, StreamClient, streamUrl, type ConnectionState, type SocketLike } from '../protocol/stream';
import { createChatState } from '../store/chatState';
import { drafts } from '../store/drafts';
import type { ConversationStore } from '../store/conversations';
import type { MessageStore } from '../store/messages';
import { Observable } from '../store/observable';
import { Outbox } from '../store/outbox';
import { PendingUploads } from './files/pendingUploads';
import { uploadTransport } from './files/uploadTransport';
import type { PeopleStore } from '../store/people';
import { PreferencesStore } from '../store/preferences';
import type { PresenceStore } from '../store/presence';
import type { UrgentStore } from '../store/urgent';
import type { ConversationSummary, Me } from '../types';
import { ActivityController } from './activity/ActivityController';
import { ToastStore } from './alerts/toasts';
import { BotsSession } from './bots/botsSession';
import { UrgentAlerter } from './alerts/urgentAlerter';
import { sessionCalls } from './calls/sessionCalls';
import { ChatActions } from './chat/chatActions';
import { ReadingStore } from './chat/readingStore';
import { conversationTitle } from './chat/title';
import { notifierHost } from './notifierHost';
import { pinsApi } from './pins/pinsApi';
import { PinsStore } from './pins/pinsStore';
import { SavedStore } from './pins/savedStore';
import { SystemLineStore } from './pins/systemLines';
import type { SessionPort } from './sessionPort';
import { MembersStore } from './teams/membersStore';
import { TeamsStore } from './teams/teamsStore';

const PAGE = 50;
/** A person at their device is told to the server at most this often (presence). */
const ACTIVE_EVERY_MS = 60_000;

export class ChatController extends Observable implements SessionPort {
  readonly dispatcher: Dispatcher;
  readonly conversations: ConversationStore;
  readonly messages: MessageStore;
  readonly people: PeopleStore;
  readonly presence: PresenceStore;
  readonly urgent: UrgentStore;
  /** The person's own settings (notifications, sounds, mutes, theme), on every device. */
  readonly preferences: PreferencesStore;
  readonly reading: ReadingStore;
  readonly teams: TeamsStore;
  readonly members: MembersStore;
  readonly activity: ActivityController;
  readonly notifier: Notifier;
  /** In-app toasts for new direct and group messages from elsewhere. */
  readonly toasts: ToastStore;
  /** The urgent alert's tone and flashing title, from the first notice of an urgent message. */
  readonly alerter: UrgentAlerter;
  readonly actions: ChatActions;
  readonly stream: StreamClient;
  readonly outbox: Outbox;
  /** Pinned messages per conversation, saved messages, membership/name system lines, and slash commands (app/bots). */
  readonly pins = new PinsStore(pinsApi);
  readonly saved = new SavedStore(pinsApi);
  readonly systemLines = new SystemLineStore();
  /** Files attached to messages not yet sent, per composer; they outlive the conversation's view (app/files). */
  readonly uploads = new PendingUploads(uploadTransport);
  readonly bots = new BotsSession();
  /** Calls: the live ones per conversation, the ring, and the call on this device (app/calls). */
  readonly calls: ReturnType<typeof sessionCalls>;

  activeId: string | null = null;
  connection: ConnectionState = 'connecting';
  /** When the next reconnect attempt is due (epoch ms), for the banner; null when none waits. */
  retryAt: number | null = null;
  /** A message to bring into view (and its thread to open) once its conversation shows. */
  focus: { conversationId: string; messageId: string; threadRootId?: string } | null = null;

  private listTimer: ReturnType<typeof setTimeout> | null = null;
  private loadingHistory = new Set<string>();
  private stopped = false;
  private lastActiveSent = 0;
  private readonly onOnline = () => {
    this.stream.setNetworkOnline(true);
    this.wakeStart?.();
  };
  private readonly onOffline = () => this.stream.setNetworkOnline(false);
  /** Tell the server the person is at their device (presence), at most once a minute. */
  private readonly onActivity = () => {
    const now = Date.now();
    if (now - this.lastActiveSent < ACTIVE_EVERY_MS) return;
    if (this.stream.sendFrame({ type: 'active' })) this.lastActiveSent = now;
  };
  private readonly onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    // Back at the device (a laptop woken, a tab brought forward): reconnect now, not after the wait.
    this.retryNow();
    if (this.activeId) this.reading.markRead(this.activeId);
  };
  /** Ends the wait of the first load's back-off (set while it waits). */
  private wakeStart: (() => void) | null = null;

  constructor(
    readonly me: Me,
    private readonly onSessionEnded: () => void,
  ) {
    super();
    const state = createChatState(me, api, { isFocused: (id) => this.reading.isFocused(id) });
    this.dispatcher = state.dispatcher;
    this.conversations = state.conversations;
    this.messages = state.messages;
    this.people = state.people;
    this.presence = state.presence;
    this.urgent = state.urgent;
    this.preferences = new PreferencesStore(api);
    this.stream = new StreamClient(
      {
        url: streamUrl(),
        createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
        fetchEvents: (id, after, limit) => api.events(id, after, limit),
      },
      {
        onFrame: (frame) => this.dispatcher.dispatch(frame),
        onUntracked: () => this.scheduleListRefresh(),
        onRetryScheduled: (at) => {
          this.retryAt = at;
          this.changed();
        },
        onStateChange: (s) => {
          this.connection = s;
          if (s === 'live') this.retryAt = null;
          if (s !== 'live') this.notifier.live = false;
          this.changed();
        },
        onReady: (reconnected) => {
          if (!reconnected) return;
          this.scheduleListRefresh();
          this.outbox.retryNow();
        },
        onSessionEnded: () => this.onSessionEnded(),
      },
    );
    this.outbox = new Outbox(this.messages, {
      post: (c, text, id, options) => api.post(c, text, id, options),
      isRetryable: (e) => e instanceof NetworkError || (e instanceof ApiError && (e.status >= 500 || e.status === 429)),
      describe: (e) =>
        e instanceof NetworkError ? 'Not sent yet: no connection. Retrying…' : e instanceof ApiError ? e.detail : 'Could not send',
    });
    const { conversations, messages, people, presence, outbox } = this;
    this.reading = new ReadingStore({
      conversations,
      messages,
      activeId: () => this.activeId,
      onRead: (id, seq) => {
        this.activity.conversationRead(id, seq);
        api.markRead(id, seq).catch(() => {});
      },
    });
    this.teams = new TeamsStore({ remote: api, session: this, conversations, people });
    this.members = new MembersStore({ remote: api, session: this, conversations, people });
    this.activity = new ActivityController({
      meId: me.id,
      messageOf: (c, m) => messages.message(c, m),
      repliesOf: (c, root) => messages.replies(c, root),
      kindOf: (c) => conversations.conversation(c)?.kind,
      openAt: (c, m, t) => void this.openAt(c, m, t),
      wantPeople: (ids) => people.want(ids),
    });
    this.notifier = new Notifier(notifierHost(this));
    this.toasts = new ToastStore({
      meId: me.id,
      kindOf: (id) => conversations.conversation(id)?.kind,
      isMuted: (id) => this.preferences.isMuted(id),
      myStatus: () => presence.presence(me.id)?.status,
      live: () => this.notifier.live,
      activeId: () => this.activeId,
      nameOf: (id) => people.person(id)?.displayName,
    });
    this.alerter = new UrgentAlerter({
      urgent: this.urgent,
      urgentSound: () => this.preferences.get().urgentSound,
      senderOf: (c, m) => {
        const authorId = messages.message(c, m)?.authorId;
        return authorId ? people.person(authorId)?.displayName : undefined;
      },
    });
    this.actions = new ChatActions({ remote: api, session: this, conversations, messages, people, presence, outbox });
    // Handlers run in registration order, after those of the state's own stores (createChatState).
    for (const store of [this.preferences, this.teams, this.members, this.notifier, this.toasts, this.alerter, this.activity, this.reading]) store.register(this.dispatcher);
    this.calls = sessionCalls(me.id, (f) => this.stream.sendFrame(f), people, () => this.preferences.get().desktopNotifications);
    for (const store of [this.pins, this.saved, this.systemLines, this.calls, this.bots]) store.register(this.dispatcher);
    this.registerSession(this.dispatcher);
  }

  /** What the session itself does on frames: reload what the stream could not bring. */
  private registerSession(d: Dispatcher): void {
    d.onFrame('resync-required', (f) => {
      if (f.conversationId === this.activeId) void this.loadHistory(f.conversationId);
      this.scheduleListRefresh();
    });
    d.onFrame('user-resync-required', () => {
      this.scheduleListRefresh();
      void this.preferences.load().catch(() => {});
    });
    d.onUserEvent('conversation.added', () => this.scheduleListRefresh());
    d.onUserEvent('conversation.removed', (e) => {
      if (this.activeId === e.conversationId) this.select(null);
    });
  }

  async start(): Promise<void> {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('keydown', this.onActivity, { passive: true });
    window.addEventListener('pointerdown', this.onActivity, { passive: true });
    // Settings never hold up the stream: until they load, the defaults apply (all alerts on).
    void this.preferences.load().catch(() => {});
    void this.saved.load().catch(() => {});
    // The cursors come from the list, so the stream starts only once it has loaded.
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.refreshList();
        break;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return; // back to sign-in
        this.connection = 'reconnecting';
        const delay = backoffDelay(attempt);
        this.retryAt = Date.now() + delay;
        this.changed();
        await new Promise<void>((r) => {
          const t = setTimeout(r, delay);
          this.wakeStart = () => {
            clearTimeout(t);
            r();
          };
        });
        this.wakeStart = null;
        this.retryAt = null;
      }
    }
    if (!this.stopped) this.stream.start();
  }

  /** "Retry now" (and the page becoming visible, the network returning): connect without waiting out the back-off. */
  retryNow(): void {
    if (this.wakeStart) this.wakeStart();
    else if (this.stream.retryNow()) this.retryAt = null;
    this.changed();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('keydown', this.onActivity);
    window.removeEventListener('pointerdown', this.onActivity);
    this.stream.stop();
    this.alerter.stop();
    this.calls.stop();
    this.activity.stop();
    this.people.stop();
    this.uploads.disposeAll();
    if (this.listTimer) clearTimeout(this.listTimer);
  }

  async refreshList(): Promise<void> {
    const items = await api.conversations();
    for (const c of items) {
      const known = this.conversations.conversation(c.id);
      if (known && known.lastSeq > c.lastSeq) c.lastSeq = known.lastSeq;
      // Only new conversations take the list's lastSeq: a tracked one keeps the stream's own
      // cursor, or a gap being filled could be skipped (its messages never shown).
      if (this.stream.cursor(c.id) === undefined) this.stream.track(c.id, c.lastSeq);
    }
    this.conversations.setConversations(items);
    this.people.lookUpSoon();
  }

  scheduleListRefresh(): void {
    if (this.listTimer) return;
    this.listTimer = setTimeout(() => {
      this.listTimer = null;
      this.refreshList().catch(() => {});
    }, 300);
  }

  adopt(c: Partial<ConversationSummary> & { id: string; lastSeq: number }): void {
    if (this.stream.cursor(c.id) === undefined) this.stream.track(c.id, c.lastSeq);
    this.conversations.upsertConversation(c);
    this.scheduleListRefresh();
  }

  drop(conversationId: string): void {
    this.conversations.removeConversation(conversationId);
    this.messages.forget(conversationId);
    if (this.activeId === conversationId) this.select(null);
  }

  async loadPresenceAndPeople(ids: string[]): Promise<void> {
    await this.people.load(ids);
    await this.presence.loadMissing(ids);
  }

  sendFrame(frame: Record<string, unknown>): boolean {
    return this.stream.sendFrame(frame);
  }

  select(id: string | null): void {
    this.activeId = id;
    // Reopened after a reload (store/drafts.ts).
    drafts.setOpen(id);
    this.toasts.opened(id);
    this.changed();
    if (id) {
      if (!this.messages.historyState(id).loaded) void this.loadHistory(id);
      else this.reading.markRead(id);
    }
  }

  async loadHistory(id: string): Promise<void> {
    if (this.loadingHistory.has(id)) return;
    this.loadingHistory.add(id);
    try {
      const { items: page, events } = await pinsApi.history(id, undefined, PAGE);
      this.messages.addHistory(id, page, page.length === PAGE);
      this.systemLines.addHistory(id, events);
      this.people.lookUpSoon();
      if (id === this.activeId) this.reading.markRead(id);
    } catch {
      // Try again shortly while the conversation is still open (the pane shows "Loading…").
      setTimeout(() => {
        if (!this.stopped && id === this.activeId && !this.messages.historyState(id).loaded) void this.loadHistory(id);
      }, 3000);
    } finally {
      this.loadingHistory.delete(id);
    }
  }

  async loadOlder(id: string): Promise<void> {
    const first = this.messages.messages(id)[0];
    if (!first || this.loadingHistory.has(id)) return;
    this.loadingHistory.add(id);
    try {
      const { items: page, events } = await pinsApi.history(id, first.seq, PAGE);
      this.messages.addHistory(id, page, page.length === PAGE);
      this.systemLines.addHistory(id, events);
      this.people.lookUpSoon();
    } catch {
      /* the button stays; the person can try again */
    } finally {
      this.loadingHistory.delete(id);
    }
  }

  /** Open a conversation at a message (from the activity feed or a notification), loading back to it. */
  async openAt(conversationId: string, messageId?: string, threadRootId?: string): Promise<void> {
    const { conversations, messages } = this;
    if (!conversations.conversation(conversationId)) await this.refreshList().catch(() => {});
    if (!conversations.conversation(conversationId)) return;
    const target = threadRootId ?? messageId;
    this.focus = target ? { conversationId, messageId: target, threadRootId } : null;
    this.select(conversationId);
    if (!target) return;
    for (let i = 0; i < 100 && !messages.historyState(conversationId).loaded; i++) await new Promise((r) => setTimeout(r, 100));
    // Older pages until the message is there (bounded: a very old message is reached by scrolling).
    for (let i = 0; i < 20 && !messages.message(conversationId, target) && messages.historyState(conversationId).hasMore; i++) {
      const before = messages.messages(conversationId).length;
      await this.loadOlder(conversationId);
      if (messages.messages(conversationId).length === before) break;
    }
    // Out of reach: do not jump to it later, when scrolling happens to load it.
    if (!messages.message(conversationId, target) && this.focus?.messageId === target) this.focus = null;
    this.changed();
  }

  /** The name to show for a conversation. */
  title(c: ConversationSummary): string {
    return conversationTitle(c, this.people);
  }
}
