package org.confer.chat;

import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** The admin pages' team operations (docs/administration.md, "Teams"); thin: parse, call TeamAdmin, map. */
public final class TeamAdminRoutes {

    record MemberView(UUID userId, String displayName, String email, String role) {
        static MemberView of(TeamStore.TeamMemberName m) {
            return new MemberView(m.userId(), m.displayName(), m.email(), m.role().code());
        }
    }

    record AdminTeamView(UUID id, String name, String description, UUID organisationId, OffsetDateTime createdAt,
                         OffsetDateTime archivedAt, int memberCount, List<MemberView> owners) {}

    record Items<T>(List<T> items) {}

    record RoleChange(String role) {}

    private final TeamAdmin admin;
    private final ObjectMapper mapper;

    public TeamAdminRoutes(TeamAdmin admin, ObjectMapper mapper) {
        this.admin = admin;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                get("/api/v1/admin/teams", Access.USER_ADMIN, "Teams of the organisation (every team for platform admins), archived ones included", this::list),
                get("/api/v1/admin/teams/{teamId}/members", Access.USER_ADMIN, "A team's members with their roles", this::members),
                patch("/api/v1/admin/teams/{teamId}/members/{userId}", Access.USER_ADMIN, "Make a member owner, or an owner member", this::setRole),
                post("/api/v1/admin/teams/{teamId}/archive", Access.USER_ADMIN, "Archive a team", this::archive),
                post("/api/v1/admin/teams/{teamId}/restore", Access.USER_ADMIN, "Restore an archived team", this::restore));
    }

    private static UUID teamId(Context ctx) {
        return Requests.uuidPath(ctx, "teamId", "Team");
    }

    private void list(Context ctx) {
        List<TeamStore.AdminRow> rows = admin.list(SignedIn.principal(ctx), Requests.uuidQuery(ctx, "organisationId"), ctx.queryParam("q"));
        ctx.json(new Items<>(rows.stream().map(r -> new AdminTeamView(r.team().id(), r.team().name(), r.team().description(),
                r.organisationId(), r.team().createdAt(), r.team().archivedAt(), r.members(),
                r.owners().stream().map(MemberView::of).toList())).toList()));
    }

    private void members(Context ctx) {
        ctx.json(new Items<>(admin.members(SignedIn.principal(ctx), teamId(ctx)).stream().map(MemberView::of).toList()));
    }

    private void setRole(Context ctx) {
        RoleChange req = Requests.body(ctx, mapper, RoleChange.class);
        TeamRole role = switch (req.role() == null ? "" : req.role()) {
            case "owner" -> TeamRole.OWNER;
            case "member" -> TeamRole.MEMBER;
            default -> throw ApiException.invalid("role", "'role' must be owner or member");
        };
        admin.setRole(SignedIn.principal(ctx), teamId(ctx), Requests.uuidPath(ctx, "userId", "Team member"), role);
        ctx.status(204);
    }

    private void archive(Context ctx) {
        admin.archive(SignedIn.principal(ctx), teamId(ctx), true);
        ctx.status(204);
    }

    private void restore(Context ctx) {
        admin.archive(SignedIn.principal(ctx), teamId(ctx), false);
        ctx.status(204);
    }
}
