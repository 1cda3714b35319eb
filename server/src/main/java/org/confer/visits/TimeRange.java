package org.confer.visits;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One opening range of a day in local wall-clock time, such as 14:00–16:00. Kept local (not
 * instants) because the ward's hours are the same on the clock-change days; placing them in the
 * zone is {@link Availability}'s job.
 */
public record TimeRange(LocalTime opens, LocalTime closes) {
    public TimeRange {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("a range must open before it closes: " + opens + "–" + closes);
        }
    }

    boolean overlaps(TimeRange other) {
        return opens.isBefore(other.closes) && other.opens.isBefore(closes);
    }
}
