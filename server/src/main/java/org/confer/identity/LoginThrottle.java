package org.confer.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.confer.limits.KeyedBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brute-force protection for sign-in that strangers cannot turn into a lock-out (docs/security.md,
 * "Sign-in"). Budgets, each a steadily refilling token bucket:
 *
 * <ul>
 *   <li><b>per client address</b> — every attempt from one address, whatever the account: stops
 *       one machine trying many accounts;</li>
 *   <li><b>per account and client</b> — attempts on one account from one address, or from one
 *       recognised device: a stranger spends only their own budget, never the account owner's;</li>
 *   <li><b>the account-wide ceiling</b> — attempts on one account from clients that are not a
 *       device it signed in from before, from all addresses together: stops a distributed guess.
 *       When it is spent, such attempts are slowed to one every {@code window / ceiling}, not
 *       blocked, and the account is reported as under attack (log and /metrics).</li>
 * </ul>
 *
 * A recognised device ({@link DeviceCookies}) is exempt from the address budget and the ceiling:
 * whoever guesses elsewhere, the account owner signs in from a browser they used before.
 * Successful attempts give their tokens back, so only failures use up the per-client and
 * account-wide budgets.
 */
public final class LoginThrottle {
    private static final Logger audit = LoggerFactory.getLogger("confer.audit");

    static final Duration ACCOUNT_WINDOW = Duration.ofMinutes(15);
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(1);

    /** Who is trying: the client address, and the device cookie's proof for this account if it had one. */
    public record Client(String address, Optional<DeviceCookies.Device> device) {
        public static Client untrusted(String address) {
            return new Client(address, Optional.empty());
        }
    }

    /** The budget that refused an attempt. */
    public enum Budget {
        ADDRESS("address"), ACCOUNT_CLIENT("account_client"), ACCOUNT_CEILING("account_ceiling"),
        PASSWORD_CHANGE("password_change"), SETUP("setup");

        final String tag;

        Budget(String tag) {
            this.tag = tag;
        }
    }

    private final KeyedBudget<String> perAddress;
    private final KeyedBudget<String> perAccountAndClient;
    private final KeyedBudget<String> accountCeiling;
    private final KeyedBudget<UUID> passwordChanges;
    private final KeyedBudget<String> setupByAddress;
    /** Accounts whose ceiling was reached within the last window, with when it first was. */
    private final Cache<String, Instant> underAttack;
    private final Map<Budget, Counter> refused = new EnumMap<>(Budget.class);
    private final Map<String, Counter> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Clock clock;

    public LoginThrottle(int perAccountPerClient, int perAddressPerMinute, int accountCeiling, Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.registry = registry;
        this.perAddress = new KeyedBudget<>(perAddressPerMinute, ADDRESS_WINDOW, clock, 100_000);
        this.perAccountAndClient = new KeyedBudget<>(perAccountPerClient, ACCOUNT_WINDOW, clock, 200_000);
        this.accountCeiling = new KeyedBudget<>(accountCeiling, ACCOUNT_WINDOW, clock, 200_000);
        // The same numbers as sign-in: a stolen session must not become a password-guessing oracle.
        this.passwordChanges = new KeyedBudget<>(perAccountPerClient, ACCOUNT_WINDOW, clock, 100_000);
        // First-start set-up is done once, by one operator: ten tries a minute is plenty.
        this.setupByAddress = new KeyedBudget<>(10, ADDRESS_WINDOW, clock, 10_000);
        this.underAttack = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(ACCOUNT_WINDOW)
                .ticker(() -> clockNanos(clock)).build();
        for (Budget b : Budget.values()) {
            refused.put(b, Counter.builder("confer.signin.refused").tag("budget", b.tag)
                    .description("Sign-in, password-change and set-up attempts refused with 429, by the budget that refused them")
                    .register(registry));
        }
        Gauge.builder("confer.signin.accounts.under.attack", underAttack, c -> {
                    c.cleanUp();
                    return c.estimatedSize();
                })
                .description("Accounts whose account-wide sign-in ceiling was reached in the last 15 minutes")
                .register(registry);
    }

    /**
     * A sign-in attempt or success, told to a cluster's other nodes so that every node draws on the
     * same budgets (docs/cluster.md, "Budgets per node"): without it, N nodes would allow N times
     * the guesses. Lines: succeeded (1 or 0), email, address, device id (empty: none).
     */
    public record Shared(boolean succeeded, String email, String address, String deviceId) {
        public String encode() {
            return (succeeded ? "1" : "0") + "\n" + email + "\n" + address + "\n" + (deviceId == null ? "" : deviceId);
        }

        public static Shared decode(String text) {
            String[] f = text.split("\n", -1);
            if (f.length != 4 || !(f[0].equals("0") || f[0].equals("1"))) {
                throw new IllegalArgumentException("not a shared sign-in attempt");
            }
            return new Shared(f[0].equals("1"), f[1], f[2], f[3].isEmpty() ? null : f[3]);
        }

        Client client() {
            return new Client(address, Optional.ofNullable(deviceId).map(DeviceCookies.Device::new));
        }
    }

    private volatile java.util.function.Consumer<Shared> otherNodes = shared -> {};

    /** Registered once by the composition root when the node is part of a cluster. */
    public void shareWith(java.util.function.Consumer<Shared> otherNodes) {
        this.otherNodes = otherNodes;
    }

    /** Another node allowed an attempt, or saw a success: this node's budgets follow, silently. */
    public void spentElsewhere(Shared shared) {
        Client client = shared.client();
        if (shared.succeeded()) {
            forgive(shared.email(), client);
        } else if (client.device().isPresent()) {
            perAccountAndClient.tryTake(deviceKey(shared.email(), client));
        } else {
            perAddress.tryTake(client.address());
            perAccountAndClient.tryTake(addressKey(shared.email(), client));
            accountCeiling.tryTake(shared.email());
        }
    }

    /** Takes one attempt on {@code normalisedEmail} from {@code client}; empty when allowed, else the seconds to wait. */
    public OptionalLong tryAttempt(String normalisedEmail, Client client) {
        OptionalLong wait = take(normalisedEmail, client);
        if (wait.isEmpty()) {
            otherNodes.accept(new Shared(false, normalisedEmail, client.address(), client.device().map(DeviceCookies.Device::id).orElse(null)));
        }
        return wait;
    }

    private OptionalLong take(String normalisedEmail, Client client) {
        if (client.device().isPresent()) {
            return refuseIf(Budget.ACCOUNT_CLIENT, perAccountAndClient.tryTake(deviceKey(normalisedEmail, client)));
        }
        OptionalLong wait = refuseIf(Budget.ADDRESS, perAddress.tryTake(client.address()));
        if (wait.isPresent()) {
            return wait;
        }
        String mine = addressKey(normalisedEmail, client);
        wait = refuseIf(Budget.ACCOUNT_CLIENT, perAccountAndClient.tryTake(mine));
        if (wait.isPresent()) {
            return wait;
        }
        wait = accountCeiling.tryTake(normalisedEmail);
        if (wait.isPresent()) {
            // Not this client's fault: its own budget is not spent on an attempt that was not made.
            perAccountAndClient.refund(mine);
            if (underAttack.asMap().putIfAbsent(normalisedEmail, clock.instant()) == null) {
                audit.warn("sign-in ceiling reached: account under attack email={} address={}; attempts from browsers "
                        + "that have not signed in to it before are slowed to one every {} s", normalisedEmail,
                        client.address(), ACCOUNT_WINDOW.toSeconds() / accountCeiling.perWindow());
            }
            return refuseIf(Budget.ACCOUNT_CEILING, wait);
        }
        return OptionalLong.empty();
    }

    /** A successful sign-in gives back what its attempt took and forgives this client's earlier failures. */
    public void succeeded(String normalisedEmail, Client client) {
        forgive(normalisedEmail, client);
        otherNodes.accept(new Shared(true, normalisedEmail, client.address(), client.device().map(DeviceCookies.Device::id).orElse(null)));
    }

    private void forgive(String normalisedEmail, Client client) {
        if (client.device().isPresent()) {
            perAccountAndClient.forget(deviceKey(normalisedEmail, client));
            return;
        }
        perAccountAndClient.forget(addressKey(normalisedEmail, client));
        // Only this attempt's token: strangers' failures on the account still count.
        accountCeiling.refund(normalisedEmail);
    }

    /** Counts a failed sign-in by reason (password, unknown account, disabled account) for /metrics. */
    public void failed(String reason) {
        failures.computeIfAbsent(reason, r -> Counter.builder("confer.signin.failures").tag("reason", r)
                .description("Sign-in attempts that were checked and failed").register(registry)).increment();
    }

    /** A password change by a signed-in user (checks the current password): its own budget per user. */
    public OptionalLong tryPasswordChange(UUID userId) {
        return refuseIf(Budget.PASSWORD_CHANGE, passwordChanges.tryTake(userId));
    }

    /** First-start set-up attempts from one address. */
    public OptionalLong trySetup(String clientAddress) {
        return refuseIf(Budget.SETUP, setupByAddress.tryTake(clientAddress));
    }

    private OptionalLong refuseIf(Budget budget, OptionalLong wait) {
        if (wait.isPresent()) {
            refused.get(budget).increment();
        }
        return wait;
    }

    private static String addressKey(String email, Client client) {
        return email + "|a|" + client.address();
    }

    private static String deviceKey(String email, Client client) {
        return email + "|d|" + client.device().orElseThrow().id();
    }

    private static long clockNanos(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
