package org.confer.realtime;

import java.time.Duration;

/**
 * Bounds on one stream connection.
 *
 * @param outboundQueueFrames frames waiting for a slow client before it is disconnected
 * @param maxReplayPerConversation events replayed per conversation on resume; beyond this the
 *                                 client is told resync-required and fetches over REST
 * @param sendTimeout how long one write may wait for the client to read before the client is
 *                    closed as a slow consumer (4008)
 * @param pingInterval how often the server sends WebSocket pings
 * @param sessionCheckInterval how often open streams are checked against their session's idle
 *                             and absolute expiry: a stream ends (4001) at most this long after
 *                             its session does
 */
public record StreamLimits(int outboundQueueFrames, int maxReplayPerConversation, int maxConnectionsPerUser,
                           int maxInboundFrameBytes, Duration helloTimeout, Duration sendTimeout, Duration pingInterval,
                           Duration sessionCheckInterval) {

    public StreamLimits withOutboundQueueFrames(int frames) {
        return new StreamLimits(frames, maxReplayPerConversation, maxConnectionsPerUser, maxInboundFrameBytes, helloTimeout,
                sendTimeout, pingInterval, sessionCheckInterval);
    }

    public StreamLimits withSendTimeout(Duration timeout) {
        return new StreamLimits(outboundQueueFrames, maxReplayPerConversation, maxConnectionsPerUser, maxInboundFrameBytes,
                helloTimeout, timeout, pingInterval, sessionCheckInterval);
    }

    public StreamLimits withPingInterval(Duration interval) {
        return new StreamLimits(outboundQueueFrames, maxReplayPerConversation, maxConnectionsPerUser, maxInboundFrameBytes,
                helloTimeout, sendTimeout, interval, sessionCheckInterval);
    }

    public static StreamLimits defaults() {
        return new StreamLimits(4096, 10_000, 20, 64 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(25),
                Duration.ofSeconds(5));
    }
}
