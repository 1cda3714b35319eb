package org.confer.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.confer.events.ConversationFrame;
import org.confer.events.SessionChange;
import org.confer.events.UserFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs what NATS lost (docs/cluster.md, "When NATS loses a message"). Both repairs hand over
 * a latest frame read from the event logs, never a list: the receiving connection compares its
 * seq with the last it sent and fetches the range between from the log, in order, exactly once.
 * <ul>
 * <li>Heard here: each conversation and person this node hears gets its latest frame delivered
 * to this node's connections (after a reconnect, or after NATS dropped messages for us).</li>
 * <li>Owed to others: each conversation and person whose frame this node could not publish gets
 * its latest frame published once NATS is back, so other nodes catch up without reconnecting.
 * So does everything published since NATS last confirmed a round trip, when the connection
 * turns out to have been dead (a write into a dead socket looks like a success).</li>
 * </ul>
 */
final class CatchUp {
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    /**
     * Session changes kept for a NATS outage. Past it the others still end those sessions: cached
     * sessions live 5 s and every node re-checks its streams' sessions (docs/cluster.md).
     */
    static final int MAX_OWED_SESSIONS = 10_000;

    /** The logs' latest frames (EventLog in production). */
    interface Source {
        Optional<ConversationFrame> lastFrame(UUID conversationId);

        Optional<UserFrame> lastUserFrame(UUID userId);
    }

    /** Hands frames to this node's connections. */
    interface Local {
        void deliver(ConversationFrame frame);

        void deliver(UserFrame frame);
    }

    private final Source source;
    private final Local local;
    private final BiPredicate<String, BusMessage> publish;
    private final Set<UUID> owedConversations = ConcurrentHashMap.newKeySet();
    private final Set<UUID> owedUsers = ConcurrentHashMap.newKeySet();
    private final java.util.Queue<SessionChange> owedSessions = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Sent since NATS last confirmed a round trip: owed again if the connection turns out to have been dead. */
    private volatile Sent sent = new Sent();

    /** What this node published since the last confirmed round trip. */
    static final class Sent {
        final Set<UUID> conversations = ConcurrentHashMap.newKeySet();
        final Set<UUID> users = ConcurrentHashMap.newKeySet();
        final java.util.Queue<SessionChange> sessions = new java.util.concurrent.ConcurrentLinkedQueue<>();
    }
    private final Counter caughtUp;
    private final Counter republished;

    CatchUp(Source source, Local local, BiPredicate<String, BusMessage> publish, MeterRegistry registry) {
        this.source = source;
        this.local = local;
        this.publish = publish;
        this.caughtUp = registry.counter("confer.bus.caught.up", "direction", "heard");
        this.republished = registry.counter("confer.bus.caught.up", "direction", "owed");
    }

    void sentConversation(UUID conversationId) {
        sent.conversations.add(conversationId);
    }

    void sentUser(UUID userId) {
        sent.users.add(userId);
    }

    void sentSessions(SessionChange change) {
        sent.sessions.add(change);
    }

    /** Starts a new round: what was sent before now is confirmed by the next round trip, or owed. */
    Sent takeSent() {
        Sent before = sent;
        sent = new Sent();
        return before;
    }

    /** The connection was dead while these went out: NATS may never have had them. */
    void oweAll(Sent unconfirmed) {
        owedConversations.addAll(unconfirmed.conversations);
        owedUsers.addAll(unconfirmed.users);
        owedSessions.addAll(unconfirmed.sessions);
    }

    void oweSessions(SessionChange change) {
        if (owedSessions.size() < MAX_OWED_SESSIONS) {
            owedSessions.add(change);
        }
    }

    void oweConversation(UUID conversationId) {
        owedConversations.add(conversationId);
    }

    void oweUser(UUID userId) {
        owedUsers.add(userId);
    }

    /** One conversation newly heard here: what was published before the subscription took effect. */
    void conversation(UUID conversationId) {
        attempt(() -> source.lastFrame(conversationId).ifPresent(local::deliver));
    }

    /** Every conversation and person this node hears. */
    void everythingHeard(Interest interest) {
        if (interest == null) {
            return; // Still connecting at start: nothing is heard yet.
        }
        int n = 0;
        for (UUID c : interest.conversations()) {
            attempt(() -> source.lastFrame(c).ifPresent(local::deliver));
            n++;
        }
        for (UUID u : interest.users()) {
            attempt(() -> source.lastUserFrame(u).ifPresent(local::deliver));
            n++;
        }
        caughtUp.increment(n);
        if (n > 0) {
            log.info("bus: caught up {} conversations and people from the event logs", n);
        }
    }

    /** Publishes the latest frame of everything this node could not publish while NATS was away. */
    void owed() {
        // As many as are owed now: one that fails again goes back to the queue for the next time.
        for (int n = owedSessions.size(); n > 0; n--) {
            SessionChange change = owedSessions.poll();
            if (change == null) {
                break;
            }
            publishOrOwe(NatsBus.EVERY_NODE, new BusMessage.Sessions(change), () -> oweSessions(change));
        }
        drain(owedConversations, c -> source.lastFrame(c).ifPresent(f ->
                publishOrOwe(Interest.conversationSubject(c), new BusMessage.Event(f.seq(), f.frame()), () -> oweConversation(c))));
        drain(owedUsers, u -> source.lastUserFrame(u).ifPresent(f ->
                publishOrOwe(Interest.userSubject(u), new BusMessage.ForUser(f.userSeq(), f.frame()), () -> oweUser(u))));
    }

    private void publishOrOwe(String subject, BusMessage message, Runnable owe) {
        if (publish.test(subject, message)) {
            republished.increment();
        } else {
            owe.run();
        }
    }

    private void drain(Set<UUID> owed, Consumer<UUID> each) {
        for (UUID id : Set.copyOf(owed)) {
            owed.remove(id);
            attempt(() -> each.accept(id));
        }
    }

    /** A catch-up that fails (the database is away too) is logged; the next reconnect or frame repairs it. */
    private static void attempt(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("bus: catch-up step failed: {}", e.toString());
        }
    }
}
