package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.confer.http.Access;
import org.confer.http.Route;
import org.confer.testing.Api;
import org.junit.jupiter.api.Test;

/**
 * A guest can reach nothing but its visit (docs/virtual-visits.md, "Joining"): every route of the
 * server's route table, called with a live guest credential (bearer or cookie), answers 401
 * unless it is public or a guest route; the staff stream and relay refuse a guest, and the guest
 * sockets refuse staff. The guest's own unsafe operations refuse forged cookie requests.
 */
class GuestIsolationTest extends VisitsTestBase {
    private String visitId;
    private String guestToken;
    private String guestCsrf;

    private void guestInItsWindow() {
        String slot = slotAfter(1);
        String email = email();
        Api.Response booked = book(slot, email, Map.of());
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String reference = booked.json().get("reference").asText();
        visitId = staffVisits(calendarId, 2).stream().filter(v -> v.get("reference").asText().equals(reference)).findFirst()
                .orElseThrow().get("id").asText();
        server.clock.advance(Duration.between(server.clock.instant(), Instant.parse(slot).minus(Duration.ofMinutes(5))));
        Api.Response session = api.send("POST", "/api/v1/public/visits/guest-session",
                Api.json(Map.of("token", token(mailTo(email).getFirst()[1], "join"), "name", "Maya Patel")),
                Map.of("Content-Type", "application/json", "X-Forwarded-For", randomAddress()));
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        guestToken = session.json().get("token").asText();
        guestCsrf = session.json().get("csrf").asText();
    }

    /** A path template with every placeholder filled by something the guest's visit makes real where it can. */
    private String fill(String template) {
        return template.replace("{visitId}", visitId).replace("{calendarId}", calendarId).replace("{slug}", slug)
                .replace("{conversationId}", ward.general()).replace("{teamId}", ward.id())
                .replace("{emoji}", "%F0%9F%91%8D").replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
    }

    @Test
    void every_route_but_the_public_and_guest_ones_answers_401_to_a_guest_bearer_or_cookie() {
        guestInItsWindow();
        SoftAssertions soft = new SoftAssertions();
        int swept = 0;
        for (Route r : server.app().routes()) {
            if (r.access() == Access.PUBLIC || r.access() == Access.GUEST) {
                continue;
            }
            String path = fill(r.path());
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            Map<String, String> bearer = new HashMap<>(Map.of("Authorization", "Bearer " + guestToken, "Content-Type", "application/json"));
            Api.Response viaBearer = api.send(r.method().name(), path, body, bearer);
            soft.assertThat(viaBearer.status()).as(r.method() + " " + r.path() + " with a guest bearer: " + viaBearer).isEqualTo(401);
            // The cookie's path keeps a browser from sending it here; sent anyway, it is not read.
            Map<String, String> cookie = Map.of("Cookie", "confer_guest=" + guestToken, "X-CSRF-Token", guestCsrf,
                    "Content-Type", "application/json");
            Api.Response viaCookie = api.send(r.method().name(), path, body, cookie);
            soft.assertThat(viaCookie.status()).as(r.method() + " " + r.path() + " with the guest cookie: " + viaCookie).isEqualTo(401);
            swept++;
        }
        soft.assertAll();
        assertThat(swept).as("routes swept").isGreaterThan(100);
        // The positive control: the same credential works where it belongs.
        assertThat(api.get("/api/v1/guest/visit", guestToken).status()).isEqualTo(200);
    }

    @Test
    void guest_routes_read_only_guest_credentials() {
        guestInItsWindow();
        for (String token : new String[] {ward.member().token(), server.login("admin"), "cg_" + "A".repeat(43), ""}) {
            assertThat(api.get("/api/v1/guest/visit", token).status()).as("token " + token).isEqualTo(401);
            assertThat(api.post("/api/v1/guest/join", Map.of(), token).status()).as("token " + token).isEqualTo(401);
        }
        // A staff session cookie beside the guest's is ignored there: the guest is who acts.
        Api.Response both = api.send("GET", "/api/v1/guest/visit", null,
                Map.of("Cookie", "confer_session=" + ward.member().token() + "; confer_guest=" + guestToken));
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.json().get("displayName").asText()).isEqualTo("Maya Patel");
    }

    @Test
    void a_forged_cookie_request_to_a_guest_operation_is_refused_and_the_right_csrf_value_passes() {
        guestInItsWindow();
        for (String path : new String[] {"/api/v1/guest/join", "/api/v1/guest/leave"}) {
            for (String header : new String[] {null, "", "forged", guestToken}) {
                Map<String, String> h = new HashMap<>(Map.of("Cookie", "confer_guest=" + guestToken, "Content-Type", "application/json"));
                if (header != null) {
                    h.put("X-CSRF-Token", header);
                }
                Api.Response r = api.send("POST", path, "{}".getBytes(StandardCharsets.UTF_8), h);
                assertThat(r.status()).as(path + " with " + header + ": " + r).isEqualTo(403);
                assertThat(r.problemType()).isEqualTo("csrf");
            }
        }
        assertThat(staffVisits(calendarId, 2).stream().filter(v -> v.get("id").asText().equals(visitId)).findFirst().orElseThrow()
                .get("waiting")).as("nothing changed").isEmpty();
        Api.Response right = api.send("POST", "/api/v1/guest/join", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Cookie", "confer_guest=" + guestToken, "Content-Type", "application/json", "X-CSRF-Token", guestCsrf));
        assertThat(right.status()).as(right.toString()).isEqualTo(202);
    }

    @Test
    void the_staff_sockets_refuse_a_guest_and_the_guest_sockets_refuse_staff() throws Exception {
        guestInItsWindow();
        assertThat(upgrade("/api/v1/stream", "Bearer " + guestToken)).isEqualTo(401);
        assertThat(upgrade("/api/v1/media/janus", "Bearer " + guestToken)).isEqualTo(401);
        assertThat(upgrade("/api/v1/guest/stream", "Bearer " + ward.member().token())).isEqualTo(401);
        assertThat(upgrade("/api/v1/guest/media/janus", "Bearer " + ward.member().token())).isEqualTo(401);
        // The positive control: the guest's own stream opens.
        assertThat(upgrade("/api/v1/guest/stream", "Bearer " + guestToken)).isEqualTo(101);
    }

    /** The HTTP status of a WebSocket upgrade (101 when it opened). */
    private int upgrade(String path, String authorization) throws Exception {
        URI uri = URI.create(api.base().replace("http://", "ws://") + path);
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", authorization)
                    .buildAsync(uri, new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }
}
