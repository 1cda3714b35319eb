package org.confer.identity;

import static org.confer.db.schema.Tables.PASSWORD_RESET_LINKS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** SQL for one-time password links; only the token's SHA-256 is stored. */
public final class PasswordResetStore {

    public void insert(DSLContext tx, UUID id, UUID userId, String tokenHash, UUID createdBy, OffsetDateTime now, OffsetDateTime expiresAt) {
        tx.insertInto(PASSWORD_RESET_LINKS)
                .set(PASSWORD_RESET_LINKS.ID, id)
                .set(PASSWORD_RESET_LINKS.USER_ID, userId)
                .set(PASSWORD_RESET_LINKS.TOKEN_HASH, tokenHash)
                .set(PASSWORD_RESET_LINKS.CREATED_BY, createdBy)
                .set(PASSWORD_RESET_LINKS.CREATED_AT, now)
                .set(PASSWORD_RESET_LINKS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** Ends the person's unused links (a new one replaces them); returns how many. */
    public int endUnused(DSLContext tx, UUID userId, OffsetDateTime now) {
        return tx.update(PASSWORD_RESET_LINKS).set(PASSWORD_RESET_LINKS.USED_AT, now)
                .where(PASSWORD_RESET_LINKS.USER_ID.eq(userId).and(PASSWORD_RESET_LINKS.USED_AT.isNull())).execute();
    }

    /** The person a usable link belongs to (not used, not expired). */
    public Optional<UUID> usableUser(DSLContext db, String tokenHash, OffsetDateTime now) {
        return db.select(PASSWORD_RESET_LINKS.USER_ID).from(PASSWORD_RESET_LINKS)
                .where(PASSWORD_RESET_LINKS.TOKEN_HASH.eq(tokenHash).and(PASSWORD_RESET_LINKS.USED_AT.isNull())
                        .and(PASSWORD_RESET_LINKS.EXPIRES_AT.gt(now)))
                .fetchOptional(PASSWORD_RESET_LINKS.USER_ID);
    }

    /** Marks the link used; false when another request used it first (the row decides a race). */
    public boolean use(DSLContext tx, String tokenHash, OffsetDateTime now) {
        return tx.update(PASSWORD_RESET_LINKS).set(PASSWORD_RESET_LINKS.USED_AT, now)
                .where(PASSWORD_RESET_LINKS.TOKEN_HASH.eq(tokenHash).and(PASSWORD_RESET_LINKS.USED_AT.isNull())
                        .and(PASSWORD_RESET_LINKS.EXPIRES_AT.gt(now)))
                .execute() == 1;
    }
}
