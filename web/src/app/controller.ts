/**
 * Wires the REST API, the stream client, the store and the outbox together for one signed-in
 * session. React components read the store and call the controller's methods.
 */
import { api, ApiError, NetworkError } from '../api';
import { backoffDelay, StreamClient, streamUrl, type ConnectionState, type SocketLike } from '../protocol/stream';
import { ChatStore, hasReacted, TYPING_SHOW_MS, type Presence } from '../store/chat';
import { Outbox, type SendOptions } from '../store/outbox';
import type { ConversationEvent, ConversationSummary, Me, Message, Profile, TeamRole, UserEvent } from '../types';
import { TeamsStore } from './teams/teamsStore';
import { teamsOutOfDate } from './teams/teamModel';
import { chatRequest } from './teams/peopleSelection';
import { Notifier, type NotifierHost } from '../notifications';
import { ActivityController } from './activity/ActivityController';
import { readMarkerFor } from './reading';
import { isolate } from '../text/isolate';
import { Observable } from '../store/observable';

const PAGE = 50;

export class ChatController extends Observable {
  readonly store = new ChatStore();
  readonly stream: StreamClient;
  readonly outbox: Outbox;
  activeId: string | null = null;
  connection: ConnectionState = 'connecting';
  private peopleTimer: ReturnType<typeof setTimeout> | null = null;
  private listTimer: ReturnType<typeof setTimeout> | null = null;
  private loadingHistory = new Set<string>();
  private stopped = false;
  private readonly onOnline = () => this.stream.setNetworkOnline(true);
  private readonly onOffline = () => this.stream.setNetworkOnline(false);
  private lastActiveSent = 0;
  /** Tell the server the person is at their device (presence), at most once a minute. */
  private readonly onActivity = () => {
    const now = Date.now();
    if (now - this.lastActiveSent < 60_000) return;
    if (this.stream.sendFrame({ type: 'active' })) this.lastActiveSent = now;
  };
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.activeId) this.markRead(this.activeId);
  };

  // ---- activity feed, notifications, reading position (the activity feature) ----
  readonly activity = new ActivityController(this);
  readonly notifier = new Notifier(this.notifierHost());
  /** A message to bring into view (and its thread to open) once its conversation shows. */
  focus: { conversationId: string; messageId: string; threadRootId?: string } | null = null;
  /** The conversation pane is scrolled to the newest message (new ones are seen as they come). */
  viewAtBottom = true;
  /** Per conversation, the highest seq of a message that has been on screen. */
  private seenSeq = new Map<string, number>();

  constructor(
    readonly me: Me,
    private readonly onSessionEnded: () => void,
  ) {
    super();
    this.store.me = { id: me.id, organisationId: me.organisation?.id };
    this.store.addPeople([{ ...me }]);
    this.stream = new StreamClient(
      {
        url: streamUrl(),
        createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
        fetchEvents: (id, after, limit) => api.events(id, after, limit),
      },
      {
        onEvent: (id, seq, event) => {
          const focused = id === this.activeId && document.visibilityState === 'visible' && this.viewAtBottom;
          this.store.applyEvent(id, seq, event, focused);
          this.activity.onEvent(id, event, focused);
          if (event.kind === 'message.posted') this.notifier.onMessage(id, event.message as Message);
          if (event.kind === 'message.acknowledged') {
            const m = this.store.message(id, String(event.messageId));
            if (m && m.authorId === this.me.id && !this.store.acknowledgements(m.id)) void this.loadAcknowledgements(m, true);
          }
          this.schedulePeople();
          if (focused && event.kind === 'message.posted') this.markRead(id);
          this.onMembershipEvent(id, event);
        },
        onUserEvent: (_n, event) => {
          this.onMembershipUserEvent(event);
          this.activity.onUserEvent(event);
          if (event.kind === 'message.urgent')
            this.notifier.onUrgentReminder(String(event.conversationId), String(event.messageId), Number(event.attempt));
          if (event.kind === 'conversation.added') {
            const c = event.conversation as ConversationSummary;
            this.store.upsertConversation({ ...c, readSeq: 0, unreadCount: 0, mentionCount: 0 });
            this.scheduleListRefresh();
          } else if (event.kind === 'conversation.removed') {
            const id = String(event.conversationId);
            this.store.removeConversation(id);
            if (this.activeId === id) this.select(null);
          } else if (event.kind === 'message.urgent') {
            this.store.urgentNotice(String(event.conversationId), String(event.messageId), Number(event.attempt));
          } else if (event.kind === 'read.moved') {
            this.store.markReadLocally(String(event.conversationId), Number(event.readSeq));
          }
        },
        onResync: (id) => {
          this.store.resetHistory(id);
          if (id === this.activeId) void this.loadHistory(id);
          this.scheduleListRefresh();
        },
        onUserResync: () => {
          // User events up to now were never replayed: what they would have changed is fetched.
          this.scheduleListRefresh();
          this.refreshTeams().catch(() => {});
          void this.activity.refresh();
        },
        onNotAMember: (id) => this.store.removeConversation(id),
        onUntracked: () => this.scheduleListRefresh(),
        onStateChange: (s) => {
          this.connection = s;
          if (s !== 'live') this.notifier.live = false;
          this.changed();
        },
        onReady: (reconnected) => {
          // Connected first, then ask (frames arriving after the answer are newer).
          void this.refreshPresence();
          this.notifier.live = true;
          void this.activity.refresh();
          if (reconnected) {
            this.scheduleListRefresh();
            this.outbox.retryNow();
          }
        },
        onSessionEnded: () => this.onSessionEnded(),
        onEphemeral: (frame) => {
          if (frame.type === 'presence' && typeof frame.userId === 'string') {
            this.store.setPresence([frame as unknown as Presence]);
          } else if (frame.type === 'typing' && typeof frame.userId === 'string' && typeof frame.conversationId === 'string') {
            this.store.noteTyping(frame.conversationId, frame.userId);
            setTimeout(() => this.store.touch(), TYPING_SHOW_MS + 50);
          }
        },
      },
    );
    this.outbox = new Outbox(this.store, {
      post: (c, text, id, options) => api.post(c, text, id, options),
      isRetryable: (e) => e instanceof NetworkError || (e instanceof ApiError && (e.status >= 500 || e.status === 429)),
      describe: (e) =>
        e instanceof NetworkError ? 'Not sent yet: no connection. Retrying…' : e instanceof ApiError ? e.detail : 'Could not send',
    });
  }

  async start(): Promise<void> {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('keydown', this.onActivity, { passive: true });
    window.addEventListener('pointerdown', this.onActivity, { passive: true });
    // The cursors come from the list, so the stream starts only once it has loaded.
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.refreshList();
        break;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return; // back to sign-in
        this.connection = 'reconnecting';
        this.changed();
        await new Promise((r) => setTimeout(r, backoffDelay(attempt)));
      }
    }
    if (!this.stopped) this.stream.start();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('keydown', this.onActivity);
    window.removeEventListener('pointerdown', this.onActivity);
    this.stream.stop();
    this.activity.stop();
    if (this.peopleTimer) clearTimeout(this.peopleTimer);
    if (this.listTimer) clearTimeout(this.listTimer);
  }

  async refreshList(): Promise<void> {
    const items = await api.conversations();
    for (const c of items) {
      const known = this.store.conversation(c.id);
      if (known && known.lastSeq > c.lastSeq) c.lastSeq = known.lastSeq;
      // Only new conversations take the list's lastSeq: a tracked one keeps the stream's own
      // cursor, or a gap being filled could be skipped (its messages never shown).
      if (this.stream.cursor(c.id) === undefined) this.stream.track(c.id, c.lastSeq);
    }
    this.store.setConversations(items);
    this.schedulePeople();
  }

  private scheduleListRefresh(): void {
    if (this.listTimer) return;
    this.listTimer = setTimeout(() => {
      this.listTimer = null;
      this.refreshList().catch(() => {});
    }, 300);
  }

  private schedulePeople(): void {
    if (this.peopleTimer) return;
    this.peopleTimer = setTimeout(() => {
      this.peopleTimer = null;
      const ids = [...new Set([...this.store.unknownPeople(), ...[...this.wantedPeople].filter((id) => !this.store.person(id))])];
      for (let i = 0; i < ids.length; i += 200) {
        const chunk = ids.slice(i, i + 200);
        api
          .users(chunk)
          .then((ps) => {
            // Remember ids the server did not answer for, so we do not ask again and again.
            const found = new Set(ps.map((p) => p.id));
            this.store.addPeople([
              ...ps,
              ...chunk.filter((id) => !found.has(id)).map((id) => ({ id, displayName: 'Unknown person' })),
            ]);
          })
          .catch(() => {});
      }
    }, 50);
  }

  select(id: string | null): void {
    this.activeId = id;
    this.changed();
    if (id) {
      if (!this.store.historyState(id).loaded) void this.loadHistory(id);
      else this.markRead(id);
    }
  }

  async loadHistory(id: string): Promise<void> {
    if (this.loadingHistory.has(id)) return;
    this.loadingHistory.add(id);
    try {
      const page = await api.messages(id, undefined, PAGE);
      this.store.addHistory(id, page, page.length === PAGE);
      this.schedulePeople();
      if (id === this.activeId) this.markRead(id);
    } catch {
      // Try again shortly while the conversation is still open (the pane shows "Loading…").
      setTimeout(() => {
        if (!this.stopped && id === this.activeId && !this.store.historyState(id).loaded) void this.loadHistory(id);
      }, 3000);
    } finally {
      this.loadingHistory.delete(id);
    }
  }

  async loadOlder(id: string): Promise<void> {
    const first = this.store.messages(id)[0];
    if (!first || this.loadingHistory.has(id)) return;
    this.loadingHistory.add(id);
    try {
      const page = await api.messages(id, first.seq, PAGE);
      this.store.addHistory(id, page, page.length === PAGE);
      this.schedulePeople();
    } catch {
      /* the button stays; the person can try again */
    } finally {
      this.loadingHistory.delete(id);
    }
  }

  /**
   * Move the read marker up to what has been on screen (see noteVisible), only while the page
   * is visible: opening a conversation alone reads nothing the person has not seen.
   */
  markRead(id: string): void {
    if (document.visibilityState !== 'visible') return;
    const c = this.store.conversation(id);
    const seen = this.seenSeq.get(id);
    if (!c || seen === undefined) return;
    const roots = this.store.messages(id).filter((m) => !m.threadRootId);
    const target = readMarkerFor(seen, roots.length ? roots[roots.length - 1].seq : 0, c.lastSeq, c.readSeq);
    if (target <= c.readSeq) return;
    this.store.markReadLocally(id, target);
    this.activity.conversationRead(id, target);
    api.markRead(id, target).catch(() => {});
  }

  /** A message of the open conversation has been on screen. */
  noteVisible(id: string, seq: number): void {
    if (seq <= (this.seenSeq.get(id) ?? -1)) return;
    this.seenSeq.set(id, seq);
    this.markRead(id);
  }

  /** Open a conversation at a message (from the activity feed or a notification), loading back to it. */
  async openAt(conversationId: string, messageId?: string, threadRootId?: string): Promise<void> {
    if (!this.store.conversation(conversationId)) await this.refreshList().catch(() => {});
    if (!this.store.conversation(conversationId)) return;
    const target = threadRootId ?? messageId;
    this.focus = target ? { conversationId, messageId: target, threadRootId } : null;
    this.select(conversationId);
    if (!target) return;
    for (let i = 0; i < 100 && !this.store.historyState(conversationId).loaded; i++) await new Promise((r) => setTimeout(r, 100));
    // Older pages until the message is there (bounded: a very old message is reached by scrolling).
    for (let i = 0; i < 20 && !this.store.message(conversationId, target) && this.store.historyState(conversationId).hasMore; i++) {
      const before = this.store.messages(conversationId).length;
      await this.loadOlder(conversationId);
      if (this.store.messages(conversationId).length === before) break;
    }
    // Out of reach: do not jump to it later, when scrolling happens to load it.
    if (!this.store.message(conversationId, target) && this.focus?.messageId === target) this.focus = null;
    this.changed();
  }

  /** People named outside conversations and messages (activity actors, channel members), to look up. */
  private wantedPeople = new Set<string>();
  /** Names for the people in the activity feed. */
  knowPeople(): void {
    for (const i of this.activity.feed.items()) if (i.actorId) this.wantedPeople.add(i.actorId);
    this.schedulePeople();
  }

  private notifierHost(): NotifierHost {
    // Getters: the notifier is made before the constructor has run.
    const chat = this;
    return {
      get me() {
        return chat.me;
      },
      get activeId() {
        return chat.activeId;
      },
      get store() {
        return chat.store;
      },
      titleOf: (id) => {
        const c = chat.store.conversation(id);
        return c ? chat.title(c) : 'a conversation';
      },
      openAt: (c, m, t) => void chat.openAt(c, m, t),
    };
  }

  private membersCache = new Map<string, Promise<string[]>>();
  /** Members of a conversation, for @mention suggestions (channels are fetched once per session). */
  membersOf(conversationId: string): Promise<string[]> {
    const c = this.store.conversation(conversationId);
    if (c && c.kind !== 'channel' && c.memberIds.length) return Promise.resolve(c.memberIds);
    let p = this.membersCache.get(conversationId);
    if (!p) {
      p = api.conversationMembers(conversationId).then(
        (ids) => {
          for (const id of ids) this.wantedPeople.add(id);
          this.schedulePeople();
          return ids;
        },
        (e) => {
          this.membersCache.delete(conversationId);
          throw e;
        },
      );
      this.membersCache.set(conversationId, p);
    }
    return p;
  }

  send(conversationId: string, text: string, options?: SendOptions): void {
    this.outbox.send(conversationId, text, options);
  }

  /** Add or remove the caller's reaction; the stream event updates what is shown. */
  async toggleReaction(m: Message, emoji: string): Promise<void> {
    if (hasReacted(m, emoji, this.me.id)) await api.unreact(m.conversationId, m.id, emoji);
    else await api.react(m.conversationId, m.id, emoji);
  }

  async edit(m: Message, text: string): Promise<void> {
    await api.edit(m.conversationId, m.id, text);
  }

  async remove(m: Message): Promise<void> {
    await api.remove(m.conversationId, m.id);
  }

  /** Presence of everyone in the caller's direct and group chats, and the caller. */
  async refreshPresence(): Promise<void> {
    const ids = new Set<string>([this.me.id]);
    for (const c of this.store.conversations()) if (c.kind !== 'channel') for (const id of c.memberIds) ids.add(id);
    const all = [...ids];
    for (let i = 0; i < all.length; i += 200) {
      try {
        this.store.setPresence(await api.presence(all.slice(i, i + 200)));
      } catch {
        /* shown without presence until the next connection */
      }
    }
  }

  async setMyPresence(status: string, note: string): Promise<void> {
    this.store.setPresence([await api.setPresence(status, note)]);
  }

  private lastTypingSent = new Map<string, number>();
  /** The person is composing: tell the others, at most every 3 seconds per conversation. */
  typing(conversationId: string): void {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(conversationId) ?? 0) < 3000) return;
    if (this.stream.sendFrame({ type: 'typing', conversationId })) this.lastTypingSent.set(conversationId, now);
  }

  private acksRequested = new Set<string>();
  /** Who must acknowledge an urgent message, and who has; fetched once unless `force`. */
  async loadAcknowledgements(m: Message, force = false): Promise<void> {
    if (!force && this.acksRequested.has(m.id)) return;
    this.acksRequested.add(m.id);
    try {
      this.store.setAcknowledgements(m.id, await api.acknowledgements(m.conversationId, m.id));
      this.schedulePeople();
    } catch {
      this.acksRequested.delete(m.id);
    }
  }

  async acknowledge(conversationId: string, messageId: string): Promise<void> {
    const answer = await api.acknowledge(conversationId, messageId);
    this.store.noteAcknowledged(messageId, this.me.id, answer?.acknowledgedAt ?? new Date().toISOString());
  }

  async loadThread(conversationId: string, rootId: string): Promise<void> {
    const items = await api.thread(conversationId, rootId);
    this.store.addThread(conversationId, items);
    this.schedulePeople();
  }

  async startDirect(userId: string): Promise<string> {
    const c = await api.startDirect(userId);
    if (this.stream.cursor(c.id) === undefined) this.stream.track(c.id, c.lastSeq);
    this.store.upsertConversation({ ...c, memberIds: c.memberIds ?? [] });
    this.schedulePeople();
    this.scheduleListRefresh();
    void this.refreshPresence();
    return c.id;
  }

  // ---- teams, channels and group chats (web/src/app/teams) ----
  readonly teams = new TeamsStore();
  private teamsLoading: Promise<void> | null = null;

  /** Fetch the caller's teams (once at a time; a call during a fetch waits for it). */
  refreshTeams(): Promise<void> {
    if (!this.teamsLoading) {
      this.teamsLoading = api
        .teams()
        .then((items) => this.teams.setTeams(items))
        .finally(() => (this.teamsLoading = null));
    }
    return this.teamsLoading;
  }

  /** Membership events keep team and channel member lists current while they are shown. */
  private onMembershipEvent(conversationId: string, event: ConversationEvent): void {
    if (event.kind !== 'member.added' && event.kind !== 'member.removed') return;
    const c = this.store.conversation(conversationId);
    if (this.teams.hasConversationMembers(conversationId)) void this.loadConversationMembers(conversationId).catch(() => {});
    if (c?.teamId && c.visibility === 'standard' && this.teams.hasMembers(c.teamId)) void this.loadTeamMembers(c.teamId).catch(() => {});
    if (c && c.kind !== 'channel') void this.loadPresenceAndPeople(c.memberIds);
  }

  /** Added to a channel of an unknown team, or removed from a team's last channel: fetch the teams again. */
  private onMembershipUserEvent(event: UserEvent): void {
    if (event.kind !== 'conversation.added' && event.kind !== 'conversation.removed') return;
    setTimeout(() => {
      if (this.teams.loaded() && !teamsOutOfDate(this.teams.teams(), this.store.conversations())) return;
      this.refreshTeams().catch(() => {});
    }, 0);
  }

  async createTeam(name: string, description: string): Promise<string> {
    const team = await api.createTeam(name, description);
    this.teams.upsertTeam(team);
    await this.refreshList();
    const general = this.store.conversations().find((c) => c.teamId === team.id && c.kind === 'channel');
    return general?.id ?? '';
  }

  async createChannel(teamId: string, name: string, visibility: 'standard' | 'private', memberIds: string[]): Promise<string> {
    const c = await api.createChannel(teamId, name, visibility, memberIds);
    if (this.stream.cursor(c.id) === undefined) this.stream.track(c.id, c.lastSeq);
    this.store.upsertConversation({ ...c, memberIds: [] });
    this.scheduleListRefresh();
    return c.id;
  }

  /** Profiles and presence of people about to be shown (presence only answers for people who share something). */
  async loadPresenceAndPeople(ids: string[]): Promise<void> {
    const unknown = ids.filter((id) => !this.store.person(id));
    for (let i = 0; i < unknown.length; i += 200) this.store.addPeople(await api.users(unknown.slice(i, i + 200)));
    const missing = ids.filter((id) => !this.store.presence(id));
    for (let i = 0; i < missing.length; i += 200) this.store.setPresence(await api.presence(missing.slice(i, i + 200)));
  }

  async loadTeamMembers(teamId: string): Promise<void> {
    const members = await api.teamMembers(teamId);
    this.teams.setMembers(teamId, members);
    await this.loadPresenceAndPeople(members.map((m) => m.userId));
  }

  async addTeamMember(teamId: string, p: Profile): Promise<void> {
    this.store.addPeople([p]);
    await api.addTeamMember(teamId, p.id);
    await this.loadTeamMembers(teamId);
  }

  async removeTeamMember(teamId: string, userId: string): Promise<void> {
    await api.removeTeamMember(teamId, userId);
    await this.loadTeamMembers(teamId);
  }

  /** Make a member owner or back (owners only); my own role changes the actions I am offered. */
  async setTeamRole(teamId: string, userId: string, role: TeamRole): Promise<void> {
    await api.setTeamRole(teamId, userId, role);
    await this.loadTeamMembers(teamId);
    if (userId === this.me.id) await this.refreshTeams();
  }

  async leaveTeam(teamId: string): Promise<void> {
    await api.removeTeamMember(teamId, this.me.id);
    for (const c of this.store.conversations()) if (c.teamId === teamId) this.store.removeConversation(c.id);
    if (this.activeId && !this.store.conversation(this.activeId)) this.select(null);
    this.teams.removeTeam(teamId);
  }

  /** Members of any conversation (channels included, which the list does not carry). */
  async loadConversationMembers(conversationId: string): Promise<void> {
    const detail = await api.conversation(conversationId);
    this.teams.setConversationMembers(conversationId, detail.memberIds);
    if (detail.kind !== 'channel') this.store.upsertConversation({ id: conversationId, memberIds: detail.memberIds });
    if (detail.createdBy) this.store.upsertConversation({ id: conversationId, createdBy: detail.createdBy });
    await this.loadPresenceAndPeople(detail.memberIds);
  }

  async addMember(conversationId: string, p: Profile): Promise<void> {
    this.store.addPeople([p]);
    await api.addMember(conversationId, p.id);
    await this.loadConversationMembers(conversationId);
  }

  async removeMember(conversationId: string, userId: string): Promise<void> {
    await api.removeMember(conversationId, userId);
    await this.loadConversationMembers(conversationId);
  }

  /** Leave a group chat or private channel; it leaves the lists at once (the stream confirms it). */
  async leave(conversationId: string): Promise<void> {
    await api.removeMember(conversationId, this.me.id);
    this.store.removeConversation(conversationId);
    this.teams.forgetConversation(conversationId);
    if (this.activeId === conversationId) this.select(null);
  }

  async rename(conversationId: string, name: string): Promise<void> {
    await api.rename(conversationId, name);
    this.store.upsertConversation({ id: conversationId, name });
  }

  /** One person: their direct chat (the existing one if any); more: a new group chat. */
  async startChat(people: Profile[], topic: string): Promise<string> {
    const req = chatRequest(this.me.id, people, topic);
    if (!req) throw new Error('Choose at least one person');
    this.store.addPeople(people);
    if (req.kind === 'direct') return this.startDirect(req.userId);
    const c = await api.startGroup(req.memberIds, req.topic);
    if (this.stream.cursor(c.id) === undefined) this.stream.track(c.id, c.lastSeq);
    this.store.upsertConversation({ ...c, teamId: undefined, name: c.name ?? undefined, visibility: undefined, memberIds: c.memberIds });
    this.scheduleListRefresh();
    void this.refreshPresence();
    return c.id;
  }

  /** The name to show for a conversation: channel or topic name, else the other members. */
  title(c: ConversationSummary): string {
    // Each name isolated (text/isolate.ts): a right-to-left name must not reorder the others.
    if (c.name) return c.kind === 'channel' ? `# ${isolate(c.name)}` : isolate(c.name);
    const others = c.memberIds.filter((id) => id !== this.me.id);
    if (others.length === 0) return isolate(this.me.displayName) + ' (you)';
    return others.map((id) => isolate(this.store.person(id)?.displayName ?? '…')).join(', ');
  }
}
