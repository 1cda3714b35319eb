package org.confer.bots;

import java.util.UUID;
import org.confer.identity.Principal;

/** One run of a slash command: who ran it, where, and the text after the command's name. */
public record CommandCall(Principal who, UUID conversationId, String name, String text, UUID invocationId) {}
