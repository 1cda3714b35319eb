package org.confer.bots;

import java.util.UUID;

/**
 * Hands a slash command or a button press to an external bot (its outgoing webhook). Implemented
 * by the webhooks feature; {@link NoBotDeliveries} until then. Returns false when the bot has no
 * way to receive it (no outgoing webhook), so the caller can say so.
 */
public interface BotDeliveries {
    boolean command(UUID botUserId, CommandCall call);

    boolean action(UUID botUserId, ActionCall call);
}
