package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.confer.testing.Api;
import org.junit.jupiter.api.Test;

/** The ward view's actions: outcomes, cancelling with a reason, emailing the visitor, and the figures. */
class WardVisitsTest extends VisitsTestBase {

    private JsonNode visit(String reference) {
        return staffVisits(calendarId, 7).stream().filter(v -> v.get("reference").asText().equals(reference)).findFirst().orElseThrow();
    }

    private String bookedReference(String slot, String email) {
        Api.Response r = book(slot, email, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("reference").asText();
    }

    @Test
    void an_outcome_is_set_from_booked_once_the_visit_has_started_and_only_once() {
        String slot = slotAfter(2);
        String id = visit(bookedReference(slot, email())).get("id").asText();
        Api.Response early = api.post("/api/v1/visits/" + id + "/outcome", Map.of("status", "attended"), ward.member().token());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.problemType()).isEqualTo("visit-state");

        server.clock.advance(Duration.between(server.clock.instant(), Instant.parse(slot).plusSeconds(60)));
        Api.Response attended = api.post("/api/v1/visits/" + id + "/outcome", Map.of("status", "attended"), ward.member().token());
        assertThat(attended.status()).as(attended.toString()).isEqualTo(200);
        assertThat(attended.json().get("status").asText()).isEqualTo("attended");
        Api.Response again = api.post("/api/v1/visits/" + id + "/outcome", Map.of("status", "no-show"), ward.member().token());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("visitStatus").asText()).isEqualTo("attended");
        assertThat(api.post("/api/v1/visits/" + id + "/outcome", Map.of("status", "cancelled"), ward.member().token()).status())
                .isEqualTo(400);
    }

    @Test
    void staff_cancel_with_a_reason_the_visitor_is_told_and_cannot_cancel_twice() {
        String email = email();
        String id = visit(bookedReference(slotAfter(30), email)).get("id").asText();
        assertThat(api.post("/api/v1/visits/" + id + "/cancel", Map.of("reason", " "), ward.member().token()).status()).isEqualTo(400);
        Api.Response r = api.post("/api/v1/visits/" + id + "/cancel", Map.of("reason", "The patient has gone to theatre"),
                ward.member().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(mailTo(email).getLast()[1]).contains("The patient has gone to theatre");
        assertThat(mailTo(email).getLast()[2]).contains("METHOD:CANCEL");
        Api.Response twice = api.post("/api/v1/visits/" + id + "/cancel", Map.of("reason", "again"), ward.member().token());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.problemType()).isEqualTo("visit-state");
    }

    @Test
    void the_team_emails_the_visitor_and_people_outside_the_team_get_404() {
        String email = email();
        String id = visit(bookedReference(slotAfter(40), email)).get("id").asText();
        assertThat(api.post("/api/v1/visits/" + id + "/email", Map.of("text", "Please bring his glasses."), ward.teammate().token())
                .status()).isEqualTo(204);
        assertThat(mailTo(email).getLast()[1]).contains("Please bring his glasses.");
        assertThat(api.post("/api/v1/visits/" + id + "/email", Map.of("text", "x".repeat(2001)), ward.member().token()).status())
                .isEqualTo(400);
        String stranger = outsider().token();
        assertThat(api.post("/api/v1/visits/" + id + "/email", Map.of("text", "hello"), stranger).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/visits/" + id + "/cancel", Map.of("reason", "x"), stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/visit-calendars/" + calendarId + "/visits", stranger).status()).isEqualTo(404);
    }

    @Test
    void the_figures_count_each_calendar_day_by_outcome_for_the_organisation_admin() {
        String made = created(calendarBody("fig-" + java.util.UUID.randomUUID().toString().substring(0, 8), Map.of()))
                .get("id").asText();
        String figSlug = api.get("/api/v1/visit-calendars/" + made, ward.owner().token()).json().get("slug").asText();
        String slot = slots(figSlug, 3).get(2).get("start").asText();
        for (int i = 0; i < 2; i++) {
            assertThat(bookFrom(figSlug, booking(slot, email(), Map.of()), randomAddress()).status()).isEqualTo(201);
        }
        String cancelId = staffVisits(made, 3).getFirst().get("id").asText();
        assertThat(api.post("/api/v1/visits/" + cancelId + "/cancel", Map.of("reason", "ward closed"), ward.owner().token()).status())
                .isEqualTo(200);
        String day = LocalDate.ofInstant(Instant.parse(slot), ZoneId.of("Europe/London")).toString();
        Api.Response r = api.get("/api/v1/admin/usage/visits?from=" + day + "&to=" + day, server.login("priya"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode item : r.json().get("items")) {
            if (item.get("calendarId").asText().equals(made)) {
                row = item;
            }
        }
        assertThat(row).as(r.toString()).isNotNull();
        assertThat(row.get("booked").asInt()).isEqualTo(2);
        assertThat(row.get("cancelled").asInt()).isEqualTo(1);
        assertThat(row.get("attended").asInt()).isZero();
        assertThat(api.get("/api/v1/admin/usage/visits", ward.member().token()).status()).as("not an admin").isEqualTo(403);
        Api.Response other = api.get("/api/v1/admin/usage/visits?from=" + day + "&to=" + day, server.login("erin"));
        assertThat(other.json().get("items").findValuesAsText("calendarId")).as("another organisation's admin").doesNotContain(made);
    }
}
