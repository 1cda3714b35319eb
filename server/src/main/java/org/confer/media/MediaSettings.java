package org.confer.media;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where calls get their media servers (docs/calls-and-meetings.md, "Janus" and "ICE servers and
 * TURN"; docs/operations.md explains each setting). Validated by the configuration loader.
 *
 * @param janusUrl       the HTTP API of an operator-run Janus (e.g. http://127.0.0.1:8088/janus);
 *                       empty means Confer embeds one when {@code embedded} allows it
 * @param janusWsUrl     that Janus's WebSocket API, which the browser relay opens
 * @param embedded       whether Confer may start the {@code janus} binary itself when no URL is set
 * @param janusInterfaces Janus's ice_enforce_list for the embedded Janus (e.g. "eth1"); empty = Janus's default
 * @param turnTtl        how long a minted TURN credential stays valid
 * @param turnRelayOnly  join grants ask the browser for {@code iceTransportPolicy: "relay"}
 */
public record MediaSettings(
        Optional<URI> janusUrl,
        Optional<URI> janusWsUrl,
        Optional<String> janusApiSecret,
        Optional<String> janusTokenSecret,
        Optional<String> janusAdminKey,
        boolean embedded,
        Optional<String> janusInterfaces,
        List<String> stunUrls,
        List<String> turnUrls,
        Optional<String> turnSecret,
        Duration turnTtl,
        boolean turnRelayOnly) {

    /** Nothing configured: an embedded Janus when installed, no STUN or TURN (fine on one site's network). */
    public static MediaSettings defaults() {
        return new MediaSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                true, Optional.empty(), List.of(), List.of(), Optional.empty(), Duration.ofHours(12), false);
    }

    public MediaSettings {
        stunUrls = List.copyOf(stunUrls);
        turnUrls = List.copyOf(turnUrls);
    }

    /** Whether an operator runs Janus (a URL is set), as opposed to an embedded one or none. */
    public boolean externalJanus() {
        return janusUrl.isPresent();
    }
}
