package org.confer.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.confer.http.RateLimitedException;
import org.confer.limits.KeyedBudget;

/**
 * Every conversation write a person makes is budgeted (docs/protocol.md section 5): a runaway
 * script, a bot or a hostile member cannot flood a conversation's log (and push everyone past
 * the replay window into a resync), grow storage without bound, or drop someone into dozens of
 * chats. Budgets are per person, per node, and refill steadily: past one, the write is refused
 * with 429 and Retry-After, and nothing of it is stored.
 */
public final class WriteBudgets {

    /** What kind of write; each kind has its own budget. */
    public enum Kind {
        /** Sending a message. */
        POST("post", "messages"),
        /** Reactions, edits, deletions, renames, archiving, removing people: events in a conversation's log. */
        CHANGE("change", "changes to conversations"),
        /** Read markers and acknowledgements: the person's own state (generous: clients send them as people read). */
        READ_STATE("read_state", "read markers and acknowledgements"),
        /** Starting a chat, creating a team or a channel: lands in other people's lists. */
        CREATE("create", "new chats, teams and channels"),
        /** Adding a person to a team, a group chat or a private channel: lands in their list and activity. */
        ADD_PEOPLE("add_people", "people added");

        final String tag;
        final String what;

        Kind(String tag, String what) {
            this.tag = tag;
            this.what = what;
        }
    }

    /** The configured numbers: per minute for the first three kinds, per hour for the last two. */
    public record Limits(int postsPerMinute, int changesPerMinute, int readMarksPerMinute, int createsPerHour, int addsPerHour) {}

    private final Map<Kind, KeyedBudget<UUID>> budgets = new EnumMap<>(Kind.class);
    private final Map<Kind, String> rates = new EnumMap<>(Kind.class);
    private final Map<Kind, Counter> refused = new EnumMap<>(Kind.class);

    public WriteBudgets(Limits limits, Clock clock, MeterRegistry registry) {
        Duration hour = Duration.ofHours(1);
        perMinute(Kind.POST, limits.postsPerMinute(), clock);
        perMinute(Kind.CHANGE, limits.changesPerMinute(), clock);
        perMinute(Kind.READ_STATE, limits.readMarksPerMinute(), clock);
        // Per hour, and at most a sixth of that at once: ten new chats in a burst, then one a minute.
        budgets.put(Kind.CREATE, new KeyedBudget<>(limits.createsPerHour() / 6, limits.createsPerHour(), hour, clock, 500_000));
        rates.put(Kind.CREATE, limits.createsPerHour() + " an hour");
        budgets.put(Kind.ADD_PEOPLE, new KeyedBudget<>(limits.addsPerHour() / 6, limits.addsPerHour(), hour, clock, 500_000));
        rates.put(Kind.ADD_PEOPLE, limits.addsPerHour() + " an hour");
        for (Kind k : Kind.values()) {
            refused.put(k, Counter.builder("confer.chat.writes.refused.budget").tag("kind", k.tag)
                    .description("Conversation writes refused with 429 because the person's budget for that kind was spent")
                    .register(registry));
        }
    }

    private void perMinute(Kind kind, int n, Clock clock) {
        budgets.put(kind, new KeyedBudget<>(n, Duration.ofMinutes(1), clock, 500_000));
        rates.put(kind, n + " a minute");
    }

    /** Takes one write of this kind from the person's budget, or throws 429 with the seconds to wait. */
    public void take(UUID userId, Kind kind) {
        budgets.get(kind).tryTake(userId).ifPresent(seconds -> {
            refused.get(kind).increment();
            throw new RateLimitedException("Too many " + kind.what + ": at most " + rates.get(kind) + "; try again in "
                    + seconds + " s", seconds);
        });
    }
}
