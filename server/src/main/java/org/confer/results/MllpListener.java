package org.confer.results;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.confer.clinical.Hl7Ack;
import org.confer.clinical.Hl7Header;
import org.confer.clinical.Hl7Results;
import org.confer.clinical.MllpFrames;
import org.confer.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HL7 v2 over MLLP: one virtual thread per connection, frames read one at a time. Each ORU^R01
 * is parsed, mapped to its organisation by MSH-4 (a feed), stored with its alerts, and only then
 * acknowledged AA. A refusal (AR: wrong type, unknown sender; AE: unusable content) stores
 * nothing. Broken framing or an oversized frame closes the connection without an ACK, and so does
 * an internal failure (the database is down): the sender resends, and a resend is idempotent.
 */
public final class MllpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

    private final MllpSettings settings;
    private final Hl7Results hl7;
    private final ResultIntake intake;
    private final Database db;
    private final ResultDirectoryStore directory;
    private final Semaphore slots = new Semaphore(MllpSettings.MAX_CONNECTIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Counter rejected;
    private final Counter framingErrors;
    private final Timer ackLatency;
    private volatile ServerSocket server;

    public MllpListener(MllpSettings settings, Hl7Results hl7, ResultIntake intake, Database db, ResultDirectoryStore directory,
                        MeterRegistry registry) {
        this.settings = settings;
        this.hl7 = hl7;
        this.intake = intake;
        this.db = db;
        this.directory = directory;
        this.rejected = Counter.builder("confer.results.rejected").description("HL7 messages refused (AE or AR)").register(registry);
        this.framingErrors = Counter.builder("confer.results.mllp.framing.errors")
                .description("MLLP connections closed for broken framing or an oversized frame").register(registry);
        this.ackLatency = Timer.builder("confer.results.mllp.ack.latency")
                .description("From a frame's last byte to its ACK written (store, route, alert)").register(registry);
    }

    /** Listens when the port is not 0; returns the bound port (0 when off). */
    public int start() {
        if (settings.port() == 0) {
            return 0;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port()), 50);
            this.server = s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for MLLP on " + settings.bind() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        Thread.ofVirtual().name("mllp-accept").start(this::acceptLoop);
        log.info("HL7 v2 (MLLP) listening on {}:{}", settings.bind(), server.getLocalPort());
        return server.getLocalPort();
    }

    public int port() {
        ServerSocket s = server;
        return s == null ? 0 : s.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("MLLP accept failed", e);
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                log.warn("MLLP connection from {} refused: {} connections already open", socket.getRemoteSocketAddress(),
                        MllpSettings.MAX_CONNECTIONS);
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            Thread.ofVirtual().name("mllp-" + socket.getRemoteSocketAddress()).start(() -> {
                try {
                    serve(socket);
                } finally {
                    open.remove(socket);
                    closeQuietly(socket);
                    slots.release();
                }
            });
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout((int) MllpSettings.IDLE_TIMEOUT.toMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            MllpFrames.Reader reader = MllpFrames.reader(in, settings.maxFrameBytes());
            while (true) {
                Optional<byte[]> frame = reader.next();
                if (frame.isEmpty()) {
                    return;
                }
                long t0 = System.nanoTime();
                Optional<String> ack = handle(frame.get());
                if (ack.isEmpty()) {
                    return;
                }
                MllpFrames.write(out, ack.get().getBytes(Charset.forName(charset(frame.get()))));
                ackLatency.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        } catch (MllpFrames.FrameException e) {
            framingErrors.increment();
            log.warn("MLLP connection from {} closed without an ACK: {} ({})", socket.getRemoteSocketAddress(), e.problem(),
                    e.getMessage());
        } catch (SocketTimeoutException idle) {
            log.info("MLLP connection from {} idle for {}; closed", socket.getRemoteSocketAddress(), MllpSettings.IDLE_TIMEOUT);
        } catch (IOException e) {
            if (!socket.isClosed()) {
                log.info("MLLP connection from {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
            }
        }
    }

    /** The ACK to send, or empty to close the connection without one (an internal failure: the sender resends). */
    Optional<String> handle(byte[] message) {
        Hl7Results.Outcome outcome = hl7.parse(message);
        if (outcome instanceof Hl7Results.Rejected r) {
            rejected.increment();
            log.info("HL7 message {} from {} refused {}: {}", r.controlId(), r.header().sendingFacility(), r.code(), r.reason());
            return Optional.of(hl7.ack(outcome));
        }
        Hl7Results.Parsed parsed = (Hl7Results.Parsed) outcome;
        Hl7Header header = parsed.header();
        var feed = directory.feedByFacility(db.dsl(), header.sendingFacility());
        if (feed.isEmpty()) {
            rejected.increment();
            log.warn("HL7 message {} refused AR: unknown sending facility '{}'", header.controlId(), header.sendingFacility());
            return Optional.of(hl7.ack(header, Hl7Ack.Code.AR, Hl7Ack.Condition.UNKNOWN_KEY_IDENTIFIER,
                    "unknown sending facility (MSH-4): no feed is configured for it"));
        }
        try {
            intake.accept(feed.get().organisationId(), "feed:" + feed.get().id(), parsed.reports(),
                    Map.of("feed", feed.get().id().toString(), "sendingFacility", header.sendingFacility(),
                            "msh10", header.controlId()));
            return Optional.of(hl7.ack(outcome));
        } catch (ResultIntake.Refused e) {
            rejected.increment();
            return Optional.of(hl7.ack(header, Hl7Ack.Code.AE, Hl7Ack.Condition.DATA_TYPE_ERROR, e.getMessage()));
        } catch (RuntimeException e) {
            log.error("HL7 message {} from {} could not be stored; closing without an ACK so the sender resends",
                    header.controlId(), header.sendingFacility(), e);
            return Optional.empty();
        }
    }

    private static String charset(byte[] message) {
        return Hl7Header.charsetOf(message).name();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing: nothing to do
        }
    }

    @Override
    public void close() {
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        List.copyOf(open).forEach(MllpListener::closeQuietly);
    }
}
