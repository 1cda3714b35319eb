package org.confer.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.VerifyAction.expect;

import java.time.Duration;
import org.confer.events.ConversationEvent.CallEnded;
import org.confer.events.ConversationEvent.CallMissed;
import org.confer.events.ConversationEvent.CallStarted;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ClientState;
import org.confer.testing.Covers;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.confer.testing.VerifyAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The call lines as a client sees them (verifyAction: the frames an action sends, applied to the
 * state read over REST before it, equal REST after it). Listed in EveryEventKindHasACaseTest.
 */
public class CallEventsTest extends ServerTest {
    private ChatFixtures fx;
    private CallTestSupport calls;
    private VerifyAction verifier;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        calls = new CallTestSupport(api);
    }

    @BeforeEach
    void newVerifier() {
        verifier = new VerifyAction(api);
    }

    @AfterEach
    void theCaseAppliedTheKindsItCovers(TestInfo test) {
        verifier.assertCovered(test.getTestMethod().orElseThrow());
    }

    @Test
    @Covers(CallStarted.class)
    void a_call_started_in_a_direct_chat_is_a_line_for_the_other_person() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        String direct = fx.direct(alice, bob);
        ClientState seen = verifier.verify(bob, expect(CallStarted.class), () -> calls.started(alice, direct));
        assertThat(seen.conversation(direct).lastSeq).isEqualTo(fx.lastSeq(bob, direct));
        assertThat(calls.events(bob, direct, "call.started")).hasSize(1);
    }

    @Test
    @Covers(CallEnded.class)
    void the_last_one_leaving_a_channel_call_ends_it_with_a_line() {
        BasicTeam team = fx.basicTeam();
        String callId = calls.started(team.owner(), team.general());
        String peer = calls.joined(team.owner(), callId);
        verifier.verify(team.member(), expect(CallEnded.class), () -> calls.leave(team.owner(), callId, peer));
        assertThat(calls.events(team.member(), team.general(), "call.ended").getFirst().get("callId").asText()).isEqualTo(callId);
    }

    @Test
    @Covers(CallMissed.class)
    void a_call_nobody_answers_is_a_missed_call_line() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        String direct = fx.direct(alice, bob);
        String callId = calls.started(alice, direct);
        try (StreamClient aliceStream = fx.stream(alice)) {
            calls.joined(alice, callId);
            verifier.verify(bob, expect(CallMissed.class), () -> {
                server.clock.advance(Duration.ofSeconds(46));
                server.app().calls().sweep();
            });
        }
        assertThat(ChatFixtures.strings(calls.events(bob, direct, "call.missed").getFirst().get("missedBy"))).containsExactly(bob.id());
    }
}
