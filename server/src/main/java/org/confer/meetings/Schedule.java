package org.confer.meetings;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import org.confer.http.ApiException;

/**
 * When a meeting happens: wall-clock start and end in its time zone, an optional RFC 5545
 * recurrence rule and the local dates it skips. Occurrences are expanded by ical4j on the
 * <em>local</em> times and only then placed in the zone, so "every Tuesday 13:00 Europe/London"
 * is 13:00 in London in winter (12:00 UTC) and in summer (12:00 UTC+1 = 13:00 BST) alike.
 *
 * @param rrule the rule as stored: no "RRULE:" prefix, UNTIL (if any) in UTC, as RFC 5545
 *              requires when DTSTART carries a TZID; null for a single meeting
 */
public record Schedule(ZoneId zone, LocalDateTime start, LocalDateTime end, String rrule, SortedSet<LocalDate> exceptions) {
    /** A meeting is at most a day long: longer is an event, not a meeting, and it bounds expansion windows. */
    static final Duration MAX_LENGTH = Duration.ofHours(24);
    /** A series ends within five years of its start (UNTIL), or after at most this many occurrences (COUNT). */
    static final int MAX_COUNT = 1000;
    static final int MAX_UNTIL_YEARS = 5;
    static final int MAX_EXCEPTIONS = 200;
    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    public Schedule {
        exceptions = new TreeSet<>(exceptions);
    }

    /** Validates what a person asked for and returns it in stored form; 400 naming the field otherwise. */
    public static Schedule of(String timeZone, LocalDateTime start, LocalDateTime end, String recurrence, List<LocalDate> exceptions) {
        String zoneName = timeZone == null || timeZone.isBlank() ? "Europe/London" : timeZone.strip();
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            zone = null;
        }
        // A region (its rules change with the clocks), not a fixed offset such as +01:00.
        if (zone == null || !ZoneId.getAvailableZoneIds().contains(zone.getId())) {
            throw ApiException.invalid("timeZone", "'timeZone' must be an IANA time zone such as Europe/London");
        }
        if (start == null) {
            throw ApiException.invalid("start", "'start' is required, as a local date and time such as 2026-12-08T13:00");
        }
        if (end == null || !end.isAfter(start)) {
            throw ApiException.invalid("end", "'end' must be after 'start'");
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw ApiException.invalid("end", "A meeting lasts at most 24 hours");
        }
        String rule = recurrence == null || recurrence.isBlank() ? null : normalise(recurrence.strip(), zone, start);
        List<LocalDate> skipped = exceptions == null ? List.of() : exceptions;
        if (skipped.size() > MAX_EXCEPTIONS) {
            throw ApiException.invalid("exceptions", "At most " + MAX_EXCEPTIONS + " exception dates");
        }
        if (rule == null && !skipped.isEmpty()) {
            throw ApiException.invalid("exceptions", "Exception dates need a recurrence");
        }
        return new Schedule(zone, start, end, rule, new TreeSet<>(skipped));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public ZonedDateTime firstStart() {
        return start.atZone(zone);
    }

    public ZonedDateTime firstEnd() {
        return firstStart().plus(length());
    }

    public boolean recurring() {
        return rrule != null;
    }

    /** Occurrences that overlap [from, to), in order. */
    public List<Occurrence> between(Instant from, Instant to) {
        List<Occurrence> out = new ArrayList<>();
        Duration length = length();
        if (rrule == null) {
            add(out, firstStart(), length, from, to);
            return out;
        }
        Recurrence r = Recurrence.parse(rrule);
        // Local window wide enough for any offset (±18 h) and the meeting's length.
        LocalDateTime windowStart = LocalDateTime.ofInstant(from, ZoneOffset.UTC).minusDays(1).minus(length);
        LocalDateTime windowEnd = LocalDateTime.ofInstant(to, ZoneOffset.UTC).plusDays(1);
        TreeSet<LocalDateTime> starts = new TreeSet<>(r.local().getDates(start, windowStart, windowEnd));
        if (!start.isBefore(windowStart) && start.isBefore(windowEnd)) {
            starts.add(start); // DTSTART is always the first occurrence (RFC 5545 3.8.5.3)
        }
        for (LocalDateTime local : starts) {
            ZonedDateTime at = local.atZone(zone);
            if (r.until().isPresent() && at.toInstant().isAfter(r.until().get())) {
                break;
            }
            if (!exceptions.contains(local.toLocalDate())) {
                add(out, at, length, from, to);
            }
        }
        return out;
    }

    /** The occurrence that starts at {@code start}, if there is one. */
    public Optional<Occurrence> occurrenceAt(Instant occurrenceStart) {
        return between(occurrenceStart, occurrenceStart.plusSeconds(1)).stream()
                .filter(o -> o.start().toInstant().equals(occurrenceStart)).findFirst();
    }

    /** When the last occurrence ends; empty for a series without COUNT or UNTIL. */
    public Optional<Instant> lastEnd() {
        if (rrule == null) {
            return Optional.of(firstEnd().toInstant());
        }
        Recurrence r = Recurrence.parse(rrule);
        Instant horizon;
        if (r.until().isPresent()) {
            horizon = r.until().get().plus(length()).plusSeconds(1);
        } else if (r.local().getCount() > 0) {
            // COUNT ≤ 1000 of at least daily frequency: within 1000 years even yearly; expand and take the last.
            horizon = firstStart().plusYears(r.local().getCount() + 1L).toInstant();
        } else {
            return Optional.empty();
        }
        List<LocalDateTime> all = r.local().getDates(start, start, LocalDateTime.ofInstant(horizon, ZoneOffset.UTC).plusDays(1));
        Instant last = firstEnd().toInstant();
        for (LocalDateTime local : all) {
            ZonedDateTime at = local.atZone(zone);
            if (r.until().isPresent() && at.toInstant().isAfter(r.until().get())) {
                break;
            }
            Instant end = at.plus(length()).toInstant();
            if (end.isAfter(last)) {
                last = end;
            }
        }
        return Optional.of(last);
    }

    private static void add(List<Occurrence> out, ZonedDateTime at, Duration length, Instant from, Instant to) {
        ZonedDateTime end = at.plus(length);
        if (at.toInstant().isBefore(to) && end.toInstant().isAfter(from)) {
            out.add(new Occurrence(at, end));
        }
    }

    /** A rule split for expansion: the local-time rule without UNTIL, and UNTIL as an instant. */
    record Recurrence(Recur<LocalDateTime> local, Optional<Instant> until) {
        static Recurrence parse(String stored) {
            StringBuilder withoutUntil = new StringBuilder();
            Instant until = null;
            for (String part : stored.split(";")) {
                if (part.startsWith("UNTIL=")) {
                    until = OffsetDateTime.parse(part.substring(6), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")).toInstant();
                } else {
                    withoutUntil.append(withoutUntil.isEmpty() ? "" : ";").append(part);
                }
            }
            return new Recurrence(new Recur<>(withoutUntil.toString()), Optional.ofNullable(until));
        }
    }

    /**
     * Checks a rule with ical4j and writes it back in stored form: frequency daily or slower, COUNT
     * at most {@link #MAX_COUNT}, UNTIL after the start and within {@link #MAX_UNTIL_YEARS} years,
     * converted to UTC (a date, or a local date-time, is read in the meeting's zone).
     */
    static String normalise(String text, ZoneId zone, LocalDateTime start) {
        String body = text.regionMatches(true, 0, "RRULE:", 0, 6) ? text.substring(6) : text;
        if (body.length() > 400 || body.contains("\n") || body.contains("\r")) {
            throw ApiException.invalid("recurrence", "'recurrence' is one RRULE line such as FREQ=WEEKLY;BYDAY=TU");
        }
        Recur<Temporal> recur;
        try {
            recur = new Recur<>(body.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw ApiException.invalid("recurrence", "'recurrence' is not a valid RRULE: " + e.getMessage());
        }
        Frequency f = recur.getFrequency();
        if (f == null || f == Frequency.SECONDLY || f == Frequency.MINUTELY || f == Frequency.HOURLY) {
            throw ApiException.invalid("recurrence", "A meeting repeats at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)");
        }
        if (recur.getCount() > MAX_COUNT) {
            throw ApiException.invalid("recurrence", "COUNT is at most " + MAX_COUNT);
        }
        if (recur.getCount() > 0 && recur.getUntil() != null) {
            throw ApiException.invalid("recurrence", "An RRULE has COUNT or UNTIL, not both");
        }
        StringBuilder out = new StringBuilder();
        for (String part : body.toUpperCase(Locale.ROOT).split(";")) {
            if (part.isBlank()) {
                continue;
            }
            if (part.startsWith("UNTIL=")) {
                Instant until = untilInstant(recur.getUntil(), zone);
                ZonedDateTime first = start.atZone(zone);
                if (until.isBefore(first.toInstant())) {
                    throw ApiException.invalid("recurrence", "UNTIL is before the first meeting");
                }
                if (until.isAfter(first.plusYears(MAX_UNTIL_YEARS).toInstant())) {
                    throw ApiException.invalid("recurrence", "UNTIL is at most " + MAX_UNTIL_YEARS + " years after the first meeting");
                }
                part = "UNTIL=" + UTC_STAMP.format(until.atOffset(ZoneOffset.UTC));
            }
            out.append(out.isEmpty() ? "" : ";").append(part);
        }
        return out.toString();
    }

    private static Instant untilInstant(Temporal until, ZoneId zone) {
        return switch (until) {
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case Instant i -> i;
            // A date-only UNTIL includes that whole day in the meeting's zone.
            case LocalDate d -> d.plusDays(1).atStartOfDay(zone).minusSeconds(1).toInstant();
            case LocalDateTime l -> l.atZone(zone).toInstant();
            default -> throw ApiException.invalid("recurrence", "UNTIL is not a date or date-time");
        };
    }
}
