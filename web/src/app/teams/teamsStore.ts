/**
 * Teams the caller belongs to and each team's members with their roles, and what can be done
 * with them (create, add and remove people, change roles, leave). Framework-free; an
 * Observable for React.
 */
import type { api } from '../../api';
import type { Dispatcher } from '../../protocol/dispatch';
import type { ConversationStore } from '../../store/conversations';
import { Observable } from '../../store/observable';
import type { PeopleStore } from '../../store/people';
import type { Profile, Team, TeamMember, TeamRole } from '../../types';
import type { SessionPort } from '../sessionPort';
import { teamsOutOfDate } from './teamModel';

export interface TeamsDeps {
  remote: Pick<typeof api, 'teams' | 'createTeam' | 'createChannel' | 'teamMembers' | 'addTeamMember' | 'removeTeamMember' | 'setTeamRole'>;
  session: SessionPort;
  conversations: ConversationStore;
  people: PeopleStore;
}

export class TeamsStore extends Observable {
  private teamMap = new Map<string, Team>();
  private loadedOnce = false;
  private memberMap = new Map<string, TeamMember[]>();
  private loading: Promise<void> | null = null;

  constructor(private readonly deps: TeamsDeps) {
    super();
  }

  register(d: Dispatcher): void {
    // Added to a channel of an unknown team, or removed from a team's last channel: fetch the
    // teams again, once the conversation list has taken the change.
    const check = () =>
      setTimeout(() => {
        if (this.loaded() && !teamsOutOfDate(this.teams(), this.deps.conversations.conversations())) return;
        this.refresh().catch(() => {});
      }, 0);
    d.onUserEvent('conversation.added', check);
    d.onUserEvent('conversation.removed', check);
    // User events were never replayed: fetch what they would have changed.
    d.onFrame('user-resync-required', () => void this.refresh().catch(() => {}));
    // Membership events keep a standard channel's team member list current while it is shown.
    const teamChanged = (conversationId: string) => {
      const c = this.deps.conversations.conversation(conversationId);
      if (c?.teamId && c.visibility === 'standard' && this.hasMembers(c.teamId)) void this.loadMembers(c.teamId).catch(() => {});
    };
    d.onConversationEvent('member.added', (_e, ctx) => teamChanged(ctx.conversationId));
    d.onConversationEvent('member.removed', (_e, ctx) => teamChanged(ctx.conversationId));
  }

  // ---- state ---------------------------------------------------------------------------
  setTeams(items: Team[]): void {
    this.teamMap = new Map(items.map((t) => [t.id, t]));
    for (const id of [...this.memberMap.keys()]) if (!this.teamMap.has(id)) this.memberMap.delete(id);
    this.loadedOnce = true;
    this.changed();
  }

  upsertTeam(t: Team): void {
    this.teamMap.set(t.id, t);
    this.changed();
  }

  removeTeam(id: string): void {
    this.teamMap.delete(id);
    this.memberMap.delete(id);
    this.changed();
  }

  loaded(): boolean {
    return this.loadedOnce;
  }

  teams(): Team[] {
    return [...this.teamMap.values()];
  }

  team(id: string | null | undefined): Team | undefined {
    return id ? this.teamMap.get(id) : undefined;
  }

  isOwner(teamId: string | null | undefined): boolean {
    return this.team(teamId)?.myRole === 'owner';
  }

  setMembers(teamId: string, members: TeamMember[]): void {
    this.memberMap.set(teamId, members);
    this.changed();
  }

  /** Undefined until loaded (and again after a membership change, until reloaded). */
  members(teamId: string): TeamMember[] | undefined {
    return this.memberMap.get(teamId);
  }

  hasMembers(teamId: string): boolean {
    return this.memberMap.has(teamId);
  }

  // ---- actions -------------------------------------------------------------------------
  /** Fetch the caller's teams (once at a time; a call during a fetch waits for it). */
  refresh(): Promise<void> {
    if (!this.loading) {
      this.loading = this.deps.remote
        .teams()
        .then((items) => this.setTeams(items))
        .finally(() => (this.loading = null));
    }
    return this.loading;
  }

  /** A new team with the caller as owner; answers the id of its General channel. */
  async create(name: string, description: string): Promise<string> {
    const team = await this.deps.remote.createTeam(name, description);
    this.upsertTeam(team);
    await this.deps.session.refreshList();
    const general = this.deps.conversations.conversations().find((c) => c.teamId === team.id && c.kind === 'channel');
    return general?.id ?? '';
  }

  async createChannel(teamId: string, name: string, visibility: 'standard' | 'private', memberIds: string[]): Promise<string> {
    const c = await this.deps.remote.createChannel(teamId, name, visibility, memberIds);
    this.deps.session.adopt({ ...c, memberIds: [] });
    return c.id;
  }

  async loadMembers(teamId: string): Promise<void> {
    const members = await this.deps.remote.teamMembers(teamId);
    this.setMembers(teamId, members);
    await this.deps.session.loadPresenceAndPeople(members.map((m) => m.userId));
  }

  async addMember(teamId: string, p: Profile): Promise<void> {
    this.deps.people.addPeople([p]);
    await this.deps.remote.addTeamMember(teamId, p.id);
    await this.loadMembers(teamId);
  }

  async removeMember(teamId: string, userId: string): Promise<void> {
    await this.deps.remote.removeTeamMember(teamId, userId);
    await this.loadMembers(teamId);
  }

  /** Make a member owner or back (owners only); my own role changes the actions I am offered. */
  async setRole(teamId: string, userId: string, role: TeamRole): Promise<void> {
    await this.deps.remote.setTeamRole(teamId, userId, role);
    await this.loadMembers(teamId);
    if (userId === this.deps.session.me.id) await this.refresh();
  }

  /** Leave the team and so all its channels. */
  async leave(teamId: string): Promise<void> {
    await this.deps.remote.removeTeamMember(teamId, this.deps.session.me.id);
    for (const c of this.deps.conversations.conversations()) if (c.teamId === teamId) this.deps.session.drop(c.id);
    this.removeTeam(teamId);
  }
}
