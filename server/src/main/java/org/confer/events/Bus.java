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

        /** Another node's view of whether a person is connected there (a cluster's presence). */
        default void onPresenceElsewhere(String node, UUID userId, boolean online, long lastActiveAtMillis, boolean inCall) {}

        /** A person's chosen status was changed on another node: read it again. */
        default void onPresenceChoiceChanged(UUID userId) {}

        /** Another node stopped answering: whatever it said of who is connected there no longer holds. */
        default void onNodeGone(String node) {}

        /** A node joined or came back: tell it again who is connected here. */
        default void onNodeJoined() {}

        /**
         * Whether this listener wants frames committed on other nodes (the stream does); false for
         * work the committing node does itself once for the cluster, such as search indexing.
         */
        default boolean hearsOtherNodes() {
            return true;
        }

        /** A message addressed to this node ({@link Bus#toNode}); each listener takes the topics it knows. */
        default void onNodeMessage(String topic, String payload) {}
    }

    /** A listener to what nodes tell each other (sessions, presence, node messages), deaf to events. */
    interface ControlListener extends Listener {
        @Override
        default void onConversationFrame(ConversationFrame frame) {}

        @Override
        default void onUserFrame(UserFrame frame) {}

        @Override
        default void onMembershipChanged(UUID conversationId, UUID userId, boolean added) {}
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

    /** This node's id on the bus, new at each start ({@code "local"} on one node). */
    default String nodeId() {
        return LocalBus.NODE;
    }

    /**
     * Hands {@code payload} to the listeners of one node (this one included): what only the node
     * holding some state can do, such as a call's roster. At most once, like everything on the bus.
     */
    void toNode(String node, String topic, String payload);

    /** Hands {@code payload} to the listeners of every other node (nothing on one node). At most once. */
    default void toOtherNodes(String topic, String payload) {}

    /**
     * Whether {@code node} is this node or one heard from lately (a node silent for a while is
     * gone, {@link Listener#onNodeGone}). Only meaningful while {@link #connected()}.
     */
    default boolean heardFrom(String node) {
        return nodeId().equals(node);
    }

    /** Whether this node reaches the others now (always on one node). */
    default boolean connected() {
        return true;
    }

    /** Whether this node shares the bus with other nodes (a cluster). */
    default boolean clustered() {
        return false;
    }

    /** Tells the other nodes whether a person is connected here (nothing on one node). */
    default void presenceHere(UUID userId, boolean online, long lastActiveAtMillis, boolean inCall) {}

    /** Tells the other nodes that a person's chosen status changed (nothing on one node). */
    default void presenceChoiceChanged(UUID userId) {}

    void subscribe(Listener listener);
}
