package org.confer.events;

import java.util.Set;
import java.util.UUID;

/**
 * Carries committed events to every node's gateway. Publish only after commit: a frame on the
 * bus is always already in the database, so a receiver can fetch anything it missed.
 */
public interface Bus {

    /** What a node does with what arrives on the bus. */
    interface Listener {
        void onConversationFrame(ConversationFrame frame);

        void onUserFrame(UserFrame frame);

        /** A membership changed: gateways refresh who receives the conversation's events. */
        void onMembershipChanged(UUID conversationId, UUID userId, boolean added);

        /** An ephemeral frame (typing, presence) for the members of a conversation; not stored. */
        default void onEphemeral(UUID conversationId, UUID exceptUser, String frame) {}

        /** An ephemeral frame (presence) for every connection of these users; not stored. */
        default void onEphemeralToUsers(Set<UUID> userIds, String frame) {}
    }

    void publish(ConversationFrame frame);

    void publish(UserFrame frame);

    void membershipChanged(UUID conversationId, UUID userId, boolean added);

    void ephemeral(UUID conversationId, UUID exceptUser, String frame);

    void ephemeralToUsers(Set<UUID> userIds, String frame);

    void subscribe(Listener listener);
}
