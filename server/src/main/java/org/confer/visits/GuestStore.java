package org.confer.visits;

import static org.confer.db.schema.Tables.USERS;
import static org.confer.db.schema.Tables.VISITS;
import static org.confer.db.schema.Tables.VISIT_GUESTS;
import static org.confer.db.schema.Tables.VISIT_GUEST_SESSIONS;
import static org.confer.db.schema.Tables.VISIT_LINKS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** SQL for visit guests, their sessions and each visit's call conversation (V18__visit_guests.sql). */
final class GuestStore {
    static final String KIND_GUEST = "guest";

    /** A guest of a visit: its own account, one per join link. */
    record Guest(UUID userId, UUID visitId, String role, String name) {}

    /** A live guest session, with its guest. */
    record LiveSession(UUID sessionId, Guest guest, UUID organisationId, OffsetDateTime expiresAt) {}

    /** A join link that still works: its visit and role. */
    record JoinLink(UUID visitId, String role) {}

    Optional<JoinLink> joinLink(DSLContext db, String linkHash) {
        return db.select(VISIT_LINKS.VISIT_ID, VISIT_LINKS.ROLE).from(VISIT_LINKS)
                .where(VISIT_LINKS.TOKEN_HASH.eq(linkHash).and(VISIT_LINKS.PURPOSE.eq("join")).and(VISIT_LINKS.REVOKED_AT.isNull()))
                .fetchOptional(r -> new JoinLink(r.value1(), r.value2()));
    }

    /** Whether the visit has a join link for an interpreter already. */
    boolean hasInterpreterLink(DSLContext db, UUID visitId) {
        return db.fetchExists(VISIT_LINKS, VISIT_LINKS.VISIT_ID.eq(visitId).and(VISIT_LINKS.ROLE.eq("interpreter"))
                .and(VISIT_LINKS.REVOKED_AT.isNull()));
    }

    Optional<Guest> guestOfLink(DSLContext db, String linkHash) {
        return db.selectFrom(VISIT_GUESTS).where(VISIT_GUESTS.LINK_HASH.eq(linkHash)).fetchOptional()
                .map(r -> new Guest(r.getUserId(), r.getVisitId(), r.getRole(), r.getName()));
    }

    List<Guest> guestsOf(DSLContext db, UUID visitId) {
        return db.selectFrom(VISIT_GUESTS).where(VISIT_GUESTS.VISIT_ID.eq(visitId)).orderBy(VISIT_GUESTS.CREATED_AT).fetch()
                .map(r -> new Guest(r.getUserId(), r.getVisitId(), r.getRole(), r.getName()));
    }

    /**
     * The guest's account: kind 'guest', no password, an address that routes nowhere. Its display
     * name carries the role ("Sam Patel (visitor)") so every staff view shows it is not staff.
     */
    void insertGuest(DSLContext tx, Guest g, UUID organisationId, String linkHash, OffsetDateTime at) {
        String email = "guest-" + g.userId() + "@guests.invalid";
        tx.insertInto(USERS)
                .set(USERS.ID, g.userId())
                .set(USERS.ORGANISATION_ID, organisationId)
                .set(USERS.EMAIL, email)
                .set(USERS.EMAIL_NORMALISED, email)
                .set(USERS.DISPLAY_NAME, displayName(g))
                .set(USERS.ROLE, "member")
                .set(USERS.STATUS, "active")
                .set(USERS.KIND, KIND_GUEST)
                .set(USERS.CREATED_AT, at)
                .set(USERS.UPDATED_AT, at)
                .execute();
        tx.insertInto(VISIT_GUESTS)
                .set(VISIT_GUESTS.USER_ID, g.userId())
                .set(VISIT_GUESTS.VISIT_ID, g.visitId())
                .set(VISIT_GUESTS.LINK_HASH, linkHash)
                .set(VISIT_GUESTS.ROLE, g.role())
                .set(VISIT_GUESTS.NAME, g.name())
                .set(VISIT_GUESTS.CREATED_AT, at)
                .execute();
    }

    /** The same person reopening the link may give another spelling of their name. */
    void rename(DSLContext tx, Guest g, OffsetDateTime at) {
        tx.update(VISIT_GUESTS).set(VISIT_GUESTS.NAME, g.name()).where(VISIT_GUESTS.USER_ID.eq(g.userId())).execute();
        tx.update(USERS).set(USERS.DISPLAY_NAME, displayName(g)).set(USERS.UPDATED_AT, at).where(USERS.ID.eq(g.userId())).execute();
    }

    static String displayName(Guest g) {
        return g.name() + " (" + g.role() + ")";
    }

    void insertSession(DSLContext tx, UUID id, String tokenHash, UUID guestId, OffsetDateTime at, OffsetDateTime expiresAt) {
        tx.insertInto(VISIT_GUEST_SESSIONS)
                .set(VISIT_GUEST_SESSIONS.ID, id)
                .set(VISIT_GUEST_SESSIONS.TOKEN_HASH, tokenHash)
                .set(VISIT_GUEST_SESSIONS.GUEST_ID, guestId)
                .set(VISIT_GUEST_SESSIONS.CREATED_AT, at)
                .set(VISIT_GUEST_SESSIONS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** The session behind a token hash, if it is not revoked and has not expired at {@code now}. */
    Optional<LiveSession> liveSession(DSLContext db, String tokenHash, OffsetDateTime now) {
        return db.select(VISIT_GUEST_SESSIONS.ID, VISIT_GUEST_SESSIONS.EXPIRES_AT, VISIT_GUESTS.USER_ID, VISIT_GUESTS.VISIT_ID,
                        VISIT_GUESTS.ROLE, VISIT_GUESTS.NAME, USERS.ORGANISATION_ID)
                .from(VISIT_GUEST_SESSIONS)
                .join(VISIT_GUESTS).on(VISIT_GUESTS.USER_ID.eq(VISIT_GUEST_SESSIONS.GUEST_ID))
                .join(USERS).on(USERS.ID.eq(VISIT_GUESTS.USER_ID))
                .where(VISIT_GUEST_SESSIONS.TOKEN_HASH.eq(tokenHash)
                        .and(VISIT_GUEST_SESSIONS.REVOKED_AT.isNull())
                        .and(VISIT_GUEST_SESSIONS.EXPIRES_AT.gt(now)))
                .fetchOptional(r -> new LiveSession(r.get(VISIT_GUEST_SESSIONS.ID),
                        new Guest(r.get(VISIT_GUESTS.USER_ID), r.get(VISIT_GUESTS.VISIT_ID), r.get(VISIT_GUESTS.ROLE), r.get(VISIT_GUESTS.NAME)),
                        r.get(USERS.ORGANISATION_ID), r.get(VISIT_GUEST_SESSIONS.EXPIRES_AT)));
    }

    /** When a live guest session ends, by its id (the stream's check); empty once revoked or expired. */
    Optional<OffsetDateTime> liveUntil(DSLContext db, UUID sessionId, OffsetDateTime now) {
        return db.select(VISIT_GUEST_SESSIONS.EXPIRES_AT).from(VISIT_GUEST_SESSIONS)
                .where(VISIT_GUEST_SESSIONS.ID.eq(sessionId).and(VISIT_GUEST_SESSIONS.REVOKED_AT.isNull())
                        .and(VISIT_GUEST_SESSIONS.EXPIRES_AT.gt(now)))
                .fetchOptional(VISIT_GUEST_SESSIONS.EXPIRES_AT);
    }

    /** Revokes every session of the visit's guests; returns the guests. */
    List<Guest> revokeSessions(DSLContext tx, UUID visitId, OffsetDateTime at) {
        List<Guest> guests = guestsOf(tx, visitId);
        if (!guests.isEmpty()) {
            tx.update(VISIT_GUEST_SESSIONS).set(VISIT_GUEST_SESSIONS.REVOKED_AT, at)
                    .where(VISIT_GUEST_SESSIONS.GUEST_ID.in(guests.stream().map(Guest::userId).toList())
                            .and(VISIT_GUEST_SESSIONS.REVOKED_AT.isNull()))
                    .execute();
        }
        return guests;
    }

    /** The visit's call conversation and its organiser, once made. */
    record CallPlace(UUID conversationId, UUID organiserId) {}

    Optional<CallPlace> callPlace(DSLContext db, UUID visitId) {
        return db.select(VISITS.CALL_CONVERSATION_ID, VISITS.CALL_ORGANISER_ID).from(VISITS)
                .where(VISITS.ID.eq(visitId).and(VISITS.CALL_CONVERSATION_ID.isNotNull()))
                .fetchOptional(r -> new CallPlace(r.value1(), r.value2()));
    }

    /** Records the call's conversation unless another join recorded one first; true when this one did. */
    boolean setCallPlace(DSLContext tx, UUID visitId, CallPlace place) {
        return tx.update(VISITS).set(VISITS.CALL_CONVERSATION_ID, place.conversationId()).set(VISITS.CALL_ORGANISER_ID, place.organiserId())
                .where(VISITS.ID.eq(visitId).and(VISITS.CALL_CONVERSATION_ID.isNull())).execute() == 1;
    }
}
