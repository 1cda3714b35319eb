package org.confer.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Backend;
import org.confer.testing.Browser;
import org.confer.testing.MediaStack;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real media in Chromium (fake camera and microphone) in the confer-media namespace: two people
 * publish and subscribe in a Janus room through Confer's relay and each decodes the other; and
 * a relay-only call connects through coturn with the credential Confer mints, never with an
 * expired one.
 */
@Tag("media")
@ExtendWith(MediaStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaFlowBrowserTest {
    /** Measured: media decodes 1.2–2.3 s after joining on a 2-core machine; generous for a busy one. */
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(20);
    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start(MediaStack.Turn turn) {
        Map<String, String> settings = new HashMap<>(MediaStack.conferSettings());
        settings.put("CONFER_TURN_URLS", turn.url());
        settings.put("CONFER_TURN_SECRET", turn.secret());
        settings.put("CONFER_TURN_RELAY_ONLY", "true");
        server = TestServer.start(Backend.H2, settings);
        browser = Browser.launchForMedia();
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

    private static String script(String name) throws IOException {
        try (InputStream in = MediaFlowBrowserTest.class.getResourceAsStream("/media/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A page at Confer's origin carrying {@code person}'s session cookie, as the web client's would. */
    private Page pageOf(BrowserContext context, String sessionToken) {
        context.addCookies(List.of(new Cookie("confer_session", sessionToken).setUrl(server.api.base())));
        Page page = context.newPage();
        page.navigate(server.api.base() + "/healthz");
        return page;
    }

    private UUID idOf(String token) {
        return UUID.fromString(server.api.get("/api/v1/me", token).json().path("id").asText());
    }

    private static Map<String, Object> args(SfuGrant g, String display) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("path", g.path());
        a.put("room", Long.toString(g.room())); // Playwright cannot pass a Long
        a.put("token", g.token());
        a.put("roomToken", g.roomToken());
        a.put("display", display);
        a.put("iceServers", List.of());
        return a;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decoded(Page page) {
        return (Map<String, Object>) page.evaluate("() => window.confer.decoded()");
    }

    @Test
    void two_people_in_a_janus_room_through_confers_relay_each_decode_the_others_video_and_audio() throws IOException {
        MediaServers media = server.app().media();
        String aliceToken = server.login("alice");
        String bobToken = server.login("bob");
        SfuRoom room = media.openRoom(UUID.randomUUID(), 6);
        try (BrowserContext a = browser.newContext(); BrowserContext b = browser.newContext()) {
            Page alice = pageOf(a, aliceToken);
            Page bob = pageOf(b, bobToken);
            String client = script("videoroom-client.js");

            assertThat(alice.evaluate(client, args(media.grant(room, idOf(aliceToken), Duration.ofMinutes(10)), "Alice"))).isEqualTo("joined");
            assertThat(bob.evaluate(client, args(media.grant(room, idOf(bobToken), Duration.ofMinutes(10)), "Bob"))).isEqualTo("joined");

            long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
            Map<String, Object> atAlice = decoded(alice);
            Map<String, Object> atBob = decoded(bob);
            while (System.nanoTime() < deadline && !(flowing(atAlice) && flowing(atBob))) {
                alice.waitForTimeout(200); // polling getStats with a deadline
                atAlice = decoded(alice);
                atBob = decoded(bob);
            }
            assertThat(atAlice).as("what Alice receives").containsEntry("feeds", 1);
            assertThat(flowing(atAlice)).as("Alice decodes Bob: " + atAlice).isTrue();
            assertThat(flowing(atBob)).as("Bob decodes Alice: " + atBob).isTrue();
        } finally {
            media.closeRoom(room);
        }
    }

    private static boolean flowing(Map<String, Object> stats) {
        return ((Number) stats.get("frames")).intValue() > 0 && ((Number) stats.get("packets")).intValue() > 0;
    }

    @Test
    void a_relay_only_call_connects_through_turn_with_a_minted_credential_and_never_with_an_expired_one(MediaStack.Turn turn)
            throws IOException {
        MediaServers media = server.app().media();
        String aliceToken = server.login("alice");
        UUID alice = idOf(aliceToken);
        List<IceServer> granted = media.ice().forUser(alice);
        assertThat(media.ice().iceTransportPolicy()).isEqualTo("relay");
        assertThat(granted).singleElement().satisfies(s -> assertThat(s.urls()).containsExactly(turn.url()));
        TurnCredentials.Credential expired = new TurnCredentials(turn.secret())
                .mint(alice, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        try (BrowserContext c = browser.newContext()) {
            Page page = pageOf(c, aliceToken);
            String loop = script("turn-loop.js");

            Map<?, ?> ok = (Map<?, ?>) page.evaluate(loop, Map.of("iceServers", List.of(ice(granted.get(0))),
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
