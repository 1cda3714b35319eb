package org.confer.visits;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Taking a place in a slot: the lowest free place number, inserted in the caller's transaction.
 * The primary key of {@code visit_places} decides a race for the last place; the loser's whole
 * transaction is rolled back (PostgreSQL allows nothing more in a transaction after an error) and
 * run again with the places as they are now, until it wins a place or none is left: 409
 * slot-taken. The database decides, not a check before the insert.
 */
final class Places {
    static final String TAKEN = "This slot was just taken. Please choose another.";

    private final Database db;
    private final VisitStore store;

    Places(Database db, VisitStore store) {
        this.db = db;
        this.store = store;
    }

    /** The caller's transaction, given the place number to take: it inserts the place row itself, when its order needs. */
    interface Work<T> {
        T run(DSLContext tx, int place);
    }

    /**
     * Runs {@code work} in a transaction with the lowest free place of the slot, which {@code work}
     * inserts (a booking after its visit row, which the place references; a move before it frees
     * the old place); retried while other transactions take the places it tried.
     */
    <T> T withPlace(UUID calendarId, OffsetDateTime slotStart, int placesPerSlot, Work<T> work) {
        // Each failed attempt means another booking took a place, so placesPerSlot + 1 attempts always end.
        for (int attempt = 0; attempt <= placesPerSlot; attempt++) {
            Set<Integer> taken = store.placesTaken(db.dsl(), calendarId, slotStart);
            int place = lowestFree(taken, placesPerSlot);
            if (place == 0) {
                throw slotTaken();
            }
            try {
                return db.dsl().transactionResult(cfg -> work.run(cfg.dsl(), place));
            } catch (DataAccessException e) {
                if (!isRace(e)) {
                    throw e;
                }
                // Lost this place to another booking; look again.
            }
        }
        throw slotTaken();
    }

    static ApiException slotTaken() {
        return new ApiException(ProblemType.SLOT_TAKEN, TAKEN);
    }

    private static int lowestFree(Set<Integer> taken, int places) {
        for (int p = 1; p <= places; p++) {
            if (!taken.contains(p)) {
                return p;
            }
        }
        return 0;
    }

    /**
     * A unique violation (SQL state 23505), or H2's "concurrent update" / lock timeout while
     * another transaction holds the same key: both mean someone else took that place (or, once
     * in a blue moon, the same reference), and trying again is right.
     */
    private static boolean isRace(DataAccessException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.equals("23505") || state.equals("40001") || state.equals("HYT00")
                        || sql.getErrorCode() == 90131)) {
                    return true;
                }
            }
            t = t.getCause();
        }
        return false;
    }
}
