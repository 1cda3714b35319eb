package org.confer.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.calls.CallTestSupport.WAIT;
import static org.confer.calls.CallTestSupport.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * The call frames on the stream (docs/calls-and-meetings.md, "Stream frames"): signalling reaches
 * the addressed peer's person only, and only from a peer of the sender in the same call; controls
 * change the roster; bad and excessive frames get an error and the stream stays open.
 */
class CallSignallingTest extends ServerTest {
    private ChatFixtures fx;
    private CallTestSupport calls;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        calls = new CallTestSupport(api);
    }

    @Test
    void a_signal_reaches_the_addressed_peer_and_is_refused_unless_it_comes_from_the_senders_own_peer_in_the_call() {
        List<Person> people = fx.people("signal", 3);
        Person alice = people.get(0);
        Person bob = people.get(1);
        Person carol = people.get(2); // a member of the chat who has not joined the call
        String group = fx.group(people);
        try (StreamClient a = fx.stream(alice); StreamClient b = fx.stream(bob); StreamClient c = fx.stream(carol)) {
            String callId = calls.started(alice, group);
            String alicePeer = calls.joined(alice, callId);
            String bobPeer = calls.joined(bob, callId);

            a.send(signal(callId, alicePeer, bobPeer, Map.of("type", "offer", "sdp", "v=0 test")));
            JsonNode relayed = await(b, "call.signal", callId);
            assertThat(relayed.get("fromPeer").asText()).isEqualTo(alicePeer);
            assertThat(relayed.get("fromUser").asText()).isEqualTo(alice.id());
            assertThat(relayed.get("toPeer").asText()).isEqualTo(bobPeer);
            assertThat(relayed.at("/signal/sdp").asText()).isEqualTo("v=0 test");

            c.send(signal(callId, alicePeer, bobPeer, Map.of("type", "offer", "sdp", "forged")));
            assertThat(error(c).get("code").asText()).as("someone else's peer").isEqualTo("not-in-call");
            c.send(signal(callId, UUID.randomUUID().toString(), bobPeer, Map.of("type", "offer")));
            assertThat(error(c).get("code").asText()).as("a peer that is not in the call").isEqualTo("not-in-call");
            a.send(signal(callId, alicePeer, UUID.randomUUID().toString(), Map.of("type", "offer")));
            assertThat(error(a).get("code").asText()).as("to a peer that is not in the call").isEqualTo("not-in-call");
            a.send(signal(UUID.randomUUID().toString(), alicePeer, bobPeer, Map.of("type", "offer")));
            assertThat(error(a).get("code").asText()).as("another call").isEqualTo("not-in-call");
            a.send(signal(callId, alicePeer, bobPeer, Map.of("sdp", "x".repeat(CallSignalling.MAX_SIGNAL_BYTES))));
            assertThat(error(a).get("code").asText()).as("too big").isEqualTo("invalid-call-frame");
            a.send(Map.of("type", "call.signal", "callId", callId, "fromPeer", alicePeer, "toPeer", bobPeer, "signal", "text"));
            assertThat(error(a).get("code").asText()).as("a signal that is not an object").isEqualTo("invalid-call-frame");

            // Only bob's streams got a signal, and only the genuine one.
            b.send(Map.of("type", "ping"));
            JsonNode next = b.await(f -> "pong".equals(f.path("type").asText()) || "call.signal".equals(f.path("type").asText()), WAIT);
            assertThat(next.get("type").asText()).isEqualTo("pong");
            c.send(Map.of("type", "ping"));
            assertThat(c.await(f -> "pong".equals(f.path("type").asText()) || "call.signal".equals(f.path("type").asText()), WAIT)
                    .get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void controls_change_the_roster_that_every_member_sees() {
        List<Person> people = fx.people("controls", 3);
        String group = fx.group(people);
        try (StreamClient watcher = fx.stream(people.get(2)); StreamClient b = fx.stream(people.get(1))) {
            String callId = calls.started(people.get(0), group);
            calls.joined(people.get(0), callId);
            String bobPeer = calls.joined(people.get(1), callId);
            b.send(Map.of("type", "call.state", "callId", callId, "peerId", bobPeer, "muted", true, "camera", false,
                    "screen", false, "hand", true));
            JsonNode roster = watcher.await(f -> CallTestSupport.frame("call.roster", callId).test(f)
                    && f.get("participants").size() == 2 && f.at("/participants/1/hand").asBoolean(), WAIT);
            assertThat(roster.at("/participants/1/peerId").asText()).isEqualTo(bobPeer);
            assertThat(roster.at("/participants/1/muted").asBoolean()).isTrue();
            assertThat(roster.at("/participants/0/hand").asBoolean()).isFalse();
            assertThat(api.get("/api/v1/calls/" + callId, people.get(2).token()).json().at("/participants/1/muted").asBoolean())
                    .isTrue();

            b.send(Map.of("type", "call.state", "callId", callId, "peerId", bobPeer, "muted", "yes"));
            assertThat(error(b).get("code").asText()).isEqualTo("invalid-call-frame");
            watcher.send(Map.of("type", "call.state", "callId", callId, "peerId", bobPeer, "muted", false));
            assertThat(error(watcher).get("code").asText()).as("not the sender's peer").isEqualTo("not-in-call");
        }
    }

    @Test
    void too_many_call_frames_get_an_error_each_and_the_stream_stays_open() {
        Person flooder = fx.person("flooder");
        try (StreamClient s = fx.stream(flooder)) {
            Map<String, Object> frame = signal(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), Map.of("type", "candidate"));
            for (int i = 0; i < CallSignalling.FRAMES_PER_SECOND + 10; i++) {
                s.send(frame);
            }
            // The clock does not move in tests: the first 50 are refused as not-in-call, the rest as too many.
            s.await(f -> "error".equals(f.path("type").asText()) && "rate-limited".equals(f.path("code").asText()), WAIT);
            s.send(Map.of("type", "ping"));
            s.awaitType("pong");
        }
    }

    private static Map<String, Object> signal(String callId, String from, String to, Object signal) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "call.signal");
        f.put("callId", callId);
        f.put("fromPeer", from);
        f.put("toPeer", to);
        f.put("signal", signal);
        return f;
    }

    private static JsonNode error(StreamClient s) {
        return s.await(f -> "error".equals(f.path("type").asText()), WAIT);
    }
}
