package org.confer.identity;

import static org.confer.db.schema.Tables.SETUP_TOKENS;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/** SQL for the one-time token that lets the operator create the first platform admin. */
public final class SetupTokenStore {

    /** Replaces any unused token: only the one printed at the latest start works. */
    public void replace(DSLContext tx, String tokenHash, OffsetDateTime now, OffsetDateTime expiresAt) {
        tx.deleteFrom(SETUP_TOKENS).where(SETUP_TOKENS.USED_AT.isNull()).execute();
        tx.insertInto(SETUP_TOKENS)
                .set(SETUP_TOKENS.TOKEN_HASH, tokenHash)
                .set(SETUP_TOKENS.CREATED_AT, now)
                .set(SETUP_TOKENS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** Hashes of the tokens that would be accepted now (normally one): compared by the caller in constant time. */
    public java.util.List<String> usableHashes(DSLContext db, OffsetDateTime now) {
        return db.select(SETUP_TOKENS.TOKEN_HASH).from(SETUP_TOKENS)
                .where(SETUP_TOKENS.USED_AT.isNull().and(SETUP_TOKENS.EXPIRES_AT.gt(now)))
                .fetch(SETUP_TOKENS.TOKEN_HASH);
    }

    /** Marks the token used if it is valid now; false when unknown, used or expired. */
    public boolean consume(DSLContext tx, String tokenHash, OffsetDateTime now) {
        return tx.update(SETUP_TOKENS).set(SETUP_TOKENS.USED_AT, now)
                .where(SETUP_TOKENS.TOKEN_HASH.eq(tokenHash)
                        .and(SETUP_TOKENS.USED_AT.isNull())
                        .and(SETUP_TOKENS.EXPIRES_AT.gt(now)))
                .execute() == 1;
    }
}
