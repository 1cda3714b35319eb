package org.confer.visits;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Principal;
import org.confer.visits.VisitViews.Usage;
import org.confer.visits.VisitViews.UsageDay;

/**
 * The figures of virtual visits for administrators: per calendar and local day of the visits'
 * starts (Europe/London), how many were booked (every visit of that day, whatever became of
 * it), attended, no-show and cancelled. Organisation admins see their own; platform admins all.
 */
public final class VisitUsage {
    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    private final Database db;
    private final VisitStore store;
    private final Clock clock;

    VisitUsage(Database db, VisitStore store, Clock clock) {
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    private record Key(LocalDate day, String calendarName, UUID calendarId) {}

    public Usage usage(Principal who, String from, String to) {
        LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(VisitCalendar.LONDON)) : Bookings.date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : Bookings.date("from", from);
        if (first.isAfter(last)) {
            throw ApiException.invalid("from", "'from' must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw ApiException.invalid("to", "at most " + MAX_DAYS + " days per request");
        }
        Map<UUID, VisitCalendar> calendars = store.calendarsOf(db.dsl(), who.isPlatformAdmin() ? null : who.organisationId())
                .stream().collect(Collectors.toMap(VisitCalendar::id, Function.identity()));
        List<UsageDay> items = new ArrayList<>();
        if (!calendars.isEmpty()) {
            Map<Key, int[]> tallies = new TreeMap<>(Comparator.comparing(Key::day).thenComparing(Key::calendarName)
                    .thenComparing(Key::calendarId));
            for (Visit v : store.visitsOf(db.dsl(), calendars.keySet(), first.atStartOfDay(VisitCalendar.LONDON).toOffsetDateTime(),
                    last.plusDays(1).atStartOfDay(VisitCalendar.LONDON).toOffsetDateTime())) {
                VisitCalendar c = calendars.get(v.calendarId());
                int[] t = tallies.computeIfAbsent(new Key(v.start().atZoneSameInstant(c.zone()).toLocalDate(), c.name(), c.id()),
                        k -> new int[4]);
                t[0]++;
                switch (v.status()) {
                    case ATTENDED -> t[1]++;
                    case NO_SHOW -> t[2]++;
                    case CANCELLED -> t[3]++;
                    case BOOKED -> { }
                }
            }
            tallies.forEach((k, t) -> items.add(new UsageDay(k.day().toString(), k.calendarId(), k.calendarName(),
                    calendars.get(k.calendarId()).organisationId(), t[0], t[1], t[2], t[3])));
        }
        return new Usage(first.toString(), last.toString(), items);
    }
}
