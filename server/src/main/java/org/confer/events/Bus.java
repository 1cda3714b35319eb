package org.confer.events;

import java.util.Set;
import java.util.UUID;

/**
 * Carries committed events to every node's gateway. Publish only after commit: a frame on the
 * bus is always already in the database, so a receiver can fetch anything it missed. One node
 * uses {@link LocalBus}; a cluster uses NATS (org.confer.cluster, docs/cluster.md), which may
 * lose a message: the event logs, never the bus, are the record.
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

        /** A person's sessions ended or changed (on any node): forget cached sessions, close ended streams. */
        default void onSessionChanged(SessionChange change) {}

        /** This node no longer hears a conversation's membership changes: forget what is cached of it. */
        default void forgetMembers(UUID conversationId) {}

        /**
         * While true, membership changes made on other nodes may not arrive (the cluster's bus is
         * down): read members afresh instead of trusting a cache, so that nobody removed keeps receiving.
         */
        default void membersUncertain(boolean uncertain) {}
    }

    void publish(ConversationFrame frame);

    void publish(UserFrame frame);

    void membershipChanged(UUID conversationId, UUID userId, boolean added);

    void ephemeral(UUID conversationId, UUID exceptUser, String frame);

    void ephemeralToUsers(Set<UUID> userIds, String frame);

    /** Tells every node (this one included) that a person's sessions ended or changed. */
    void sessionChanged(SessionChange change);

    /**
     * A stream of this person opened on this node. A clustered bus starts receiving the person's
     * and their conversations' events before this returns, so the replay that follows and the
     * live frames overlap rather than leave a gap.
     */
    default void streamOpened(UUID userId, String streamId) {}

    /** The stream closed (may be told twice). */
    default void streamClosed(UUID userId, String streamId) {}

    void subscribe(Listener listener);
}
