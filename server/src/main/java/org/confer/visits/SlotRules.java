package org.confer.visits;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a booking calendar says about when visits can happen: the numbers and hours of
 * docs/virtual-visits.md "Model", checked once here so {@link Availability} can trust them.
 * The bounds are the documented ones; a calendar the service accepted always fits.
 */
public record SlotRules(
        int durationMinutes,
        int bufferMinutes,
        int placesPerSlot,
        int bookAheadDays,
        int minNoticeMinutes,
        Map<DayOfWeek, List<TimeRange>> weekly,
        List<DayException> exceptions,
        ZoneId zone) {

    /** "ranges of local times, at most 4 a day" (the settings dialog shows four rows). */
    public static final int MAX_RANGES_A_DAY = 4;

    public SlotRules {
        requireBetween("durationMinutes", durationMinutes, 5, 240);
        requireBetween("bufferMinutes", bufferMinutes, 0, 120);
        requireBetween("placesPerSlot", placesPerSlot, 1, 20);
        requireBetween("bookAheadDays", bookAheadDays, 1, 90);
        requireBetween("minNoticeMinutes", minNoticeMinutes, 0, 10_080);
        Objects.requireNonNull(zone, "zone");
        weekly = copyWeekly(weekly);
        exceptions = List.copyOf(exceptions);
        Set<LocalDate> dates = new HashSet<>();
        for (DayException e : exceptions) {
            if (!dates.add(e.date())) {
                throw new IllegalArgumentException("two exceptions for " + e.date());
            }
        }
    }

    /** The hours of that date: its exception's if it has one, else the weekday's (none: closed). */
    public List<TimeRange> hoursOn(LocalDate date) {
        Optional<DayException> exception = exceptions.stream().filter(e -> e.date().equals(date)).findFirst();
        return exception.map(DayException::hours).orElseGet(() -> weekly.getOrDefault(date.getDayOfWeek(), List.of()));
    }

    private static Map<DayOfWeek, List<TimeRange>> copyWeekly(Map<DayOfWeek, List<TimeRange>> weekly) {
        Map<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, ranges) -> {
            List<TimeRange> list = List.copyOf(ranges);
            requireValidDay(list, day.toString());
            copy.put(day, list);
        });
        return Map.copyOf(copy);
    }

    /** At most four ranges, none overlapping: overlaps would give one start twice. */
    static void requireValidDay(List<TimeRange> ranges, String day) {
        if (ranges.size() > MAX_RANGES_A_DAY) {
            throw new IllegalArgumentException("at most " + MAX_RANGES_A_DAY + " ranges on " + day);
        }
        List<TimeRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(TimeRange::opens));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new IllegalArgumentException("overlapping ranges on " + day);
            }
        }
    }

    private static void requireBetween(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + "–" + max + ", was " + value);
        }
    }
}
