package org.confer.results;

import java.time.Duration;

/**
 * The HL7 v2 listener's settings (docs/operations.md): {@code port} 0 is off (the default).
 *
 * @param bind          the address to listen on; 127.0.0.1 by default, since MLLP has no
 *                      authentication of its own: expose it only to the lab's network (0.0.0.0
 *                      behind a firewall, or a TLS tunnel / integration engine on the host)
 * @param maxFrameBytes the largest message accepted (1 MiB by default; a full report with a
 *                      text narrative is tens of KiB)
 */
public record MllpSettings(int port, String bind, int maxFrameBytes) {
    /** Labs keep a handful of persistent connections; 50 leaves room for reconnect storms. */
    public static final int MAX_CONNECTIONS = 50;
    /** Lab engines keep connections open between messages; close one silent for 10 minutes. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    public static MllpSettings off() {
        return new MllpSettings(0, "127.0.0.1", 1024 * 1024);
    }
}
