package org.confer.analytics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one rollup step adds: figures per organisation and local day, and the people active in
 * each day, ISO week and month (first activity per person and period wins; the store decides
 * who was counted before). Everything is added twice: to the organisation and to the total.
 */
final class Tally {
    private final ZoneId zone;
    private final Map<UUID, Map<LocalDate, long[]>> days = new HashMap<>();
    /** Person → period key → the organisation the person belonged to at their first activity in it. */
    private final Map<UsageStore.Active, UUID> active = new LinkedHashMap<>();

    static final int MESSAGES = 0;
    static final int MEETINGS = 1;
    static final int SECONDS = 2;
    static final int VISITS = 3;
    static final int RESULTS = 4;
    static final int ACTIVE = 5;

    Tally(ZoneId zone) {
        this.zone = zone;
    }

    LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    static LocalDate week(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static LocalDate month(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    void add(UUID organisation, LocalDate day, int figure, long amount) {
        for (UUID org : new UUID[] {organisation, UsageStore.NATIONAL}) {
            days.computeIfAbsent(org, k -> new HashMap<>()).computeIfAbsent(day, k -> new long[6])[figure] += amount;
        }
    }

    /** A person did something counted as activity (posted, signed in) at {@code at}. */
    void activity(UUID userId, UUID organisation, Instant at) {
        LocalDate d = day(at);
        active.putIfAbsent(new UsageStore.Active(userId, "d", d), organisation);
        active.putIfAbsent(new UsageStore.Active(userId, "w", week(d)), organisation);
        active.putIfAbsent(new UsageStore.Active(userId, "m", month(d)), organisation);
    }

    Map<UsageStore.Active, UUID> activity() {
        return active;
    }

    private record PeriodKey(UUID organisation, String period, LocalDate start) {}

    /** Counts the periods that the store did not know yet: {@code fresh} keys of {@link #activity()}. */
    void countActive(Set<UsageStore.Active> fresh, PeriodSink periods) {
        Map<PeriodKey, Long> perPeriod = new HashMap<>();
        for (UsageStore.Active a : fresh) {
            UUID org = active.get(a);
            if (a.period().equals("d")) {
                add(org, a.start(), ACTIVE, 1);
            } else {
                for (UUID o : new UUID[] {org, UsageStore.NATIONAL}) {
                    perPeriod.merge(new PeriodKey(o, a.period(), a.start()), 1L, Long::sum);
                }
            }
        }
        perPeriod.forEach((k, n) -> periods.add(k.organisation(), k.period(), k.start(), n));
    }

    interface PeriodSink {
        void add(UUID organisation, String period, LocalDate start, long active);
    }

    void forEachDay(DaySink sink) {
        days.forEach((org, byDay) -> byDay.forEach((d, f) -> sink.add(org,
                new UsageStore.Day(d, f[MESSAGES], f[MEETINGS], f[SECONDS], f[VISITS], f[RESULTS], f[ACTIVE]))));
    }

    interface DaySink {
        void add(UUID organisation, UsageStore.Day day);
    }
}
