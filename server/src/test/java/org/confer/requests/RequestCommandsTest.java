package org.confer.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

/** /request and the queue card's buttons, through the bots feature's command and action routes. */
class RequestCommandsTest extends RequestsTestBase {

    private String where;

    @Override
    protected void afterStart() {
        super.afterStart();
        where = null;
    }

    private Api.Response command(Person who, String text) {
        if (where == null) {
            where = fx.direct(nurse, fx.person("colleague"));
        }
        return api.post("/api/v1/conversations/" + where + "/commands", Map.of("command", "/request", "text", text), who.token());
    }

    private String reply(Person who, String text) {
        Api.Response r = command(who, text);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("text").asText();
    }

    private Api.Response press(Person who, JsonNode message, String actionId) {
        return api.post("/api/v1/conversations/" + team.general() + "/messages/" + message.get("id").asText() + "/actions/"
                + actionId, Map.of(), who.token());
    }

    @Test
    void an_unknown_service_is_answered_with_the_services_there_are() {
        String text = reply(nurse, "plebotomy bed 12 bloods");
        assertThat(text).startsWith("There is no service called `plebotomy`.").contains("`" + slug + "` (Phlebotomy)");
        assertThat(reply(nurse, "")).startsWith("Usage: `/request <service> [urgent|emergency] <details>`").contains(slug);
    }

    @Test
    void a_command_files_the_request_with_its_priority_and_details() {
        String text = reply(nurse, slug + " urgent bed 12 ward 7 fasting bloods");
        assertThat(text).matches("Filed Phlebotomy request #\\d+ \\(urgent\\); due by \\d\\d:\\d\\d\\. The team's queue has it\\.");
        JsonNode latest = api.get("/api/v1/requests?mine=true", nurse.token()).json().get("items").get(0);
        assertThat(latest.get("priority").asText()).isEqualTo("urgent");
        assertThat(latest.get("details").asText()).isEqualTo("bed 12 ward 7 fasting bloods");
        assertThat(latest.get("location").asText()).isEqualTo("See details");
        assertThat(text).contains("#" + latest.get("number").asLong() + " ");
        assertThat(queueCard(latest.get("number").asLong()).get("card").get("title").asText()).endsWith("— URGENT");

        String routine = reply(nurse, slug.toUpperCase() + " porter to x-ray");
        assertThat(routine).contains("(routine)");
    }

    @Test
    void a_command_without_details_asks_for_them() {
        assertThat(reply(nurse, slug + " emergency")).startsWith("Say what you need and where:");
    }

    @Test
    void a_service_whose_form_has_required_fields_sends_the_requester_to_the_form() {
        String strict = "mri-" + UUID.randomUUID().toString().substring(0, 6);
        createService(strict, "MRI", List.of(
                Map.of("name", "site", "label", "Body site", "type", "text", "required", true),
                Map.of("name", "contrast", "label", "Contrast", "type", "choice", "required", true, "choices", List.of("yes", "no"))), false);
        assertThat(reply(nurse, strict + " knee please")).isEqualTo(
                "MRI needs Body site, Contrast, which a command cannot fill in: use the request form (Requests → New request).");
    }

    @Test
    void the_queue_cards_buttons_claim_start_and_complete_a_request() {
        JsonNode r = filed(nurse, Map.of());
        long n = r.get("number").asLong();
        String id = r.get("id").asText();

        Api.Response claimed = press(team.teammate(), queueCard(n), "requests.claim:" + id);
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimed.json().get("text").asText()).isEqualTo("Request #" + n + " claimed.");
        assertThat(press(team.member(), queueCard(n), "requests.claim:" + id).status()).as("the button is gone").isEqualTo(404);

        assertThat(press(team.teammate(), queueCard(n), "requests.start:" + id).json().get("text").asText())
                .isEqualTo("Request #" + n + " started.");
        assertThat(press(team.teammate(), queueCard(n), "requests.done:" + id).json().get("text").asText())
                .isEqualTo("Request #" + n + " marked done.");
        JsonNode done = api.get("/api/v1/requests/" + id, nurse.token()).json();
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("assigneeId").asText()).isEqualTo(team.teammate().id());
    }

    @Test
    void someone_outside_the_queue_cannot_press_its_buttons() {
        JsonNode r = filed(nurse, Map.of());
        JsonNode card = queueCard(r.get("number").asLong());
        Api.Response byNurse = press(nurse, card, "requests.claim:" + r.get("id").asText());
        assertThat(byNurse.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/requests/" + r.get("id").asText(), nurse.token()).json().get("status").asText()).isEqualTo("open");
    }
}
