package org.confer.cluster;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Round trips to NATS (a PING answered by a PONG), every second and whenever a stream's
 * subscriptions must be in place. An answer confirms everything this node published before it;
 * no answer within {@link #TIMEOUT} means the connection is dead though it looked alive (a write
 * into a dead socket succeeds): what went out since the last answer is owed again, and the
 * connection is made again at once instead of when the pings notice.
 */
final class RoundTrips implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoundTrips.class);
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Connection nats;
    private final CatchUp catchUp;
    private final Executor worker;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("bus-round-trips").factory());

    RoundTrips(Connection nats, CatchUp catchUp, Executor worker) {
        this.nats = nats;
        this.catchUp = catchUp;
        this.worker = worker;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::run, 1, 1, TimeUnit.SECONDS);
    }

    /** One round trip; true when NATS answered (and all published before it reached NATS). */
    boolean run() {
        if (nats.getStatus() != Connection.Status.CONNECTED) {
            return false; // The reconnect's catch-up covers this time.
        }
        CatchUp.Sent round = catchUp.takeSent();
        try {
            nats.flush(TIMEOUT);
            return true;
        } catch (InterruptedException e) {
            catchUp.oweAll(round);
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            catchUp.oweAll(round);
            log.warn("bus: NATS did not answer a round trip within {} ({}); reconnecting", TIMEOUT, e.toString());
            worker.execute(this::reconnect);
            return false;
        }
    }

    private void reconnect() {
        try {
            if (nats.getStatus() == Connection.Status.CONNECTED) {
                nats.forceReconnect();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("bus: forced reconnect failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
