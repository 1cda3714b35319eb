package org.confer.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.calls.CallTestSupport.WAIT;
import static org.confer.calls.CallTestSupport.await;
import static org.confer.calls.CallTestSupport.awaitRoster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * Ad-hoc calls over the API and the stream (docs/calls-and-meetings.md): starting, ringing,
 * joining, leaving and ending; missed calls; one live call per conversation; the mesh cap without
 * an SFU; who may see a call at all. Time is moved with the server's test clock.
 */
class CallsTest extends ServerTest {
    private ChatFixtures fx;
    private CallTestSupport calls;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        calls = new CallTestSupport(api);
    }

    @Test
    void a_direct_call_rings_the_other_person_who_answers_and_the_last_one_out_ends_it() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        String direct = fx.direct(alice, bob);
        try (StreamClient aliceStream = fx.stream(alice); StreamClient bobStream = fx.stream(bob)) {
            Api.Response started = calls.start(alice, direct);
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            String callId = started.json().get("id").asText();
            assertThat(started.json().get("topology").asText()).isEqualTo("mesh");
            assertThat(started.json().get("media").asText()).isEqualTo("video");
            assertThat(started.json().get("endedAt").isNull()).isTrue();

            JsonNode ring = await(bobStream, "call.ring", callId);
            assertThat(ring.get("from").asText()).isEqualTo(alice.id());
            assertThat(ring.get("conversationId").asText()).isEqualTo(direct);
            assertThat(ring.get("media").asText()).isEqualTo("video");

            Api.Response again = calls.start(bob, direct);
            assertThat(again.status()).as("a second start answers the live call").isEqualTo(200);
            assertThat(again.json().get("id").asText()).isEqualTo(callId);
            assertThat(ChatFixtures.ids(api.get("/api/v1/calls", bob.token()))).contains(callId);

            Api.Response grant = calls.join(alice, callId);
            assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
            assertThat(grant.json().get("state").asText()).isEqualTo("joined");
            assertThat(grant.json().get("topology").asText()).isEqualTo("mesh");
            assertThat(grant.json().has("janus")).as("janus is sent, as null, on a mesh").isTrue();
            assertThat(grant.json().get("janus").isNull()).isTrue();
            assertThat(grant.json().get("iceServers").isArray()).isTrue();
            assertThat(grant.json().get("iceTransportPolicy").asText()).isEqualTo("all");
            assertThat(grant.json().at("/call/participants/0/userId").asText()).isEqualTo(alice.id());
            String alicePeer = grant.json().get("peerId").asText();

            String bobPeer = calls.joined(bob, callId);
            assertThat(await(bobStream, "call.ring-stopped", callId).get("reason").asText()).isEqualTo("answered");
            JsonNode roster = awaitRoster(aliceStream, callId, 2);
            assertThat(roster.get("conversationId").asText()).isEqualTo(direct);
            assertThat(roster.get("ended").asBoolean()).isFalse();
            assertThat(inCall(alice, bob)).as("presence says bob is in a call").isTrue();

            assertThat(calls.leave(bob, callId, alicePeer).status()).as("someone else's peer is not yours to leave").isEqualTo(404);
            assertThat(calls.leave(alice, callId, alicePeer).status()).isEqualTo(204);
            awaitRoster(bobStream, callId, 1);
            assertThat(calls.peers(bob, callId)).containsExactly(bobPeer);
            assertThat(calls.leave(bob, callId, bobPeer).status()).isEqualTo(204);
            assertThat(aliceStream.await(f -> CallTestSupport.frame("call.roster", callId).test(f) && f.get("ended").asBoolean(), WAIT)
                    .get("participants")).isEmpty();

            List<JsonNode> lines = calls.events(alice, direct, "call.");
            assertThat(lines).extracting(e -> e.get("kind").asText()).containsExactly("call.started", "call.ended");
            assertThat(lines.get(0).get("by").asText()).isEqualTo(alice.id());
            assertThat(lines.get(0).get("topology").asText()).isEqualTo("mesh");
            assertThat(ChatFixtures.strings(lines.get(1).get("participants"))).containsExactlyInAnyOrder(alice.id(), bob.id());

            Api.Response after = calls.call(bob, callId);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.json().get("endedAt").isNull()).isFalse();
            assertThat(after.json().get("participants")).isEmpty();
            Api.Response late = calls.join(bob, callId);
            assertThat(late.status()).as(late.toString()).isEqualTo(410);
            assertThat(late.problemType()).isEqualTo("call-ended");
            assertThat(ChatFixtures.ids(api.get("/api/v1/calls", bob.token()))).doesNotContain(callId);
            assertThat(inCall(alice, bob)).isFalse();
            assertThat(calls.started(bob, direct)).as("a new call after the end").isNotEqualTo(callId);
        }
    }

    @Test
    void nobody_answering_within_45_seconds_is_a_missed_call_for_those_rung_who_did_not_decline() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        Person carol = fx.person("carol");
        String group = fx.group(alice, bob, carol);
        try (StreamClient bobStream = fx.stream(bob); StreamClient carolStream = fx.stream(carol)) {
            String callId = calls.started(alice, group);
            String alicePeer = calls.joined(alice, callId);
            await(bobStream, "call.ring", callId);
            await(carolStream, "call.ring", callId);
            assertThat(api.post("/api/v1/calls/" + callId + "/decline", Map.of(), carol.token()).status()).isEqualTo(204);
            assertThat(await(carolStream, "call.ring-stopped", callId).get("reason").asText()).isEqualTo("declined");

            server.clock.advance(Duration.ofSeconds(30));
            server.app().calls().sweep();
            assertThat(calls.events(alice, group, "call.missed")).as("still ringing at 30 s").isEmpty();
            server.clock.advance(Duration.ofSeconds(16));
            server.app().calls().sweep();
            assertThat(await(bobStream, "call.ring-stopped", callId).get("reason").asText()).isEqualTo("missed");
            List<JsonNode> missed = calls.events(alice, group, "call.missed");
            assertThat(missed).hasSize(1);
            assertThat(missed.getFirst().get("caller").asText()).isEqualTo(alice.id());
            assertThat(ChatFixtures.strings(missed.getFirst().get("missedBy"))).containsExactly(bob.id());
            assertThat(calls.peers(alice, callId)).as("the caller is still in the call").containsExactly(alicePeer);

            assertThat(calls.leave(alice, callId, alicePeer).status()).isEqualTo(204);
            assertThat(calls.events(alice, group, "call.")).extracting(e -> e.get("kind").asText())
                    .containsExactly("call.started", "call.missed", "call.ended");
        }
    }

    @Test
    void the_caller_hanging_up_before_anyone_answered_is_a_missed_call() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        String direct = fx.direct(alice, bob);
        try (StreamClient bobStream = fx.stream(bob)) {
            String callId = calls.started(alice, direct);
            String peer = calls.joined(alice, callId);
            await(bobStream, "call.ring", callId);
            assertThat(calls.leave(alice, callId, peer).status()).isEqualTo(204);
            assertThat(await(bobStream, "call.ring-stopped", callId).get("reason").asText()).isEqualTo("missed");
            List<JsonNode> lines = calls.events(bob, direct, "call.");
            assertThat(lines).extracting(e -> e.get("kind").asText()).containsExactly("call.started", "call.missed", "call.ended");
            assertThat(ChatFixtures.strings(lines.get(1).get("missedBy"))).containsExactly(bob.id());
        }
    }

    @Test
    void people_starting_a_call_in_the_same_chat_at_once_all_get_the_same_one() throws Exception {
        List<Person> people = fx.people("racer", 3);
        String group = fx.group(people);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Api.Response>> starts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Person p = people.get(i % 3);
                starts.add(() -> calls.start(p, group));
            }
            Set<String> ids = new TreeSet<>();
            int created = 0;
            for (Future<Api.Response> f : pool.invokeAll(starts)) {
                Api.Response r = f.get();
                assertThat(r.status()).as(r.toString()).isIn(200, 201);
                created += r.status() == 201 ? 1 : 0;
                ids.add(r.json().get("id").asText());
            }
            assertThat(ids).as("one call").hasSize(1);
            assertThat(created).as("started once").isEqualTo(1);
            assertThat(calls.events(people.getFirst(), group, "call.started")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void without_an_sfu_meet_now_in_a_channel_rings_nobody_and_is_a_mesh_of_at_most_four() {
        Person owner = fx.person("owner");
        List<Person> others = fx.people("nurse", 4);
        String team = fx.teamWith(owner, others.toArray(Person[]::new));
        String general = fx.general(owner, team);
        try (StreamClient watcher = fx.stream(others.getFirst())) {
            Api.Response started = calls.start(owner, general);
            assertThat(started.status()).isEqualTo(201);
            String callId = started.json().get("id").asText();
            assertThat(started.json().get("topology").asText()).as("no SFU is configured").isEqualTo("mesh");
            // A ring would come before the first roster: the roster coming first shows there was none.
            JsonNode first = watcher.await(f -> CallTestSupport.frame("call.ring", callId).test(f)
                    || CallTestSupport.frame("call.roster", callId).test(f), WAIT);
            assertThat(first.get("type").asText()).isEqualTo("call.roster");

            calls.joined(owner, callId);
            for (int i = 0; i < 3; i++) {
                calls.joined(others.get(i), callId);
            }
            Api.Response fifth = calls.join(others.get(3), callId);
            assertThat(fifth.status()).as(fifth.toString()).isEqualTo(409);
            assertThat(fifth.problemType()).isEqualTo("call-full");
            assertThat(calls.peers(owner, callId)).hasSize(4);
            assertThat(calls.events(owner, general, "call.started").getFirst().get("topology").asText()).isEqualTo("mesh");
        }
    }

    @Test
    void someone_outside_the_conversation_gets_404_from_every_call_route_and_changes_nothing() {
        List<Person> people = fx.people("member", 3);
        Person stranger = fx.person("stranger");
        String group = fx.group(people);
        String callId = calls.started(people.get(0), group);
        String peer = calls.joined(people.get(0), callId);
        String member = people.get(1).id();
        long before = fx.lastSeq(people.get(0), group);
        for (String id : List.of(callId, UUID.randomUUID().toString())) {
            String c = "/api/v1/calls/" + id;
            List<Api.Response> answers = List.of(
                    api.get(c, stranger.token()),
                    api.post(c + "/join", Map.of(), stranger.token()),
                    api.post(c + "/leave", Map.of("peerId", peer), stranger.token()),
                    api.post(c + "/decline", Map.of(), stranger.token()),
                    api.post(c + "/lobby/" + member + "/admit", Map.of(), stranger.token()),
                    api.post(c + "/lobby/" + member + "/deny", Map.of(), stranger.token()),
                    api.post(c + "/participants/" + member + "/remove", Map.of(), stranger.token()));
            for (Api.Response r : answers) {
                assertThat(r.status()).as(r.toString()).isEqualTo(404);
                assertThat(r.problemType()).isEqualTo("not-found");
                // The problem's instance echoes the caller's own path; the rest must say nothing of the call.
                assertThat(r.json().get("detail").asText()).doesNotContain(member).doesNotContain(people.get(0).id());
            }
        }
        Api.Response start = calls.start(stranger, group);
        assertThat(start.status()).isEqualTo(404);
        assertThat(ChatFixtures.ids(api.get("/api/v1/calls", stranger.token()))).doesNotContain(callId);
        assertThat(calls.peers(people.get(0), callId)).containsExactly(peer);
        assertThat(fx.lastSeq(people.get(0), group)).isEqualTo(before);
    }

    @Test
    void a_person_removed_from_a_channel_leaves_its_call() {
        ChatFixtures.BasicTeam team = fx.basicTeam();
        try (StreamClient ownerStream = fx.stream(team.owner())) {
            String callId = calls.started(team.owner(), team.privateChannel());
            calls.joined(team.owner(), callId);
            calls.joined(team.member(), callId);
            awaitRoster(ownerStream, callId, 2);
            assertThat(api.delete("/api/v1/conversations/" + team.privateChannel() + "/members/" + team.member().id(),
                    team.owner().token()).status()).isEqualTo(204);
            JsonNode roster = awaitRoster(ownerStream, callId, 1);
            assertThat(roster.at("/participants/0/userId").asText()).isEqualTo(team.owner().id());
            assertThat(calls.join(team.member(), callId).status()).isEqualTo(404);
        }
    }

    @Test
    void a_peer_whose_person_has_no_stream_for_a_minute_leaves_but_a_stream_that_reconnects_in_time_keeps_it() {
        List<Person> people = fx.people("ward", 3);
        String group = fx.group(people);
        Person alice = people.get(0);
        Person bob = people.get(1);
        StreamClient aliceStream = fx.stream(alice);
        String callId = calls.started(alice, group);
        String alicePeer = calls.joined(alice, callId);
        calls.joined(bob, callId); // bob never opens a stream
        server.app().calls().sweep();
        server.clock.advance(Duration.ofSeconds(61));
        server.app().calls().sweep();
        assertThat(calls.peers(alice, callId)).as("bob had no stream for a minute").containsExactly(alicePeer);

        aliceStream.close();
        awaitNoStream(alice);
        server.clock.advance(Duration.ofSeconds(30));
        server.app().calls().sweep();
        try (StreamClient again = fx.stream(alice)) {
            server.clock.advance(Duration.ofSeconds(40));
            server.app().calls().sweep();
            assertThat(calls.peers(alice, callId)).as("alice's stream came back within the minute").containsExactly(alicePeer);
        }
    }

    private void awaitNoStream(Person p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.app().stream().connectionsOf(UUID.fromString(p.id())) > 0) {
            assertThat(System.nanoTime()).as("the stream closed on the server").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }

    /** Whether {@code viewer} sees {@code who} as in a call. */
    private boolean inCall(Person viewer, Person who) {
        Api.Response r = api.get("/api/v1/presence?userIds=" + who.id(), viewer.token());
        assertThat(r.status()).isEqualTo(200);
        return r.json().at("/items/0/inCall").asBoolean();
    }
}
