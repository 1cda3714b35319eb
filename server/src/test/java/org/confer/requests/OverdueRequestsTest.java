package org.confer.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.SERVICE_REQUESTS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

class OverdueRequestsTest extends RequestsTestBase {

    private List<JsonNode> leadAlertsAbout(long number) {
        return directMessages(team.owner()).stream()
                .filter(m -> m.get("text").asText().startsWith("Overdue: Phlebotomy request #" + number + " ")).toList();
    }

    @Test
    void a_request_not_done_by_its_due_time_is_escalated_to_the_lead_once() {
        Person requester = fx.person("requester");
        JsonNode r = filed(requester, Map.of("priority", "emergency", "location", "Resus 2"));
        long n = r.get("number").asLong();
        server.app().integrations().overdueRequests().runDue();
        assertThat(leadAlertsAbout(n)).as("not due yet").isEmpty();

        server.clock.advance(Duration.ofMinutes(16));
        server.app().integrations().overdueRequests().runDue();
        server.app().integrations().overdueRequests().runDue();

        // The server's own 30-second timer may have escalated it first: its messages follow its commit.
        List<JsonNode> alerts = awaitValue(() -> leadAlertsAbout(n), a -> !a.isEmpty());
        List<String> requesterTold = awaitValue(() -> directTexts(requester), t -> t.stream().anyMatch(x -> x.contains("is overdue")));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().get("urgent").asBoolean()).isTrue();
        assertThat(alerts.getFirst().get("text").asText()).contains("EMERGENCY, Resus 2").contains("nobody has claimed it");

        JsonNode card = queueCard(n).get("card");
        assertThat(card.get("title").asText()).endsWith("— OVERDUE");
        assertThat(card.get("severity").asText()).isEqualTo("critical");
        assertThat(requesterTold).anyMatch(t -> t.startsWith("Your phlebotomy request #" + n + " is overdue"));
        List<JsonNode> events = requestEvents(requester);
        assertThat(events.getLast().get("overdue").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/requests/" + r.get("id").asText(), requester.token()).json().get("overdue").asBoolean()).isTrue();

        JsonNode history = api.get("/api/v1/requests/" + r.get("id").asText(), requester.token()).json().get("history");
        long escalations = 0;
        for (JsonNode h : history) {
            if (h.get("action").asText().equals("request.overdue")) {
                escalations++;
                assertThat(h.hasNonNull("actorId")).as("the system escalates").isFalse();
            }
        }
        assertThat(escalations).isEqualTo(1);
    }

    @Test
    void a_request_done_in_time_is_never_escalated() {
        JsonNode r = filed(nurse, Map.of("priority", "emergency"));
        String id = r.get("id").asText();
        api.post("/api/v1/requests/" + id + "/status", Map.of("status", "done"), team.member().token());
        server.clock.advance(Duration.ofMinutes(20));
        server.app().integrations().overdueRequests().runDue();
        assertThat(leadAlertsAbout(r.get("number").asLong())).isEmpty();
        assertThat(api.get("/api/v1/requests/" + id, nurse.token()).json().get("overdue").asBoolean()).isFalse();
    }

    @Test
    void overdue_messages_owed_by_a_node_that_died_after_marking_the_request_are_sent_once_by_a_later_tick() {
        JsonNode r = filed(nurse, Map.of("priority", "emergency", "location", "Resus 1"));
        long n = r.get("number").asLong();
        server.clock.advance(Duration.ofMinutes(16));
        // What a node leaves behind when it dies between its commit and its messages: marked, nothing sent.
        server.app().database().dsl().update(SERVICE_REQUESTS)
                .set(SERVICE_REQUESTS.OVERDUE_NOTIFIED_AT, java.time.OffsetDateTime.now(server.clock))
                .where(SERVICE_REQUESTS.ID.eq(java.util.UUID.fromString(r.get("id").asText()))).execute();
        server.app().integrations().overdueRequests().runDue();
        assertThat(leadAlertsAbout(n)).as("owed for less than a minute: perhaps still being sent").isEmpty();

        server.clock.advance(Duration.ofMinutes(2));
        server.app().integrations().overdueRequests().runDue();
        server.app().integrations().overdueRequests().runDue();
        List<JsonNode> alerts = awaitValue(() -> leadAlertsAbout(n), a -> !a.isEmpty());
        assertThat(alerts).hasSize(1);
        assertThat(awaitValue(() -> directTexts(nurse), t -> t.stream().anyMatch(x -> x.contains("is overdue"))))
                .filteredOn(t -> t.startsWith("Your phlebotomy request #" + n + " is overdue")).hasSize(1);
    }
}
