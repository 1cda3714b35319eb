package org.confer.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.confer.db.Database;
import org.jooq.exception.DataAccessException;

/**
 * Secrets the server makes for itself the first time it needs them (the device-cookie key, the
 * generated metrics token), kept in the database so that every node of a cluster uses the same
 * one and a restart changes nothing. Read once per node and then held in memory.
 */
public final class ServerSecrets {

    /** A secret and whether this call created it (so the caller can tell the operator once). */
    public record Secret(String value, boolean createdNow) {}

    private final Database db;
    private final ServerSecretStore store;
    private final Tokens tokens;
    private final Clock clock;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    public ServerSecrets(Database db, ServerSecretStore store, Tokens tokens, Clock clock) {
        this.db = db;
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The secret called {@code name}, made now (256 random bits) if there is none yet. */
    public Secret getOrCreate(String name) {
        String cached = known.get(name);
        if (cached != null) {
            return new Secret(cached, false);
        }
        Secret s = store.byName(db.dsl(), name).map(v -> new Secret(v, false)).orElseGet(() -> create(name));
        known.put(name, s.value());
        return s;
    }

    private Secret create(String name) {
        String fresh = tokens.newToken();
        boolean mine;
        try {
            mine = db.dsl().transactionResult(cfg -> store.insertIfAbsent(cfg.dsl(), name, fresh, OffsetDateTime.now(clock)));
        } catch (DataAccessException e) {
            // Two first uses at once (two requests, or two nodes): H2's MERGE behind "insert if
            // absent" can fail the loser with a duplicate key instead of doing nothing. Either
            // way one secret is stored, and everyone uses that one.
            mine = false;
        }
        return mine ? new Secret(fresh, true) : new Secret(store.byName(db.dsl(), name).orElseThrow(), false);
    }
}
