package org.confer.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Message;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.confer.events.Bus.Listener;
import org.confer.events.ConversationFrame;
import org.confer.events.UserFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What arrives from NATS, handed to this node's listeners (on the NATS dispatcher's one thread, in order). */
final class Inbound {
    private static final Logger log = LoggerFactory.getLogger(Inbound.class);

    /** Where membership changes go: they move this node's interest before the listeners hear them. */
    interface Memberships {
        void changed(UUID conversationId, UUID userId, boolean added);
    }

    private final List<Listener> listeners;
    private final NodeRoster roster;
    private final Memberships memberships;
    private final Executor worker;
    private final Counter received;
    private final Counter rejected;

    Inbound(List<Listener> listeners, NodeRoster roster, Memberships memberships, Executor worker, MeterRegistry registry) {
        this.listeners = listeners;
        this.roster = roster;
        this.memberships = memberships;
        this.worker = worker;
        this.received = registry.counter("confer.bus.received");
        this.rejected = registry.counter("confer.bus.rejected");
    }

    void onMessage(Message message) {
        received.increment();
        try {
            dispatch(message.getSubject(), BusMessage.decode(message.getData()));
        } catch (RuntimeException e) {
            // One bad message must not stop the dispatcher: it serves every conversation of this node.
            rejected.increment();
            log.warn("bus: message on {} not handled: {}", message.getSubject(), e.toString());
        }
    }

    private void dispatch(String subject, BusMessage m) {
        switch (m) {
            case BusMessage.Event e -> deliver(new ConversationFrame(idIn(subject), e.seq(), e.frame()));
            case BusMessage.ForUser u -> deliver(new UserFrame(idIn(subject), u.userSeq(), u.frame()));
            case BusMessage.Membership ms -> memberships.changed(ms.conversationId(), ms.userId(), ms.added());
            case BusMessage.Ephemeral e -> listeners.forEach(l -> l.onEphemeral(idIn(subject), e.exceptUser(), e.frame()));
            case BusMessage.EphemeralToUser p -> listeners.forEach(l -> l.onEphemeralToUsers(Set.of(idIn(subject)), p.frame()));
            case BusMessage.Sessions s -> listeners.forEach(l -> l.onSessionChanged(s.change()));
            case BusMessage.PresenceHere p -> {
                roster.heard(p.node());
                listeners.forEach(l -> l.onPresenceElsewhere(p.node(), p.userId(), p.online(), p.lastActiveAtMillis(), p.inCall()));
            }
            case BusMessage.ToNode n -> listeners.forEach(l -> l.onNodeMessage(n.topic(), n.payload()));
            case BusMessage.ChoiceChanged c -> listeners.forEach(l -> l.onPresenceChoiceChanged(c.userId()));
            case BusMessage.Heartbeat h -> roster.heard(h.node());
            case BusMessage.Joined j -> {
                roster.heard(j.node());
                worker.execute(() -> listeners.forEach(Listener::onNodeJoined));
            }
        }
    }

    /**
     * To this node's connections: a frame from another node, or one the catch-up read from the
     * log. Listeners that act once for the cluster on the committing node (search) are skipped.
     */
    void deliver(ConversationFrame frame) {
        for (Listener l : listeners) {
            if (l.hearsOtherNodes()) {
                l.onConversationFrame(frame);
            }
        }
    }

    void deliver(UserFrame frame) {
        for (Listener l : listeners) {
            if (l.hearsOtherNodes()) {
                l.onUserFrame(frame);
            }
        }
    }

    private static UUID idIn(String subject) {
        return UUID.fromString(subject.substring(subject.lastIndexOf('.') + 1));
    }
}
