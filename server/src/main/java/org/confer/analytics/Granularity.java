package org.confer.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;

/** Days, ISO weeks (Monday to Sunday) or calendar months of the local calendar. */
enum Granularity {
    DAY, WEEK, MONTH;

    LocalDate start(LocalDate d) {
        return switch (this) {
            case DAY -> d;
            case WEEK -> Tally.week(d);
            case MONTH -> Tally.month(d);
        };
    }

    LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    /** The period's label: 2026-03-29, 2026-W13 (ISO week-based year), 2026-03. */
    String label(LocalDate start) {
        return switch (this) {
            case DAY -> start.toString();
            case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> start.format(DateTimeFormatter.ofPattern("yyyy-MM"));
        };
    }

    String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The usage_periods code of its active-people counter ('w', 'm'); days keep theirs in usage_daily. */
    String periodCode() {
        return this == WEEK ? "w" : "m";
    }
}
