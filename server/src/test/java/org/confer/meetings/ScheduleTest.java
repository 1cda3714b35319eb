package org.confer.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.confer.http.ApiException;
import org.junit.jupiter.api.Test;

/** Recurrence expansion in the meeting's own zone: wall-clock times hold across clock changes. */
class ScheduleTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static Schedule tuesdays(String rule, List<LocalDate> exceptions) {
        // Tuesday 2 March 2027 13:00–14:00, London.
        return Schedule.of("Europe/London", LocalDateTime.of(2027, 3, 2, 13, 0), LocalDateTime.of(2027, 3, 2, 14, 0), rule, exceptions);
    }

    @Test
    void a_weekly_meeting_stays_at_13_00_london_across_the_march_2027_clock_change() {
        List<Occurrence> all = tuesdays("FREQ=WEEKLY;BYDAY=TU", List.of())
                .between(Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-04-14T00:00:00Z"));

        assertThat(all).extracting(o -> o.start().toLocalDate()).containsExactly(LocalDate.of(2027, 3, 2),
                LocalDate.of(2027, 3, 9), LocalDate.of(2027, 3, 16), LocalDate.of(2027, 3, 23), LocalDate.of(2027, 3, 30),
                LocalDate.of(2027, 4, 6), LocalDate.of(2027, 4, 13));
        assertThat(all).allSatisfy(o -> {
            assertThat(o.start().getZone()).isEqualTo(LONDON);
            assertThat(o.start().toLocalTime()).isEqualTo(LocalTime.of(13, 0));
            assertThat(o.end().toLocalTime()).isEqualTo(LocalTime.of(14, 0));
        });
        // Before the change (28 March) 13:00 GMT is 13:00 UTC; after it, 13:00 BST is 12:00 UTC.
        assertThat(all.get(3).start().toInstant()).isEqualTo(Instant.parse("2027-03-23T13:00:00Z"));
        assertThat(all.get(4).start().toInstant()).isEqualTo(Instant.parse("2027-03-30T12:00:00Z"));
    }

    @Test
    void a_weekly_meeting_stays_at_13_00_london_across_the_october_2027_clock_change() {
        List<Occurrence> all = tuesdays("FREQ=WEEKLY;BYDAY=TU", List.of())
                .between(Instant.parse("2027-10-20T00:00:00Z"), Instant.parse("2027-11-10T00:00:00Z"));

        assertThat(all).extracting(o -> o.start().toInstant()).containsExactly(
                Instant.parse("2027-10-26T12:00:00Z"), // BST
                Instant.parse("2027-11-02T13:00:00Z"), // GMT after 31 October
                Instant.parse("2027-11-09T13:00:00Z"));
        assertThat(all).allSatisfy(o -> assertThat(o.start().toLocalTime()).isEqualTo(LocalTime.of(13, 0)));
    }

    @Test
    void exception_dates_are_skipped_and_count_and_until_end_the_series() {
        Schedule s = tuesdays("FREQ=WEEKLY;BYDAY=TU;COUNT=4", List.of(LocalDate.of(2027, 3, 16)));
        assertThat(s.between(Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-05-01T00:00:00Z")))
                .extracting(o -> o.start().toLocalDate())
                .containsExactly(LocalDate.of(2027, 3, 2), LocalDate.of(2027, 3, 9), LocalDate.of(2027, 3, 23));
        assertThat(s.lastEnd()).contains(Instant.parse("2027-03-23T14:00:00Z"));

        Schedule until = tuesdays("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270316", List.of());
        assertThat(until.rrule()).as("UNTIL stored in UTC").isEqualTo("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270316T235959Z");
        assertThat(until.between(Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-05-01T00:00:00Z"))).hasSize(3);
        assertThat(tuesdays("FREQ=WEEKLY", List.of()).lastEnd()).as("a series without an end").isEmpty();
    }

    @Test
    void the_occurrence_at_a_given_start_is_found_and_a_time_between_occurrences_is_not() {
        Schedule s = tuesdays("FREQ=WEEKLY;BYDAY=TU", List.of(LocalDate.of(2027, 4, 6)));
        assertThat(s.occurrenceAt(Instant.parse("2027-03-30T12:00:00Z"))).isPresent();
        assertThat(s.occurrenceAt(Instant.parse("2027-03-30T13:00:00Z"))).as("13:00 UTC is 14:00 BST").isEmpty();
        assertThat(s.occurrenceAt(Instant.parse("2027-04-06T12:00:00Z"))).as("an exception").isEmpty();
    }

    @Test
    void bad_rules_zones_and_times_are_refused_naming_the_field() {
        assertThatThrownBy(() -> tuesdays("FREQ=HOURLY", List.of())).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).extras().get("field")).isEqualTo("recurrence");
        assertThatThrownBy(() -> tuesdays("FREQ=WEEKLY;COUNT=5000", List.of())).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> tuesdays("FREQ=WEEKLY;UNTIL=20400101T000000Z", List.of())).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> tuesdays("FREQ=WEEKLY;UNTIL=20260101T000000Z", List.of())).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> tuesdays("not a rule", List.of())).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Schedule.of("Mars/Olympus", LocalDateTime.of(2027, 3, 2, 13, 0), LocalDateTime.of(2027, 3, 2, 14, 0), null, null))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).extras().get("field")).isEqualTo("timeZone");
        assertThatThrownBy(() -> Schedule.of("+01:00", LocalDateTime.of(2027, 3, 2, 13, 0), LocalDateTime.of(2027, 3, 2, 14, 0), null, null))
                .as("a fixed offset has no clock changes").isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Schedule.of(null, LocalDateTime.of(2027, 3, 2, 13, 0), LocalDateTime.of(2027, 3, 2, 12, 0), null, null))
                .extracting(e -> ((ApiException) e).extras().get("field")).isEqualTo("end");
        assertThat(Schedule.of(null, LocalDateTime.of(2027, 3, 2, 13, 0), LocalDateTime.of(2027, 3, 2, 14, 0), null, null).zone())
                .as("the default zone").isEqualTo(LONDON);
    }
}
