package org.confer.meetings;

import java.time.ZonedDateTime;

/** One occurrence of a meeting, in the meeting's time zone. */
public record Occurrence(ZonedDateTime start, ZonedDateTime end) {}
