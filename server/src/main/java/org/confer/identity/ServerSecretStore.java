package org.confer.identity;

import static org.confer.db.schema.Tables.SERVER_SECRETS;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/** SQL for the secrets the server generates for itself (one row per name). */
public final class ServerSecretStore {

    public Optional<String> byName(DSLContext db, String name) {
        return db.select(SERVER_SECRETS.SECRET).from(SERVER_SECRETS).where(SERVER_SECRETS.NAME.eq(name))
                .fetchOptional(SERVER_SECRETS.SECRET);
    }

    /** Inserts unless a secret of this name exists; false when one did (another node was first). */
    public boolean insertIfAbsent(DSLContext tx, String name, String secret, OffsetDateTime now) {
        return tx.insertInto(SERVER_SECRETS)
                .set(SERVER_SECRETS.NAME, name)
                .set(SERVER_SECRETS.SECRET, secret)
                .set(SERVER_SECRETS.CREATED_AT, now)
                .onConflictDoNothing()
                .execute() == 1;
    }
}
