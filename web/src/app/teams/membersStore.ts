/**
 * Who is in a conversation, when the list does not say (channels), and changing it: adding and
 * removing people, leaving. Also the members offered as @mention suggestions. Framework-free;
 * an Observable for React.
 */
import type { api } from '../../api';
import type { Dispatcher } from '../../protocol/dispatch';
import type { ConversationStore } from '../../store/conversations';
import { Observable } from '../../store/observable';
import type { PeopleStore } from '../../store/people';
import type { Profile } from '../../types';
import type { SessionPort } from '../sessionPort';

export interface MembersDeps {
  remote: Pick<typeof api, 'conversation' | 'conversationMembers' | 'addMember' | 'removeMember'>;
  session: SessionPort;
  conversations: ConversationStore;
  people: PeopleStore;
}

export class MembersStore extends Observable {
  /** Members of conversations whose member list has been shown (channels included). */
  private conversationMemberMap = new Map<string, string[]>();
  /** Mention suggestions: channel members are fetched once per session. */
  private mentionCache = new Map<string, Promise<string[]>>();

  constructor(private readonly deps: MembersDeps) {
    super();
  }

  /** Membership events keep member lists current while they are shown. Register after the conversation store. */
  register(d: Dispatcher): void {
    d.onConversationEvent('member.added', (_e, ctx) => this.membershipChanged(ctx.conversationId));
    d.onConversationEvent('member.removed', (_e, ctx) => this.membershipChanged(ctx.conversationId));
  }

  private membershipChanged(conversationId: string): void {
    const c = this.deps.conversations.conversation(conversationId);
    if (this.hasConversationMembers(conversationId)) void this.load(conversationId).catch(() => {});
    if (c && c.kind !== 'channel') void this.deps.session.loadPresenceAndPeople(c.memberIds);
  }

  // ---- state ---------------------------------------------------------------------------
  setConversationMembers(conversationId: string, userIds: string[]): void {
    this.conversationMemberMap.set(conversationId, userIds);
    this.changed();
  }

  conversationMembers(conversationId: string): string[] | undefined {
    return this.conversationMemberMap.get(conversationId);
  }

  hasConversationMembers(conversationId: string): boolean {
    return this.conversationMemberMap.has(conversationId);
  }

  forgetConversation(conversationId: string): void {
    if (this.conversationMemberMap.delete(conversationId)) this.changed();
  }

  // ---- actions -------------------------------------------------------------------------
  /** Members of any conversation (channels included, which the list does not carry). */
  async load(conversationId: string): Promise<void> {
    const detail = await this.deps.remote.conversation(conversationId);
    this.setConversationMembers(conversationId, detail.memberIds);
    const { conversations } = this.deps;
    if (detail.kind !== 'channel') conversations.upsertConversation({ id: conversationId, memberIds: detail.memberIds });
    if (detail.createdBy) conversations.upsertConversation({ id: conversationId, createdBy: detail.createdBy });
    await this.deps.session.loadPresenceAndPeople(detail.memberIds);
  }

  async add(conversationId: string, p: Profile): Promise<void> {
    this.deps.people.addPeople([p]);
    await this.deps.remote.addMember(conversationId, p.id);
    await this.load(conversationId);
  }

  async remove(conversationId: string, userId: string): Promise<void> {
    await this.deps.remote.removeMember(conversationId, userId);
    await this.load(conversationId);
  }

  /** Leave a group chat or private channel; it leaves the lists at once (the stream confirms it). */
  async leave(conversationId: string): Promise<void> {
    await this.deps.remote.removeMember(conversationId, this.deps.session.me.id);
    this.deps.session.drop(conversationId);
    this.forgetConversation(conversationId);
  }

  /** Members of a conversation, for @mention suggestions (channels are fetched once per session). */
  membersOf(conversationId: string): Promise<string[]> {
    const c = this.deps.conversations.conversation(conversationId);
    if (c && c.kind !== 'channel' && c.memberIds.length) return Promise.resolve(c.memberIds);
    let p = this.mentionCache.get(conversationId);
    if (!p) {
      p = this.deps.remote.conversationMembers(conversationId).then(
        (ids) => {
          this.deps.people.want(ids);
          return ids;
        },
        (e) => {
          this.mentionCache.delete(conversationId);
          throw e;
        },
      );
      this.mentionCache.set(conversationId, p);
    }
    return p;
  }
}
