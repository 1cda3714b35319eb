package org.confer.calls;

import java.util.List;
import java.util.UUID;
import org.confer.media.IceServer;

/**
 * The STUN and TURN servers a join grant hands the browser (docs/calls-and-meetings.md, "ICE
 * servers and TURN"): configured in org.confer.media, which mints TURN credentials per person per
 * call. An empty list means none is configured (browsers then find only host candidates).
 */
public interface IceServers {

    List<IceServer> forCall(UUID userId, UUID callId);

    /** Whether grants ask browsers to use TURN relays only ({@code iceTransportPolicy: "relay"}). */
    boolean relayOnly();

    /** The servers the media configuration names, with TURN credentials minted per person. */
    static IceServers from(org.confer.media.IceServerSource source) {
        return new IceServers() {
            @Override
            public List<IceServer> forCall(UUID userId, UUID callId) {
                return source.forUser(userId);
            }

            @Override
            public boolean relayOnly() {
                return "relay".equals(source.iceTransportPolicy());
            }
        };
    }

    /** No STUN or TURN configured. */
    IceServers NONE = new IceServers() {
        @Override
        public List<IceServer> forCall(UUID userId, UUID callId) {
            return List.of();
        }

        @Override
        public boolean relayOnly() {
            return false;
        }
    };
}
