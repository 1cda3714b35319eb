package org.confer.identity;

import static org.confer.db.schema.Tables.SESSIONS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.records.SessionsRecord;
import org.jooq.DSLContext;

/** SQL for sessions. Looked up by token hash, never by token. */
public final class SessionStore {

    /** A live session with the user it belongs to. */
    public record Active(Session session, User user) {}

    public void insert(DSLContext tx, Session s, String tokenHash) {
        tx.insertInto(SESSIONS)
                .set(SESSIONS.ID, s.id())
                .set(SESSIONS.USER_ID, s.userId())
                .set(SESSIONS.TOKEN_HASH, tokenHash)
                .set(SESSIONS.CREATED_AT, s.createdAt())
                .set(SESSIONS.LAST_SEEN_AT, s.lastSeenAt())
                .set(SESSIONS.EXPIRES_AT, s.expiresAt())
                .set(SESSIONS.USER_AGENT, s.userAgent())
                .set(SESSIONS.CLIENT_ADDRESS, s.clientAddress())
                .execute();
    }

    /** The unrevoked session for this token hash, with its user; expiry is checked by the caller. */
    public Optional<Active> byTokenHash(DSLContext db, String tokenHash) {
        return db.select().from(SESSIONS).join(USERS).on(USERS.ID.eq(SESSIONS.USER_ID))
                .where(SESSIONS.TOKEN_HASH.eq(tokenHash).and(SESSIONS.REVOKED_AT.isNull()))
                .fetchOptional()
                .map(r -> new Active(map(r.into(SESSIONS)), UserStore.map(r.into(USERS))));
    }

    /** The unrevoked session with this id, with its user; expiry is checked by the caller. */
    public Optional<Active> byId(DSLContext db, UUID sessionId) {
        return db.select().from(SESSIONS).join(USERS).on(USERS.ID.eq(SESSIONS.USER_ID))
                .where(SESSIONS.ID.eq(sessionId).and(SESSIONS.REVOKED_AT.isNull()))
                .fetchOptional()
                .map(r -> new Active(map(r.into(SESSIONS)), UserStore.map(r.into(USERS))));
    }

    /** Records use of a session that is still live (never revives one that idled out or expired). */
    public void touchIfLive(DSLContext tx, UUID sessionId, OffsetDateTime now, OffsetDateTime idleSince) {
        tx.update(SESSIONS).set(SESSIONS.LAST_SEEN_AT, now)
                .where(SESSIONS.ID.eq(sessionId).and(SESSIONS.REVOKED_AT.isNull()).and(SESSIONS.EXPIRES_AT.gt(now))
                        .and(SESSIONS.LAST_SEEN_AT.gt(idleSince)).and(SESSIONS.LAST_SEEN_AT.lt(now)))
                .execute();
    }

    public void touch(DSLContext tx, UUID sessionId, OffsetDateTime now) {
        tx.update(SESSIONS).set(SESSIONS.LAST_SEEN_AT, now).where(SESSIONS.ID.eq(sessionId)).execute();
    }

    /** Unrevoked, unexpired sessions of the user last seen after {@code idleSince} (older ones have idled out). */
    public List<Session> liveForUser(DSLContext db, UUID userId, OffsetDateTime now, OffsetDateTime idleSince) {
        return db.selectFrom(SESSIONS)
                .where(SESSIONS.USER_ID.eq(userId).and(SESSIONS.REVOKED_AT.isNull()).and(SESSIONS.EXPIRES_AT.gt(now))
                        .and(SESSIONS.LAST_SEEN_AT.gt(idleSince)))
                .orderBy(SESSIONS.LAST_SEEN_AT.desc())
                .fetch().map(SessionStore::map);
    }

    /** Revokes one session of this user; false when there is no such live session. */
    public boolean revoke(DSLContext tx, UUID userId, UUID sessionId, OffsetDateTime now) {
        return tx.update(SESSIONS).set(SESSIONS.REVOKED_AT, now)
                .where(SESSIONS.ID.eq(sessionId).and(SESSIONS.USER_ID.eq(userId)).and(SESSIONS.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    /** Revokes every session of the user except {@code keep} (null keeps none); returns how many. */
    public int revokeAll(DSLContext tx, UUID userId, UUID keep, OffsetDateTime now) {
        var condition = SESSIONS.USER_ID.eq(userId).and(SESSIONS.REVOKED_AT.isNull());
        if (keep != null) {
            condition = condition.and(SESSIONS.ID.ne(keep));
        }
        return tx.update(SESSIONS).set(SESSIONS.REVOKED_AT, now).where(condition).execute();
    }

    private static Session map(SessionsRecord r) {
        return new Session(r.getId(), r.getUserId(), r.getCreatedAt(), r.getLastSeenAt(), r.getExpiresAt(),
                r.getUserAgent(), r.getClientAddress());
    }
}
