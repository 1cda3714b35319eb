package org.confer.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A nats-server of the test's own (Debian's package), on a free loopback port: the cluster tests
 * stop and start it without touching the machine's shared NATS that other tests may use.
 */
public final class NatsServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/nats-server");

    private final int port;
    private final Path log;
    private Process process;

    private NatsServer(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Skips the caller when nats-server is not installed, or fails it when CI requires it. */
    public static NatsServer start() {
        if (!Files.isExecutable(BINARY)) {
            if (Postgres.required()) {
                throw new AssertionError("nats-server is required (CI=true) but " + BINARY + " is missing");
            }
            Assumptions.abort("nats-server not installed; the cluster tests are skipped");
        }
        try {
            NatsServer s = new NatsServer(freePort(), Files.createTempFile("confer-nats", ".log"));
            s.resume();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Stops the server as a crash would (SIGKILL): connections drop without a goodbye. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts (again) on the same port, and waits until it accepts connections; nothing when it runs. */
    public void resume() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of(BINARY.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start nats-server", e);
        }
        Eventually.answer(Duration.ofSeconds(10), () -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, up -> up, "nats-server listening on " + port);
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
