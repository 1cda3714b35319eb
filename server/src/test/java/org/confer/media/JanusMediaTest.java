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
import org.confer.testing.ChatFixtures;
import org.confer.testing.JanusSocket;
import org.confer.testing.MediaStack;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
    void the_relay_forwards_a_join_only_for_a_person_in_the_call_never_forwards_secrets_and_closes_when_they_leave() {
        ChatFixtures fx = new ChatFixtures(server);
        ChatFixtures.Person owner = fx.person("owner");
        ChatFixtures.Person nurse = fx.person("nurse");
        String general = fx.general(owner, fx.teamWith(owner, nurse));
        Api.Response started = server.api.post("/api/v1/conversations/" + general + "/calls", Map.of("media", "video"), owner.token());
        assertThat(started.json().path("topology").asText()).as(started.toString()).isEqualTo("sfu");
        String call = "/api/v1/calls/" + started.json().path("id").asText();
        JsonNode owners = server.api.post(call + "/join", Map.of(), owner.token()).json().path("janus");
        long room = owners.path("room").asLong();
        URI relay = URI.create(server.api.base().replace("http://", "ws://") + owners.path("path").asText());
        try (JanusSocket ws = JanusSocket.open(relay, Api.auth(nurse.token()), false)) {
            // The nurse has not joined the call: the owner's tokens do not let her in through Confer.
            String core = owners.path("token").asText();
            long[] handle = ws.session(core);
            JsonNode refused = ws.videoRoom(handle, core, join(room, owners.path("roomToken").asText()));
            assertThat(refused.path("janus").asText()).isEqualTo("error");
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(403);
            assertThat(refused.path("error").path("reason").asText()).contains("no grant for this room");

            ObjectNode withSecret = JanusSocket.message("create").put("apisecret", "guess");
            assertThat(ws.request(withSecret).path("error").path("reason").asText()).contains("secrets are never relayed");
            ObjectNode otherPlugin = JanusSocket.message("attach").put("session_id", handle[0]).put("plugin", "janus.plugin.streaming");
            assertThat(ws.request(otherPlugin).path("error").path("reason").asText()).contains("only janus.plugin.videoroom");
            ObjectNode manage = MAPPER.createObjectNode().put("request", "destroy").put("room", room);
            assertThat(ws.videoRoom(handle, core, manage).path("error").path("reason").asText()).contains("not relayed");

            JsonNode grant = server.api.post(call + "/join", Map.of(), nurse.token()).json();
            String nurseCore = grant.path("janus").path("token").asText();
            JsonNode joined = ws.videoRoom(handle, nurseCore, join(room, grant.path("janus").path("roomToken").asText()));
            assertThat(joined.path("plugindata").path("data").path("videoroom").asText()).isEqualTo("joined");

            Api.Response left = server.api.post(call + "/leave", Map.of("peerId", grant.path("peerId").asText()), nurse.token());
            assertThat(left.status()).as(left.toString()).isLessThan(300);
            assertThat(ws.awaitClose(Duration.ofSeconds(5))).as("her relayed socket is closed").isEqualTo(4403);
            assertThat(media.mayJoin(UUID.fromString(nurse.id()), room)).isFalse();
        }
    }

    @Test
    void a_janus_that_dies_is_started_again_by_confer() throws Exception {
        long first = janus.pid();
        ProcessHandle.of(first).orElseThrow().destroyForcibly(); // only the Janus this server started, by its pid

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && (janus.pid() == first || !janus.api().answers(Duration.ofSeconds(1)))) {
            Thread.sleep(100); // polling the supervisor's restart with a deadline
        }
        assertThat(janus.pid()).isNotEqualTo(first);
        assertThat(janus.api().answers(Duration.ofSeconds(1))).isTrue();
        SfuRoom room = media.openRoom(UUID.randomUUID(), 2);
        assertThat(sfu().exists(room)).isTrue();
        media.closeRoom(room);
    }

    @Test
    void a_janus_left_running_by_a_killed_confer_is_stopped_by_the_next_start(@TempDir Path dataDir) {
        Path binary = EmbeddedJanus.findBinary().orElseThrow();
        EmbeddedJanus orphan = EmbeddedJanus.start(binary, dataDir, java.util.Optional.of(MediaStack.INTERFACE), MAPPER);
        ProcessHandle orphanProcess = ProcessHandle.of(orphan.pid()).orElseThrow();
        try (EmbeddedJanus next = EmbeddedJanus.start(binary, dataDir, java.util.Optional.of(MediaStack.INTERFACE), MAPPER)) {
            assertThat(orphanProcess.isAlive()).isFalse();
            assertThat(next.api().answers(Duration.ofSeconds(1))).isTrue();
        } finally {
            orphan.close();
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
        try (JanusSocket withSubprotocol = JanusSocket.open(relay, Api.auth(token), true)) {
            // As janus.js opens it: Janus's subprotocol is accepted and the socket works.
            String core = new JanusTokens(janus.tokenSecret()).core(Instant.now().plusSeconds(60));
            assertThat(withSubprotocol.request(JanusSocket.message("create").put("token", core)).path("janus").asText()).isEqualTo("success");
        }
    }
}
