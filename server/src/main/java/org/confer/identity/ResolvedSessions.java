package org.confer.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Sessions looked up recently, by token hash, so that a client sending many requests costs one
 * session query every few seconds instead of one per request (it was an eighth of the server's
 * CPU while posting messages).
 *
 * <p>Safety: an entry lives at most {@link #TTL}, and everything that ends a session or changes
 * what it may do on this node (sign-out, revocation, a user disabled or given another role)
 * calls {@link #forgetUser}, which takes effect at once — including for a lookup that was
 * already reading the database when the change happened: an entry loaded before its user's
 * last change is never used. In a cluster the other nodes are told through the bus
 * ({@code SessionChange}) and forget at once; a change made outside Confer (SQL by hand), or one
 * whose bus message was lost, is seen up to {@link #TTL} late.
 */
final class ResolvedSessions {
    static final Duration TTL = Duration.ofSeconds(5);

    private record Entry(SessionStore.Active active, long loadedAt) {}

    private final Cache<String, Entry> byTokenHash;
    /** When each user's sessions were last forgotten; kept longer than an entry can live. */
    private final Cache<UUID, Long> forgottenAt;
    /** Which token hash each cached session is under, to forget one session without a scan. */
    private final Cache<UUID, String> tokenHashOf;
    private final LongSupplier nanoTime;

    ResolvedSessions(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.byTokenHash = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(200_000).build();
        this.forgottenAt = Caffeine.newBuilder().expireAfterWrite(TTL.multipliedBy(2)).build();
        this.tokenHashOf = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(200_000).build();
    }

    /** A stamp to take before reading the database, for {@link #remember}. */
    long stamp() {
        return nanoTime.getAsLong();
    }

    /** The cached session for this token hash, or null. */
    SessionStore.Active get(String tokenHash) {
        Entry e = byTokenHash.getIfPresent(tokenHash);
        if (e == null) {
            return null;
        }
        Long forgotten = forgottenAt.getIfPresent(e.active().user().id());
        if (forgotten != null && e.loadedAt() - forgotten <= 0) {
            byTokenHash.invalidate(tokenHash);
            return null;
        }
        return e.active();
    }

    /** Keeps a session read from the database at {@code stamp} (unless its user changed since). */
    void remember(String tokenHash, SessionStore.Active active, long stamp) {
        Long forgotten = forgottenAt.getIfPresent(active.user().id());
        if (forgotten == null || stamp - forgotten > 0) {
            byTokenHash.put(tokenHash, new Entry(active, stamp));
            tokenHashOf.put(active.session().id(), tokenHash);
        }
    }

    /** Drops one cached session (its last use changed elsewhere): the next request reads it afresh. */
    void forgetSession(UUID sessionId) {
        String tokenHash = tokenHashOf.getIfPresent(sessionId);
        if (tokenHash != null) {
            byTokenHash.invalidate(tokenHash);
        }
    }

    /** Drops every cached session of the user: the next request reads the database. */
    void forgetUser(UUID userId) {
        forgottenAt.put(userId, nanoTime.getAsLong());
        byTokenHash.asMap().values().removeIf(e -> e.active().user().id().equals(userId));
    }
}
