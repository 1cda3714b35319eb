package org.confer.bots;

import java.util.UUID;
import org.confer.identity.Principal;

/**
 * A press of a card's button: {@code actionId} is the whole id ({@code results.ack:<uuid>}),
 * {@code argument} the part after the first ':'. The press is already known to come from a
 * member of the conversation, on a button the message's card carries.
 */
public record ActionCall(Principal who, UUID conversationId, UUID messageId, String actionId, String argument) {}
