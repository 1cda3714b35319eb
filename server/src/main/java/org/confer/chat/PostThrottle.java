package org.confer.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.UUID;
import org.confer.identity.RateLimitedException;

/**
 * Posting rate per user (token bucket, per node): a runaway script or bot cannot flood a
 * conversation. Retries of an already stored message are free (they are answered before this).
 */
public final class PostThrottle {
    private final int perMinute;
    private final Cache<UUID, Bucket> buckets = Caffeine.newBuilder().maximumSize(500_000)
            .expireAfterAccess(Duration.ofMinutes(2)).build();

    public PostThrottle(int perMinute) {
        this.perMinute = perMinute;
    }

    public void take(UUID userId) {
        Bucket b = buckets.get(userId, k -> Bucket.builder()
                .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))).build());
        ConsumptionProbe probe = b.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new RateLimitedException("Posting too fast: at most " + perMinute + " messages a minute; try again in "
                    + seconds + " s", seconds);
        }
    }
}
