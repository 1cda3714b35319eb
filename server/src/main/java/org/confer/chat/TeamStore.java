package org.confer.chat;

import static org.confer.db.schema.Tables.TEAMS;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.records.TeamsRecord;
import org.jooq.DSLContext;

/** SQL for teams and team membership. */
public final class TeamStore {

    public void insert(DSLContext tx, Team t) {
        tx.insertInto(TEAMS)
                .set(TEAMS.ID, t.id())
                .set(TEAMS.NAME, t.name())
                .set(TEAMS.DESCRIPTION, t.description())
                .set(TEAMS.CREATED_BY, t.createdBy())
                .set(TEAMS.CREATED_AT, t.createdAt())
                .execute();
    }

    public Optional<Team> byId(DSLContext db, UUID id) {
        return db.selectFrom(TEAMS).where(TEAMS.ID.eq(id)).fetchOptional().map(TeamStore::map);
    }

    public List<Team> forUser(DSLContext db, UUID userId) {
        return db.select(TEAMS.fields()).from(TEAMS).join(TEAM_MEMBERS).on(TEAM_MEMBERS.TEAM_ID.eq(TEAMS.ID))
                .where(TEAM_MEMBERS.USER_ID.eq(userId)).orderBy(TEAMS.NAME)
                .fetchInto(TEAMS).map(TeamStore::map);
    }

    public Optional<TeamRole> role(DSLContext db, UUID teamId, UUID userId) {
        return db.select(TEAM_MEMBERS.ROLE).from(TEAM_MEMBERS)
                .where(TEAM_MEMBERS.TEAM_ID.eq(teamId).and(TEAM_MEMBERS.USER_ID.eq(userId)))
                .fetchOptional(TEAM_MEMBERS.ROLE).map(TeamRole::fromCode);
    }

    public boolean isOwner(DSLContext db, UUID teamId, UUID userId) {
        return role(db, teamId, userId).orElse(null) == TeamRole.OWNER;
    }

    /** Adds a member; false when they already were one. */
    public boolean addMember(DSLContext tx, UUID teamId, UUID userId, TeamRole role, OffsetDateTime now) {
        if (role(tx, teamId, userId).isPresent()) {
            return false;
        }
        tx.insertInto(TEAM_MEMBERS)
                .set(TEAM_MEMBERS.TEAM_ID, teamId)
                .set(TEAM_MEMBERS.USER_ID, userId)
                .set(TEAM_MEMBERS.ROLE, role.code())
                .set(TEAM_MEMBERS.ADDED_AT, now)
                .execute();
        return true;
    }

    /** Changes a member's role; false when they are not a member. */
    public boolean setRole(DSLContext tx, UUID teamId, UUID userId, TeamRole role) {
        return tx.update(TEAM_MEMBERS).set(TEAM_MEMBERS.ROLE, role.code())
                .where(TEAM_MEMBERS.TEAM_ID.eq(teamId).and(TEAM_MEMBERS.USER_ID.eq(userId))).execute() == 1;
    }

    public boolean removeMember(DSLContext tx, UUID teamId, UUID userId) {
        return tx.deleteFrom(TEAM_MEMBERS).where(TEAM_MEMBERS.TEAM_ID.eq(teamId).and(TEAM_MEMBERS.USER_ID.eq(userId))).execute() == 1;
    }

    /** The distinct organisations of a team's members (the cross-organisation policy's "present"). */
    public java.util.Set<UUID> memberOrganisations(DSLContext db, UUID teamId) {
        return new java.util.LinkedHashSet<>(db.selectDistinct(USERS.ORGANISATION_ID).from(TEAM_MEMBERS)
                .join(USERS).on(USERS.ID.eq(TEAM_MEMBERS.USER_ID)).where(TEAM_MEMBERS.TEAM_ID.eq(teamId)).fetch(USERS.ORGANISATION_ID));
    }

    public List<UUID> memberIds(DSLContext db, UUID teamId) {
        return db.select(TEAM_MEMBERS.USER_ID).from(TEAM_MEMBERS).where(TEAM_MEMBERS.TEAM_ID.eq(teamId))
                .fetch(TEAM_MEMBERS.USER_ID);
    }

    /** Every member with their role, owners first, then in the order they joined. */
    public List<TeamMember> members(DSLContext db, UUID teamId) {
        return db.select(TEAM_MEMBERS.USER_ID, TEAM_MEMBERS.ROLE).from(TEAM_MEMBERS).where(TEAM_MEMBERS.TEAM_ID.eq(teamId))
                .orderBy(TEAM_MEMBERS.ROLE.desc(), TEAM_MEMBERS.ADDED_AT, TEAM_MEMBERS.USER_ID)
                .fetch(r -> new TeamMember(r.value1(), TeamRole.fromCode(r.value2())));
    }

    public int ownerCount(DSLContext db, UUID teamId) {
        return db.fetchCount(TEAM_MEMBERS, TEAM_MEMBERS.TEAM_ID.eq(teamId).and(TEAM_MEMBERS.ROLE.eq(TeamRole.OWNER.code())));
    }

    // ---- for admins (TeamAdmin): a team belongs to the organisation of the person who created it ----

    /** A team as the admin list shows it. */
    public record AdminRow(Team team, UUID organisationId, int members, List<TeamMemberName> owners) {}

    /** A member with the name the admin sees. */
    public record TeamMemberName(UUID userId, String displayName, String email, TeamRole role) {}

    public Optional<UUID> organisationOf(DSLContext db, UUID teamId) {
        return db.select(USERS.ORGANISATION_ID).from(TEAMS).join(USERS).on(USERS.ID.eq(TEAMS.CREATED_BY))
                .where(TEAMS.ID.eq(teamId)).fetchOptional(USERS.ORGANISATION_ID);
    }

    /** Teams of an organisation (every organisation's when null), archived ones included, by name; at most {@code limit}. */
    public List<AdminRow> adminList(DSLContext db, UUID organisationId, String nameContains, int limit) {
        org.jooq.Condition c = org.jooq.impl.DSL.trueCondition();
        if (organisationId != null) {
            c = c.and(USERS.ORGANISATION_ID.eq(organisationId));
        }
        if (nameContains != null && !nameContains.isBlank()) {
            String like = "%" + nameContains.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            c = c.and(org.jooq.impl.DSL.lower(TEAMS.NAME).like(like, '\\'));
        }
        var count = org.jooq.impl.DSL.selectCount().from(TEAM_MEMBERS).where(TEAM_MEMBERS.TEAM_ID.eq(TEAMS.ID)).asField("members");
        var rows = db.select(TEAMS.fields()).select(USERS.ORGANISATION_ID, count).from(TEAMS).join(USERS).on(USERS.ID.eq(TEAMS.CREATED_BY))
                .where(c).orderBy(org.jooq.impl.DSL.lower(TEAMS.NAME), TEAMS.ID).limit(limit).fetch();
        List<AdminRow> out = new java.util.ArrayList<>();
        for (var r : rows) {
            Team t = map(r.into(TEAMS));
            List<TeamMemberName> owners = namedMembers(db, t.id()).stream().filter(m -> m.role() == TeamRole.OWNER).toList();
            out.add(new AdminRow(t, r.get(USERS.ORGANISATION_ID), r.get(count, Integer.class), owners));
        }
        return out;
    }

    /** Members with names, owners first, then by name. */
    public List<TeamMemberName> namedMembers(DSLContext db, UUID teamId) {
        return db.select(TEAM_MEMBERS.USER_ID, USERS.DISPLAY_NAME, USERS.EMAIL, TEAM_MEMBERS.ROLE).from(TEAM_MEMBERS)
                .join(USERS).on(USERS.ID.eq(TEAM_MEMBERS.USER_ID)).where(TEAM_MEMBERS.TEAM_ID.eq(teamId))
                .orderBy(TEAM_MEMBERS.ROLE.desc(), USERS.DISPLAY_NAME, USERS.ID)
                .fetch(r -> new TeamMemberName(r.value1(), r.value2(), r.value3(), TeamRole.fromCode(r.value4())));
    }

    public void setArchived(DSLContext tx, UUID teamId, OffsetDateTime at) {
        tx.update(TEAMS).set(TEAMS.ARCHIVED_AT, at).where(TEAMS.ID.eq(teamId)).execute();
    }

    private static Team map(TeamsRecord r) {
        return new Team(r.getId(), r.getName(), r.getDescription(), r.getCreatedBy(), r.getCreatedAt(), r.getArchivedAt());
    }
}
