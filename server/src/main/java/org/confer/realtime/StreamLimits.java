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

    /**
     * Frames a connection may have waiting (CONFER_STREAM_QUEUE_FRAMES) before it is closed as a
     * slow consumer (4008) and resumes from its cursors (docs/decisions.md, "Slow consumers").
     * The queue is linked, so an idle stream holds no memory for it.
     */
    public static final int DEFAULT_OUTBOUND_QUEUE_FRAMES = 4096;
    /** CONFER_STREAM_SEND_TIMEOUT_SECONDS: a write waiting this long for the client to read closes it (4008). */
    public static final int DEFAULT_SEND_TIMEOUT_SECONDS = 30;
    /**
     * CONFER_STREAM_PING_SECONDS: well under the 60 s read timeout reverse proxies such as nginx
     * apply by default, so a quiet stream is not cut by one; the silence limit is three of these.
     */
    public static final int DEFAULT_PING_SECONDS = 25;
    /**
     * CONFER_STREAM_HELLO_SECONDS: a client sends its hello as soon as the socket opens; half a
     * minute covers a phone on a poor network, and a socket that never says hello is not held longer.
     */
    public static final int DEFAULT_HELLO_SECONDS = 30;

    public StreamLimits withOutboundQueueFrames(int frames) {
        return new StreamLimits(frames, maxReplayPerConversation, maxConnectionsPerUser, maxInboundFrameBytes, helloTimeout,
                sendTimeout, pingInterval, sessionCheckInterval);
    }

    public StreamLimits withSendTimeout(Duration timeout) {
        return new StreamLimits(outboundQueueFrames, maxReplayPerConversation, maxConnectionsPerUser, maxInboundFrameBytes,
                helloTimeout, timeout, pingInterval, sessionCheckInterval);
    }

    public StreamLimits withHelloTimeout(Duration timeout) {
        return new StreamLimits(outboundQueueFrames, maxReplayPerConversation, maxConnectionsPerUser, maxInboundFrameBytes,
                timeout, sendTimeout, pingInterval, sessionCheckInterval);
    }

    public StreamLimits withPingInterval(Duration interval) {
        return new StreamLimits(outboundQueueFrames, maxReplayPerConversation, maxConnectionsPerUser, maxInboundFrameBytes,
                helloTimeout, sendTimeout, interval, sessionCheckInterval);
    }

    /** A stream from which no frame at all (not even a pong) has arrived for this long is closed (4002). */
    public Duration silenceLimit() {
        return pingInterval.multipliedBy(3);
    }

    /** How often streams are checked for silence: the silence limit is enforced to within this. */
    public Duration silenceCheckInterval() {
        Duration fifth = pingInterval.dividedBy(5);
        return fifth.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : fifth;
    }

    /**
     * Jetty's idle timeout for stream sockets: nothing read or written for this long drops the
     * socket without a close frame. Longer than {@link #silenceLimit()}, so that a silent client
     * is closed with 4002 first; this only reaps a socket whose close handshake never finishes.
     */
    public Duration socketIdleTimeout() {
        return pingInterval.multipliedBy(4);
    }

    public static StreamLimits defaults() {
        return new StreamLimits(DEFAULT_OUTBOUND_QUEUE_FRAMES, 10_000, 20, 64 * 1024, Duration.ofSeconds(DEFAULT_HELLO_SECONDS),
                Duration.ofSeconds(DEFAULT_SEND_TIMEOUT_SECONDS), Duration.ofSeconds(DEFAULT_PING_SECONDS), Duration.ofSeconds(5));
    }
}
