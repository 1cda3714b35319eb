package org.confer.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Brute-force protection for sign-in: token buckets per account (by normalised email, whether
 * or not the account exists) and per client address. Buckets live in bounded caches so a flood
 * of invented emails cannot exhaust memory.
 */
public final class LoginThrottle {

    static final Duration ACCOUNT_WINDOW = Duration.ofMinutes(15);
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(1);

    private final int perAccount;
    private final int perAddress;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    public LoginThrottle(int perAccountPer15Minutes, int perAddressPerMinute) {
        this.perAccount = perAccountPer15Minutes;
        this.perAddress = perAddressPerMinute;
        this.accounts = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(ACCOUNT_WINDOW).build();
        this.addresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(ADDRESS_WINDOW).build();
    }

    /**
     * Takes one attempt from both buckets. Empty when allowed; otherwise the seconds to wait
     * before retrying (for Retry-After).
     */
    public OptionalLong tryAttempt(String normalisedEmail, String clientAddress) {
        Bucket address = addresses.get(clientAddress, k -> bucket(perAddress, ADDRESS_WINDOW));
        ConsumptionProbe byAddress = address.tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            return OptionalLong.of(seconds(byAddress));
        }
        Bucket account = accounts.get(normalisedEmail, k -> bucket(perAccount, ACCOUNT_WINDOW));
        ConsumptionProbe byAccount = account.tryConsumeAndReturnRemaining(1);
        if (!byAccount.isConsumed()) {
            return OptionalLong.of(seconds(byAccount));
        }
        return OptionalLong.empty();
    }

    /** A successful sign-in forgives the account's earlier failures. */
    public void succeeded(String normalisedEmail) {
        accounts.invalidate(normalisedEmail);
    }

    private static Bucket bucket(int capacity, Duration window) {
        return Bucket.builder().addLimit(l -> l.capacity(capacity).refillGreedy(capacity, window)).build();
    }

    private static long seconds(ConsumptionProbe probe) {
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
