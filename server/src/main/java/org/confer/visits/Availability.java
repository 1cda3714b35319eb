package org.confer.visits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slots of a booking calendar, from its rules alone (no database, no clock of its own), so
 * the public slot list, the booking check and the staff views all agree on what a slot is.
 *
 * <p>Slots are laid out on local wall-clock times and only then placed in the zone, because the
 * ward opens at 14:00 whatever the offset. On the spring clock change a local time that does not
 * exist has no slot; on the autumn one a local time that happens twice has one slot, at its first
 * occurrence (the summer-time instant). A slot's end is its start plus the duration, as an
 * instant: a visit lasts its minutes even across a clock change. See docs/virtual-visits.md "Model".
 */
public final class Availability {
    /** The most days one slot list covers (the public API's {@code days} is 1–14). */
    public static final int MAX_DAYS = 14;

    private Availability() {}

    /**
     * The bookable slots of {@code days} local dates from {@code fromDate}, by start. Full slots,
     * slots too soon ({@code minNoticeMinutes}) and dates past the booking window are left out.
     *
     * @param taken places already booked, by slot start; a missing key is none taken
     */
    public static List<Slot> slots(SlotRules rules, LocalDate fromDate, int days, Instant now, Map<Instant, Integer> taken) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1–" + MAX_DAYS + ", was " + days);
        }
        List<Slot> result = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            for (Slot slot : slotsOn(rules, fromDate.plusDays(i), taken)) {
                if (bookable(rules, slot, now)) {
                    result.add(slot);
                }
            }
        }
        return result;
    }

    /**
     * The slot starting exactly at {@code start} if a visitor may book it now: the check behind a
     * booking or a reschedule. Empty if no slot starts there, it is too soon or too far ahead, or
     * it is full. (The database still decides the last place: this is not a reservation.)
     */
    public static Optional<Slot> slotAt(SlotRules rules, Instant start, Instant now, Map<Instant, Integer> taken) {
        return find(rules, start, taken).filter(slot -> bookable(rules, slot, now));
    }

    /** Whether a slot starts at {@code start}, whatever its notice, window or places (for staff views). */
    public static boolean isSlotStart(SlotRules rules, Instant start) {
        return find(rules, start, Map.of()).isPresent();
    }

    private static Optional<Slot> find(SlotRules rules, Instant start, Map<Instant, Integer> taken) {
        LocalDate date = start.atZone(rules.zone()).toLocalDate();
        return slotsOn(rules, date, taken).stream().filter(slot -> slot.start().equals(start)).findFirst();
    }

    private static boolean bookable(SlotRules rules, Slot slot, Instant now) {
        Instant earliest = now.plus(Duration.ofMinutes(rules.minNoticeMinutes()));
        LocalDate lastDate = LocalDate.ofInstant(now, rules.zone()).plusDays(rules.bookAheadDays());
        return !slot.start().isBefore(earliest) && !slot.localDate().isAfter(lastDate) && slot.placesLeft() > 0;
    }

    /** Every slot of one local date, full ones included (placesLeft 0), by start. */
    private static List<Slot> slotsOn(SlotRules rules, LocalDate date, Map<Instant, Integer> taken) {
        long duration = rules.durationMinutes() * 60L;
        long step = (rules.durationMinutes() + rules.bufferMinutes()) * 60L;
        List<Slot> slots = new ArrayList<>();
        for (TimeRange range : rules.hoursOn(date)) {
            long closes = range.closes().toSecondOfDay();
            // Seconds of the day rather than LocalTime.plus, which would wrap past midnight.
            for (long s = range.opens().toSecondOfDay(); s + duration <= closes; s += step) {
                LocalTime time = LocalTime.ofSecondOfDay(s);
                placeInZone(rules, date.atTime(time)).ifPresent(start -> {
                    int placesLeft = Math.max(0, rules.placesPerSlot() - taken.getOrDefault(start, 0));
                    slots.add(new Slot(start, start.plusSeconds(duration), date, time, placesLeft));
                });
            }
        }
        slots.sort(Comparator.comparing(Slot::start));
        return slots;
    }

    /** The instant of a local time: none in a spring gap, the first one in an autumn overlap. */
    private static Optional<Instant> placeInZone(SlotRules rules, LocalDateTime local) {
        if (rules.zone().getRules().getValidOffsets(local).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.ofLocal(local, rules.zone(), null).withEarlierOffsetAtOverlap().toInstant());
    }
}
