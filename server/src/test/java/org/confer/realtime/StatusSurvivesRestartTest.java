package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.realtime.RealtimeFixtures.awaitPresence;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.confer.testing.Backend;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.StreamClient;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12, item 4: "Do not disturb: In resus" silently became "Available" for everyone when the
 * server restarted. The chosen status, note and expiry are stored and loaded again at start.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(Backend.class)
class StatusSurvivesRestartTest {
    @Parameter
    Backend backend;

    @Test
    void a_chosen_status_note_and_expiry_are_seen_by_others_after_a_restart_and_automatic_needs_no_row() {
        try (TestStorage storage = TestStorage.create(backend)) {
            Person alice;
            Person bob;
            Person chloe;
            Instant until;
            try (TestServer first = TestServer.start(storage, Map.of())) {
                RealtimeFixtures fx = new RealtimeFixtures(first);
                alice = fx.person("alice");
                bob = fx.person("bob");
                chloe = fx.person("chloe");
                fx.group(alice, bob, chloe);
                until = first.clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
                assertThat(fx.choose(alice, "dnd", "In resus", until.toString()).status()).isEqualTo(200);
                assertThat(fx.choose(chloe, "busy", "Clinic", null).status()).isEqualTo(200);
                // Chloe goes back to automatic: nothing of hers is restored.
                assertThat(fx.choose(chloe, "available", null).status()).isEqualTo(200);
            }
            try (TestServer again = TestServer.start(storage, Map.of())) {
                RealtimeFixtures fx = new RealtimeFixtures(again);
                Person bobAgain = signIn(again, bob);
                Person aliceAgain = signIn(again, alice);
                // Offline (no stream yet), but the note and its expiry are shown, as before the restart.
                JsonNode offline = fx.presenceOf(bobAgain, alice);
                assertThat(offline.get("status").asText()).isEqualTo("offline");
                assertThat(offline.get("note").asText()).isEqualTo("In resus");
                assertThat(Instant.parse(offline.get("until").asText())).isEqualTo(until);
                assertThat(fx.presenceOf(bobAgain, chloe).get("note").isNull()).isTrue();
                try (StreamClient bobStream = fx.stream(bobAgain); StreamClient aliceStream = fx.stream(aliceAgain)) {
                    JsonNode frame = awaitPresence(bobStream, alice, "dnd");
                    assertThat(frame.get("note").asText()).isEqualTo("In resus");
                    assertThat(fx.presenceOf(bobAgain, alice).get("status").asText()).isEqualTo("dnd");
                }
            }
        }
    }

    @Test
    void an_expired_status_is_forgotten_and_not_restored_after_a_restart() {
        try (TestStorage storage = TestStorage.create(backend)) {
            Person alice;
            Person bob;
            try (TestServer first = TestServer.start(storage, Map.of())) {
                RealtimeFixtures fx = new RealtimeFixtures(first);
                alice = fx.person("alice");
                bob = fx.person("bob");
                fx.direct(alice, bob);
                Instant until = first.clock.instant().plus(Duration.ofMinutes(30));
                assertThat(fx.choose(alice, "busy", "Ward round", until.toString()).status()).isEqualTo(200);
                first.clock.advance(Duration.ofMinutes(31));
                first.app().presence().sweep();
            }
            try (TestServer again = TestServer.start(storage, Map.of())) {
                RealtimeFixtures fx = new RealtimeFixtures(again);
                Person bobAgain = signIn(again, bob);
                JsonNode seen = fx.presenceOf(bobAgain, alice);
                assertThat(seen.get("note").isNull()).isTrue();
                assertThat(seen.get("until").isNull()).isTrue();
                try (StreamClient bobStream = fx.stream(bobAgain); StreamClient aliceStream = fx.stream(signIn(again, alice))) {
                    assertThat(awaitPresence(bobStream, alice, "available").get("note").isNull()).isTrue();
                }
            }
        }
    }

    private static Person signIn(TestServer server, Person who) {
        return new Person(who.id(), who.email(), server.api.login(who.email(), ChatFixtures.PASSWORD));
    }
}
