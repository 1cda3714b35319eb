package org.confer.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.db.Database;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the usage counters (docs/analytics.md, "The rollup"). Each step is one transaction that
 * first locks the rollup's row in usage_state — the lease: a second node's step waits, then sees
 * the first one's watermark and counted events — then reads the events of
 * {@code [watermark − RE_READ, min(watermark + STEP, now))} from the features' tables, skips those
 * usage_counted already holds, adds the rest to the counters, records them as counted, and moves
 * the watermark. Re-reading the last {@link #RE_READ} is what counts a row that committed after
 * a step had read past its timestamp (a transaction stamps its rows before it commits), once.
 */
public final class UsageRollup implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UsageRollup.class);
    /**
     * How far behind the watermark each step looks again. A row is missed only if its transaction
     * commits more than this after the instant it stamped; Confer's writes commit within
     * milliseconds (a chat write waits at most for one group commit), and a transaction open for
     * 15 minutes would already have failed its connection pool's and the proxy's timeouts.
     */
    static final Duration RE_READ = Duration.ofMinutes(15);
    /** One transaction covers at most this much time, so catching up a year is many short transactions. */
    static final Duration STEP = Duration.ofHours(1);
    static final Instant NEVER = Instant.EPOCH;

    private final Database db;
    private final UsageStore store;
    private final UsageSources sources;
    private final ZoneId zone;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("confer-usage-rollup").factory());

    UsageRollup(Database db, UsageStore store, UsageSources sources, ZoneId zone, Clock clock) {
        this.db = db;
        this.store = store;
        this.sources = sources;
        this.zone = zone;
        this.clock = clock;
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                log.warn("usage rollup failed; the next tick starts again from the watermark", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Rolls up everything up to now, one step at a time; returns how many events were counted. */
    public int run() {
        int total = 0;
        while (true) {
            Step s = db.dsl().transactionResult(cfg -> step(cfg.dsl()));
            total += s.counted();
            if (s.caughtUp()) {
                return total;
            }
        }
    }

    private record Step(int counted, boolean caughtUp) {}

    private Step step(DSLContext tx) {
        UsageStore.State state = store.lock(tx);
        Instant now = clock.instant();
        Instant mark = state.watermark();
        if (mark.equals(NEVER)) {
            // The first run starts at the first event there is, not in 1970.
            mark = sources.nextEvent(tx, NEVER).orElse(now);
        }
        if (mark.isAfter(now)) {
            // This node's clock is behind the one that moved the watermark: the next tick reads on.
            store.setWatermark(tx, mark);
            return new Step(0, true);
        }
        Instant to = min(mark.plus(STEP), now);
        Instant from = mark.minus(RE_READ);
        int counted = count(tx, from, to);
        if (counted == 0 && to.isBefore(now)) {
            // A quiet stretch (a night, or history before the first use): go straight to the next event.
            Instant next = sources.nextEvent(tx, to).orElse(now);
            to = min(max(to, next), now);
        }
        store.setWatermark(tx, to);
        Instant forgetBefore = to.minus(RE_READ);
        store.pruneCounted(tx, forgetBefore);
        LocalDate first = forgetBefore.atZone(zone).toLocalDate();
        store.pruneActive(tx, first, Tally.week(first), Tally.month(first));
        return new Step(counted, !to.isBefore(now));
    }

    private int count(DSLContext tx, Instant from, Instant to) {
        Tally t = new Tally(zone);
        int n = 0;
        Map<UUID, Instant> ids = new LinkedHashMap<>();
        for (UsageSources.Act m : sources.messages(tx, from, to)) {
            t.add(m.organisationId(), t.day(m.at()), Tally.MESSAGES, 1);
            t.activity(m.userId(), m.organisationId(), m.at());
            ids.put(m.id(), m.at());
        }
        n += mark(tx, UsageSources.MESSAGE, ids);
        for (UsageSources.Act s : sources.signIns(tx, from, to)) {
            t.activity(s.userId(), s.organisationId(), s.at());
            ids.put(s.id(), s.at());
        }
        n += mark(tx, UsageSources.SESSION, ids);
        n += meetings(tx, t, from, to);
        for (UsageSources.Dated v : sources.attendedVisits(tx, from, to)) {
            t.add(v.organisationId(), t.day(v.dayOf()), Tally.VISITS, 1);
            ids.put(v.id(), v.at());
        }
        n += mark(tx, UsageSources.VISIT, ids);
        for (UsageSources.Dated r : sources.deliveredResults(tx, from, to)) {
            t.add(r.organisationId(), t.day(r.dayOf()), Tally.RESULTS, 1);
            ids.put(r.id(), r.at());
        }
        n += mark(tx, UsageSources.RESULT, ids);
        if (!t.activity().isEmpty()) {
            Set<UUID> users = new HashSet<>();
            LocalDate earliest = LocalDate.MAX;
            for (UsageStore.Active a : t.activity().keySet()) {
                users.add(a.userId());
                earliest = a.start().isBefore(earliest) ? a.start() : earliest;
            }
            Set<UsageStore.Active> fresh = new HashSet<>(t.activity().keySet());
            fresh.removeAll(store.existing(tx, users, earliest));
            store.insertActive(tx, new ArrayList<>(fresh));
            t.countActive(fresh, (org, period, start, active) -> store.addPeriod(tx, org, period, start, active));
        }
        t.forEachDay((org, day) -> store.addDay(tx, org, day, false));
        return n;
    }

    /** Calls that ended and had at least two people in them; participant time goes to each person's organisation. */
    private int meetings(DSLContext tx, Tally t, Instant from, Instant to) {
        List<UsageSources.EndedCall> calls = sources.endedCalls(tx, from, to);
        if (calls.isEmpty()) {
            return 0;
        }
        Map<UUID, UsageSources.EndedCall> byId = new HashMap<>();
        Map<UUID, Instant> ids = new LinkedHashMap<>();
        calls.forEach(c -> {
            byId.put(c.id(), c);
            ids.put(c.id(), c.endedAt());
        });
        List<UsageSources.Stay> stays = sources.stays(tx, byId.keySet());
        Map<UUID, Set<UUID>> people = new HashMap<>();
        stays.forEach(s -> people.computeIfAbsent(s.callId(), k -> new HashSet<>()).add(s.userId()));
        for (UsageSources.EndedCall c : calls) {
            if (people.getOrDefault(c.id(), Set.of()).size() >= 2) {
                t.add(c.organisationId(), t.day(c.endedAt()), Tally.MEETINGS, 1);
            }
        }
        for (UsageSources.Stay s : stays) {
            UsageSources.EndedCall c = byId.get(s.callId());
            if (people.get(s.callId()).size() >= 2) {
                long seconds = Math.max(0, Duration.between(s.joinedAt(), min(s.leftAt(), c.endedAt())).toSeconds());
                t.add(s.organisationId(), t.day(c.endedAt()), Tally.SECONDS, seconds);
            }
        }
        return mark(tx, UsageSources.CALL, ids);
    }

    private int mark(DSLContext tx, String source, Map<UUID, Instant> ids) {
        int n = ids.size();
        if (n > 0) {
            store.markCounted(tx, source, ids);
            ids.clear();
        }
        return n;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
