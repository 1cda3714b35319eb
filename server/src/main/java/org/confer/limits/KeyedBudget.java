package org.confer.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * "At most {@code capacity} per {@code window}" for each key (a person, an address, an
 * account): a token bucket per key that refills steadily, so a key that spent its budget gets
 * one more attempt every {@code window / capacity}, never a fixed lock-out. Buckets live in a
 * bounded cache (a flood of invented keys cannot exhaust memory) and are forgotten after a
 * window without use, when they would be full again anyway. Time comes from the injected clock,
 * so tests move it instead of waiting. Per node: see docs/security.md for why that is enough.
 */
public final class KeyedBudget<K> {
    private final int capacity;
    private final int perWindow;
    private final Duration window;
    private final TimeMeter time;
    private final Cache<K, Bucket> buckets;

    /** {@code perWindow} per {@code window}, all of which may be used at once. */
    public KeyedBudget(int perWindow, Duration window, Clock clock, long maxKeys) {
        this(perWindow, perWindow, window, clock, maxKeys);
    }

    /** {@code perWindow} per {@code window}, at most {@code capacity} of them at once (a burst). */
    public KeyedBudget(int capacity, int perWindow, Duration window, Clock clock, long maxKeys) {
        this.capacity = capacity;
        this.perWindow = perWindow;
        this.window = window;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        // Unused for as long as a full refill takes: the bucket would be full again, so forgetting it changes nothing.
        Duration refill = window.multipliedBy(capacity).dividedBy(perWindow);
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(refill.isZero() ? Duration.ofSeconds(1) : refill)
                .ticker(time::currentTimeNanos).build();
    }

    /** Takes one; empty when allowed, otherwise the whole seconds to wait (for Retry-After). */
    public OptionalLong tryTake(K key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(probe.getNanosToWaitForRefill()));
    }

    /** Takes {@code n} at once (a byte budget counted in KiB); empty when allowed, otherwise the seconds to wait. */
    public OptionalLong tryTake(K key, long n) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(n);
        return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(probe.getNanosToWaitForRefill()));
    }

    /** Whether one could be taken now, without taking it. */
    public boolean hasRoom(K key) {
        Bucket b = buckets.getIfPresent(key);
        return b == null || b.getAvailableTokens() > 0;
    }

    /** Gives back one taken for an attempt that turned out not to count (a successful sign-in). */
    public void refund(K key) {
        Bucket b = buckets.getIfPresent(key);
        if (b != null && b.getAvailableTokens() < capacity) {
            b.addTokens(1);
        }
    }

    /** Starts the key afresh with its whole budget. */
    public void forget(K key) {
        buckets.invalidate(key);
    }

    public int capacity() {
        return capacity;
    }

    public int perWindow() {
        return perWindow;
    }

    public Duration window() {
        return window;
    }

    private Bucket bucket(K key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(capacity).refillGreedy(perWindow, window))
                .withCustomTimePrecision(time)
                .build());
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
