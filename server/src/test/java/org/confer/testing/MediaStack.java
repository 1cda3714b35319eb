package org.confer.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.confer.media.EmbeddedJanus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What the media tests (tag "media") run on: the confer-media network namespace with cm0 at
 * 10.99.0.1 (scripts/media-netns.sh; the test JVM is placed in it by scripts/netns-jdk/bin/java),
 * Janus installed (each test server starts its own embedded one, bound to cm0), and one coturn
 * for the whole run, relaying on 10.99.0.1. Without them the tests are skipped, except with
 * CI=true, where they fail (as {@link Browser#launch} does for Chromium).
 */
public final class MediaStack implements BeforeAllCallback, ParameterResolver {
    public static final String INTERFACE = "cm0";
    public static final String ADDRESS = "10.99.0.1";
    /** coturn's relay ports: 100 is plenty for a handful of test peers. */
    private static final String RELAY_PORTS = "40000-40099";

    /** The run's coturn: its URL for RTCConfiguration and the shared secret credentials are minted with. */
    public record Turn(String url, String secret, Path log) {}

    /** The test server's settings for media: its embedded Janus, gathering on cm0 only. */
    public static Map<String, String> conferSettings() {
        return Map.of("CONFER_JANUS_EMBEDDED", "auto", "CONFER_JANUS_INTERFACES", INTERFACE);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        require(isUp(), "the confer-media network namespace (sudo scripts/media-netns.sh up, and run the media"
                + " execution: see docs/contributing.md)");
        require(EmbeddedJanus.findBinary().isPresent(), "Janus (apt-get install janus)");
        require(Files.isExecutable(Path.of("/usr/bin/turnserver")), "coturn (apt-get install coturn)");
    }

    private static boolean isUp() {
        try {
            NetworkInterface cm0 = NetworkInterface.getByName(INTERFACE);
            return cm0 != null && cm0.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static void require(boolean present, String what) {
        if (!present) {
            if (Postgres.required()) {
                throw new AssertionError("media tests need " + what + " (CI=true)");
            }
            Assumptions.abort("media tests skipped: no " + what);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Turn.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        // Once per run: the root store closes coturn when the run ends.
        return e.getRoot().getStore(ExtensionContext.Namespace.create(MediaStack.class))
                .computeIfAbsent("coturn", k -> Coturn.start(), Coturn.class).turn;
    }

    /** coturn as a child process with TURN REST credentials (use-auth-secret), UDP only, no TLS. */
    static final class Coturn implements AutoCloseable {
        final Process process;
        final Turn turn;

        private Coturn(Process process, Turn turn) {
            this.process = process;
            this.turn = turn;
        }

        static Coturn start() {
            int port = freeUdpPort();
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            String secret = HexFormat.of().formatHex(b);
            try {
                Path log = Files.createTempFile("confer-coturn", ".log");
                Process p = new ProcessBuilder(List.of("/usr/bin/turnserver", "-n", "--listening-ip", ADDRESS, "--relay-ip", ADDRESS,
                        "--listening-port", Integer.toString(port), "--min-port", RELAY_PORTS.split("-")[0],
                        "--max-port", RELAY_PORTS.split("-")[1], "--use-auth-secret", "--static-auth-secret", secret,
                        "--realm", "confer.test", "--fingerprint", "--no-tls", "--no-dtls", "--no-cli", "--no-tcp-relay",
                        "--no-multicast-peers", "--no-rfc5780", "--no-stun-backward-compatibility",
                        "--log-file", "stdout", "--simple-log"))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Coturn c = new Coturn(p, new Turn("turn:" + ADDRESS + ":" + port + "?transport=udp", secret, log));
                awaitBound(p, port, log);
                return c;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start coturn: " + e.getMessage(), e);
            }
        }

        /** Bound in ~40 ms when measured; its UDP socket shows in this namespace's /proc/net/udp. */
        private static void awaitBound(Process p, int port, Path log) throws IOException {
            String hexPort = ":" + String.format(Locale.ROOT, "%04X", port) + " ";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.readString(Path.of("/proc/net/udp")).contains(hexPort)) {
                    return;
                }
                if (!p.isAlive()) {
                    break;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("coturn did not bind UDP " + port + "; its log: " + Files.readString(log));
        }

        private static int freeUdpPort() {
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(ADDRESS))) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
