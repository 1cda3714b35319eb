package org.confer.bots;

import java.util.UUID;
import org.confer.events.MessageCard;
import org.confer.identity.Principal;

/**
 * How the built-in bots (and the bot API) speak: post as a bot into a conversation it is a member
 * of, open or reuse its direct chat with a person, join a channel, change a card. Each call is
 * one chat transaction; a post is acknowledged only after it commits, like anyone's.
 */
public interface BotPoster {

    /** Where a bot message landed. */
    record Posted(UUID conversationId, UUID messageId, long seq) {}

    /** The organisation's built-in bot of this kind, created (with its account) on first use. */
    UUID builtIn(UUID organisationId, BuiltInBot kind);

    /** The principal a bot acts as inside Confer (all scopes of its own organisation). */
    Principal principalOf(UUID botUserId);

    /**
     * Posts as the bot. {@code clientMsgId} makes a retry idempotent (a feed's resend of the same
     * result must not post twice); {@code urgent} uses the urgent-message machinery (notice,
     * reminders every 2 minutes, acknowledgement).
     */
    Posted post(UUID botUserId, UUID conversationId, String text, MessageCard card, boolean urgent, String clientMsgId);

    /** Posts in the bot's direct chat with {@code personId}, opening it on first use. Same organisation only. */
    Posted direct(UUID botUserId, UUID personId, String text, MessageCard card, boolean urgent, String clientMsgId);

    /** Adds the bot to a channel or group (a system action, audited); no-op when already a member. */
    void join(UUID botUserId, UUID conversationId);

    /** Replaces the card of the bot's own message (appends message.card-updated). */
    void updateCard(UUID botUserId, UUID conversationId, UUID messageId, MessageCard card);
}
