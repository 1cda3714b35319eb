package org.confer.identity;

import static org.confer.db.schema.Tables.FEDERATED_SUBJECTS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.confer.identity.FederatedSignIn.LinkedIdentity;
import org.jooq.impl.DSL;

/**
 * SQL for the identity providers' subjects linked to people (migration V28, docs/single-sign-on.md,
 * "Matching by subject"), and the one write of a person's email that single sign-on makes.
 */
public final class FederatedSubjectStore {

    public Optional<UUID> userOf(DSLContext db, String issuer, String subject) {
        return db.select(FEDERATED_SUBJECTS.USER_ID).from(FEDERATED_SUBJECTS)
                .where(FEDERATED_SUBJECTS.ISSUER.eq(issuer).and(FEDERATED_SUBJECTS.SUBJECT.eq(subject)))
                .fetchOptional(FEDERATED_SUBJECTS.USER_ID);
    }

    /** The subject this issuer already vouched for as this person, if any. */
    public Optional<String> subjectOf(DSLContext db, UUID userId, String issuer) {
        return db.select(FEDERATED_SUBJECTS.SUBJECT).from(FEDERATED_SUBJECTS)
                .where(FEDERATED_SUBJECTS.USER_ID.eq(userId).and(FEDERATED_SUBJECTS.ISSUER.eq(issuer)))
                .fetchOptional(FEDERATED_SUBJECTS.SUBJECT);
    }

    public void link(DSLContext tx, String issuer, String subject, UUID userId, UUID organisationId, OffsetDateTime now) {
        tx.insertInto(FEDERATED_SUBJECTS)
                .set(FEDERATED_SUBJECTS.ID, UUID.randomUUID())
                .set(FEDERATED_SUBJECTS.ISSUER, issuer)
                .set(FEDERATED_SUBJECTS.SUBJECT, subject)
                .set(FEDERATED_SUBJECTS.USER_ID, userId)
                .set(FEDERATED_SUBJECTS.ORGANISATION_ID, organisationId)
                .set(FEDERATED_SUBJECTS.LINKED_AT, now)
                .set(FEDERATED_SUBJECTS.LAST_SIGN_IN_AT, now)
                .execute();
    }

    public void touch(DSLContext tx, String issuer, String subject, OffsetDateTime now) {
        tx.update(FEDERATED_SUBJECTS).set(FEDERATED_SUBJECTS.LAST_SIGN_IN_AT, now)
                .where(FEDERATED_SUBJECTS.ISSUER.eq(issuer).and(FEDERATED_SUBJECTS.SUBJECT.eq(subject))).execute();
    }

    /** The organisation's links, by email; {@code query} narrows to emails or names containing it. */
    public List<LinkedIdentity> page(DSLContext db, UUID organisationId, String query, int limit) {
        Condition where = FEDERATED_SUBJECTS.ORGANISATION_ID.eq(organisationId);
        if (query != null && !query.isBlank()) {
            String like = "%" + query.trim().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            where = where.and(USERS.EMAIL_NORMALISED.like(like, '\\').or(DSL.lower(USERS.DISPLAY_NAME).like(like, '\\')));
        }
        return db.select(FEDERATED_SUBJECTS.fields()).select(USERS.EMAIL, USERS.DISPLAY_NAME)
                .from(FEDERATED_SUBJECTS).join(USERS).on(USERS.ID.eq(FEDERATED_SUBJECTS.USER_ID))
                .where(where).orderBy(USERS.EMAIL_NORMALISED, FEDERATED_SUBJECTS.ISSUER).limit(limit)
                .fetch(FederatedSubjectStore::map);
    }

    public Optional<LinkedIdentity> byId(DSLContext db, UUID id) {
        return db.select(FEDERATED_SUBJECTS.fields()).select(USERS.EMAIL, USERS.DISPLAY_NAME)
                .from(FEDERATED_SUBJECTS).join(USERS).on(USERS.ID.eq(FEDERATED_SUBJECTS.USER_ID))
                .where(FEDERATED_SUBJECTS.ID.eq(id)).fetchOptional(FederatedSubjectStore::map);
    }

    public boolean delete(DSLContext tx, UUID id) {
        return tx.deleteFrom(FEDERATED_SUBJECTS).where(FEDERATED_SUBJECTS.ID.eq(id)).execute() == 1;
    }

    /**
     * The provider's new email for a linked person. Only here and only for single sign-on: the
     * caller has checked that no other account has it (users_email_uq would refuse it anyway).
     */
    public void setEmail(DSLContext tx, UUID userId, String email, OffsetDateTime now) {
        tx.update(USERS).set(USERS.EMAIL, email).set(USERS.EMAIL_NORMALISED, UserStore.normalise(email)).set(USERS.UPDATED_AT, now)
                .where(USERS.ID.eq(userId)).execute();
    }

    private static LinkedIdentity map(Record r) {
        return new LinkedIdentity(r.get(FEDERATED_SUBJECTS.ID), r.get(FEDERATED_SUBJECTS.USER_ID),
                r.get(FEDERATED_SUBJECTS.ORGANISATION_ID), r.get(USERS.EMAIL), r.get(USERS.DISPLAY_NAME), r.get(FEDERATED_SUBJECTS.ISSUER),
                r.get(FEDERATED_SUBJECTS.SUBJECT), r.get(FEDERATED_SUBJECTS.LINKED_AT), r.get(FEDERATED_SUBJECTS.LAST_SIGN_IN_AT));
    }
}
