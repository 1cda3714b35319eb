package org.confer.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.confer.testing.Api;
import org.confer.testing.BotFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

class RequestFilingTest extends RequestsTestBase {

    @Test
    void a_filed_request_is_numbered_due_by_its_target_and_carded_in_the_queue_with_claim() {
        JsonNode r = filed(nurse, Map.of("priority", "urgent", "fields", Map.of("fasting", "yes", "tubes", 3)));
        assertThat(r.get("status").asText()).isEqualTo("open");
        assertThat(r.get("priority").asText()).isEqualTo("urgent");
        assertThat(r.get("number").asLong()).isPositive();
        assertThat(r.get("serviceName").asText()).isEqualTo("Phlebotomy");
        assertThat(r.get("requesterId").asText()).isEqualTo(nurse.id());
        assertThat(r.get("fields").get("tubes").asText()).isEqualTo("3");
        OffsetDateTime created = OffsetDateTime.parse(r.get("createdAt").asText());
        assertThat(Duration.between(created, OffsetDateTime.parse(r.get("dueAt").asText()))).isEqualTo(Duration.ofMinutes(60));

        JsonNode message = queueCard(r.get("number").asLong());
        JsonNode card = message.get("card");
        assertThat(card.get("title").asText()).isEqualTo("#" + r.get("number").asLong() + " Phlebotomy — URGENT");
        assertThat(card.get("severity").asText()).isEqualTo("warning");
        assertThat(actionIds(message)).containsExactly("requests.claim:" + r.get("id").asText());
        List<String> labels = new ArrayList<>();
        card.get("fields").forEach(f -> labels.add(f.get("label").asText() + "=" + f.get("value").asText()));
        assertThat(labels).contains("Location=Ward 7 bed 12", "Details=Fasting bloods: FBC, U&E", "Fasting=yes", "Tubes=3",
                "Requested by=ward-nurse");
        assertThat(labels).anyMatch(l -> l.startsWith("Due="));
        assertThat(message.get("urgent").asBoolean()).as("only emergencies are urgent in the queue").isFalse();
    }

    @Test
    void the_requester_is_told_by_the_requests_bot_and_gets_request_updated() {
        Person requester = fx.person("requester");
        JsonNode r = filed(requester, Map.of());
        assertThat(directTexts(requester)).anyMatch(t -> t.startsWith("Your phlebotomy request #" + r.get("number").asLong()
                + " was received; due by "));
        List<JsonNode> events = requestEvents(requester);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("id").asText()).isEqualTo(r.get("id").asText());
        assertThat(events.getFirst().get("status").asText()).isEqualTo("open");
        assertThat(events.getFirst().get("overdue").asBoolean()).isFalse();
    }

    @Test
    void priority_is_routine_unless_given_and_must_be_one_of_three() {
        JsonNode r = filed(nurse, Map.of());
        assertThat(r.get("priority").asText()).isEqualTo("routine");
        assertThat(Duration.between(OffsetDateTime.parse(r.get("createdAt").asText()), OffsetDateTime.parse(r.get("dueAt").asText())))
                .isEqualTo(Duration.ofMinutes(240));
        assertField(file(nurse, Map.of("priority", "asap")), "priority");
    }

    @Test
    void an_emergency_is_posted_urgent_in_the_queue() {
        JsonNode r = filed(nurse, Map.of("priority", "emergency"));
        JsonNode message = queueCard(r.get("number").asLong());
        assertThat(message.get("urgent").asBoolean()).isTrue();
        assertThat(message.get("card").get("severity").asText()).isEqualTo("critical");
    }

    @Test
    void an_nhs_number_is_normalised_formatted_on_the_card_and_its_check_digit_validated() {
        JsonNode r = filed(nurse, Map.of("nhsNumber", "943-476 5919"));
        assertThat(r.get("nhsNumber").asText()).isEqualTo("9434765919");
        List<String> labels = new ArrayList<>();
        queueCard(r.get("number").asLong()).get("card").get("fields").forEach(f -> labels.add(f.get("label").asText() + "=" + f.get("value").asText()));
        assertThat(labels).contains("Patient NHS number=943 476 5919");
        assertField(file(nurse, Map.of("nhsNumber", "9434765918")), "nhsNumber");
        assertField(file(nurse, Map.of("nhsNumber", "12345")), "nhsNumber");
    }

    @Test
    void answers_are_checked_against_the_form() {
        assertField(file(nurse, Map.of("fields", Map.of("colour", "red"))), "fields.colour");
        assertField(file(nurse, Map.of("fields", Map.of("fasting", "maybe"))), "fields.fasting");
        assertField(file(nurse, Map.of("fields", Map.of("tubes", "three"))), "fields.tubes");
        assertField(file(nurse, Map.of("location", " ")), "location");
        assertField(file(nurse, Map.of("details", "")), "details");
        assertField(file(nurse, Map.of("clientRequestId", "")), "clientRequestId");
        String strict = createService("xray-" + UUID.randomUUID().toString().substring(0, 6), "X-ray", List.of(
                Map.of("name", "site", "label", "Body site", "type", "text", "required", true)), false);
        assertField(file(nurse, Map.of("serviceId", strict)), "fields.site");
        assertThat(file(nurse, Map.of("serviceId", strict, "fields", Map.of("site", "left wrist"))).status()).isEqualTo(201);
    }

    @Test
    void filing_again_with_the_same_client_request_id_answers_the_same_request_and_posts_once() {
        String clientId = UUID.randomUUID().toString();
        JsonNode first = filed(nurse, Map.of("clientRequestId", clientId));
        JsonNode again = filed(nurse, Map.of("clientRequestId", clientId, "details", "different"));
        assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(again.get("details").asText()).isEqualTo(first.get("details").asText());
        long cards = 0;
        for (JsonNode m : api.get("/api/v1/conversations/" + team.general() + "/messages?limit=100", team.member().token()).json().get("items")) {
            if (m.hasNonNull("card") && m.get("card").get("title").asText().startsWith("#" + first.get("number").asLong() + " ")) {
                cards++;
            }
        }
        assertThat(cards).isEqualTo(1);
    }

    @Test
    void someone_of_another_organisation_cannot_file_to_the_service() {
        Api.Response r = file(fx.personIn("visitor", "YDX"), Map.of());
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void a_bot_token_with_requests_manage_files_a_request_and_one_without_it_is_refused() {
        BotFixtures bots = new BotFixtures(server);
        BotFixtures.Bot engine = bots.bot(server.login("admin"), "Order engine " + UUID.randomUUID().toString().substring(0, 4),
                "requests:manage");
        Api.Response r = api.post("/api/v1/requests", Map.of("serviceId", serviceId, "location", "Ward 3", "details",
                "Ordered in the EPR", "clientRequestId", UUID.randomUUID().toString()), engine.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("requesterId").asText()).isEqualTo(engine.id());
        assertThat(queueCard(r.json().get("number").asLong()).get("card").get("title").asText()).contains("Phlebotomy");

        BotFixtures.Bot poster = bots.bot(server.login("admin"), "Poster " + UUID.randomUUID().toString().substring(0, 4),
                "messages:write");
        Api.Response refused = api.post("/api/v1/requests", Map.of("serviceId", serviceId, "location", "Ward 3", "details",
                "Ordered in the EPR", "clientRequestId", UUID.randomUUID().toString()), poster.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("bot-scope");
        assertThat(api.post("/api/v1/request-services", serviceBody("bots", "Bots", List.of(), false), engine.token()).status())
                .as("services are managed by people").isEqualTo(403);
    }

    @Test
    void an_archived_service_takes_no_requests() {
        String id = createService("old-" + UUID.randomUUID().toString().substring(0, 6), "Old service", List.of(), false);
        assertThat(api.patch("/api/v1/request-services/" + id, Map.of("archived", true), team.owner().token()).status()).isEqualTo(200);
        assertThat(file(nurse, Map.of("serviceId", id)).status()).isEqualTo(404);
    }

    @Test
    void requests_filed_at_the_same_time_get_different_numbers() throws Exception {
        List<Person> people = fx.people("filer", 6);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Api.Response>> calls = new ArrayList<>();
            for (Person p : people) {
                calls.add(() -> file(p, Map.of()));
            }
            Set<Long> numbers = new HashSet<>();
            for (Future<Api.Response> f : pool.invokeAll(calls)) {
                Api.Response r = f.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                numbers.add(r.json().get("number").asLong());
            }
            assertThat(numbers).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertField(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
    }
}
