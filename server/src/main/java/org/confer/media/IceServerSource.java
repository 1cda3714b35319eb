package org.confer.media;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code iceServers} of a join grant (docs/calls-and-meetings.md, "ICE servers and TURN"):
 * the configured STUN servers as they are, and the TURN servers with a credential minted for this
 * person for this call.
 */
public final class IceServerSource {
    private final MediaSettings settings;
    private final TurnCredentials turn;
    private final Clock clock;

    public IceServerSource(MediaSettings settings, Clock clock) {
        this.settings = settings;
        this.turn = settings.turnSecret().map(TurnCredentials::new).orElse(null);
        this.clock = clock;
    }

    public List<IceServer> forUser(UUID userId) {
        List<IceServer> servers = new ArrayList<>();
        if (!settings.stunUrls().isEmpty()) {
            servers.add(new IceServer(settings.stunUrls(), null, null));
        }
        if (turn != null && !settings.turnUrls().isEmpty()) {
            TurnCredentials.Credential c = turn.mint(userId, clock.instant(), settings.turnTtl());
            servers.add(new IceServer(settings.turnUrls(), c.username(), c.credential()));
        }
        return List.copyOf(servers);
    }

    /** "relay" when the operator wants every call through TURN, else "all" (RTCConfiguration.iceTransportPolicy). */
    public String iceTransportPolicy() {
        return settings.turnRelayOnly() ? "relay" : "all";
    }
}
