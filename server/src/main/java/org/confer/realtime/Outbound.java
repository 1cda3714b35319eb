package org.confer.realtime;

import org.confer.events.ConversationFrame;
import org.confer.events.UserFrame;

/**
 * What waits in a connection's queue. Sealed, so the writer's switch over it is exhaustive.
 * The fan-out wraps a bus frame once and offers the same object to every recipient.
 */
sealed interface Outbound {

    /** A stored conversation event, delivered in seq order (gaps filled from the log). */
    record Event(ConversationFrame frame) implements Outbound {}

    /** A stored event of this person's own log, delivered in userSeq order. */
    record ForUser(UserFrame frame) implements Outbound {}

    /** An encoded ephemeral frame (typing, read, presence): never stored, sent as it is. */
    record Ephemeral(String text) implements Outbound {}

    /** An answer to one of the client's own frames (error, pong): sent at once, even before the hello. */
    record Reply(String text) implements Outbound {}

    /** The writer's own signals: the hello has arrived; the connection is closing. */
    enum Signal implements Outbound { HELLO, STOP }
}
