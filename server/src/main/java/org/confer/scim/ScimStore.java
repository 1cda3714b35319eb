package org.confer.scim;

import static org.confer.db.schema.Tables.SCIM_GROUPS;
import static org.confer.db.schema.Tables.SCIM_PROVISIONERS;
import static org.confer.db.schema.Tables.SCIM_TOKENS;
import static org.confer.db.schema.Tables.SCIM_USERS;
import static org.confer.db.schema.Tables.TEAMS;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.records.ScimTokensRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * SQL for SCIM: its tokens, provisioning accounts and the links to people and teams. People and
 * teams themselves are read here (SCIM's filters are lookups on their columns) but written only
 * through identity's and chat's services, so their rules and events apply.
 */
final class ScimStore {
    /** The users.kind of a person (bots and visit guests are not SCIM's to see). */
    private static final String PERSON = "person";
    private static final String ACTIVE = "active";

    record TokenRow(UUID id, UUID organisationId, String name, UUID createdBy, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
                    OffsetDateTime revokedAt) {}

    /** A person as SCIM shows them. */
    record UserRow(UUID id, String email, String displayName, String jobTitle, boolean active, OffsetDateTime created,
                   OffsetDateTime lastModified, String externalId, String givenName, String familyName) {}

    /** A team created through SCIM. */
    record GroupRow(UUID id, String displayName, String externalId, OffsetDateTime created, OffsetDateTime lastModified) {}

    record Member(UUID id, String displayName) {}

    // ---- tokens and provisioning accounts ----

    void insertToken(DSLContext tx, TokenRow t, String hash) {
        tx.insertInto(SCIM_TOKENS).set(SCIM_TOKENS.ID, t.id()).set(SCIM_TOKENS.ORGANISATION_ID, t.organisationId())
                .set(SCIM_TOKENS.NAME, t.name()).set(SCIM_TOKENS.TOKEN_HASH, hash).set(SCIM_TOKENS.CREATED_BY, t.createdBy())
                .set(SCIM_TOKENS.CREATED_AT, t.createdAt()).execute();
    }

    List<TokenRow> tokens(DSLContext db, UUID organisationId) {
        return db.selectFrom(SCIM_TOKENS).where(SCIM_TOKENS.ORGANISATION_ID.eq(organisationId))
                .orderBy(SCIM_TOKENS.CREATED_AT.desc(), SCIM_TOKENS.ID).fetch().map(ScimStore::token);
    }

    Optional<TokenRow> token(DSLContext db, UUID organisationId, UUID id) {
        return db.selectFrom(SCIM_TOKENS).where(SCIM_TOKENS.ID.eq(id).and(SCIM_TOKENS.ORGANISATION_ID.eq(organisationId)))
                .fetchOptional().map(ScimStore::token);
    }

    /** A live (unrevoked) token by the hash of its secret. */
    Optional<TokenRow> liveToken(DSLContext db, String hash) {
        return db.selectFrom(SCIM_TOKENS).where(SCIM_TOKENS.TOKEN_HASH.eq(hash).and(SCIM_TOKENS.REVOKED_AT.isNull()))
                .fetchOptional().map(ScimStore::token);
    }

    void revoke(DSLContext tx, UUID id, OffsetDateTime now) {
        tx.update(SCIM_TOKENS).set(SCIM_TOKENS.REVOKED_AT, now).where(SCIM_TOKENS.ID.eq(id)).execute();
    }

    void used(DSLContext tx, UUID id, OffsetDateTime now) {
        tx.update(SCIM_TOKENS).set(SCIM_TOKENS.LAST_USED_AT, now).where(SCIM_TOKENS.ID.eq(id)).execute();
    }

    Optional<UUID> provisioner(DSLContext db, UUID organisationId) {
        return db.select(SCIM_PROVISIONERS.USER_ID).from(SCIM_PROVISIONERS).where(SCIM_PROVISIONERS.ORGANISATION_ID.eq(organisationId))
                .fetchOptional(SCIM_PROVISIONERS.USER_ID);
    }

    void insertProvisioner(DSLContext tx, UUID organisationId, UUID userId) {
        tx.insertInto(SCIM_PROVISIONERS).set(SCIM_PROVISIONERS.ORGANISATION_ID, organisationId).set(SCIM_PROVISIONERS.USER_ID, userId)
                .execute();
    }

    private static TokenRow token(ScimTokensRecord r) {
        return new TokenRow(r.getId(), r.getOrganisationId(), r.getName(), r.getCreatedBy(), r.getCreatedAt(), r.getLastUsedAt(),
                r.getRevokedAt());
    }

    // ---- people ----

    Optional<UserRow> user(DSLContext db, UUID organisationId, UUID id) {
        return users(db, organisationId, List.of(new ScimFilter.Clause("id", id.toString())), 0, 1).stream().findFirst();
    }

    List<UserRow> users(DSLContext db, UUID organisationId, List<ScimFilter.Clause> filter, int offset, int limit) {
        return db.select(USERS.ID, USERS.EMAIL, USERS.DISPLAY_NAME, USERS.JOB_TITLE, USERS.STATUS, USERS.CREATED_AT, USERS.UPDATED_AT,
                        SCIM_USERS.EXTERNAL_ID, SCIM_USERS.GIVEN_NAME, SCIM_USERS.FAMILY_NAME, SCIM_USERS.UPDATED_AT)
                .from(USERS).leftJoin(SCIM_USERS).on(SCIM_USERS.USER_ID.eq(USERS.ID))
                .where(userCondition(organisationId, filter)).orderBy(USERS.EMAIL_NORMALISED).offset(offset).limit(limit)
                .fetch(ScimStore::userRow);
    }

    int countUsers(DSLContext db, UUID organisationId, List<ScimFilter.Clause> filter) {
        return db.fetchCount(db.select(USERS.ID).from(USERS).leftJoin(SCIM_USERS).on(SCIM_USERS.USER_ID.eq(USERS.ID))
                .where(userCondition(organisationId, filter)));
    }

    /** Whether this person (of any status) belongs to the organisation: SCIM may name only its own people. */
    boolean isPerson(DSLContext db, UUID organisationId, UUID userId) {
        return db.fetchExists(USERS, USERS.ID.eq(userId).and(USERS.ORGANISATION_ID.eq(organisationId)).and(USERS.KIND.eq(PERSON)));
    }

    void saveUser(DSLContext tx, UUID userId, UUID organisationId, String externalId, String givenName, String familyName,
                  OffsetDateTime now) {
        int updated = tx.update(SCIM_USERS).set(SCIM_USERS.EXTERNAL_ID, externalId).set(SCIM_USERS.GIVEN_NAME, givenName)
                .set(SCIM_USERS.FAMILY_NAME, familyName).set(SCIM_USERS.VERSION, SCIM_USERS.VERSION.plus(1))
                .set(SCIM_USERS.UPDATED_AT, now).where(SCIM_USERS.USER_ID.eq(userId)).execute();
        if (updated == 0) {
            tx.insertInto(SCIM_USERS).set(SCIM_USERS.USER_ID, userId).set(SCIM_USERS.ORGANISATION_ID, organisationId)
                    .set(SCIM_USERS.EXTERNAL_ID, externalId).set(SCIM_USERS.GIVEN_NAME, givenName).set(SCIM_USERS.FAMILY_NAME, familyName)
                    .set(SCIM_USERS.VERSION, 1L).set(SCIM_USERS.UPDATED_AT, now).execute();
        }
    }

    private static Condition userCondition(UUID organisationId, List<ScimFilter.Clause> filter) {
        Condition c = USERS.ORGANISATION_ID.eq(organisationId).and(USERS.KIND.eq(PERSON));
        for (ScimFilter.Clause f : filter) {
            c = c.and(switch (f.attribute()) {
                case "id" -> uuid(f.value()).map(USERS.ID::eq).orElse(DSL.falseCondition());
                case "username", "emails.value", "emails" -> USERS.EMAIL_NORMALISED.eq(f.value().trim().toLowerCase(Locale.ROOT));
                case "externalid" -> SCIM_USERS.EXTERNAL_ID.eq(f.value());
                case "active" -> Boolean.parseBoolean(f.value()) ? USERS.STATUS.eq(ACTIVE) : USERS.STATUS.ne(ACTIVE);
                case "displayname" -> DSL.lower(USERS.DISPLAY_NAME).eq(f.value().toLowerCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("not a filter of people: " + f.attribute());
            });
        }
        return c;
    }

    private static UserRow userRow(Record r) {
        OffsetDateTime updated = r.get(USERS.UPDATED_AT);
        OffsetDateTime scimUpdated = r.get(SCIM_USERS.UPDATED_AT);
        OffsetDateTime last = scimUpdated != null && scimUpdated.isAfter(updated) ? scimUpdated : updated;
        return new UserRow(r.get(USERS.ID), r.get(USERS.EMAIL), r.get(USERS.DISPLAY_NAME), r.get(USERS.JOB_TITLE),
                ACTIVE.equals(r.get(USERS.STATUS)), r.get(USERS.CREATED_AT), last, r.get(SCIM_USERS.EXTERNAL_ID),
                r.get(SCIM_USERS.GIVEN_NAME), r.get(SCIM_USERS.FAMILY_NAME));
    }

    // ---- groups (teams created through SCIM) ----

    Optional<GroupRow> group(DSLContext db, UUID organisationId, UUID id) {
        return groups(db, organisationId, List.of(new ScimFilter.Clause("id", id.toString())), 0, 1).stream().findFirst();
    }

    List<GroupRow> groups(DSLContext db, UUID organisationId, List<ScimFilter.Clause> filter, int offset, int limit) {
        return db.select(TEAMS.ID, TEAMS.NAME, SCIM_GROUPS.EXTERNAL_ID, SCIM_GROUPS.CREATED_AT, SCIM_GROUPS.UPDATED_AT)
                .from(SCIM_GROUPS).join(TEAMS).on(TEAMS.ID.eq(SCIM_GROUPS.TEAM_ID))
                .where(groupCondition(organisationId, filter)).orderBy(SCIM_GROUPS.CREATED_AT, TEAMS.ID).offset(offset).limit(limit)
                .fetch(r -> new GroupRow(r.get(TEAMS.ID), r.get(TEAMS.NAME), r.get(SCIM_GROUPS.EXTERNAL_ID),
                        r.get(SCIM_GROUPS.CREATED_AT), r.get(SCIM_GROUPS.UPDATED_AT)));
    }

    int countGroups(DSLContext db, UUID organisationId, List<ScimFilter.Clause> filter) {
        return db.fetchCount(db.select(TEAMS.ID).from(SCIM_GROUPS).join(TEAMS).on(TEAMS.ID.eq(SCIM_GROUPS.TEAM_ID))
                .where(groupCondition(organisationId, filter)));
    }

    /** Members of the team other than the provisioning account, by name. */
    List<Member> members(DSLContext db, UUID teamId, UUID provisionerId) {
        return db.select(USERS.ID, USERS.DISPLAY_NAME).from(TEAM_MEMBERS).join(USERS).on(USERS.ID.eq(TEAM_MEMBERS.USER_ID))
                .where(TEAM_MEMBERS.TEAM_ID.eq(teamId).and(USERS.ID.ne(provisionerId))).orderBy(USERS.DISPLAY_NAME, USERS.ID)
                .fetch(r -> new Member(r.value1(), r.value2()));
    }

    void insertGroup(DSLContext tx, UUID teamId, UUID organisationId, String externalId, OffsetDateTime now) {
        tx.insertInto(SCIM_GROUPS).set(SCIM_GROUPS.TEAM_ID, teamId).set(SCIM_GROUPS.ORGANISATION_ID, organisationId)
                .set(SCIM_GROUPS.EXTERNAL_ID, externalId).set(SCIM_GROUPS.VERSION, 1L).set(SCIM_GROUPS.CREATED_AT, now)
                .set(SCIM_GROUPS.UPDATED_AT, now).execute();
    }

    void touchGroup(DSLContext tx, UUID teamId, String externalId, OffsetDateTime now) {
        tx.update(SCIM_GROUPS).set(SCIM_GROUPS.EXTERNAL_ID, externalId).set(SCIM_GROUPS.VERSION, SCIM_GROUPS.VERSION.plus(1))
                .set(SCIM_GROUPS.UPDATED_AT, now).where(SCIM_GROUPS.TEAM_ID.eq(teamId)).execute();
    }

    void deleteGroup(DSLContext tx, UUID teamId) {
        tx.deleteFrom(SCIM_GROUPS).where(SCIM_GROUPS.TEAM_ID.eq(teamId)).execute();
    }

    private static Condition groupCondition(UUID organisationId, List<ScimFilter.Clause> filter) {
        Condition c = SCIM_GROUPS.ORGANISATION_ID.eq(organisationId).and(TEAMS.ARCHIVED_AT.isNull());
        for (ScimFilter.Clause f : filter) {
            c = c.and(switch (f.attribute()) {
                case "id" -> uuid(f.value()).map(TEAMS.ID::eq).orElse(DSL.falseCondition());
                case "displayname" -> DSL.lower(TEAMS.NAME).eq(f.value().toLowerCase(Locale.ROOT));
                case "externalid" -> SCIM_GROUPS.EXTERNAL_ID.eq(f.value());
                case "members.value" -> uuid(f.value()).map(u -> DSL.exists(DSL.selectOne().from(TEAM_MEMBERS)
                        .where(TEAM_MEMBERS.TEAM_ID.eq(TEAMS.ID).and(TEAM_MEMBERS.USER_ID.eq(u))))).orElse(DSL.falseCondition());
                default -> throw new IllegalArgumentException("not a filter of groups: " + f.attribute());
            });
        }
        return c;
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
