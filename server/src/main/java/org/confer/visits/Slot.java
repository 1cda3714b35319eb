package org.confer.visits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One slot a visit can be booked in. The instants are what is stored and compared ({@code start}
 * is the key of a place); the local date and time are what the visitor and the ward read, kept
 * here so nobody converts them again with another zone.
 */
public record Slot(Instant start, Instant end, LocalDate localDate, LocalTime localTime, int placesLeft) {}
