package org.confer.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.JanusSocket;
import org.confer.testing.MediaStack;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded Janus of a real Confer (in the confer-media namespace, on H2): it starts with
 * VideoRoom only, Confer creates and destroys rooms, Janus itself refuses wrong and expired
 * tokens, and Confer's relay refuses joins and secrets a person must not send.
 */
@Tag("media")
@ExtendWith(MediaStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JanusMediaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private TestServer server;
    private MediaServers media;
    private EmbeddedJanus janus;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.H2, MediaStack.conferSettings());
        media = server.app().media();
        janus = media.embedded().orElseThrow(() -> new AssertionError("no embedded Janus; see the test output"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JanusSfu sfu() {
        return (JanusSfu) media.current();
    }

    private static ObjectNode join(long room, String roomToken) {
        return MAPPER.createObjectNode().put("request", "join").put("ptype", "publisher").put("room", room)
                .put("display", "test").put("token", roomToken);
    }

    @Test
    void the_embedded_janus_runs_videoroom_and_its_two_transports_only_with_private_config_files() throws Exception {
        assertThat(media.available()).isTrue();
        Path dir = server.storage().dataDir.resolve("janus");
        try (var plugins = Files.list(dir.resolve("plugins")); var transports = Files.list(dir.resolve("transports"))) {
            assertThat(plugins.map(p -> p.getFileName().toString())).containsExactly("libjanus_videoroom.so");
            assertThat(transports.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("libjanus_http.so", "libjanus_websockets.so");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("conf/janus.jcfg")))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("conf/janus.jcfg"))).contains("ice_enforce_list = \"cm0\"");
        JsonNode info = MAPPER.readTree(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(janus.api().base() + "/info")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertThat(info.path("plugins").fieldNames()).toIterable().containsExactly("janus.plugin.videoroom");
    }

    @Test
    void rooms_are_created_with_a_secret_and_destroyed() {
        SfuRoom room = media.openRoom(UUID.randomUUID(), 6);
        assertThat(sfu().exists(room)).isTrue();

        media.closeRoom(room);

        assertThat(sfu().exists(room)).isFalse();
        media.closeRoom(room); // a second close is not an error
    }

    @Test
    void janus_refuses_an_expired_core_token_and_a_room_token_of_another_room() {
        SfuRoom a = media.openRoom(UUID.randomUUID(), 6);
        SfuRoom b = media.openRoom(UUID.randomUUID(), 6);
        JanusTokens tokens = new JanusTokens(janus.tokenSecret());
        Instant soon = Instant.now().plusSeconds(300);
        try (JanusSocket ws = JanusSocket.open(janus.wsUrl(), Map.of(), true)) {
            JsonNode expired = ws.request(JanusSocket.message("create").put("token", tokens.core(Instant.now().minusSeconds(60))));
            assertThat(expired.path("janus").asText()).isEqualTo("error");
            assertThat(expired.path("error").path("code").asInt()).isEqualTo(403);

            String core = tokens.core(soon);
            long[] handle = ws.session(core);
            JsonNode wrongRoom = ws.videoRoom(handle, core, join(a.id(), tokens.room(b.id(), soon)));
            assertThat(wrongRoom.path("plugindata").path("data").path("error").asText()).containsIgnoringCase("unauthorized");

            JsonNode joined = ws.videoRoom(handle, core, join(a.id(), tokens.room(a.id(), soon)));
            assertThat(joined.path("plugindata").path("data").path("videoroom").asText()).isEqualTo("joined");
        } finally {
            media.closeRoom(a);
            media.closeRoom(b);
        }
    }

    @Test
    void the_relay_forwards_a_join_only_for_a_granted_room_never_forwards_secrets_and_closes_when_revoked() throws Exception {
        String aliceToken = server.login("alice");
        UUID alice = UUID.fromString(server.api.get("/api/v1/me", aliceToken).json().path("id").asText());
        UUID bob = UUID.fromString(server.api.get("/api/v1/me", server.login("bob")).json().path("id").asText());
        SfuRoom room = media.openRoom(UUID.randomUUID(), 6);
        SfuGrant bobs = media.grant(room, bob, Duration.ofMinutes(5));
        URI relay = URI.create(server.api.base().replace("http://", "ws://") + JanusRelay.PATH);
        try (JanusSocket ws = JanusSocket.open(relay, Api.auth(aliceToken), false)) {
            long[] handle = ws.session(bobs.token());

            JsonNode refused = ws.videoRoom(handle, bobs.token(), join(room.id(), bobs.roomToken()));
            assertThat(refused.path("janus").asText()).isEqualTo("error");
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(403);
            assertThat(refused.path("error").path("reason").asText()).contains("no grant for this room");

            ObjectNode withSecret = JanusSocket.message("create").put("apisecret", "guess");
            assertThat(ws.request(withSecret).path("error").path("reason").asText()).contains("secrets are never relayed");
            ObjectNode manage = MAPPER.createObjectNode().put("request", "destroy").put("room", room.id());
            assertThat(ws.videoRoom(handle, bobs.token(), manage).path("error").path("reason").asText()).contains("not relayed");

            SfuGrant alices = media.grant(room, alice, Duration.ofMinutes(5));
            JsonNode joined = ws.videoRoom(handle, alices.token(), join(room.id(), alices.roomToken()));
            assertThat(joined.path("plugindata").path("data").path("videoroom").asText()).isEqualTo("joined");

            media.revoke(alice, room.id());
            server.app().janusRelay().closeFor(alice, room.id());
            assertThat(ws.awaitClose(Duration.ofSeconds(5))).isEqualTo(4403);
            assertThat(media.mayJoin(alice, room.id())).isFalse();
        } finally {
            media.closeRoom(room);
        }
    }

    @Test
    void the_relay_opens_only_for_a_signed_in_person_and_a_cookie_only_from_confers_own_origin() {
        URI relay = URI.create(server.api.base().replace("http://", "ws://") + JanusRelay.PATH);
        String token = server.login("alice");
        String cookie = "confer_session=" + token;

        assertThat(JanusSocket.upgradeStatus(relay, Map.of())).isEqualTo(401);
        assertThat(JanusSocket.upgradeStatus(relay, Map.of("Cookie", cookie, "Origin", "https://elsewhere.example"))).isEqualTo(403);
        assertThat(JanusSocket.upgradeStatus(relay, Map.of("Cookie", cookie, "Origin", server.api.base()))).isEqualTo(101);
        assertThat(JanusSocket.upgradeStatus(relay, Api.auth(token))).isEqualTo(101);
    }
}
