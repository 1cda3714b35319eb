package org.confer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.confer.calls.CallViews.JoinGrant;
import org.confer.calls.CallViews.Waiting;
import org.confer.calls.LobbyPolicy;
import org.confer.calls.MeetingAccess;
import org.confer.identity.Principal;
import org.confer.identity.Role;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Eventually;
import org.confer.testing.StreamClient;
import org.confer.testing.TestServer;
import org.confer.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calls in a cluster (docs/calls-and-meetings.md, "Where a call lives"): two nodes on one
 * PostgreSQL database and a NATS of the test's own. A call is held by the node that started it;
 * whatever reaches another node about it (REST, stream frames, the lobby) is done on the owner,
 * so people on different nodes share one roster. When the owner node is gone, the others end its
 * calls once, and the conversation can have a new one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private TwoNodes cluster;
    private TestServer a;
    private TestServer b;
    private ChatFixtures people;

    @BeforeAll
    void startTwoNodes() {
        cluster = TwoNodes.start(Map.of());
        a = cluster.a;
        b = cluster.b;
        people = new ChatFixtures(a);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void a_direct_call_between_people_on_two_nodes_has_one_roster_and_its_signals_cross() {
        Person alice = people.person("Alice");
        Person bob = people.person("Bob");
        String direct = people.direct(alice, bob);
        try (StreamClient aliceOnA = ready(a, alice); StreamClient bobOnB = ready(b, bob)) {
            Api.Response started = a.api.post("/api/v1/conversations/" + direct + "/calls", Map.of("media", "video"), alice.token());
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            String callId = started.json().get("id").asText();
            assertThat(bobOnB.await(frame("call.ring", callId), WAIT).get("from").asText()).isEqualTo(alice.id());

            String alicePeer = joined(a, alice, callId);
            String bobPeer = joined(b, bob, callId);
            assertThat(peers(a, alice, callId)).containsExactlyInAnyOrder(alicePeer, bobPeer);
            assertThat(peers(b, bob, callId)).as("the same roster through the other node").containsExactlyInAnyOrder(alicePeer, bobPeer);
            awaitRoster(aliceOnA, callId, 2);
            awaitRoster(bobOnB, callId, 2);

            Api.Response again = b.api.post("/api/v1/conversations/" + direct + "/calls", Map.of("media", "video"), bob.token());
            assertThat(again.status()).as("starting through node B answers the live call").isEqualTo(200);
            assertThat(again.json().get("id").asText()).isEqualTo(callId);
            assertThat(ids(b.api.get("/api/v1/calls", bob.token()).json().get("items"))).contains(callId);

            aliceOnA.send(signal(callId, alicePeer, bobPeer, "offer from A"));
            JsonNode toBob = bobOnB.await(frame("call.signal", callId), WAIT);
            assertThat(toBob.get("fromPeer").asText()).isEqualTo(alicePeer);
            assertThat(toBob.at("/signal/sdp").asText()).isEqualTo("offer from A");
            bobOnB.send(signal(callId, bobPeer, alicePeer, "answer from B"));
            JsonNode toAlice = aliceOnA.await(frame("call.signal", callId), WAIT);
            assertThat(toAlice.get("fromUser").asText()).isEqualTo(bob.id());
            assertThat(toAlice.at("/signal/sdp").asText()).isEqualTo("answer from B");

            bobOnB.send(signal(callId, bobPeer, UUID.randomUUID().toString(), "to nobody"));
            JsonNode refused = bobOnB.await(f -> "error".equals(f.path("type").asText()), WAIT);
            assertThat(refused.get("code").asText()).as("the owner's refusal comes back to the sender").isEqualTo("not-in-call");

            bobOnB.send(Map.of("type", "call.state", "callId", callId, "peerId", bobPeer, "muted", true));
            JsonNode muted = aliceOnA.await(f -> frame("call.roster", callId).test(f) && mutedPeer(f, bobPeer), WAIT);
            assertThat(muted.get("participants")).hasSize(2);

            Api.Response left = b.api.post("/api/v1/calls/" + callId + "/leave", Map.of("peerId", bobPeer), bob.token());
            assertThat(left.status()).as(left.toString()).isEqualTo(204);
            awaitRoster(aliceOnA, callId, 1);
            assertThat(peers(a, alice, callId)).containsExactly(alicePeer);

            Api.Response notHis = b.api.post("/api/v1/calls/" + callId + "/leave", Map.of("peerId", alicePeer), bob.token());
            assertThat(notHis.status()).as("the owner's problem, as the owner answered it").isEqualTo(404);
            assertThat(a.api.post("/api/v1/calls/" + callId + "/leave", Map.of("peerId", alicePeer), alice.token()).status())
                    .isEqualTo(204);
            assertThat(b.api.get("/api/v1/calls/" + callId, bob.token()).json().get("endedAt").isNull()).isFalse();
        }
    }

    @Test
    void someone_waiting_in_a_meetings_lobby_through_one_node_is_admitted_through_the_other() {
        Person organiser = people.person("Organiser");
        Person guest = people.person("Guest");
        String group = people.group(List.of(organiser, guest, people.person("Third")));
        MeetingAccess meeting = new MeetingAccess(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MINUTES),
                UUID.fromString(group), "Ward round", "video", LobbyPolicy.INVITEES, UUID.fromString(organiser.id()),
                organisationOf(organiser), Set.of(), Set.of());
        try (StreamClient organiserOnA = ready(a, organiser); StreamClient guestOnB = ready(b, guest)) {
            JoinGrant first = (JoinGrant) a.app().calls().joinMeeting(principal(organiser), meeting);
            String callId = first.callId().toString();

            assertThat(b.app().calls().joinMeeting(principal(guest), meeting))
                    .as("the lobby of the owner, through node B").isInstanceOf(Waiting.class);
            JsonNode lobby = organiserOnA.await(f -> frame("call.lobby", callId).test(f) && f.get("waiting").size() == 1, WAIT);
            assertThat(lobby.at("/waiting/0/userId").asText()).isEqualTo(guest.id());
            assertThat(b.app().calls().liveIn(UUID.fromString(group)).orElseThrow().waiting()).containsKey(UUID.fromString(guest.id()));

            Api.Response admit = b.api.post("/api/v1/calls/" + callId + "/lobby/" + guest.id() + "/admit", Map.of(), organiser.token());
            assertThat(admit.status()).as(admit.toString()).isEqualTo(204);
            assertThat(guestOnB.await(frame("call.admission", callId), WAIT).get("state").asText()).isEqualTo("admitted");
            joined(b, guest, callId);
            assertThat(a.app().calls().liveIn(UUID.fromString(group)).orElseThrow().people()).isEqualTo(2);
        }
    }

    @Test
    void a_call_whose_node_is_gone_is_ended_once_and_a_new_one_can_start() {
        Person carol = people.person("Carol");
        Person dan = people.person("Dan");
        String direct = people.direct(carol, dan);
        String callId;
        try (TestServer c = cluster.startAnother();
             StreamClient carolOnC = ready(c, carol)) {
            // Nodes A and B have heard of node C once they hear who is connected to it.
            for (TestServer other : List.of(a, b)) {
                Eventually.answer(WAIT, () -> statusOf(other, dan, carol), "available"::equals, "Carol on C, seen from another node");
            }
            Api.Response started = c.api.post("/api/v1/conversations/" + direct + "/calls", Map.of("media", "audio"), carol.token());
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            callId = started.json().get("id").asText();
            joined(c, carol, callId);
            joined(b, dan, callId);
        }
        Api.Response silent = b.api.get("/api/v1/calls/" + callId, dan.token());
        assertThat(silent.status()).as("node C is closed and not yet known to be gone: " + silent).isEqualTo(503);
        assertThat(silent.problemType()).isEqualTo("call-node-unavailable");

        String ended = Eventually.answer(Duration.ofSeconds(45), () -> b.api.get("/api/v1/calls/" + callId, dan.token()),
                r -> r.status() == 200 && !r.json().get("endedAt").isNull(), "the call ended by the surviving nodes").toString();
        assertThat(ended).isNotBlank();
        List<JsonNode> endings = new ArrayList<>();
        a.api.get("/api/v1/conversations/" + direct + "/events?after=0", carol.token()).json().get("items").forEach(i -> {
            if ("call.ended".equals(i.at("/event/kind").asText()) && callId.equals(i.at("/event/callId").asText())) {
                endings.add(i);
            }
        });
        assertThat(endings).as("ended once, though two nodes saw its node go").hasSize(1);

        Api.Response again = b.api.post("/api/v1/conversations/" + direct + "/calls", Map.of("media", "audio"), dan.token());
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().get("id").asText()).isNotEqualTo(callId);
        String next = again.json().get("id").asText();
        assertThat(peersOf(a.api.get("/api/v1/calls/" + next, carol.token()))).as("node A reaches node B's call").isEmpty();
    }

    // ---- helpers ----

    private static String statusOf(TestServer node, Person asker, Person about) {
        Api.Response r = node.api.get("/api/v1/presence?userIds=" + about.id(), asker.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items").get(0).get("status").asText();
    }

    private static StreamClient ready(TestServer node, Person who) {
        StreamClient s = StreamClient.connect(node.api.base(), who.token(), true);
        s.hello(Map.of(), null);
        s.awaitType("ready");
        return s;
    }

    private static String joined(TestServer node, Person who, String callId) {
        Api.Response r = node.api.post("/api/v1/calls/" + callId + "/join", Map.of(), who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("state").asText()).isEqualTo("joined");
        return r.json().get("peerId").asText();
    }

    private static List<String> peers(TestServer node, Person who, String callId) {
        return peersOf(node.api.get("/api/v1/calls/" + callId, who.token()));
    }

    private static List<String> peersOf(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("participants").forEach(p -> out.add(p.get("peerId").asText()));
        return out;
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    private static Predicate<JsonNode> frame(String type, String callId) {
        return f -> type.equals(f.path("type").asText()) && callId.equals(f.path("callId").asText());
    }

    private static void awaitRoster(StreamClient s, String callId, int participants) {
        s.await(f -> frame("call.roster", callId).test(f) && f.get("participants").size() == participants, WAIT);
    }

    private static boolean mutedPeer(JsonNode roster, String peerId) {
        for (JsonNode p : roster.get("participants")) {
            if (peerId.equals(p.path("peerId").asText()) && p.path("muted").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> signal(String callId, String from, String to, String sdp) {
        return Map.of("type", "call.signal", "callId", callId, "fromPeer", from, "toPeer", to,
                "signal", Map.of("type", "offer", "sdp", sdp));
    }

    private UUID organisationOf(Person p) {
        return UUID.fromString(a.api.get("/api/v1/me", p.token()).json().at("/organisation/id").asText());
    }

    private Principal principal(Person p) {
        return new Principal(UUID.fromString(p.id()), organisationOf(p), Role.MEMBER, UUID.randomUUID(), false);
    }
}
