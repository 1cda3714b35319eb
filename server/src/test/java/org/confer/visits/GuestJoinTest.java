package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.confer.testing.Api;
import org.junit.jupiter.api.Test;

/**
 * Joining a visit (docs/virtual-visits.md, "Joining"): a join link is exchanged for a guest
 * session only in the visit's window; the guest always waits in the lobby; the ward sees who waits
 * and admits; the guest then gets a grant for the guest relay. Cancelling ends the guest session.
 */
class GuestJoinTest extends VisitsTestBase {

    /** A booked visit about an hour ahead, and its visitor's join token from the confirmation mail. */
    private record Booked(String id, String reference, Instant start, String joinToken, String email) {}

    private Booked bookAnHourAhead() {
        String slot = slotAfter(1);
        String email = email();
        Api.Response r = book(slot, email, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String reference = r.json().get("reference").asText();
        String id = staffVisits(calendarId, 2).stream().filter(v -> v.get("reference").asText().equals(reference)).findFirst()
                .orElseThrow().get("id").asText();
        return new Booked(id, reference, Instant.parse(slot), token(mailTo(email).getFirst()[1], "join"), email);
    }

    private void moveClockTo(Instant at) {
        server.clock.advance(Duration.between(server.clock.instant(), at));
    }

    private Api.Response exchange(String token, String name) {
        return api.send("POST", "/api/v1/public/visits/guest-session", Api.json(Map.of("token", token, "name", name)),
                Map.of("Content-Type", "application/json", "X-Forwarded-For", randomAddress()));
    }

    private JsonNode visitRow(Booked b) {
        return staffVisits(calendarId, 2).stream().filter(v -> v.get("id").asText().equals(b.id())).findFirst().orElseThrow();
    }

    @Test
    void a_join_link_opens_a_guest_session_only_in_the_visits_window() {
        Booked b = bookAnHourAhead();
        Api.Response early = exchange(b.joinToken(), "Maya Patel");
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.problemType()).endsWith("visit-not-open");
        assertThat(Instant.parse(early.json().get("opensAt").asText())).isEqualTo(b.start().minus(Duration.ofMinutes(15)));

        moveClockTo(b.start().minus(Duration.ofMinutes(10)));
        Api.Response open = exchange(b.joinToken(), "Maya Patel");
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        String token = open.json().get("token").asText();
        assertThat(token).startsWith("cg_").hasSizeGreaterThan(40);
        String cookie = open.header("Set-Cookie");
        assertThat(cookie).startsWith("confer_guest=" + token).contains("Path=/api/v1/guest", "HttpOnly", "SameSite=Strict");
        assertThat(open.json().at("/visit/role").asText()).isEqualTo("visitor");
        assertThat(open.json().at("/visit/state").asText()).isEqualTo("open");

        // Half an hour after the visit's end plus its grace period, neither the link nor the session works.
        moveClockTo(b.start().plus(Duration.ofMinutes(30 + 16)));
        assertThat(exchange(b.joinToken(), "Maya Patel").status()).isEqualTo(409);
        assertThat(api.get("/api/v1/guest/visit", token).status()).isEqualTo(401);
    }

    @Test
    void a_guest_waits_in_the_lobby_until_the_ward_admits_them_then_gets_a_grant_for_the_guest_relay() {
        Booked b = bookAnHourAhead();
        moveClockTo(b.start().minus(Duration.ofMinutes(5)));
        String guest = exchange(b.joinToken(), "Maya Patel").json().get("token").asText();

        Api.Response waiting = api.post("/api/v1/guest/join", Map.of(), guest);
        assertThat(waiting.status()).as(waiting.toString()).isEqualTo(202);
        assertThat(waiting.json().get("state").asText()).isEqualTo("waiting");

        // The ward view shows who waits, by the name they gave and their role.
        JsonNode row = visitRow(b);
        assertThat(row.get("callId").asText()).isEqualTo(waiting.json().get("callId").asText());
        assertThat(row.get("waiting")).hasSize(1);
        assertThat(row.at("/waiting/0/name").asText()).isEqualTo("Maya Patel");
        assertThat(row.at("/waiting/0/role").asText()).isEqualTo("visitor");
        String guestId = row.at("/waiting/0/guestId").asText();

        // Asking again does not let the guest in.
        assertThat(api.post("/api/v1/guest/join", Map.of(), guest).status()).isEqualTo(202);

        // The ward channel is told once, whoever watches it: not only someone with the Visits view open.
        java.util.List<String> notices = new java.util.ArrayList<>();
        JsonNode channel = api.get("/api/v1/conversations/" + ward.general() + "/messages?limit=100", ward.member().token()).json();
        for (JsonNode m : channel.get("items")) {
            String text = m.get("text").asText();
            if (text.contains("Maya Patel** (visitor) is waiting in the lobby") && text.contains(b.reference())) {
                notices.add(text);
            }
        }
        assertThat(notices).as(channel.toString()).hasSize(1);

        // Someone outside the ward's team cannot admit; a member of the team can.
        assertThat(api.post("/api/v1/visits/" + b.id() + "/admit", Map.of("guestId", guestId), outsider().token()).status())
                .isEqualTo(404);
        Api.Response admitted = api.post("/api/v1/visits/" + b.id() + "/admit", Map.of("guestId", guestId), ward.member().token());
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(204);
        assertThat(visitRow(b).get("waiting")).isEmpty();

        Api.Response grant = api.post("/api/v1/guest/join", Map.of(), guest);
        assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
        assertThat(grant.json().get("state").asText()).isEqualTo("joined");
        if (!grant.json().get("janus").isNull()) {
            assertThat(grant.json().at("/janus/path").asText()).isEqualTo("/api/v1/guest/media/janus");
        }
        assertThat(visitRow(b).get("inCall").asInt()).isEqualTo(1);

        // A host joins straight in, into the same call.
        Api.Response host = api.post("/api/v1/visits/" + b.id() + "/join", Map.of(), ward.member().token());
        assertThat(host.status()).as(host.toString()).isEqualTo(200);
        assertThat(host.json().get("callId").asText()).isEqualTo(grant.json().get("callId").asText());
        assertThat(visitRow(b).get("inCall").asInt()).isEqualTo(2);

        // The guest leaves with its peer.
        Api.Response left = api.post("/api/v1/guest/leave", Map.of("peerId", grant.json().get("peerId").asText()), guest);
        assertThat(left.status()).as(left.toString()).isEqualTo(204);
        assertThat(visitRow(b).get("inCall").asInt()).isEqualTo(1);
    }

    @Test
    void a_guest_turned_away_cannot_come_back_to_that_visit() {
        Booked b = bookAnHourAhead();
        moveClockTo(b.start().minus(Duration.ofMinutes(5)));
        String guest = exchange(b.joinToken(), "Maya Patel").json().get("token").asText();
        assertThat(api.post("/api/v1/guest/join", Map.of(), guest).status()).isEqualTo(202);
        String guestId = visitRow(b).at("/waiting/0/guestId").asText();
        assertThat(api.post("/api/v1/visits/" + b.id() + "/deny", Map.of("guestId", guestId), ward.owner().token()).status())
                .isEqualTo(204);
        Api.Response again = api.post("/api/v1/guest/join", Map.of(), guest);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.problemType()).endsWith("lobby-denied");
    }

    @Test
    void cancelling_the_visit_ends_its_guest_sessions_and_its_link() {
        Booked b = bookAnHourAhead();
        moveClockTo(b.start().minus(Duration.ofMinutes(5)));
        String guest = exchange(b.joinToken(), "Maya Patel").json().get("token").asText();
        assertThat(api.post("/api/v1/guest/join", Map.of(), guest).status()).isEqualTo(202);

        Api.Response cancelled = api.post("/api/v1/visits/" + b.id() + "/cancel", Map.of("reason", "Patient moved ward"),
                ward.member().token());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/guest/visit", guest).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/guest/join", Map.of(), guest).status()).isEqualTo(401);
        assertThat(exchange(b.joinToken(), "Maya Patel").status()).isEqualTo(404);
    }

    @Test
    void an_interpreter_gets_a_second_link_of_their_own_and_waits_like_the_visitor() {
        Booked b = bookAnHourAhead();
        String interpreterEmail = "interpreter-" + java.util.UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        Api.Response added = api.post("/api/v1/visits/" + b.id() + "/interpreter",
                Map.of("name", "Amir Khan", "email", interpreterEmail), ward.member().token());
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(api.post("/api/v1/visits/" + b.id() + "/interpreter", Map.of("name", "Second", "email", interpreterEmail),
                ward.member().token()).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/visits/" + b.id() + "/interpreter", Map.of("name", "Amir Khan", "email", interpreterEmail),
                outsider().token()).status()).isEqualTo(404);
        var mails = mailTo(interpreterEmail);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst()[1]).doesNotContain(b.email()).doesNotContain("Ravi Patel");
        String interpreterLink = token(mails.getFirst()[1], "join");
        assertThat(interpreterLink).isNotEqualTo(b.joinToken());

        moveClockTo(b.start().minus(Duration.ofMinutes(5)));
        Api.Response session = exchange(interpreterLink, "Amir Khan");
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        assertThat(session.json().at("/visit/role").asText()).isEqualTo("interpreter");
        assertThat(api.post("/api/v1/guest/join", Map.of(), session.json().get("token").asText()).status()).isEqualTo(202);
        JsonNode row = visitRow(b);
        assertThat(row.at("/waiting/0/role").asText()).isEqualTo("interpreter");
        assertThat(row.at("/waiting/0/name").asText()).isEqualTo("Amir Khan");
    }

    @Test
    void a_host_cannot_join_outside_the_window_and_nobody_outside_the_team_can_join() {
        Booked b = bookAnHourAhead();
        Api.Response early = api.post("/api/v1/visits/" + b.id() + "/join", Map.of(), ward.member().token());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.problemType()).endsWith("visit-not-open");
        moveClockTo(b.start());
        assertThat(api.post("/api/v1/visits/" + b.id() + "/join", Map.of(), outsider().token()).status()).isEqualTo(404);
    }

    @Test
    void guests_are_not_people_of_the_directory_and_cannot_be_added_to_conversations() {
        Booked b = bookAnHourAhead();
        moveClockTo(b.start().minus(Duration.ofMinutes(5)));
        String guestId = exchange(b.joinToken(), "Zebedee Quartermain").json().get("guestId").asText();
        Api.Response search = api.get("/api/v1/directory?q=Quartermain", ward.member().token());
        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        assertThat(search.body()).doesNotContain(guestId).doesNotContain("Quartermain");
        // Nobody can start a chat with a guest or pull one into a conversation.
        Api.Response direct = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", java.util.List.of(guestId)),
                ward.member().token());
        assertThat(direct.status()).as(direct.toString()).isEqualTo(400);
    }
}
