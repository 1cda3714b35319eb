package org.confer.results;

import static org.confer.db.schema.Tables.DEPUTIES;
import static org.confer.db.schema.Tables.ESCALATION_STEPS;
import static org.confer.db.schema.Tables.ON_CALL_ROLES;
import static org.confer.db.schema.Tables.PROFESSIONAL_IDENTIFIERS;
import static org.confer.db.schema.Tables.RESULT_FEEDS;
import static org.confer.db.schema.Tables.RESULT_SETTINGS;
import static org.confer.db.schema.Tables.RESULT_WATCHES;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * SQL for what routing and escalation read: feeds, professional identifiers, watches, on-call
 * roles, the escalation chain, deputies and the organisation's settings. People are matched only
 * when active and of the organisation asked about.
 */
public final class ResultDirectoryStore {
    /** The defaults of an organisation that has not chosen (docs/bots-and-results.md, "Critical results"). */
    static final int DEFAULT_DEPUTY_AFTER_MINUTES = 5;

    public record Feed(UUID id, UUID organisationId, String sendingFacility, String name, OffsetDateTime createdAt) {}

    public record Identifier(String system, String value) {}

    public record Watch(UUID id, UUID userId, String nhsNumber, String test, OffsetDateTime createdAt) {}

    public record OnCallRole(UUID id, String name, UUID holderId, OffsetDateTime updatedAt) {}

    public record Step(UUID onCallRoleId, int afterMinutes) {}

    public record Settings(UUID inboxConversationId, int deputyAfterMinutes, List<Step> chain) {}

    // --- feeds

    public Optional<Feed> feedByFacility(DSLContext db, String facility) {
        return db.selectFrom(RESULT_FEEDS).where(RESULT_FEEDS.SENDING_FACILITY.eq(facility)).fetchOptional()
                .map(r -> new Feed(r.getId(), r.getOrganisationId(), r.getSendingFacility(), r.getName(), r.getCreatedAt()));
    }

    public List<Feed> feeds(DSLContext db, UUID organisationId) {
        return db.selectFrom(RESULT_FEEDS).where(RESULT_FEEDS.ORGANISATION_ID.eq(organisationId)).orderBy(RESULT_FEEDS.NAME)
                .fetch(r -> new Feed(r.getId(), r.getOrganisationId(), r.getSendingFacility(), r.getName(), r.getCreatedAt()));
    }

    /** False when the facility already belongs to a feed (of any organisation). */
    public boolean insertFeed(DSLContext tx, Feed f) {
        return tx.insertInto(RESULT_FEEDS).set(RESULT_FEEDS.ID, f.id()).set(RESULT_FEEDS.ORGANISATION_ID, f.organisationId())
                .set(RESULT_FEEDS.SENDING_FACILITY, f.sendingFacility()).set(RESULT_FEEDS.NAME, f.name())
                .set(RESULT_FEEDS.CREATED_AT, f.createdAt()).onConflictDoNothing().execute() == 1;
    }

    // --- people

    /** Active people of the organisation holding this identifier (at most one: the key is unique). */
    public Optional<UUID> personByIdentifier(DSLContext db, UUID organisationId, String system, String value) {
        return db.select(PROFESSIONAL_IDENTIFIERS.USER_ID).from(PROFESSIONAL_IDENTIFIERS)
                .join(USERS).on(USERS.ID.eq(PROFESSIONAL_IDENTIFIERS.USER_ID))
                .where(PROFESSIONAL_IDENTIFIERS.ORGANISATION_ID.eq(organisationId)
                        .and(PROFESSIONAL_IDENTIFIERS.ID_SYSTEM.eq(system))
                        .and(PROFESSIONAL_IDENTIFIERS.ID_VALUE.eq(value))
                        .and(USERS.ORGANISATION_ID.eq(organisationId))
                        .and(USERS.STATUS.eq("active")))
                .fetchOptional(PROFESSIONAL_IDENTIFIERS.USER_ID);
    }

    /** Whether the person is active and of the organisation: nobody else is ever alerted. */
    public boolean activeIn(DSLContext db, UUID organisationId, UUID userId) {
        return userId != null && db.fetchExists(USERS, USERS.ID.eq(userId).and(USERS.ORGANISATION_ID.eq(organisationId))
                .and(USERS.STATUS.eq("active")).and(USERS.KIND.eq("person")));
    }

    public Optional<String> displayName(DSLContext db, UUID userId) {
        return db.select(USERS.DISPLAY_NAME).from(USERS).where(USERS.ID.eq(userId)).fetchOptional(USERS.DISPLAY_NAME);
    }

    public List<Identifier> identifiers(DSLContext db, UUID userId) {
        return db.selectFrom(PROFESSIONAL_IDENTIFIERS).where(PROFESSIONAL_IDENTIFIERS.USER_ID.eq(userId))
                .orderBy(PROFESSIONAL_IDENTIFIERS.ID_SYSTEM, PROFESSIONAL_IDENTIFIERS.ID_VALUE)
                .fetch(r -> new Identifier(r.getIdSystem(), r.getIdValue()));
    }

    /** Replaces a person's identifiers; false when one of them is another person's in the organisation. */
    public boolean replaceIdentifiers(DSLContext tx, UUID organisationId, UUID userId, List<Identifier> ids) {
        tx.deleteFrom(PROFESSIONAL_IDENTIFIERS).where(PROFESSIONAL_IDENTIFIERS.USER_ID.eq(userId)).execute();
        for (Identifier i : ids) {
            int n = tx.insertInto(PROFESSIONAL_IDENTIFIERS).set(PROFESSIONAL_IDENTIFIERS.ORGANISATION_ID, organisationId)
                    .set(PROFESSIONAL_IDENTIFIERS.USER_ID, userId).set(PROFESSIONAL_IDENTIFIERS.ID_SYSTEM, i.system())
                    .set(PROFESSIONAL_IDENTIFIERS.ID_VALUE, i.value()).onConflictDoNothing().execute();
            if (n == 0) {
                return false;
            }
        }
        return true;
    }

    // --- watches

    /** Watches of the patient by active people of the organisation. */
    public List<Watch> watchesOf(DSLContext db, UUID organisationId, String nhsNumber) {
        return db.select(RESULT_WATCHES.fields()).from(RESULT_WATCHES).join(USERS).on(USERS.ID.eq(RESULT_WATCHES.USER_ID))
                .where(RESULT_WATCHES.ORGANISATION_ID.eq(organisationId).and(RESULT_WATCHES.NHS_NUMBER.eq(nhsNumber))
                        .and(USERS.ORGANISATION_ID.eq(organisationId)).and(USERS.STATUS.eq("active")))
                .orderBy(RESULT_WATCHES.CREATED_AT)
                .fetch(r -> toWatch(r.into(RESULT_WATCHES)));
    }

    public List<Watch> watchesBy(DSLContext db, UUID userId) {
        return db.selectFrom(RESULT_WATCHES).where(RESULT_WATCHES.USER_ID.eq(userId))
                .orderBy(RESULT_WATCHES.CREATED_AT, RESULT_WATCHES.ID).fetch(this::toWatch);
    }

    /** The existing watch when the same one is already there (idempotent). */
    public Watch insertWatch(DSLContext tx, UUID organisationId, Watch w) {
        tx.insertInto(RESULT_WATCHES).set(RESULT_WATCHES.ID, w.id()).set(RESULT_WATCHES.ORGANISATION_ID, organisationId)
                .set(RESULT_WATCHES.USER_ID, w.userId()).set(RESULT_WATCHES.NHS_NUMBER, w.nhsNumber())
                .set(RESULT_WATCHES.TEST, w.test()).set(RESULT_WATCHES.CREATED_AT, w.createdAt()).onConflictDoNothing().execute();
        return tx.selectFrom(RESULT_WATCHES).where(RESULT_WATCHES.USER_ID.eq(w.userId())
                .and(RESULT_WATCHES.NHS_NUMBER.eq(w.nhsNumber())).and(RESULT_WATCHES.TEST.eq(w.test()))).fetchOne(this::toWatch);
    }

    public boolean deleteWatch(DSLContext tx, UUID userId, UUID watchId) {
        return tx.deleteFrom(RESULT_WATCHES).where(RESULT_WATCHES.ID.eq(watchId).and(RESULT_WATCHES.USER_ID.eq(userId))).execute() == 1;
    }

    public int deleteWatches(DSLContext tx, UUID userId, String nhsNumber, String test) {
        var where = RESULT_WATCHES.USER_ID.eq(userId).and(RESULT_WATCHES.NHS_NUMBER.eq(nhsNumber));
        return tx.deleteFrom(RESULT_WATCHES).where(test == null ? where : where.and(RESULT_WATCHES.TEST.eq(test))).execute();
    }

    private Watch toWatch(org.confer.db.schema.tables.records.ResultWatchesRecord r) {
        return new Watch(r.getId(), r.getUserId(), r.getNhsNumber(), r.getTest(), r.getCreatedAt());
    }

    // --- on-call roles, chain, deputies, settings

    public List<OnCallRole> roles(DSLContext db, UUID organisationId) {
        return db.selectFrom(ON_CALL_ROLES).where(ON_CALL_ROLES.ORGANISATION_ID.eq(organisationId)).orderBy(ON_CALL_ROLES.NAME)
                .fetch(r -> new OnCallRole(r.getId(), r.getName(), r.getHolderId(), r.getUpdatedAt()));
    }

    public Optional<OnCallRole> role(DSLContext db, UUID organisationId, UUID roleId) {
        return db.selectFrom(ON_CALL_ROLES).where(ON_CALL_ROLES.ID.eq(roleId).and(ON_CALL_ROLES.ORGANISATION_ID.eq(organisationId)))
                .fetchOptional(r -> new OnCallRole(r.getId(), r.getName(), r.getHolderId(), r.getUpdatedAt()));
    }

    public boolean insertRole(DSLContext tx, UUID organisationId, OnCallRole role) {
        return tx.insertInto(ON_CALL_ROLES).set(ON_CALL_ROLES.ID, role.id()).set(ON_CALL_ROLES.ORGANISATION_ID, organisationId)
                .set(ON_CALL_ROLES.NAME, role.name()).set(ON_CALL_ROLES.UPDATED_AT, role.updatedAt())
                .onConflictDoNothing().execute() == 1;
    }

    public void setHolder(DSLContext tx, UUID roleId, UUID holderId, OffsetDateTime at) {
        tx.update(ON_CALL_ROLES).set(ON_CALL_ROLES.HOLDER_ID, holderId).set(ON_CALL_ROLES.UPDATED_AT, at)
                .where(ON_CALL_ROLES.ID.eq(roleId)).execute();
    }

    public Optional<UUID> deputyOf(DSLContext db, UUID userId) {
        return db.select(DEPUTIES.DEPUTY_ID).from(DEPUTIES).where(DEPUTIES.USER_ID.eq(userId)).fetchOptional(DEPUTIES.DEPUTY_ID);
    }

    public void setDeputy(DSLContext tx, UUID userId, UUID deputyId) {
        tx.deleteFrom(DEPUTIES).where(DEPUTIES.USER_ID.eq(userId)).execute();
        if (deputyId != null) {
            tx.insertInto(DEPUTIES).set(DEPUTIES.USER_ID, userId).set(DEPUTIES.DEPUTY_ID, deputyId).execute();
        }
    }

    public Settings settings(DSLContext db, UUID organisationId) {
        List<Step> chain = db.selectFrom(ESCALATION_STEPS).where(ESCALATION_STEPS.ORGANISATION_ID.eq(organisationId))
                .orderBy(ESCALATION_STEPS.POSITION).fetch(r -> new Step(r.getOnCallRoleId(), r.getAfterMinutes()));
        return db.selectFrom(RESULT_SETTINGS).where(RESULT_SETTINGS.ORGANISATION_ID.eq(organisationId)).fetchOptional()
                .map(r -> new Settings(r.getInboxConversationId(), r.getDeputyAfterMinutes(), chain))
                .orElse(new Settings(null, DEFAULT_DEPUTY_AFTER_MINUTES, chain));
    }

    public void saveSettings(DSLContext tx, UUID organisationId, Settings s) {
        tx.deleteFrom(RESULT_SETTINGS).where(RESULT_SETTINGS.ORGANISATION_ID.eq(organisationId)).execute();
        tx.insertInto(RESULT_SETTINGS).set(RESULT_SETTINGS.ORGANISATION_ID, organisationId)
                .set(RESULT_SETTINGS.INBOX_CONVERSATION_ID, s.inboxConversationId())
                .set(RESULT_SETTINGS.DEPUTY_AFTER_MINUTES, s.deputyAfterMinutes()).execute();
        tx.deleteFrom(ESCALATION_STEPS).where(ESCALATION_STEPS.ORGANISATION_ID.eq(organisationId)).execute();
        int position = 0;
        for (Step step : s.chain()) {
            tx.insertInto(ESCALATION_STEPS).set(ESCALATION_STEPS.ORGANISATION_ID, organisationId)
                    .set(ESCALATION_STEPS.POSITION, position++).set(ESCALATION_STEPS.ON_CALL_ROLE_ID, step.onCallRoleId())
                    .set(ESCALATION_STEPS.AFTER_MINUTES, step.afterMinutes()).execute();
        }
    }
}
