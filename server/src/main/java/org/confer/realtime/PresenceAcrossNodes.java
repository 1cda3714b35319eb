package org.confer.realtime;

import java.time.Instant;
import java.util.UUID;
import org.confer.events.Bus;
import org.confer.events.ConversationFrame;
import org.confer.events.UserFrame;

/** Hands what the cluster's bus says of presence on other nodes to {@link PresenceService}. */
public final class PresenceAcrossNodes implements Bus.ControlListener {
    private final PresenceService presence;

    public PresenceAcrossNodes(PresenceService presence) {
        this.presence = presence;
    }

    @Override
    public void onPresenceElsewhere(String node, UUID userId, boolean online, long lastActiveAtMillis, boolean inCall) {
        presence.heardElsewhere(node, userId, new PresenceElsewhere.Seen(online,
                lastActiveAtMillis == 0 ? null : Instant.ofEpochMilli(lastActiveAtMillis), inCall));
    }

    @Override
    public void onPresenceChoiceChanged(UUID userId) {
        presence.choiceChangedElsewhere(userId);
    }

    @Override
    public void onNodeGone(String node) {
        presence.nodeGone(node);
    }

    @Override
    public void onNodeJoined() {
        presence.tellAgain();
    }

}
