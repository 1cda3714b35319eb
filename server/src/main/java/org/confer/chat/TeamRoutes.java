package org.confer.chat;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.confer.chat.ChatViews.ConversationView;
import org.confer.chat.ChatViews.TeamView;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.Principal;
import org.confer.identity.SignedIn;

/** HTTP routes for teams, their members and channels. Thin: parse, call TeamService, map. */
public final class TeamRoutes {

    record NewTeam(String name, String description) {}

    record NewMember(UUID userId, String role) {}

    record RoleChange(String role) {}

    record NewChannel(String name, String visibility, List<UUID> memberIds) {}

    record Items<T>(List<T> items) {}

    record TeamMemberView(UUID userId, String role) {}

    /** {@code userIds} for existing clients; {@code members} adds each one's role (owner or member). */
    record TeamMembers(List<UUID> userIds, List<TeamMemberView> members) {}

    private final TeamService teams;
    private final ObjectMapper mapper;

    public TeamRoutes(TeamService teams, ObjectMapper mapper) {
        this.teams = teams;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/teams", Access.SIGNED_IN, "Create a team (with its General channel); the creator is owner", this::createTeam),
                get("/api/v1/teams", Access.SIGNED_IN, "Teams the caller belongs to", this::myTeams),
                get("/api/v1/teams/{teamId}/members", Access.SIGNED_IN, "Members of a team", this::teamMembers),
                post("/api/v1/teams/{teamId}/members", Access.SIGNED_IN, "Add a person to a team (owners)", this::addTeamMember),
                patch("/api/v1/teams/{teamId}/members/{userId}", Access.SIGNED_IN, "Make a member owner, or an owner member (owners)", this::changeTeamRole),
                delete("/api/v1/teams/{teamId}/members/{userId}", Access.SIGNED_IN, "Remove from a team (owners), or leave", this::removeTeamMember),
                get("/api/v1/teams/{teamId}/channels", Access.SIGNED_IN, "Channels of a team visible to the caller", this::channels),
                post("/api/v1/teams/{teamId}/channels", Access.SIGNED_IN, "Create a standard or private channel", this::createChannel));
    }

    private static UUID teamId(Context ctx) {
        return Requests.uuidPath(ctx, "teamId", "Team");
    }

    private void createTeam(Context ctx) {
        NewTeam req = Requests.body(ctx, mapper, NewTeam.class);
        Principal p = SignedIn.principal(ctx);
        Team t = teams.createTeam(p, req.name(), req.description());
        ctx.status(201).json(new TeamView(t.id(), t.name(), t.description(), "owner", t.createdAt()));
    }

    private void myTeams(Context ctx) {
        ctx.json(new Items<>(teams.myTeams(SignedIn.principal(ctx))));
    }

    private void teamMembers(Context ctx) {
        List<TeamMember> members = teams.teamMembers(SignedIn.principal(ctx), teamId(ctx));
        ctx.json(new TeamMembers(members.stream().map(TeamMember::userId).toList(),
                members.stream().map(m -> new TeamMemberView(m.userId(), m.role().code())).toList()));
    }

    private void addTeamMember(Context ctx) {
        NewMember req = Requests.body(ctx, mapper, NewMember.class);
        if (req.userId() == null) {
            throw ApiException.invalid("userId", "'userId' is required");
        }
        teams.addTeamMember(SignedIn.principal(ctx), teamId(ctx), req.userId(), role(req.role(), TeamRole.MEMBER));
        ctx.status(204);
    }

    private void changeTeamRole(Context ctx) {
        RoleChange req = Requests.body(ctx, mapper, RoleChange.class);
        teams.changeRole(SignedIn.principal(ctx), teamId(ctx), Requests.uuidPath(ctx, "userId", "Team member"), role(req.role(), null));
        ctx.status(204);
    }

    /** "owner" or "member"; {@code absent} when not given (null: the role is required). */
    private static TeamRole role(String code, TeamRole absent) {
        if (code == null && absent != null) {
            return absent;
        }
        return switch (code == null ? "" : code) {
            case "owner" -> TeamRole.OWNER;
            case "member" -> TeamRole.MEMBER;
            default -> throw ApiException.invalid("role", "'role' must be owner or member");
        };
    }

    private void removeTeamMember(Context ctx) {
        teams.removeTeamMember(SignedIn.principal(ctx), teamId(ctx), Requests.uuidPath(ctx, "userId", "Team member"));
        ctx.status(204);
    }

    private void channels(Context ctx) {
        ctx.json(new Items<>(teams.channels(SignedIn.principal(ctx), teamId(ctx)).stream().map(ConversationView::of).toList()));
    }

    private void createChannel(Context ctx) {
        NewChannel req = Requests.body(ctx, mapper, NewChannel.class);
        Conversation c = teams.createChannel(SignedIn.principal(ctx), teamId(ctx), req.name(), req.visibility(), req.memberIds());
        ctx.status(201).json(ConversationView.of(c));
    }
}
