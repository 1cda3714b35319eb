package org.confer.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.confer.calls.LobbyPolicy;
import org.junit.jupiter.api.Test;

/** The .ics Confer writes, read back with ical4j as a calendar program would. */
class CalendarsTest {
    private final Calendars calendars = new Calendars("confer.trust.example");
    private final Calendars.Person organiser = new Calendars.Person("alice@trust.example", "Alice Ward", "accepted");
    private final List<Calendars.Person> attendees = List.of(
            new Calendars.Person("bob@trust.example", "Bob Nurse", "needs-action"),
            new Calendars.Person("priya@other.example", "Priya Consultant", "tentative"));

    private Meeting meeting(int sequence, boolean cancelled) {
        Schedule s = Schedule.of("Europe/London", LocalDateTime.of(2026, 12, 8, 13, 0), LocalDateTime.of(2026, 12, 8, 14, 0),
                "FREQ=WEEKLY;BYDAY=TU", List.of(LocalDate.of(2026, 12, 22)));
        OffsetDateTime now = OffsetDateTime.parse("2026-12-01T09:00:00Z");
        return new Meeting(UUID.fromString("7d1f1c1e-0000-4000-8000-000000000001"), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), null, "MDT: lung", "Weekly MDT", s, LobbyPolicy.ORGANISATION, "video", sequence,
                cancelled ? now : null, now, now);
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static VEvent event(Calendar c) {
        return c.<VEvent>getComponent("VEVENT").orElseThrow();
    }

    private static String value(VEvent e, String name) {
        return e.getProperty(name).map(Property::getValue).orElse(null);
    }

    @Test
    void an_invitation_parses_back_with_organiser_attendees_uid_sequence_method_and_the_rule() throws Exception {
        String ics = calendars.write(Calendars.Method.REQUEST, meeting(0, false), organiser, attendees,
                "https://confer.trust.example/#/meetings/x", Instant.parse("2026-12-01T09:00:00Z"));
        Calendar c = parse(ics);
        VEvent e = event(c);

        assertThat(c.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        assertThat(value(e, "UID")).isEqualTo("7d1f1c1e-0000-4000-8000-000000000001@confer.trust.example");
        assertThat(value(e, "SEQUENCE")).isEqualTo("0");
        assertThat(value(e, "ORGANIZER")).isEqualTo("mailto:alice@trust.example");
        List<Property> attendeesBack = e.getProperties("ATTENDEE");
        assertThat(attendeesBack.stream().map(Property::getValue).toList()).containsExactly("mailto:bob@trust.example", "mailto:priya@other.example");
        assertThat(attendeesBack.get(1).getParameter("PARTSTAT").orElseThrow().getValue()).isEqualTo("TENTATIVE");
        assertThat(attendeesBack.getFirst().getParameter("RSVP").orElseThrow().getValue()).isEqualTo("TRUE");
        assertThat(e.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue()).isEqualTo("Europe/London");
        assertThat(value(e, "DTSTART")).isEqualTo("20261208T130000");
        assertThat(value(e, "RRULE")).isEqualTo("FREQ=WEEKLY;BYDAY=TU");
        assertThat(value(e, "EXDATE")).isEqualTo("20261222T130000");
        assertThat(value(e, "URL")).isEqualTo("https://confer.trust.example/#/meetings/x");
        assertThat(value(e, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(c.getComponent("VTIMEZONE")).as("the zone travels with the invitation").isPresent();
        assertThat(e.<Property>getProperties("DTSTAMP")).hasSize(1);
    }

    @Test
    void an_update_raises_the_sequence_and_a_cancellation_is_method_cancel_with_status_cancelled() throws Exception {
        VEvent update = event(parse(calendars.write(Calendars.Method.REQUEST, meeting(1, false), organiser, attendees,
                "https://confer.trust.example/#/meetings/x", Instant.now())));
        assertThat(value(update, "SEQUENCE")).isEqualTo("1");

        Calendar cancel = parse(calendars.write(Calendars.Method.CANCEL, meeting(2, true), organiser, attendees,
                "https://confer.trust.example/#/meetings/x", Instant.now()));
        assertThat(cancel.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
        assertThat(value(event(cancel), "STATUS")).isEqualTo("CANCELLED");
        assertThat(value(event(cancel), "SEQUENCE")).isEqualTo("2");
        assertThat(value(event(cancel), "UID")).as("the same entry").isEqualTo("7d1f1c1e-0000-4000-8000-000000000001@confer.trust.example");
    }
}
