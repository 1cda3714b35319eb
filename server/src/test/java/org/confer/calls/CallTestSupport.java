package org.confer.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.StreamClient;

/** Calls over the public API, for the calls tests. */
final class CallTestSupport {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Api api;

    CallTestSupport(Api api) {
        this.api = api;
    }

    Api.Response start(Person who, String conversationId) {
        return api.post("/api/v1/conversations/" + conversationId + "/calls", Map.of("media", "video"), who.token());
    }

    /** Starts a call that must be new; returns its id. */
    String started(Person who, String conversationId) {
        Api.Response r = start(who, conversationId);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    Api.Response join(Person who, String callId) {
        return api.post("/api/v1/calls/" + callId + "/join", Map.of(), who.token());
    }

    /** Joins and returns the grant's peerId. */
    String joined(Person who, String callId) {
        Api.Response r = join(who, callId);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("state").asText()).isEqualTo("joined");
        return r.json().get("peerId").asText();
    }

    Api.Response leave(Person who, String callId, String peerId) {
        return api.post("/api/v1/calls/" + callId + "/leave", Map.of("peerId", peerId), who.token());
    }

    Api.Response call(Person who, String callId) {
        return api.get("/api/v1/calls/" + callId, who.token());
    }

    /** The people in the call now, by peer. */
    List<String> peers(Person who, String callId) {
        Api.Response r = call(who, callId);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("participants").forEach(p -> out.add(p.get("peerId").asText()));
        return out;
    }

    /** The stored events of a conversation of these kinds, in order. */
    List<JsonNode> events(Person who, String conversationId, String kindPrefix) {
        Api.Response r = api.get("/api/v1/conversations/" + conversationId + "/events?after=0", who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(i -> {
            if (i.get("event").get("kind").asText().startsWith(kindPrefix)) {
                out.add(i.get("event"));
            }
        });
        return out;
    }

    static Predicate<JsonNode> frame(String type, String callId) {
        return f -> type.equals(f.path("type").asText()) && callId.equals(f.path("callId").asText());
    }

    static JsonNode await(StreamClient s, String type, String callId) {
        return s.await(frame(type, callId), WAIT);
    }

    /** The next roster of the call with this many participants. */
    static JsonNode awaitRoster(StreamClient s, String callId, int participants) {
        return s.await(f -> frame("call.roster", callId).test(f) && f.get("participants").size() == participants, WAIT);
    }
}
