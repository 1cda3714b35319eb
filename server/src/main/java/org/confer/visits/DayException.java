package org.confer.visits;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The hours of one date that differ from the weekly ones: a bank holiday or a closure (no hours:
 * closed all day), or a day with other hours (these replace the weekly hours that date, they do
 * not add to them).
 */
public record DayException(LocalDate date, List<TimeRange> hours) {
    public DayException {
        Objects.requireNonNull(date, "date");
        hours = List.copyOf(hours);
        SlotRules.requireValidDay(hours, date.toString());
    }

    /** Closed all day. */
    public static DayException closed(LocalDate date) {
        return new DayException(date, List.of());
    }

    public boolean closedAllDay() {
        return hours.isEmpty();
    }
}
