package org.confer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.confer.events.ConversationFrame;
import org.confer.events.SessionChange;
import org.confer.events.UserFrame;
import org.junit.jupiter.api.Test;

/**
 * What a node owes the others after NATS may have lost its messages: the latest frame of every
 * conversation and person it could not publish, or published without NATS confirming a round
 * trip after; and every session change. A confirmed round owes nothing.
 */
class CatchUpTest {
    private final UUID ward = UUID.randomUUID();
    private final UUID nurse = UUID.randomUUID();
    private final List<String> published = new ArrayList<>();
    private final AtomicBoolean natsUp = new AtomicBoolean(true);
    private final CatchUp catchUp = new CatchUp(new CatchUp.Source() {
        @Override
        public Optional<ConversationFrame> lastFrame(UUID conversationId) {
            return Optional.of(new ConversationFrame(conversationId, 42, "{\"seq\":42}"));
        }

        @Override
        public Optional<UserFrame> lastUserFrame(UUID userId) {
            return Optional.of(new UserFrame(userId, 7, "{\"userSeq\":7}"));
        }
    }, new CatchUp.Local() {
        @Override
        public void deliver(ConversationFrame frame) {}

        @Override
        public void deliver(UserFrame frame) {}
    }, (subject, message) -> natsUp.get() && published.add(subject + " " + new String(BusMessage.encode(message))),
            new SimpleMeterRegistry());

    @Test
    void whatWasSentInARoundNatsNeverAnsweredIsPublishedAgainAsTheLatestFrames() {
        catchUp.sentConversation(ward);
        catchUp.sentUser(nurse);
        catchUp.sentSessions(SessionChange.sessionEnded(nurse, UUID.randomUUID()));
        catchUp.oweAll(catchUp.takeSent()); // the round trip failed
        catchUp.owed();
        assertThat(published).hasSize(3);
        assertThat(published).anyMatch(p -> p.startsWith(Interest.conversationSubject(ward) + " E42\n"));
        assertThat(published).anyMatch(p -> p.startsWith(Interest.userSubject(nurse) + " U7\n"));
        assertThat(published).anyMatch(p -> p.startsWith(NatsBus.EVERY_NODE + " SONE\t" + nurse));
    }

    @Test
    void aConfirmedRoundOwesNothing() {
        catchUp.sentConversation(ward);
        catchUp.takeSent(); // NATS answered: nothing to do with it
        catchUp.owed();
        assertThat(published).isEmpty();
    }

    @Test
    void whatCannotBePublishedYetStaysOwed() {
        catchUp.oweConversation(ward);
        catchUp.oweSessions(SessionChange.disconnect(nurse, "disabled"));
        natsUp.set(false);
        catchUp.owed();
        assertThat(published).isEmpty();
        natsUp.set(true);
        catchUp.owed();
        assertThat(published).hasSize(2);
        catchUp.owed();
        assertThat(published).as("once").hasSize(2);
    }
}
