package org.confer.bots;

import java.util.UUID;

/** No outgoing webhooks: external bots' commands and buttons reach nobody (the caller is told). */
public final class NoBotDeliveries implements BotDeliveries {
    @Override
    public boolean command(UUID botUserId, CommandCall call) {
        return false;
    }

    @Override
    public boolean action(UUID botUserId, ActionCall call) {
        return false;
    }
}
