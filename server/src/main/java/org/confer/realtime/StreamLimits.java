package org.confer.realtime;

import java.time.Duration;

/**
 * Bounds on one stream connection.
 *
 * @param outboundQueueFrames frames waiting for a slow client before it is disconnected
 * @param maxReplayPerConversation events replayed per conversation on resume; beyond this the
 *                                 client is told resync-required and fetches over REST
 * @param sessionCheckInterval how often open streams are checked against their session's idle
 *                             and absolute expiry: a stream ends (4001) at most this long after
 *                             its session does
 */
public record StreamLimits(int outboundQueueFrames, int maxReplayPerConversation, int maxConnectionsPerUser,
                           int maxInboundFrameBytes, Duration helloTimeout, Duration sendTimeout, Duration pingInterval,
                           Duration sessionCheckInterval) {

    /**
     * Frames a connection may have waiting (CONFER_STREAM_QUEUE_FRAMES) before it is closed as a
     * slow consumer (4008) and resumes from its cursors (docs/decisions.md, "Slow consumers").
     * The queue is linked, so an idle stream holds no memory for it.
     */
    public static final int DEFAULT_OUTBOUND_QUEUE_FRAMES = 4096;

    public StreamLimits withOutboundQueueFrames(int frames) {
        return new StreamLimits(frames, maxReplayPerConversation, maxConnectionsPerUser, maxInboundFrameBytes, helloTimeout,
                sendTimeout, pingInterval, sessionCheckInterval);
    }

    public static StreamLimits defaults() {
        return new StreamLimits(DEFAULT_OUTBOUND_QUEUE_FRAMES, 10_000, 20, 64 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(25),
                Duration.ofSeconds(5));
    }
}
