package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slots from opening hours, as docs/virtual-visits.md "Model" describes them (Europe/London). */
class AvailabilityTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate TUESDAY_JAN = LocalDate.parse("2027-01-12");
    private static final LocalDate TUESDAY_JULY = LocalDate.parse("2027-07-13");

    @Test
    void slots_start_at_the_opening_and_follow_each_other_while_the_visit_ends_by_the_close() {
        SlotRules rules = rules(30, 0, 1, Map.of(DayOfWeek.TUESDAY, List.of(range("14:00", "15:45"))));
        assertThat(times(Availability.slots(rules, TUESDAY_JAN, 1, before(TUESDAY_JAN), Map.of()))).containsExactly("14:00", "14:30", "15:00");
    }

    @Test
    void a_day_with_two_ranges_has_the_slots_of_both_and_a_day_without_hours_has_none() {
        SlotRules rules = rules(60, 0, 1, Map.of(DayOfWeek.TUESDAY, List.of(range("14:00", "16:00"), range("10:00", "11:00"))));
        assertThat(times(Availability.slots(rules, TUESDAY_JAN, 2, before(TUESDAY_JAN), Map.of()))).containsExactly("10:00", "14:00", "15:00");
    }

    @Test
    void a_closed_exception_such_as_a_bank_holiday_has_no_slots() {
        LocalDate springBankHoliday = LocalDate.parse("2027-05-31");
        SlotRules rules = rules(60, 0, 1, weekdays(range("14:00", "16:00")), List.of(DayException.closed(springBankHoliday)));
        List<Slot> slots = Availability.slots(rules, springBankHoliday, 2, before(springBankHoliday), Map.of());
        assertThat(slots).extracting(Slot::localDate).containsOnly(springBankHoliday.plusDays(1));
    }

    @Test
    void an_exception_with_other_hours_replaces_the_weekly_hours_that_date() {
        SlotRules rules = rules(60, 0, 1, weekdays(range("14:00", "16:00")),
                List.of(new DayException(TUESDAY_JAN, List.of(range("09:00", "10:00")))));
        assertThat(times(Availability.slots(rules, TUESDAY_JAN, 1, before(TUESDAY_JAN), Map.of()))).containsExactly("09:00");
        assertThat(times(Availability.slots(rules, TUESDAY_JAN.plusDays(1), 1, before(TUESDAY_JAN), Map.of()))).containsExactly("14:00", "15:00");
    }

    @Test
    void a_buffer_separates_visits_and_the_last_visit_still_ends_by_the_close() {
        SlotRules rules = rules(30, 10, 1, Map.of(DayOfWeek.TUESDAY, List.of(range("14:00", "16:00"))));
        List<Slot> slots = Availability.slots(rules, TUESDAY_JAN, 1, before(TUESDAY_JAN), Map.of());
        assertThat(times(slots)).containsExactly("14:00", "14:40", "15:20");
        assertThat(slots.get(2).end()).isEqualTo(Instant.parse("2027-01-12T15:50:00Z"));
    }

    @Test
    void instants_are_placed_in_london_time_winter_and_summer() {
        SlotRules rules = rules(30, 0, 1, Map.of(DayOfWeek.TUESDAY, List.of(range("14:00", "14:30"))));
        Slot january = Availability.slots(rules, TUESDAY_JAN, 1, before(TUESDAY_JAN), Map.of()).getFirst();
        Slot july = Availability.slots(rules, TUESDAY_JULY, 1, before(TUESDAY_JULY), Map.of()).getFirst();
        assertThat(january).isEqualTo(new Slot(Instant.parse("2027-01-12T14:00:00Z"), Instant.parse("2027-01-12T14:30:00Z"),
                TUESDAY_JAN, LocalTime.of(14, 0), 1));
        assertThat(july.start()).isEqualTo(Instant.parse("2027-07-13T13:00:00Z"));
        assertThat(july.localTime()).isEqualTo(LocalTime.of(14, 0));
    }

    @Test
    void taken_places_reduce_the_places_left_and_a_full_slot_is_neither_listed_nor_bookable() {
        SlotRules rules = rules(60, 0, 2, Map.of(DayOfWeek.TUESDAY, List.of(range("14:00", "16:00"))));
        Instant two = Instant.parse("2027-01-12T14:00:00Z");
        Instant three = Instant.parse("2027-01-12T15:00:00Z");
        Map<Instant, Integer> taken = Map.of(two, 1, three, 2);
        List<Slot> slots = Availability.slots(rules, TUESDAY_JAN, 1, before(TUESDAY_JAN), taken);
        assertThat(slots).extracting(Slot::start, Slot::placesLeft).containsExactly(tuple(two, 1));
        assertThat(Availability.slotAt(rules, two, before(TUESDAY_JAN), taken)).map(Slot::placesLeft).contains(1);
        assertThat(Availability.slotAt(rules, three, before(TUESDAY_JAN), taken)).isEmpty();
        assertThat(Availability.isSlotStart(rules, three)).isTrue();
    }

    @Test
    void slot_at_refuses_an_instant_that_is_not_a_slot_start() {
        SlotRules rules = rules(60, 0, 1, Map.of(DayOfWeek.TUESDAY, List.of(range("14:00", "16:00"))));
        assertThat(Availability.slotAt(rules, Instant.parse("2027-01-12T14:30:00Z"), before(TUESDAY_JAN), Map.of())).isEmpty();
        assertThat(Availability.slotAt(rules, Instant.parse("2027-01-13T14:00:00Z"), before(TUESDAY_JAN), Map.of())).isEmpty();
        assertThat(Availability.isSlotStart(rules, Instant.parse("2027-01-12T14:30:00Z"))).isFalse();
    }

    @Test
    void a_slot_sooner_than_the_minimum_notice_is_not_bookable() {
        SlotRules rules = new SlotRules(30, 0, 1, 14, 120, Map.of(DayOfWeek.TUESDAY, List.of(range("14:00", "16:00"))), List.of(), LONDON);
        Instant now = Instant.parse("2027-01-12T12:15:00Z");
        assertThat(times(Availability.slots(rules, TUESDAY_JAN, 1, now, Map.of()))).containsExactly("14:30", "15:00", "15:30");
        assertThat(Availability.slotAt(rules, Instant.parse("2027-01-12T14:00:00Z"), now, Map.of())).isEmpty();
        assertThat(Availability.isSlotStart(rules, Instant.parse("2027-01-12T14:00:00Z"))).isTrue();
    }

    @Test
    void slots_in_the_past_are_not_bookable_even_without_notice() {
        SlotRules rules = rules(30, 0, 1, Map.of(DayOfWeek.TUESDAY, List.of(range("14:00", "15:00"))));
        Instant now = Instant.parse("2027-01-12T14:00:01Z");
        assertThat(times(Availability.slots(rules, TUESDAY_JAN, 1, now, Map.of()))).containsExactly("14:30");
    }

    @Test
    void the_booking_window_ends_book_ahead_days_after_today_in_local_dates() {
        SlotRules rules = new SlotRules(60, 0, 1, 2, 0, weekdays(range("14:00", "15:00")), List.of(), LONDON);
        // 23:30 on Monday 12 July in London is 22:30Z: "today" is the Monday, so Wednesday is the last day.
        Instant now = Instant.parse("2027-07-12T22:30:00Z");
        List<Slot> slots = Availability.slots(rules, TUESDAY_JULY, 5, now, Map.of());
        assertThat(slots).extracting(Slot::localDate).containsExactly(TUESDAY_JULY, TUESDAY_JULY.plusDays(1));
        assertThat(Availability.slotAt(rules, Instant.parse("2027-07-15T13:00:00Z"), now, Map.of())).isEmpty();
    }

    @Test
    void on_the_spring_clock_change_the_local_times_that_do_not_exist_have_no_slot() {
        LocalDate change = LocalDate.parse("2027-03-28");
        SlotRules rules = rules(30, 0, 1, Map.of(DayOfWeek.SUNDAY, List.of(range("00:00", "03:00"))));
        List<Slot> slots = Availability.slots(rules, change, 1, before(change), Map.of());
        assertThat(times(slots)).containsExactly("00:00", "00:30", "02:00", "02:30");
        assertThat(slots).extracting(Slot::start).containsExactly(Instant.parse("2027-03-28T00:00:00Z"),
                Instant.parse("2027-03-28T00:30:00Z"), Instant.parse("2027-03-28T01:00:00Z"), Instant.parse("2027-03-28T01:30:00Z"));
    }

    @Test
    void on_the_autumn_clock_change_a_local_time_that_happens_twice_has_one_slot_at_its_summer_time_instant() {
        LocalDate change = LocalDate.parse("2027-10-31");
        SlotRules rules = rules(30, 0, 1, Map.of(DayOfWeek.SUNDAY, List.of(range("01:00", "02:30"))));
        List<Slot> slots = Availability.slots(rules, change, 1, before(change), Map.of());
        assertThat(times(slots)).containsExactly("01:00", "01:30", "02:00");
        assertThat(slots).extracting(Slot::start).containsExactly(Instant.parse("2027-10-31T00:00:00Z"),
                Instant.parse("2027-10-31T00:30:00Z"), Instant.parse("2027-10-31T02:00:00Z"));
        assertThat(Availability.isSlotStart(rules, Instant.parse("2027-10-31T01:00:00Z"))).as("01:00 GMT, the second 01:00").isFalse();
        assertThat(Availability.slotAt(rules, Instant.parse("2027-10-31T00:30:00Z"), before(change), Map.of())).isPresent();
    }

    @Test
    void days_outside_one_to_fourteen_and_inverted_ranges_are_refused() {
        SlotRules rules = rules(30, 0, 1, Map.of());
        assertThatThrownBy(() -> Availability.slots(rules, TUESDAY_JAN, 0, before(TUESDAY_JAN), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Availability.slots(rules, TUESDAY_JAN, 15, before(TUESDAY_JAN), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Availability.slots(rules, TUESDAY_JAN, 14, before(TUESDAY_JAN), Map.of())).isEmpty();
        assertThatThrownBy(() -> range("16:00", "14:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> range("14:00", "14:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rules(30, 0, 1, Map.of(DayOfWeek.MONDAY, List.of(range("09:00", "11:00"), range("10:00", "12:00")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SlotRules rules(int duration, int buffer, int places, Map<DayOfWeek, List<TimeRange>> weekly) {
        return rules(duration, buffer, places, weekly, List.of());
    }

    private static SlotRules rules(int duration, int buffer, int places, Map<DayOfWeek, List<TimeRange>> weekly, List<DayException> exceptions) {
        return new SlotRules(duration, buffer, places, 90, 0, weekly, exceptions, LONDON);
    }

    private static Map<DayOfWeek, List<TimeRange>> weekdays(TimeRange range) {
        return Map.of(DayOfWeek.MONDAY, List.of(range), DayOfWeek.TUESDAY, List.of(range), DayOfWeek.WEDNESDAY, List.of(range),
                DayOfWeek.THURSDAY, List.of(range), DayOfWeek.FRIDAY, List.of(range));
    }

    /** The start of the day before: notice and window never get in the way unless a test moves "now". */
    private static Instant before(LocalDate date) {
        return date.minusDays(1).atStartOfDay(LONDON).toInstant();
    }

    private static TimeRange range(String opens, String closes) {
        return new TimeRange(LocalTime.parse(opens), LocalTime.parse(closes));
    }

    private static List<String> times(List<Slot> slots) {
        return slots.stream().map(s -> s.localTime().toString()).toList();
    }
}
