package org.confer.chat;

import java.time.OffsetDateTime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.text.Fields;

/**
 * Teams as the admin pages see them (docs/administration.md, "Teams"): an organisation admin
 * manages the teams of their organisation — a team belongs to the organisation of the person
 * who created it — and another organisation's teams do not exist for them (404); platform
 * admins manage every team. Owners can be changed, and a team archived and restored. Each change
 * is recorded in the audit trail in its transaction.
 */
public final class TeamAdmin {
    /** The admin list's length: an organisation has tens to a few hundred teams; search narrows it. */
    public static final int MAX_LIST = 500;

    private final Database db;
    private final TeamStore teams;
    private final AuditTrail audit;
    private final Clock clock;

    public TeamAdmin(Database db, TeamStore teams, AuditTrail audit, Clock clock) {
        this.db = db;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    public List<TeamStore.AdminRow> list(Principal who, UUID organisationId, String query) {
        requireAdmin(who);
        UUID scope = organisationId;
        if (!who.isPlatformAdmin()) {
            if (organisationId != null && !organisationId.equals(who.organisationId())) {
                throw ApiException.forbidden("You can list teams only of your own organisation");
            }
            scope = who.organisationId();
        }
        return teams.adminList(db.dsl(), scope, Fields.optional("q", query, 120), MAX_LIST);
    }

    public List<TeamStore.TeamMemberName> members(Principal who, UUID teamId) {
        organisation(who, teamId);
        return teams.namedMembers(db.dsl(), teamId);
    }

    /** Makes a member owner or an owner member; a team always keeps an owner. */
    public void setRole(Principal who, UUID teamId, UUID userId, TeamRole role) {
        UUID org = organisation(who, teamId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            TeamRole current = teams.role(cfg.dsl(), teamId, userId).orElseThrow(() -> ApiException.notFound("Team member"));
            if (current == role) {
                return;
            }
            if (current == TeamRole.OWNER && teams.ownerCount(cfg.dsl(), teamId) == 1) {
                throw new ApiException(ProblemType.CONFLICT, "A team needs at least one owner: make someone else owner first");
            }
            teams.setRole(cfg.dsl(), teamId, userId, role);
            audit.record(cfg.dsl(), org, who.userId(), "team.owners_changed", "team", teamId,
                    Map.of("userId", userId.toString(), "role", role.code()), now);
        });
    }

    /** Archived: no new members or channels; left out of search, requests and visits. Its conversations stay readable. */
    public void archive(Principal who, UUID teamId, boolean archived) {
        UUID org = organisation(who, teamId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            Team t = teams.byId(cfg.dsl(), teamId).orElseThrow(() -> ApiException.notFound("Team"));
            if ((t.archivedAt() != null) == archived) {
                return;
            }
            teams.setArchived(cfg.dsl(), teamId, archived ? now : null);
            audit.record(cfg.dsl(), org, who.userId(), archived ? "team.archived" : "team.restored", "team", teamId,
                    Map.of("name", t.name()), now);
        });
    }

    /** The team's organisation if the caller administers it; 404 otherwise, like a team that does not exist. */
    private UUID organisation(Principal who, UUID teamId) {
        requireAdmin(who);
        return teams.organisationOf(db.dsl(), teamId).filter(who::administers).orElseThrow(() -> ApiException.notFound("Team"));
    }

    private static void requireAdmin(Principal who) {
        if (!who.role().canAdministerUsers()) {
            throw ApiException.forbidden("This needs the organisation admin role");
        }
    }
}
