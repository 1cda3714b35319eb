package org.confer.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Asks again until an answer will do: for what a server does after commit, on its own thread (search indexing). */
public final class Eventually {
    private Eventually() {}

    /** The first answer of {@code ask} that satisfies {@code done}, asking every 10 ms for at most {@code wait}. */
    public static <T> T answer(Duration wait, Supplier<T> ask, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + wait.toNanos();
        T last;
        do {
            last = ask.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + " never satisfied the condition; last answer: " + last);
    }
}
