/**
 * What the person does in chats: send, react, edit, delete, open a thread, start a chat,
 * rename one, and say they are typing. Each is a REST call (or a stream frame, through the
 * session); the stream's events then update the stores, so nothing here changes state the
 * server has not confirmed, except pending sends and the caller's own fresh conversations.
 */
import type { api } from '../../api';
import type { ConversationStore } from '../../store/conversations';
import type { MessageStore } from '../../store/messages';
import type { Outbox, SendOptions } from '../../store/outbox';
import type { PeopleStore } from '../../store/people';
import type { PresenceStore } from '../../store/presence';
import { hasReacted } from '../../store/reactions';
import type { Message, Profile } from '../../types';
import type { SessionPort } from '../sessionPort';
import { chatRequest } from '../teams/peopleSelection';

/** Typing frames for one conversation go out at most this often (the server relays one per 3 s). */
const TYPING_EVERY_MS = 3000;

export interface ChatActionsDeps {
  remote: Pick<typeof api, 'thread' | 'react' | 'unreact' | 'edit' | 'remove' | 'startDirect' | 'startGroup' | 'rename'>;
  session: SessionPort;
  conversations: ConversationStore;
  messages: MessageStore;
  people: PeopleStore;
  presence: PresenceStore;
  outbox: Outbox;
}

export class ChatActions {
  private lastTypingSent = new Map<string, number>();

  constructor(private readonly deps: ChatActionsDeps) {}

  send(conversationId: string, text: string, options?: SendOptions): void {
    this.deps.outbox.send(conversationId, text, options);
  }

  /** Give up on a send that failed. */
  discard(clientMsgId: string): void {
    this.deps.outbox.discard(clientMsgId);
  }

  /** Add or remove the caller's reaction; the stream event updates what is shown. */
  async toggleReaction(m: Message, emoji: string): Promise<void> {
    const { remote, session } = this.deps;
    if (hasReacted(m, emoji, session.me.id)) await remote.unreact(m.conversationId, m.id, emoji);
    else await remote.react(m.conversationId, m.id, emoji);
  }

  async edit(m: Message, text: string): Promise<void> {
    await this.deps.remote.edit(m.conversationId, m.id, text);
  }

  async remove(m: Message): Promise<void> {
    await this.deps.remote.remove(m.conversationId, m.id);
  }

  async loadThread(conversationId: string, rootId: string): Promise<void> {
    const items = await this.deps.remote.thread(conversationId, rootId);
    this.deps.messages.addThread(conversationId, items);
    this.deps.people.lookUpSoon();
  }

  /** The person is composing: tell the others, at most every 3 seconds per conversation. */
  typing(conversationId: string): void {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(conversationId) ?? 0) < TYPING_EVERY_MS) return;
    if (this.deps.session.sendFrame({ type: 'typing', conversationId })) this.lastTypingSent.set(conversationId, now);
  }

  /** One person: their direct chat (the existing one if any); more: a new group chat. */
  async startChat(people: Profile[], topic: string): Promise<string> {
    const { remote, session } = this.deps;
    const req = chatRequest(session.me.id, people, topic);
    if (!req) throw new Error('Choose at least one person');
    this.deps.people.addPeople(people);
    if (req.kind === 'direct') return this.startDirect(req.userId);
    const c = await remote.startGroup(req.memberIds, req.topic);
    session.adopt({ ...c, teamId: undefined, name: c.name ?? undefined, visibility: undefined, memberIds: c.memberIds });
    void this.deps.presence.refreshWatched();
    return c.id;
  }

  async startDirect(userId: string): Promise<string> {
    const c = await this.deps.remote.startDirect(userId);
    this.deps.session.adopt({ ...c, memberIds: c.memberIds ?? [] });
    this.deps.people.lookUpSoon();
    void this.deps.presence.refreshWatched();
    return c.id;
  }

  async rename(conversationId: string, name: string): Promise<void> {
    await this.deps.remote.rename(conversationId, name);
    this.deps.conversations.upsertConversation({ id: conversationId, name });
  }
}
