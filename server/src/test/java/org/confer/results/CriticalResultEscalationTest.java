package org.confer.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.URGENT_RECIPIENTS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ConferProcess;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * A critical result is an urgent direct message with an Acknowledge button; unacknowledged, it
 * escalates to the orderer's deputy after 5 minutes, then to the on-call holder after 5 more;
 * the first acknowledgement ends it for everyone. The clock is the test's: nothing waits.
 */
class CriticalResultEscalationTest extends ServerTest {
    private ResultsKit kit;
    private String registrar;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_MLLP_PORT", Integer.toString(ConferProcess.freePort()));
    }

    @Override
    protected void afterStart() {
        kit = new ResultsKit(server);
        Api.Response role = api.post("/api/v1/on-call-roles", Map.of("name", "Medical registrar on call"), kit.admin.token());
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        registrar = role.json().get("id").asText();
        Api.Response r = kit.put("/api/v1/results/settings", Map.of("deputyAfterMinutes", 5,
                "chain", List.of(Map.of("onCallRoleId", registrar, "afterMinutes", 5))), kit.admin.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private record Cast(Person orderer, Person deputy, Person onCall, String resultId) {}

    /** An orderer with a deputy, the registrar role held by a third person, and a critical potassium sent for the orderer. */
    private Cast criticalResult(String controlId) throws Exception {
        String facility = kit.feed();
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("Orderer" + controlId, gmc);
        Person deputy = kit.chat.person("Deputy" + controlId);
        Person onCall = kit.chat.person("Registrar" + controlId);
        assertThat(kit.put("/api/v1/me/deputy", Map.of("userId", deputy.id()), orderer.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me/deputy", orderer.token()).json().get("userId").asText()).isEqualTo(deputy.id());
        assertThat(kit.put("/api/v1/on-call-roles/" + registrar + "/holder", Map.of("userId", onCall.id()), kit.admin.token())
                .status()).isEqualTo(200);
        try (Mllp lab = new Mllp(server.app().integrations().results().mllp().port())) {
            assertThat(Mllp.code(lab.send(Oru.potassium(facility, controlId, gmc, "6.9", "HH").text()))).isEqualTo("AA");
        }
        return new Cast(orderer, deputy, onCall, kit.recent(orderer).getFirst());
    }

    private void after(Duration d) {
        server.clock.advance(d);
        server.app().integrations().results().escalations().tick();
    }

    @Test
    void anUnacknowledgedCriticalResultEscalatesToTheDeputyThenTheOnCallHolderWhoseAcknowledgementEndsItForEveryone() throws Exception {
        Cast c = criticalResult("CRIT-1");
        JsonNode first = kit.alertMessage(c.resultId(), c.orderer());
        assertThat(first.get("urgent").asBoolean()).isTrue();
        assertThat(first.get("card").get("severity").asText()).isEqualTo("critical");
        assertThat(first.get("card").get("actions").get(0).get("id").asText()).isEqualTo("results.ack:" + c.resultId());

        after(Duration.ofMinutes(4));
        assertThat(kit.alertedTargets(c.resultId())).containsExactly(c.orderer().id());

        after(Duration.ofMinutes(1));
        assertThat(kit.alertedTargets(c.resultId())).containsExactly(c.orderer().id(), c.deputy().id());
        JsonNode toDeputy = kit.alertMessage(c.resultId(), c.deputy());
        assertThat(toDeputy.get("urgent").asBoolean()).isTrue();
        assertThat(toDeputy.get("card").get("title").asText())
                .contains("Critical result for SMITH", "not acknowledged by OrdererCRIT-1 after 5 min");

        after(Duration.ofMinutes(5));
        assertThat(kit.alertedTargets(c.resultId())).containsExactly(c.orderer().id(), c.deputy().id(), c.onCall().id());
        assertThat(kit.alertMessage(c.resultId(), c.onCall()).get("card").get("title").asText())
                .contains("not acknowledged by DeputyCRIT-1 after 10 min");

        // Somebody never alerted cannot acknowledge it (nor learn that it exists).
        Person stranger = kit.chat.person("Stranger");
        assertThat(api.post("/api/v1/results/" + c.resultId() + "/acknowledge", Map.of(), stranger.token()).status()).isEqualTo(404);

        Api.Response ack = api.post("/api/v1/results/" + c.resultId() + "/acknowledge", Map.of(), c.onCall().token());
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().get("acknowledgedBy").asText()).isEqualTo(c.onCall().id());
        // A second acknowledgement changes nothing: the first one stands.
        assertThat(api.post("/api/v1/results/" + c.resultId() + "/acknowledge", Map.of(), c.orderer().token())
                .json().get("acknowledgedBy").asText()).isEqualTo(c.onCall().id());

        for (Person p : List.of(c.orderer(), c.deputy(), c.onCall())) {
            JsonNode card = kit.alertMessage(c.resultId(), p).get("card");
            assertThat(card.get("footer").asText()).as(p.email()).startsWith("Acknowledged by RegistrarCRIT-1 at ");
            assertThat(card.get("actions")).as(p.email()).isEmpty();
            String messageId = kit.alertMessage(c.resultId(), p).get("id").asText();
            assertThat(server.app().database().dsl().fetch(URGENT_RECIPIENTS,
                    URGENT_RECIPIENTS.MESSAGE_ID.eq(java.util.UUID.fromString(messageId))))
                    .as("reminders of " + p.email()).allSatisfy(r -> assertThat(r.getNextNotifyAt()).isNull());
        }
        // No escalation after the acknowledgement.
        after(Duration.ofMinutes(30));
        assertThat(kit.alertedTargets(c.resultId())).hasSize(3);

        List<JsonNode> escalated = kit.audited(c.resultId(), "result.escalated");
        assertThat(escalated).extracting(e -> e.get("detail").get("level").asInt()).containsExactly(1, 2);
        assertThat(escalated.get(0).get("detail").get("from").asText()).isEqualTo(c.orderer().id());
        assertThat(escalated.get(0).get("detail").get("to").asText()).isEqualTo(c.deputy().id());
        assertThat(escalated.get(1).get("detail").get("to").asText()).isEqualTo(c.onCall().id());
        OffsetDateTime received = OffsetDateTime.parse(kit.audited(c.resultId(), "result.received").getFirst().get("at").asText());
        assertThat(Duration.between(received, OffsetDateTime.parse(escalated.get(0).get("at").asText()))).isEqualTo(Duration.ofMinutes(5));
        assertThat(Duration.between(received, OffsetDateTime.parse(escalated.get(1).get("at").asText()))).isEqualTo(Duration.ofMinutes(10));
        // Every step is there, each with its time, in time order (steps of one instant in any order).
        assertThat(kit.audit(c.resultId())).extracting(e -> e.get("action").asText()).contains(
                "result.received", "result.routed", "result.alerted", "result.escalated", "result.acknowledged");
        assertThat(kit.audit(c.resultId())).extracting(e -> OffsetDateTime.parse(e.get("at").asText()).toInstant()).isSorted();
        JsonNode view = api.get("/api/v1/results/" + c.resultId(), c.deputy().token()).json();
        assertThat(view.get("acknowledgedBy").asText()).isEqualTo(c.onCall().id());
        assertThat(view.get("alerts")).extracting(a -> a.get("reason").asText()).containsExactly("orderer", "deputy", "on-call");
    }

    @Test
    void thePlainUrgentAcknowledgementOfTheAlertAlsoAcknowledgesTheResultAndStopsTheEscalation() throws Exception {
        Cast c = criticalResult("CRIT-2");
        JsonNode first = kit.alertMessage(c.resultId(), c.orderer());
        Api.Response urgentAck = api.post("/api/v1/conversations/" + first.get("conversationId").asText() + "/messages/"
                + first.get("id").asText() + "/acknowledge", Map.of(), c.orderer().token());
        assertThat(urgentAck.status()).as(urgentAck.toString()).isIn(200, 204);
        after(Duration.ofSeconds(1));
        after(Duration.ofMinutes(10));
        assertThat(kit.alertedTargets(c.resultId())).containsExactly(c.orderer().id());
        JsonNode acknowledged = kit.audited(c.resultId(), "result.acknowledged").getFirst();
        assertThat(acknowledged.get("actorId").asText()).isEqualTo(c.orderer().id());
        assertThat(acknowledged.get("detail").get("via").asText()).isEqualTo("urgent-acknowledgement");
    }

    @Test
    void theCardsButtonAcknowledgesTheResult() throws Exception {
        Cast c = criticalResult("CRIT-3");
        JsonNode first = kit.alertMessage(c.resultId(), c.orderer());
        Api.Response press = api.post("/api/v1/conversations/" + first.get("conversationId").asText() + "/messages/"
                + first.get("id").asText() + "/actions/results.ack:" + c.resultId(), Map.of(), c.orderer().token());
        assertThat(press.status()).as(press.toString()).isEqualTo(200);
        assertThat(press.json().get("text").asText()).contains("Acknowledged");
        assertThat(kit.audited(c.resultId(), "result.acknowledged").getFirst().get("detail").get("via").asText()).isEqualTo("button");
    }
}
