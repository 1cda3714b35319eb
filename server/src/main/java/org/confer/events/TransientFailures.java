package org.confer.events;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Failures a write may simply be tried again after: PostgreSQL's deadlock (40P01), and the
 * serialisation failure (40001) that PostgreSQL and H2 (for its deadlocks) report. Both roll back the whole transaction and happen when two nodes
 * lock the same rows in different orders; nothing was committed, so a retry is safe.
 */
final class TransientFailures {
    /** Tries in all (the waits between them add up to about a third of a second at most); a write that still conflicts fails as before. */
    static final int ATTEMPTS = 6;

    private TransientFailures() {}

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Whether to try again after this failure of try {@code attempt}; sleeps a little first, at random, so the two sides part. */
    static boolean retryable(Throwable e, int attempt) {
        if (attempt >= ATTEMPTS || !is(e)) {
            return false;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
