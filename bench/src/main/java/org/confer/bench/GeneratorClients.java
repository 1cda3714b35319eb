package org.confer.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The generator's network clients (Jetty): for each loopback source address 127.0.0.2, .3, … one
 * HTTP/1.1 client for the REST sends and one WebSocket client on top of it for the streams, so
 * that ephemeral ports never run out. All of them share one thread pool, scheduler and buffer
 * pool: a few busy threads on a 2-core machine rather than a pool per address.
 */
final class GeneratorClients implements AutoCloseable {
    /** TCP connect timeout of every connection (what the REST client's connect timeout always was). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Streams sit idle for --hold-seconds while the server pings them: the client must never be
     * the side that times them out. WebSocketClient applies this to its HttpClient too, which is
     * harmless: a REST request is bounded by its own 60 s total timeout, and an idle pooled
     * connection is closed by the server long before.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    /**
     * Per destination (one server, one source address). The open-loop scenarios keep up to
     * --max-in-flight (2000) requests open, and the idle scenario has 200 handshakes under way; the
     * JDK client never limited either, so these bounds are far above what any run reaches and
     * nothing is queued or refused by the client itself (Jetty's defaults are 64 and 1024).
     */
    private static final int MAX_CONNECTIONS_PER_DESTINATION = 8192;
    private static final int MAX_REQUESTS_QUEUED_PER_DESTINATION = 65_536;

    /** The two clients of one source address. */
    record SourceClients(HttpClient http, WebSocketClient webSocket) {}

    private final QueuedThreadPool threads = new QueuedThreadPool();
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("bench-client-scheduler", true);
    private final ArrayByteBufferPool buffers = new ArrayByteBufferPool();
    private final List<SourceClients> clients = new ArrayList<>();

    GeneratorClients(int sourceAddresses) throws Exception {
        // Daemon threads: a scenario that fails half-way must not keep the JVM alive.
        threads.setName("bench-client");
        threads.setDaemon(true);
        try {
            threads.start();
            scheduler.start();
            for (int i = 0; i < sourceAddresses; i++) {
                clients.add(start("127.0.0." + (2 + i)));
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private SourceClients start(String sourceAddress) throws Exception {
        HttpClient http = new HttpClient();
        http.setName("bench-http-" + sourceAddress);
        http.setExecutor(threads);
        http.setScheduler(scheduler);
        http.setByteBufferPool(buffers);
        http.setBindAddress(new InetSocketAddress(sourceAddress, 0));
        http.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        http.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_DESTINATION);
        http.setMaxRequestsQueuedPerDestination(MAX_REQUESTS_QUEUED_PER_DESTINATION);
        // As the JDK client did: no redirects followed, no cookies kept (they would be shared by
        // every person signed in through this client), no compressed answers asked for.
        http.setFollowRedirects(false);
        http.setHttpCookieStore(new HttpCookieStore.Empty());
        http.start();
        // Filled from the ServiceLoader during start() when empty, so cleared afterwards.
        http.getContentDecoderFactories().clear();
        // Started after its HttpClient, so it shares that client's executor and buffers.
        WebSocketClient webSocket = new WebSocketClient(http);
        webSocket.setIdleTimeout(IDLE_TIMEOUT);
        webSocket.start();
        return new SourceClients(http, webSocket);
    }

    /** The clients of source address {@code i} (any int; spread round-robin). */
    SourceClients get(int i) {
        return clients.get(Math.floorMod(i, clients.size()));
    }

    @Override
    public void close() throws Exception {
        for (SourceClients c : clients) {
            c.webSocket().stop();
            c.http().stop();
        }
        scheduler.stop();
        threads.stop();
    }
}
