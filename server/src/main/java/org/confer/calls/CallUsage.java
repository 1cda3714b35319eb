package org.confer.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.confer.calls.CallViews.Usage;
import org.confer.calls.CallViews.UsageDay;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Principal;

/**
 * Usage figures for administrators (docs/calls-and-meetings.md): per UTC day and organisation,
 * the calls held (with at least one of its people in them that day), the distinct people, and
 * the participant-minutes. A stay across midnight counts on both days. Platform admins see every
 * organisation; an organisation's admins see their own.
 */
public final class CallUsage {
    /** A year and a day: a financial year's report in one request, and a bound on the work one request does. */
    static final int MAX_DAYS = 366;
    /** The default range: the last 30 days. */
    static final int DEFAULT_DAYS = 30;

    private final Database db;
    private final CallStore store;
    private final Clock clock;

    public CallUsage(Database db, CallStore store, Clock clock) {
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    private record Key(LocalDate day, UUID organisationId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int d = day.compareTo(o.day);
            return d != 0 ? d : organisationId.compareTo(o.organisationId);
        }
    }

    private static final class Tally {
        final Set<UUID> calls = new HashSet<>();
        final Set<UUID> people = new HashSet<>();
        long seconds;
    }

    /** {@code from} and {@code to} are dates (YYYY-MM-DD, UTC), both included. */
    public Usage meetings(Principal who, String from, String to) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LocalDate last = date("to", to, now.toLocalDate());
        LocalDate first = date("from", from, last.minusDays(DEFAULT_DAYS - 1));
        if (first.isAfter(last)) {
            throw ApiException.invalid("from", "'from' must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw ApiException.invalid("to", "at most " + MAX_DAYS + " days per request");
        }
        OffsetDateTime start = first.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = last.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        UUID scope = who.isPlatformAdmin() ? null : who.organisationId();
        Map<Key, Tally> tallies = new TreeMap<>();
        for (CallStore.Stay s : store.stays(db.dsl(), start, end, scope)) {
            OffsetDateTime in = later(s.joinedAt().withOffsetSameInstant(ZoneOffset.UTC), start);
            OffsetDateTime out = earlier(s.leftAt() == null ? now : s.leftAt().withOffsetSameInstant(ZoneOffset.UTC), end);
            for (LocalDate day = in.toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
                OffsetDateTime dayStart = day.atStartOfDay().atOffset(ZoneOffset.UTC);
                if (!dayStart.isBefore(out) && !day.equals(in.toLocalDate())) {
                    break;
                }
                OffsetDateTime a = later(in, dayStart);
                OffsetDateTime b = earlier(out, dayStart.plusDays(1));
                Tally t = tallies.computeIfAbsent(new Key(day, s.organisationId()), k -> new Tally());
                t.calls.add(s.callId());
                t.people.add(s.userId());
                t.seconds += Math.max(0, Duration.between(a, b).toSeconds());
            }
        }
        List<UsageDay> items = tallies.entrySet().stream().map(e -> new UsageDay(e.getKey().day().toString(),
                e.getKey().organisationId(), e.getValue().calls.size(), e.getValue().people.size(),
                Math.round(e.getValue().seconds / 60.0))).toList();
        return new Usage(first.toString(), last.toString(), items);
    }

    private static LocalDate date(String name, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "'" + name + "' must be a date like 2026-12-07");
        }
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static OffsetDateTime earlier(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
