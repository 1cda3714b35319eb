package org.confer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A node subscribes to exactly what its streams need: each person with a stream here, and each
 * of their conversations once however many of them share it; it lets go when the last stream
 * or member goes, and follows membership changes, including those that arrive while a person's
 * conversations are still being read.
 */
class InterestTest {
    private final List<String> log = new ArrayList<>();
    private final Interest interest = new Interest(new Interest.Subscriptions() {
        @Override
        public void subscribe(String subject) {
            log.add("+" + subject);
        }

        @Override
        public void unsubscribe(String subject) {
            log.add("-" + subject);
        }
    });
    private final UUID ann = UUID.randomUUID();
    private final UUID ben = UUID.randomUUID();
    private final UUID ward = UUID.randomUUID();
    private final UUID theatre = UUID.randomUUID();

    @Test
    void aPersonsFirstStreamSubscribesThemAndTheirConversationsOnceAndTheLastLetsGo() {
        assertThat(interest.opened(ann, "s1")).isTrue();
        interest.heardConversations(ann, () -> List.of(ward, theatre));
        assertThat(interest.opened(ann, "s2")).as("a second stream changes nothing").isFalse();
        assertThat(interest.opened(ben, "s3")).isTrue();
        interest.heardConversations(ben, () -> List.of(ward));
        assertThat(log).containsExactly("+" + Interest.userSubject(ann), "+" + Interest.conversationSubject(ward),
                "+" + Interest.conversationSubject(theatre), "+" + Interest.userSubject(ben));

        log.clear();
        assertThat(interest.closed(ann, "s1")).isEmpty();
        assertThat(interest.closed(ann, "s1")).as("told twice").isEmpty();
        assertThat(log).isEmpty();
        assertThat(interest.closed(ann, "s2")).as("ward is still heard for Ben").containsExactly(theatre);
        assertThat(log).containsExactlyInAnyOrder("-" + Interest.userSubject(ann), "-" + Interest.conversationSubject(theatre));
        assertThat(interest.conversations()).containsExactly(ward);
    }

    @Test
    void membershipChangesOfPeopleHereMoveTheSubscriptionsAndOthersAreIgnored() {
        interest.opened(ann, "s1");
        interest.heardConversations(ann, List::of);
        log.clear();
        assertThat(interest.membership(ward, ann, true)).as("newly heard: the caller catches up").isTrue();
        assertThat(interest.membership(ward, ann, true)).as("told twice (both subjects)").isFalse();
        assertThat(interest.membership(theatre, ben, true)).as("Ben has no stream here").isFalse();
        assertThat(interest.membership(ward, ann, false)).isTrue();
        assertThat(log).containsExactly("+" + Interest.conversationSubject(ward), "-" + Interest.conversationSubject(ward));
    }

    @Test
    void aMembershipArrivingWhileTheConversationsAreReadIsKept() {
        interest.opened(ann, "s1");
        // Ann is added to theatre while her conversations (read before that) are loading.
        interest.membership(theatre, ann, true);
        interest.heardConversations(ann, () -> List.of(ward));
        assertThat(interest.conversations()).containsExactlyInAnyOrder(ward, theatre);
    }
}
