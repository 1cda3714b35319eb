package org.confer.bots;

import org.confer.events.MessageCard;

/** A command's answer, shown only to the person who ran it (markdown text, optional card). */
public record CommandReply(String text, MessageCard card) {

    public static CommandReply text(String text) {
        return new CommandReply(text, null);
    }
}
