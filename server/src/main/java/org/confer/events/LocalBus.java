package org.confer.events;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The single-node bus: hands each frame straight to the listeners on the publishing thread.
 * Listeners only enqueue (they never block on a socket), so publishing is cheap.
 */
public final class LocalBus implements Bus {
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(ConversationFrame frame) {
        for (Listener l : listeners) {
            l.onConversationFrame(frame);
        }
    }

    @Override
    public void publish(UserFrame frame) {
        for (Listener l : listeners) {
            l.onUserFrame(frame);
        }
    }

    @Override
    public void membershipChanged(UUID conversationId, UUID userId, boolean added) {
        for (Listener l : listeners) {
            l.onMembershipChanged(conversationId, userId, added);
        }
    }

    @Override
    public void ephemeral(UUID conversationId, UUID exceptUser, String frame) {
        for (Listener l : listeners) {
            l.onEphemeral(conversationId, exceptUser, frame);
        }
    }

    @Override
    public void ephemeralToUsers(Set<UUID> userIds, String frame) {
        for (Listener l : listeners) {
            l.onEphemeralToUsers(userIds, frame);
        }
    }

    @Override
    public void sessionChanged(SessionChange change) {
        for (Listener l : listeners) {
            l.onSessionChanged(change);
        }
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }
}
