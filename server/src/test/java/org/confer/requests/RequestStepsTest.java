package org.confer.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

class RequestStepsTest extends RequestsTestBase {

    private Api.Response claim(Person who, JsonNode r) {
        return api.post("/api/v1/requests/" + r.get("id").asText() + "/claim", Map.of(), who.token());
    }

    private Api.Response status(Person who, JsonNode r, String status, String note) {
        return api.post("/api/v1/requests/" + r.get("id").asText() + "/status",
                note == null ? Map.of("status", status) : Map.of("status", status, "note", note), who.token());
    }

    private static String cardField(JsonNode message, String label) {
        for (JsonNode f : message.get("card").get("fields")) {
            if (f.get("label").asText().equals(label)) {
                return f.get("value").asText();
            }
        }
        return null;
    }

    @Test
    void a_team_member_claims_starts_and_completes_a_request_and_the_requester_hears_each_step() {
        Person requester = fx.person("requester");
        JsonNode r = filed(requester, Map.of());
        long n = r.get("number").asLong();

        Api.Response claimed = claim(team.member(), r);
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimed.json().get("status").asText()).isEqualTo("claimed");
        assertThat(claimed.json().get("assigneeId").asText()).isEqualTo(team.member().id());
        JsonNode card = queueCard(n);
        assertThat(cardField(card, "Status")).isEqualTo("Claimed by member");
        assertThat(actionIds(card)).containsExactly("requests.start:" + r.get("id").asText(), "requests.done:" + r.get("id").asText());

        assertThat(status(team.member(), r, "in-progress", null).json().get("status").asText()).isEqualTo("in-progress");
        assertThat(actionIds(queueCard(n))).containsExactly("requests.done:" + r.get("id").asText());
        Api.Response done = status(team.member(), r, "done", null);
        assertThat(done.json().get("status").asText()).isEqualTo("done");
        assertThat(queueCard(n).get("card").get("severity").asText()).isEqualTo("success");
        assertThat(actionIds(queueCard(n))).isEmpty();

        assertThat(directTexts(requester)).containsSubsequence(
                "Your phlebotomy request #" + n + " was claimed by member.",
                "Your phlebotomy request #" + n + " is in progress (member).",
                "Your phlebotomy request #" + n + " is done (member).");
        assertThat(requestEvents(requester).stream().map(e -> e.get("status").asText()).toList())
                .containsExactly("open", "claimed", "in-progress", "done");
        assertThat(requestEvents(team.member()).stream().filter(e -> e.get("id").asText().equals(r.get("id").asText()))
                .map(e -> e.get("status").asText()).toList()).containsExactly("claimed", "in-progress", "done");
    }

    @Test
    void a_request_is_claimed_once_and_a_finished_one_changes_no_more() {
        JsonNode r = filed(nurse, Map.of());
        assertThat(claim(team.member(), r).status()).isEqualTo(200);
        Api.Response second = claim(team.teammate(), r);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.problemType()).isEqualTo("request-state");
        assertThat(second.json().get("requestStatus").asText()).isEqualTo("claimed");
        assertThat(status(team.member(), r, "done", null).status()).isEqualTo(200);
        assertThat(status(team.member(), r, "in-progress", null).status()).isEqualTo(409);
        assertThat(status(nurse, r, "cancelled", null).status()).isEqualTo(409);
    }

    @Test
    void only_the_services_team_works_a_request() {
        JsonNode r = filed(nurse, Map.of());
        assertThat(claim(nurse, r).status()).as("the requester, not in the team").isEqualTo(403);
        assertThat(status(nurse, r, "done", null).status()).isEqualTo(403);
        assertThat(claim(fx.person("stranger"), r).status()).as("a stranger cannot even see it").isEqualTo(404);
        assertThat(claim(fx.personIn("visitor", "YDX"), r).status()).isEqualTo(404);
        assertThat(status(team.member(), r, "open", null).status()).isEqualTo(400);
    }

    @Test
    void the_requester_cancels_and_a_team_member_cancels_only_with_a_note() {
        JsonNode mine = filed(nurse, Map.of());
        Api.Response cancelled = status(nurse, mine, "cancelled", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");

        JsonNode other = filed(nurse, Map.of());
        Api.Response noNote = status(team.member(), other, "cancelled", null);
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.json().get("field").asText()).isEqualTo("note");
        assertThat(status(team.member(), other, "cancelled", "Patient discharged").status()).isEqualTo(200);
        assertThat(directTexts(nurse)).contains("Your phlebotomy request #" + other.get("number").asLong()
                + " was cancelled by member. Note: Patient discharged");
        assertThat(status(fx.person("stranger"), filed(nurse, Map.of()), "cancelled", "mine now").status()).isEqualTo(404);
    }

    @Test
    void every_step_is_in_the_requests_history_from_the_audit_trail() {
        JsonNode r = filed(nurse, Map.of());
        // A second between steps, as on a ward: the history is ordered by time.
        server.clock.advance(Duration.ofSeconds(1));
        claim(team.member(), r);
        server.clock.advance(Duration.ofSeconds(1));
        status(team.member(), r, "in-progress", null);
        server.clock.advance(Duration.ofSeconds(1));
        status(team.member(), r, "done", "Two tubes taken");
        JsonNode one = api.get("/api/v1/requests/" + r.get("id").asText(), nurse.token()).json();
        List<String> steps = new ArrayList<>();
        one.get("history").forEach(h -> steps.add(h.get("action").asText() + " by " + h.get("actorId").asText()
                + (h.hasNonNull("note") ? ": " + h.get("note").asText() : "")));
        assertThat(steps).containsExactly("request.filed by " + nurse.id(), "request.claimed by " + team.member().id(),
                "request.started by " + team.member().id(), "request.done by " + team.member().id() + ": Two tubes taken");
    }

    @Test
    void a_request_is_read_by_its_requester_its_team_and_the_organisations_admin_only() {
        JsonNode r = filed(nurse, Map.of());
        String path = "/api/v1/requests/" + r.get("id").asText();
        assertThat(api.get(path, nurse.token()).status()).isEqualTo(200);
        assertThat(api.get(path, team.teammate().token()).status()).isEqualTo(200);
        assertThat(api.get(path, server.login("priya")).status()).isEqualTo(200);
        assertThat(api.get(path, fx.person("stranger").token()).status()).isEqualTo(404);
        assertThat(api.get(path, fx.personIn("visitor", "YDX").token()).status()).isEqualTo(404);
    }

    @Test
    void lists_show_my_requests_and_a_services_queue_to_its_team() {
        Person requester = fx.person("requester");
        JsonNode a = filed(requester, Map.of());
        JsonNode b = filed(requester, Map.of());
        claim(team.member(), b);
        List<String> mine = ids(api.get("/api/v1/requests?mine=true", requester.token()));
        assertThat(mine).containsExactly(b.get("id").asText(), a.get("id").asText());

        List<String> open = ids(api.get("/api/v1/requests?serviceId=" + serviceId + "&status=open", team.teammate().token()));
        assertThat(open).contains(a.get("id").asText()).doesNotContain(b.get("id").asText());
        assertThat(ids(api.get("/api/v1/requests?serviceId=" + serviceId, team.teammate().token())))
                .contains(a.get("id").asText(), b.get("id").asText());
        assertThat(api.get("/api/v1/requests?serviceId=" + serviceId, requester.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/requests?serviceId=" + serviceId, fx.personIn("visitor", "YDX").token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/requests?serviceId=" + serviceId + "&status=lost", team.teammate().token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/requests", team.teammate().token()).status()).isEqualTo(400);
    }

    private static List<String> ids(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }
}
