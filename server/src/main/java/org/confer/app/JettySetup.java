package org.confer.app;

import io.javalin.config.JavalinConfig;
import org.confer.http.ConnectionGuard;
import org.confer.http.HttpPart;
import org.confer.realtime.StreamLimits;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty under Javalin: the listening connector, header and WebSocket limits, and a graceful stop. */
final class JettySetup implements HttpPart {
    /**
     * Jetty's default backlog is 50: a burst of connects (a ward's devices coming back after a
     * network blip; the idle benchmark) overflowed it and the kernel dropped the rest, each of
     * those clients retrying a second later. The kernel caps it at somaxconn.
     */
    static final int ACCEPT_QUEUE = 1024;
    /**
     * 16 KiB, not Jetty's 8: GET /api/v1/presence takes up to 200 ids in the query string (about
     * 7.8 KB with %2C commas), on top of a browser's cookies and headers.
     */
    static final int REQUEST_HEADER_BYTES = 16 * 1024;
    /**
     * Room to batch a burst of stream frames into one write (Jetty batches frames under a quarter
     * of this); taken from the pool only while a burst is being written.
     */
    static final int WEBSOCKET_OUTPUT_BUFFER = 16 * 1024;
    /**
     * Jetty's default, made explicit (docs/protocol.md section 5): a kept-alive HTTP connection
     * idle this long between requests is closed.
     */
    static final long HTTP_IDLE_TIMEOUT_MILLIS = 30_000;
    /** In-flight requests get this long to finish when the server stops. */
    static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final Config config;
    private final StreamLimits stream;
    private final ConnectionGuard guard;

    JettySetup(Config config, StreamLimits stream, ConnectionGuard guard) {
        this.config = config;
        this.stream = stream;
        this.guard = guard;
    }

    @Override
    public void install(JavalinConfig cfg) {
        cfg.jetty.host = config.bind();
        cfg.jetty.port = config.port();
        cfg.jetty.modifyWebSocketServletFactory(ws -> {
            ws.setMaxTextMessageSize(stream.maxInboundFrameBytes());
            // Binary frames are refused (1003) up to the same size as text; larger ones are 1009.
            ws.setMaxBinaryMessageSize(stream.maxInboundFrameBytes());
            // Jetty drops a socket with no traffic either way for this long; a silent client is closed (4002) before.
            ws.setIdleTimeout(stream.socketIdleTimeout());
            ws.setOutputBufferSize(WEBSOCKET_OUTPUT_BUFFER);
        });
        cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(REQUEST_HEADER_BYTES));
        cfg.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(config.bind());
            connector.setPort(config.port());
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            connector.setIdleTimeout(HTTP_IDLE_TIMEOUT_MILLIS);
            connector.addEventListener(guard);
            return connector;
        });
        cfg.jetty.modifyServer(server -> {
            server.setStopTimeout(STOP_TIMEOUT_MILLIS);
            server.setStopAtShutdown(false);
        });
    }
}
