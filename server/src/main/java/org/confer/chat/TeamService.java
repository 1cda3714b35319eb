package org.confer.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.chat.ChatViews.TeamView;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.identity.OrganisationPolicy;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.identity.UserDirectory;
import org.confer.text.Fields;

/**
 * Teams and their channels: who owns, who belongs, which channels each member sees. Adding
 * someone to a team adds them to every standard channel; removing them removes them from all.
 */
public final class TeamService {

    private final Database db;
    private final ConversationWriter writer;
    private final TeamStore teams;
    private final ConversationStore conversations;
    private final UserDirectory users;
    private final OrganisationPolicy policy;
    private final ConversationMembership membership;
    private final WriteBudgets budgets;
    private final ConversationAccess access;

    public TeamService(Database db, ConversationWriter writer, TeamStore teams, ConversationStore conversations, UserDirectory users,
                       OrganisationPolicy policy, ConversationMembership membership, WriteBudgets budgets, ConversationAccess access) {
        this.access = access;
        this.db = db;
        this.writer = writer;
        this.teams = teams;
        this.conversations = conversations;
        this.users = users;
        this.policy = policy;
        this.membership = membership;
        this.budgets = budgets;
    }

    public Team createTeam(Principal who, String name, String description) {
        String n = Fields.required("name", name, Fields.MAX_NAME);
        String d = Fields.multiline("description", description, 1000);
        budgets.take(who.userId(), WriteBudgets.Kind.CREATE);
        return writer.write(tx -> {
            Team t = new Team(UUID.randomUUID(), n, d, who.userId(), tx.now(), null);
            teams.insert(tx.dsl(), t);
            teams.addMember(tx.dsl(), t.id(), who.userId(), TeamRole.OWNER, tx.now());
            membership.create(tx, ConversationKind.CHANNEL, t.id(), "General", "standard", who.userId(), List.of(who.userId()), null);
            return t;
        });
    }

    public List<TeamView> myTeams(Principal who) {
        List<TeamView> out = new ArrayList<>();
        for (Team t : teams.forUser(db.dsl(), who.userId())) {
            String role = teams.role(db.dsl(), t.id(), who.userId()).map(TeamRole::code).orElse("member");
            out.add(new TeamView(t.id(), t.name(), t.description(), role, t.createdAt()));
        }
        return out;
    }

    public Team team(Principal who, UUID teamId) {
        Team t = teams.byId(db.dsl(), teamId).orElseThrow(() -> ApiException.notFound("Team"));
        if (teams.role(db.dsl(), teamId, who.userId()).isEmpty()) {
            throw ApiException.notFound("Team");
        }
        return t;
    }

    /** Adds a person to the team and to every standard channel of it. Team owners only. */
    public void addTeamMember(Principal who, UUID teamId, UUID userId, TeamRole role) {
        Team t = team(who, teamId);
        requireOwner(who, teamId);
        requireActive(t);
        User u = users.activeUser(userId).orElseThrow(() -> ApiException.invalid("userId", "No such active user"));
        budgets.take(who.userId(), WriteBudgets.Kind.ADD_PEOPLE);
        writer.write(tx -> {
            // The team as a whole, before its channels (each of which checks again in ConversationMembership).
            policy.requireTogether(tx.dsl(), teams.memberOrganisations(tx.dsl(), teamId), Set.of(u.organisationId()), teamId);
            if (!teams.addMember(tx.dsl(), teamId, userId, role, tx.now())) {
                return null;
            }
            for (Conversation c : conversations.channelsOfTeam(tx.dsl(), teamId)) {
                if ("standard".equals(c.visibility()) && !c.archived()) {
                    membership.add(tx, c, userId, who.userId());
                }
            }
            return null;
        });
    }

    /** Removes a person from the team and all its channels; owners remove others, anyone may leave. */
    public void removeTeamMember(Principal who, UUID teamId, UUID userId) {
        team(who, teamId);
        if (!who.userId().equals(userId)) {
            requireOwner(who, teamId);
        }
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.write(tx -> {
            Optional<TeamRole> role = teams.role(tx.dsl(), teamId, userId);
            if (role.isEmpty()) {
                throw ApiException.notFound("Team member");
            }
            if (role.get() == TeamRole.OWNER && teams.ownerCount(tx.dsl(), teamId) == 1) {
                throw new ApiException(ProblemType.CONFLICT, "A team needs at least one owner: make someone else owner first");
            }
            teams.removeMember(tx.dsl(), teamId, userId);
            for (Conversation c : conversations.channelsOfTeam(tx.dsl(), teamId)) {
                membership.remove(tx, c, userId, who.userId());
            }
            return null;
        });
    }

    /**
     * Makes a member an owner, or an owner a member again (team owners only, themselves included),
     * never leaving the team without an owner.
     */
    public void changeRole(Principal who, UUID teamId, UUID userId, TeamRole role) {
        team(who, teamId);
        requireOwner(who, teamId);
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.write(tx -> {
            TeamRole current = teams.role(tx.dsl(), teamId, userId).orElseThrow(() -> ApiException.notFound("Team member"));
            if (current == TeamRole.OWNER && role == TeamRole.MEMBER && teams.ownerCount(tx.dsl(), teamId) == 1) {
                throw new ApiException(ProblemType.CONFLICT, "A team needs at least one owner: make someone else owner first");
            }
            teams.setRole(tx.dsl(), teamId, userId, role);
            return null;
        });
    }

    /** The members with their roles; only for people in the team (404 otherwise, like a team that does not exist). */
    public List<TeamMember> teamMembers(Principal who, UUID teamId) {
        team(who, teamId);
        return teams.members(db.dsl(), teamId);
    }

    /** Standard channels of the team plus the private ones the caller belongs to. */
    public List<Conversation> channels(Principal who, UUID teamId) {
        team(who, teamId);
        return conversations.channelsOfTeam(db.dsl(), teamId).stream()
                .filter(c -> "standard".equals(c.visibility()) || conversations.isMember(db.dsl(), c.id(), who.userId()))
                .toList();
    }

    public Conversation createChannel(Principal who, UUID teamId, String name, String visibility, List<UUID> memberIds) {
        requireActive(team(who, teamId));
        String n = Fields.required("name", name, Fields.MAX_NAME);
        String v = visibility == null ? "standard" : visibility;
        if (!v.equals("standard") && !v.equals("private")) {
            throw ApiException.invalid("visibility", "'visibility' must be standard or private");
        }
        Set<UUID> teamMembers = new HashSet<>(teams.memberIds(db.dsl(), teamId));
        List<UUID> members;
        if (v.equals("standard")) {
            members = List.copyOf(teamMembers);
        } else {
            LinkedHashSet<UUID> m = new LinkedHashSet<>();
            m.add(who.userId());
            if (memberIds != null) {
                for (UUID id : memberIds) {
                    if (!teamMembers.contains(id)) {
                        throw ApiException.invalid("memberIds", "Private channel members must be members of the team");
                    }
                    m.add(id);
                }
            }
            members = List.copyOf(m);
        }
        budgets.take(who.userId(), WriteBudgets.Kind.CREATE);
        return writer.write(tx -> membership.create(tx, ConversationKind.CHANNEL, teamId, n, v, who.userId(), members, null));
    }

    /** An archived team (by an admin: TeamAdmin) takes no new members or channels until it is restored. */
    private static void requireActive(Team t) {
        if (t.archivedAt() != null) {
            throw new ApiException(ProblemType.CONFLICT, "This team is archived: an admin can restore it");
        }
    }

    private void requireOwner(Principal who, UUID teamId) {
        access.requireTeamOwner(who, teamId);
    }
}
