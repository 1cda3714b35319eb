package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.confer.testing.Api;
import org.junit.jupiter.api.Test;

/** The links of the visitor's email: each opens its visit for one purpose, and none after a cancellation. */
class VisitLinksTest extends VisitsTestBase {

    /** A booked visit: its email, reference and the two tokens from the confirmation mail. */
    private record Booked(String email, String reference, String start, String join, String manage) {}

    private Booked booked(int hoursAhead) {
        String email = email();
        String slot = slotAfter(hoursAhead);
        Api.Response r = book(slot, email, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String body = mailTo(email).getFirst()[1];
        return new Booked(email, r.json().get("reference").asText(), slot, token(body, "join"), token(body, "manage"));
    }

    private Api.Response link(String action, Object body) {
        return api.post("/api/v1/public/visits/" + action, body, null);
    }

    @Test
    void a_manage_link_shows_its_visit_and_a_join_link_says_when_it_opens() {
        Booked b = booked(30);
        JsonNode managed = link("manage", Map.of("token", b.manage())).json();
        assertThat(managed.get("reference").asText()).isEqualTo(b.reference());
        assertThat(managed.get("status").asText()).isEqualTo("booked");
        assertThat(managed.get("slug").asText()).isEqualTo(slug);

        JsonNode join = link("join-info", Map.of("token", b.join())).json();
        assertThat(join.get("state").asText()).isEqualTo("early");
        assertThat(Instant.parse(join.get("opensAt").asText())).isEqualTo(Instant.parse(b.start()).minus(Duration.ofMinutes(15)));
    }

    @Test
    void a_join_link_is_open_from_fifteen_minutes_before_the_start_to_fifteen_after_the_end() {
        Booked b = booked(2);
        Instant start = Instant.parse(b.start());
        server.clock.advance(Duration.between(server.clock.instant(), start.minus(Duration.ofMinutes(14))));
        assertThat(link("join-info", Map.of("token", b.join())).json().get("state").asText()).isEqualTo("open");
        server.clock.advance(Duration.ofMinutes(14 + 30 + 16));
        assertThat(link("join-info", Map.of("token", b.join())).json().get("state").asText()).isEqualTo("closed");
    }

    @Test
    void a_guessed_token_a_malformed_one_and_a_token_of_the_other_purpose_are_all_404() {
        Booked b = booked(50);
        assertThat(link("manage", Map.of("token", VisitTokens.newToken())).status()).isEqualTo(404);
        assertThat(link("join-info", Map.of("token", VisitTokens.newToken())).status()).isEqualTo(404);
        assertThat(link("manage", Map.of("token", "short")).status()).isEqualTo(404);
        assertThat(link("join-info", Map.of("token", b.manage())).status()).as("a manage token is not a join token").isEqualTo(404);
        assertThat(link("manage", Map.of("token", b.join())).status()).as("a join token is not a manage token").isEqualTo(404);
        assertThat(link("cancel", Map.of("token", b.join())).status()).isEqualTo(404);
        assertThat(link("manage", Map.of("token", b.manage())).json().get("status").asText()).as("nothing changed").isEqualTo("booked");
    }

    @Test
    void cancelling_frees_the_place_revokes_both_links_and_mails_a_cancel_with_a_higher_sequence() throws Exception {
        Booked b = booked(60);
        int before = placesLeft(b.start());
        assertThat(link("cancel", Map.of("token", b.manage())).status()).isEqualTo(204);
        assertThat(placesLeft(b.start())).isEqualTo(before + 1);
        assertThat(link("manage", Map.of("token", b.manage())).status()).isEqualTo(404);
        assertThat(link("join-info", Map.of("token", b.join())).status()).isEqualTo(404);
        assertThat(link("cancel", Map.of("token", b.manage())).status()).isEqualTo(404);

        List<String[]> mail = mailTo(b.email());
        assertThat(mail).hasSize(2);
        VEvent booked = event(mail.get(0)[2]);
        VEvent cancelled = event(mail.get(1)[2]);
        assertThat(parse(mail.get(0)[2]).getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        assertThat(parse(mail.get(1)[2]).getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
        assertThat(cancelled.getProperty("UID").orElseThrow().getValue()).isEqualTo(booked.getProperty("UID").orElseThrow().getValue())
                .startsWith("visit-");
        assertThat(Integer.parseInt(cancelled.getProperty("SEQUENCE").orElseThrow().getValue()))
                .isGreaterThan(Integer.parseInt(booked.getProperty("SEQUENCE").orElseThrow().getValue()));
    }

    @Test
    void the_ics_of_a_booking_says_the_time_in_europe_london_and_links_the_join_page_without_its_token() throws Exception {
        Booked b = booked(70);
        String ics = mailTo(b.email()).getFirst()[2];
        Calendar calendar = parse(ics);
        VEvent event = event(ics);
        var dtstart = event.getProperty("DTSTART").orElseThrow();
        assertThat(dtstart.getParameter("TZID").orElseThrow().getValue()).isEqualTo("Europe/London");
        assertThat(event.getStartDate().orElseThrow().getDate()).isInstanceOf(java.time.temporal.Temporal.class);
        assertThat(java.time.ZonedDateTime.from(event.getStartDate().orElseThrow().getDate()).toInstant()).isEqualTo(Instant.parse(b.start()));
        assertThat(calendar.getComponent("VTIMEZONE")).isPresent();
        assertThat(event.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("0");
        assertThat(event.getProperty("URL").orElseThrow().getValue()).endsWith("/visit/join").doesNotContain(b.join());
        assertThat(event.getProperty("DESCRIPTION").orElseThrow().getValue()).contains(b.reference());
        assertThat(event.getProperty("ORGANIZER").orElseThrow().getParameter("CN").orElseThrow().getValue())
                .isEqualTo("Ward 7 virtual visits");
        assertThat(ics).doesNotContain(b.manage());
    }

    @Test
    void rescheduling_takes_the_new_place_frees_the_old_and_mails_an_update_with_the_next_sequence() throws Exception {
        Booked b = booked(80);
        String to = slotAfter(100);
        int oldBefore = placesLeft(b.start());
        Api.Response r = link("reschedule", Map.of("token", b.manage(), "slotStart", to));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(Instant.parse(r.json().get("start").asText())).isEqualTo(Instant.parse(to));
        assertThat(placesLeft(b.start())).isEqualTo(oldBefore + 1);
        List<String[]> mail = mailTo(b.email());
        assertThat(mail).hasSize(2);
        VEvent update = event(mail.get(1)[2]);
        assertThat(update.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("1");
        assertThat(parse(mail.get(1)[2]).getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        assertThat(link("join-info", Map.of("token", b.join())).json().get("start").asText()).as("the links still work")
                .isEqualTo(r.json().get("start").asText());
        Api.Response nowhere = link("reschedule", Map.of("token", b.manage(), "slotStart", "2020-01-01T10:00:00Z"));
        assertThat(nowhere.status()).isEqualTo(400);
    }

    private int placesLeft(String start) {
        return slots(slug, 7).stream().filter(s -> s.get("start").asText().equals(start)).mapToInt(s -> s.get("placesLeft").asInt())
                .findFirst().orElse(0);
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static VEvent event(String ics) throws Exception {
        return (VEvent) parse(ics).getComponent("VEVENT").orElseThrow();
    }
}
