package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.realtime.RealtimeFixtures.awaitPresence;
import static org.confer.realtime.RealtimeFixtures.isPresenceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * Presence (docs/protocol.md): effective status from open streams, chosen status and note,
 * auto-away, and visibility limited to people who share a team or conversation.
 */
class PresenceTest extends ServerTest {
    private RealtimeFixtures fx;


    @Override
    protected void afterStart() {
        fx = new RealtimeFixtures(server);
    }

    @Test
    void a_chosen_status_and_note_reach_a_co_member_over_rest_and_live_but_not_someone_who_shares_nothing() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        Person carol = fx.person("carol");
        fx.direct(alice, bob);
        fx.group(carol, fx.person("someone"), fx.person("else"));
        try (StreamClient aliceStream = fx.stream(alice); StreamClient bobStream = fx.stream(bob);
             StreamClient carolStream = fx.stream(carol)) {
            Api.Response r = fx.choose(alice, "busy", "  In theatre until 3pm ");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("busy");
            assertThat(r.json().get("note").asText()).isEqualTo("In theatre until 3pm");

            JsonNode frame = awaitPresence(bobStream, alice, "busy");
            assertThat(frame.get("note").asText()).isEqualTo("In theatre until 3pm");
            assertThat(Instant.parse(frame.get("lastActiveAt").asText())).isNotNull();
            JsonNode seen = fx.presenceOf(bob, alice);
            assertThat(seen.get("status").asText()).isEqualTo("busy");
            assertThat(seen.get("note").asText()).isEqualTo("In theatre until 3pm");

            // Carol shares nothing with Alice: left out exactly like an id that does not exist.
            Api.Response carolView = fx.lookup(carol, alice.id(), UUID.randomUUID().toString(), carol.id());
            assertThat(carolView.status()).isEqualTo(200);
            assertThat(userIds(carolView)).containsExactly(carol.id());
            assertThat(carolStream.drain(Duration.ofMillis(500))).noneMatch(f -> isPresenceOf(f, alice));
        }
    }

    @Test
    void people_who_share_a_team_see_each_others_presence_once_per_stream_however_much_they_share() {
        Person owner = fx.person("owner");
        Person member = fx.person("member");
        Person outsider = fx.person("outsider");
        fx.team(owner, member);
        fx.team(member, owner);
        fx.direct(owner, member);
        try (StreamClient memberStream = fx.stream(member)) {
            assertThat(fx.presenceOf(owner, member).get("status").asText()).isEqualTo("available");
            assertThat(fx.presenceOf(outsider, member)).isNull();
            Api.Response twice = fx.lookup(owner, member.id(), member.id());
            assertThat(userIds(twice)).containsExactly(member.id());
            try (StreamClient ownerStream = fx.stream(owner)) {
                awaitPresence(memberStream, owner, "available");
                assertThat(memberStream.drain(Duration.ofMillis(500))).noneMatch(f -> isPresenceOf(f, owner));
            }
        }
    }

    @Test
    void presence_is_offline_without_a_stream_available_on_connect_and_offline_again_when_the_last_stream_closes() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        fx.direct(alice, bob);
        JsonNode before = fx.presenceOf(bob, alice);
        assertThat(before.get("status").asText()).isEqualTo("offline");
        assertThat(before.get("note").isNull()).isTrue();
        assertThat(before.get("lastActiveAt").isNull()).isTrue();

        try (StreamClient bobStream = fx.stream(bob)) {
            StreamClient first = fx.stream(alice);
            awaitPresence(bobStream, alice, "available");
            JsonNode online = fx.presenceOf(bob, alice);
            assertThat(online.get("status").asText()).isEqualTo("available");
            assertThat(Instant.parse(online.get("lastActiveAt").asText())).isNotNull();

            // A second device: closing one of two streams leaves her online, and says nothing.
            StreamClient second = fx.stream(alice);
            first.close();
            assertThat(bobStream.drain(Duration.ofMillis(500))).noneMatch(f -> isPresenceOf(f, alice));
            assertThat(fx.presenceOf(bob, alice).get("status").asText()).isEqualTo("available");

            second.close();
            JsonNode offline = awaitPresence(bobStream, alice, "offline");
            assertThat(offline.get("lastActiveAt").asText()).isEqualTo(online.get("lastActiveAt").asText());
            JsonNode after = fx.presenceOf(bob, alice);
            assertThat(after.get("status").asText()).isEqualTo("offline");
            assertThat(after.get("lastActiveAt").asText()).isEqualTo(online.get("lastActiveAt").asText());
        }
    }

    @Test
    void an_idle_available_person_turns_away_after_ten_minutes_and_available_again_on_activity() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        fx.direct(alice, bob);
        try (StreamClient bobStream = fx.stream(bob); StreamClient aliceStream = fx.stream(alice)) {
            awaitPresence(bobStream, alice, "available");
            server.clock.advance(Duration.ofMinutes(10).minusSeconds(1));
            server.app().presence().sweep();
            assertThat(fx.presenceOf(bob, alice).get("status").asText()).isEqualTo("available");
            assertThat(bobStream.drain(Duration.ofMillis(300))).noneMatch(f -> isPresenceOf(f, alice));

            server.clock.advance(Duration.ofSeconds(1));
            // Read lazily: away before any sweep has run...
            assertThat(fx.presenceOf(bob, alice).get("status").asText()).isEqualTo("away");
            // ...and the sweep is what tells the watchers.
            server.app().presence().sweep();
            awaitPresence(bobStream, alice, "away");

            aliceStream.send(Map.of("type", "active"));
            awaitPresence(bobStream, alice, "available");
            assertThat(fx.presenceOf(bob, alice).get("status").asText()).isEqualTo("available");
            // Any frame is activity, not only "active".
            server.clock.advance(Duration.ofMinutes(10));
            server.app().presence().sweep();
            awaitPresence(bobStream, alice, "away");
            aliceStream.send(Map.of("type", "ping"));
            awaitPresence(bobStream, alice, "available");

            // Choosing a status over REST is activity too: "available" after an idle spell is not "away".
            server.clock.advance(Duration.ofMinutes(10));
            server.app().presence().sweep();
            awaitPresence(bobStream, alice, "away");
            assertThat(fx.choose(alice, "available", null).json().get("status").asText()).isEqualTo("available");
            awaitPresence(bobStream, alice, "available");
        }
    }

    @Test
    void a_chosen_busy_dnd_or_away_is_never_turned_into_away_or_available_by_the_clock_or_activity() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        fx.direct(alice, bob);
        try (StreamClient aliceStream = fx.stream(alice); StreamClient bobStream = fx.stream(bob)) {
            for (String chosen : List.of("busy", "dnd")) {
                assertThat(fx.choose(alice, chosen, null).status()).isEqualTo(200);
                awaitPresence(bobStream, alice, chosen);
                server.clock.advance(Duration.ofMinutes(11));
                server.app().presence().sweep();
                assertThat(fx.presenceOf(bob, alice).get("status").asText()).isEqualTo(chosen);
                assertThat(bobStream.drain(Duration.ofMillis(300))).noneMatch(f -> isPresenceOf(f, alice));
            }
            assertThat(fx.choose(alice, "away", null).status()).isEqualTo(200);
            awaitPresence(bobStream, alice, "away");
            aliceStream.send(Map.of("type", "active"));
            assertThat(aliceStream.drain(Duration.ofMillis(300))).noneMatch(f -> "error".equals(f.path("type").asText()));
            assertThat(fx.presenceOf(bob, alice).get("status").asText()).isEqualTo("away");
            assertThat(bobStream.drain(Duration.ofMillis(300))).noneMatch(f -> isPresenceOf(f, alice));
        }
    }

    @Test
    void the_note_is_cleared_with_null_or_an_empty_string_and_kept_while_offline() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        fx.direct(alice, bob);
        try (StreamClient bobStream = fx.stream(bob)) {
            // Without a stream she is offline, but her note ("on leave") is still shown and announced.
            Api.Response r = fx.choose(alice, "away", "On leave until Monday");
            assertThat(r.json().get("status").asText()).isEqualTo("offline");
            JsonNode offline = awaitPresence(bobStream, alice, "offline");
            assertThat(offline.get("note").asText()).isEqualTo("On leave until Monday");
            assertThat(fx.presenceOf(bob, alice).get("note").asText()).isEqualTo("On leave until Monday");

            try (StreamClient aliceStream = fx.stream(alice)) {
                assertThat(awaitPresence(bobStream, alice, "away").get("note").asText()).isEqualTo("On leave until Monday");
                assertThat(fx.choose(alice, "available", "").json().get("note").isNull()).isTrue();
                assertThat(awaitPresence(bobStream, alice, "available").get("note").isNull()).isTrue();
                fx.choose(alice, "available", "Ward round");
                awaitPresence(bobStream, alice, "available");
                assertThat(fx.choose(alice, "available", null).json().get("note").isNull()).isTrue();
                assertThat(fx.presenceOf(bob, alice).get("note").isNull()).isTrue();
                assertThat(fx.put(alice, Map.of("status", "busy")).json().get("note").isNull()).isTrue();
            }
        }
    }

    @Test
    void a_status_that_is_unknown_missing_or_offline_is_refused_naming_the_field_status() {
        Person alice = fx.person("alice");
        for (String status : new String[] {"asleep", "offline", "Busy", ""}) {
            Api.Response r = fx.choose(alice, status, null);
            assertThat(r.status()).as(status + ": " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("status");
        }
        Api.Response missing = fx.put(alice, Map.of("note", "hello"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("status");
        Api.Response typo = fx.put(alice, Map.of("status", "busy", "nite", "x"));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("field").asText()).isEqualTo("nite");
        // Nothing was changed by the refused requests.
        assertThat(fx.presenceOf(alice, alice).get("note").isNull()).isTrue();
    }

    @Test
    void a_note_longer_than_200_characters_or_with_control_characters_is_refused_naming_the_field_note() {
        Person alice = fx.person("alice");
        assertThat(fx.choose(alice, "busy", "x".repeat(200)).status()).isEqualTo(200);
        // 200 characters that are not all one UTF-16 unit each still count as 200.
        assertThat(fx.choose(alice, "busy", "🩺".repeat(200)).status()).isEqualTo(200);
        for (String note : new String[] {"x".repeat(201), "line one\nline two", "bell\u0007", "nul\u0000"}) {
            Api.Response r = fx.choose(alice, "busy", note);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("note");
        }
        assertThat(fx.presenceOf(alice, alice).get("note").asText()).isEqualTo("🩺".repeat(200));
    }

    @Test
    void a_status_with_an_expiry_reverts_to_automatic_at_that_time_and_the_sweep_announces_it() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        fx.direct(alice, bob);
        try (StreamClient aliceStream = fx.stream(alice); StreamClient bobStream = fx.stream(bob)) {
            // Five minutes: shorter than auto-away, so she is "available" again, not idle "away".
            Instant until = server.clock.instant().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
            Api.Response r = fx.choose(alice, "dnd", "In resus", until.toString());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(Instant.parse(r.json().get("until").asText())).isEqualTo(until);
            JsonNode frame = awaitPresence(bobStream, alice, "dnd");
            assertThat(frame.get("note").asText()).isEqualTo("In resus");
            assertThat(Instant.parse(frame.get("until").asText())).isEqualTo(until);

            server.clock.advance(Duration.between(server.clock.instant(), until).minusSeconds(1));
            server.app().presence().sweep();
            assertThat(fx.presenceOf(bob, alice).get("status").asText()).isEqualTo("dnd");

            server.clock.advance(Duration.ofSeconds(1));
            // Exact over REST before any sweep...
            JsonNode seen = fx.presenceOf(bob, alice);
            assertThat(seen.get("status").asText()).isEqualTo("available");
            assertThat(seen.get("note").isNull()).isTrue();
            assertThat(seen.get("until").isNull()).isTrue();
            // ...and the sweep tells everyone, her own other streams included.
            server.app().presence().sweep();
            JsonNode reverted = awaitPresence(bobStream, alice, "available");
            assertThat(reverted.get("note").isNull()).isTrue();
            assertThat(reverted.get("until").isNull()).isTrue();
            awaitPresence(aliceStream, alice, "available");
        }
    }

    @Test
    void an_expiry_in_the_past_now_more_than_31_days_ahead_or_malformed_is_refused_naming_the_field_until() {
        Person alice = fx.person("alice");
        Instant now = server.clock.instant();
        assertThat(fx.choose(alice, "busy", "Clinic", now.plus(Duration.ofDays(31)).minusSeconds(60).toString()).status())
                .isEqualTo(200);
        for (String until : new String[] {now.minusSeconds(60).toString(), now.toString(),
                now.plus(Duration.ofDays(31)).plusSeconds(60).toString()}) {
            Api.Response r = fx.choose(alice, "dnd", "In resus", until);
            assertThat(r.status()).as(until + ": " + r).isEqualTo(400);
            assertThat(r.json().get("type").asText()).isEqualTo("urn:confer:problem:validation");
            assertThat(r.json().get("field").asText()).isEqualTo("until");
        }
        // Not a time at all: the body does not parse, and the problem names the field.
        for (String until : new String[] {"17:00", "tomorrow"}) {
            Api.Response r = fx.choose(alice, "dnd", "In resus", until);
            assertThat(r.status()).as(until + ": " + r).isEqualTo(400);
            assertThat(r.json().get("type").asText()).isEqualTo("urn:confer:problem:malformed-json");
            assertThat(r.json().get("field").asText()).isEqualTo("until");
        }
        // Nothing was changed by the refused requests.
        JsonNode mine = fx.presenceOf(alice, alice);
        assertThat(mine.get("note").asText()).isEqualTo("Clinic");
    }

    @Test
    void a_lookup_takes_at_most_200_well_formed_user_ids() {
        Person alice = fx.person("alice");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 199; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        ids.add(alice.id());
        // 200 ids fit, even with the commas percent-encoded as a browser may send them.
        Api.Response ok = server.api.get("/api/v1/presence?userIds=" + String.join("%2C", ids), alice.token());
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(userIds(ok)).containsExactly(alice.id());

        ids.add(UUID.randomUUID().toString());
        assertRefused(fx.lookup(alice, ids.toArray(String[]::new)));
        assertRefused(fx.lookup(alice, alice.id(), "not-a-uuid"));
        assertRefused(fx.lookup(alice, alice.id().substring(1)));
        assertRefused(server.api.get("/api/v1/presence", alice.token()));
        assertThat(server.api.get("/api/v1/presence?userIds=" + alice.id(), null).status()).isEqualTo(401);
    }

    private static void assertRefused(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("userIds");
    }

    private static List<String> userIds(Api.Response r) {
        List<String> out = new ArrayList<>();
        r.json().get("items").forEach(i -> out.add(i.get("userId").asText()));
        return out;
    }
}
