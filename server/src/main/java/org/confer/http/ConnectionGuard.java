package org.confer.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Defences of the connector against slow and many connections (slowloris), which Jetty's idle
 * timeout alone does not give: it restarts at every byte, so headers trickled a byte every few
 * seconds kept a connection for as long as the attacker liked.
 *
 * <ul>
 *   <li><b>Header deadline</b>: a request's line and headers (a WebSocket upgrade's too) must
 *       arrive within {@code headerTimeout} of their first byte, and a new connection must start
 *       its first request within it; otherwise the connection is closed.</li>
 *   <li><b>Connections per address</b>: at most {@code maxPerAddress} open connections (HTTP and
 *       WebSocket) from one peer address; more are closed as they open. Trusted proxies are
 *       exempt (every client behind them shares their address; the proxy limits its own clients).</li>
 * </ul>
 *
 * A sweep every second enforces the deadline; the per-address count is kept from open and close
 * events, with the sweep as a backstop for connections that changed protocol (WebSocket).
 */
public final class ConnectionGuard implements Connection.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    /** One tracked connection: its peer and when it opened. */
    private record Tracked(String address, long openedNanos) {}

    private final Duration headerTimeout;
    private final int maxPerAddress;
    private final Set<String> exempt;
    private final Map<EndPoint, Tracked> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Counter closedSlow;
    private final Counter refusedTooMany;
    private final ScheduledExecutorService sweeper =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("connection-guard").factory());

    public ConnectionGuard(Duration headerTimeout, int maxPerAddress, Set<String> exempt, MeterRegistry registry) {
        this.headerTimeout = headerTimeout;
        this.maxPerAddress = maxPerAddress;
        this.exempt = Set.copyOf(exempt);
        this.closedSlow = Counter.builder("confer.http.connections.closed.slow")
                .description("Connections closed because request headers did not arrive within the header deadline")
                .register(registry);
        this.refusedTooMany = Counter.builder("confer.http.connections.refused.per.address")
                .description("Connections closed at once because their address already had the most open connections allowed")
                .register(registry);
    }

    public void start() {
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (open.containsKey(endPoint)) {
            return;
        }
        String address = address(endPoint.getRemoteSocketAddress());
        if (open.putIfAbsent(endPoint, new Tracked(address, System.nanoTime())) != null) {
            return;
        }
        int now = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (now > maxPerAddress && !exempt.contains(address)) {
            refusedTooMany.increment();
            log.debug("closing connection from {}: {} open, limit {}", address, now - 1, maxPerAddress);
            endPoint.close();
            forget(endPoint);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        // An upgrade to WebSocket closes the HTTP connection but not the socket: still counted.
        if (!endPoint.isOpen()) {
            forget(endPoint);
        }
    }

    private void forget(EndPoint endPoint) {
        Tracked t = open.remove(endPoint);
        if (t != null) {
            perAddress.computeIfPresent(t.address(), (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    /** Closes connections past the header deadline; forgets sockets that closed after an upgrade. */
    void sweep() {
        try {
            long now = System.nanoTime();
            long deadline = headerTimeout.toNanos();
            for (Map.Entry<EndPoint, Tracked> e : open.entrySet()) {
                EndPoint endPoint = e.getKey();
                if (!endPoint.isOpen()) {
                    forget(endPoint);
                    continue;
                }
                if (endPoint.getConnection() instanceof HttpConnection http && tooSlow(http, e.getValue(), now, deadline)) {
                    closedSlow.increment();
                    log.debug("closing connection from {}: request headers not complete within {}", e.getValue().address(), headerTimeout);
                    endPoint.close();
                    forget(endPoint);
                }
            }
        } catch (RuntimeException e) {
            log.warn("connection sweep failed: {}", e.toString());
        }
    }

    private static boolean tooSlow(HttpConnection http, Tracked t, long now, long deadline) {
        var parser = http.getParser();
        if (!parser.inHeaderState()) {
            return false; // handling a request, or reading its body (the body has its own limits)
        }
        long begin = parser.getBeginNanoTime();
        if (!parser.isStart() && begin != 0) {
            return now - begin > deadline; // headers begun and not finished in time
        }
        // Nothing of a first request yet: a connection opened and left silent.
        return http.getMessagesIn() == 0 && now - t.openedNanos() > deadline;
    }

    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }

    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
