/**
 * Teams the caller belongs to, each team's members with their roles, and the members of
 * channels (the conversation list does not carry channel members). Framework-free; components
 * subscribe with useSyncExternalStore.
 */
import type { Team, TeamMember } from '../../types';
import { Observable } from '../../store/observable';

export class TeamsStore extends Observable {
  private teamMap = new Map<string, Team>();
  private loadedOnce = false;
  private memberMap = new Map<string, TeamMember[]>();
  private conversationMemberMap = new Map<string, string[]>();

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
}
