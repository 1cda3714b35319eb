package org.confer.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.media.VideoRoomPages.args;
import static org.confer.media.VideoRoomPages.pageOf;
import static org.confer.media.VideoRoomPages.script;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.ChatFixtures;
import org.confer.testing.Browser;
import org.confer.testing.MediaStack;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Real media in Chromium (fake camera and microphone) in the confer-media namespace: two people
 * who joined a channel's "Meet now" call publish and subscribe in its Janus room through Confer's
 * relay with the tokens of their join grants, and each decodes the other; and a relay-only call
 * connects through coturn with the TURN credential of a grant, never with an expired one.
 */
@Tag("media")
@ExtendWith(MediaStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(Browser.LOCK)
class MediaFlowBrowserTest {
    /** Measured: media decodes 1.2–2.3 s after joining on a 2-core machine; generous for a busy one. */
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(20);
    private TestServer server;
    private Browser browser;
    private ChatFixtures.Person owner;
    private ChatFixtures.Person nurse;
    private JsonNode ownerGrant;
    private JsonNode nurseGrant;

    @BeforeAll
    void start(MediaStack.Turn turn) {
        Map<String, String> settings = new HashMap<>(MediaStack.conferSettings());
        settings.put("CONFER_TURN_URLS", turn.url());
        settings.put("CONFER_TURN_SECRET", turn.secret());
        settings.put("CONFER_TURN_RELAY_ONLY", "true");
        server = TestServer.start(Backend.H2, settings);
        browser = Browser.launchForMedia();
        // "Meet now" in a team's channel: an SFU call; both join it through the calls API.
        ChatFixtures fx = new ChatFixtures(server);
        owner = fx.person("owner");
        nurse = fx.person("nurse");
        String general = fx.general(owner, fx.teamWith(owner, nurse));
        Api.Response started = server.api.post("/api/v1/conversations/" + general + "/calls", Map.of("media", "video"), owner.token());
        assertThat(started.json().path("topology").asText()).as(started.toString()).isEqualTo("sfu");
        String call = "/api/v1/calls/" + started.json().path("id").asText() + "/join";
        ownerGrant = server.api.post(call, Map.of(), owner.token()).json();
        nurseGrant = server.api.post(call, Map.of(), nurse.token()).json();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }




    @SuppressWarnings("unchecked")
    private static Map<String, Object> decoded(Page page) {
        return (Map<String, Object>) page.evaluate("() => window.confer.decoded()");
    }

    @Test
    void two_people_in_a_janus_room_through_confers_relay_each_decode_the_others_video_and_audio() throws IOException {
        try (BrowserContext a = browser.newContext(); BrowserContext b = browser.newContext()) {
            Page first = pageOf(a, server.api.base(), owner.token());
            Page second = pageOf(b, server.api.base(), nurse.token());
            String client = script("videoroom-client.js");

            assertThat(first.evaluate(client, args(ownerGrant.path("janus"), "Owner"))).isEqualTo("joined");
            assertThat(second.evaluate(client, args(nurseGrant.path("janus"), "Nurse"))).isEqualTo("joined");

            long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
            Map<String, Object> atFirst = decoded(first);
            Map<String, Object> atSecond = decoded(second);
            while (System.nanoTime() < deadline && !(flowing(atFirst) && flowing(atSecond))) {
                first.waitForTimeout(200); // polling getStats with a deadline
                atFirst = decoded(first);
                atSecond = decoded(second);
            }
            assertThat(atFirst).as("what the owner receives").containsEntry("feeds", 1);
            assertThat(flowing(atFirst)).as("the owner decodes the nurse: " + atFirst).isTrue();
            assertThat(flowing(atSecond)).as("the nurse decodes the owner: " + atSecond).isTrue();
        }
    }

    private static boolean flowing(Map<String, Object> stats) {
        return ((Number) stats.get("frames")).intValue() > 0 && ((Number) stats.get("packets")).intValue() > 0;
    }

    @Test
    void a_relay_only_call_connects_through_turn_with_the_granted_credential_and_never_with_an_expired_one(MediaStack.Turn turn)
            throws IOException {
        assertThat(ownerGrant.path("iceTransportPolicy").asText()).isEqualTo("relay");
        JsonNode granted = ownerGrant.path("iceServers");
        assertThat(granted).hasSize(1);
        assertThat(granted.get(0).path("urls").get(0).asText()).isEqualTo(turn.url());
        assertThat(granted.get(0).path("username").asText()).endsWith(":" + owner.id());
        TurnCredentials.Credential expired = new TurnCredentials(turn.secret())
                .mint(UUID.fromString(owner.id()), Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        try (BrowserContext c = browser.newContext()) {
            Page page = pageOf(c, server.api.base(), owner.token());
            String loop = script("turn-loop.js");

            Map<?, ?> ok = (Map<?, ?>) page.evaluate(loop, Map.of("iceServers", List.of(ice(new IceServer(List.of(turn.url()),
                    granted.get(0).path("username").asText(), granted.get(0).path("credential").asText()))),
                    "waitMs", (int) MEDIA_WAIT.toMillis()));
            assertThat(ok.get("connected")).as("relay call: " + ok).isEqualTo(true);
            assertThat(ok.get("local")).isEqualTo("relay");

            Map<?, ?> refused = (Map<?, ?>) page.evaluate(loop, Map.of("iceServers",
                    List.of(ice(new IceServer(List.of(turn.url()), expired.username(), expired.credential()))), "waitMs", 5000));
            assertThat(refused.get("connected")).as("expired credential: " + refused).isEqualTo(false);
        }
    }

    private static Map<String, Object> ice(IceServer s) {
        return Map.of("urls", s.urls(), "username", s.username(), "credential", s.credential());
    }
}
