package org.confer.bench;

import java.util.concurrent.atomic.LongAdder;

/** Waiting for the receivers to catch up after the last send. */
final class Drain {
    private Drain() {}

    /** True once {@code deliveries} reaches {@code expected}; false if it did not within the time. */
    static boolean await(LongAdder deliveries, long expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (deliveries.sum() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
