package org.confer.bots;

/**
 * Runs a slash command. A built-in handler answers at once; the handler of an external bot
 * queues an outgoing webhook and answers "sent to <bot>" (its answer comes later as
 * {@code command.replied}). Refusals are {@link org.confer.http.ApiException}s.
 */
@FunctionalInterface
public interface CommandHandler {
    CommandReply run(CommandCall call);
}
