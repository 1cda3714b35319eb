package org.confer.media;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Janus that Confer starts and supervises itself when no Janus is configured, the way it embeds
 * H2 (docs/calls-and-meetings.md, "Janus"): a config of its own in {@code <data dir>/janus/},
 * fresh secrets at every start, HTTP and WebSocket on free 127.0.0.1 ports, output appended to
 * {@code <data dir>/janus/janus.log}. If Janus exits it is started again, waiting longer after
 * each quick failure; rooms of a crashed Janus are gone, so calls on it end for their people.
 */
public final class EmbeddedJanus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedJanus.class);
    /** Measured ready in 77–231 ms on a 2-core machine; 5 s allows for a very busy one. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
    /** Janus exits in about 0.2 s after SIGTERM; past this it is killed. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** Restart back-off: 1 s, doubling, at most 60 s; a Janus that ran this long resets it. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** Janus's own log is rotated at start and restart past this size (it logs warnings only). */
    static final long MAX_LOG_BYTES = 10L * 1024 * 1024;

    private final JanusConfigFiles files;
    private final Path binary;
    private final JanusApi api;
    private volatile Process process;
    private volatile boolean stopping;
    private final Thread supervisor;

    private EmbeddedJanus(JanusConfigFiles files, Path binary, JanusApi api) {
        this.files = files;
        this.binary = binary;
        this.api = api;
        this.supervisor = Thread.ofPlatform().daemon().name("janus-supervisor").unstarted(this::supervise);
    }

    /** The {@code janus} executable on PATH, if installed. */
    public static Optional<Path> findBinary() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "janus");
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the config, starts Janus and waits until it answers; throws when it does not within
     * {@link #READY_TIMEOUT} (its log says why).
     */
    public static EmbeddedJanus start(Path binary, Path dataDir, Optional<String> interfaces, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        SecureRandom random = new SecureRandom();
        JanusConfigFiles files = new JanusConfigFiles(dataDir.resolve("janus").toAbsolutePath(), freePort(), freePort(), freePort(),
                secret(random), secret(random), secret(random), interfaces);
        stopLeftover(files);
        try {
            files.write();
        } catch (IOException e) {
            throw new JanusApi.JanusException("cannot write the embedded Janus's configuration in " + files.dir() + ": " + e.getMessage(), e);
        }
        EmbeddedJanus janus = new EmbeddedJanus(files, binary, new JanusApi(URI.create("http://127.0.0.1:" + files.httpPort() + "/janus"),
                files.apiSecret(), mapper));
        janus.launch();
        if (!janus.awaitReady()) {
            janus.close();
            throw new JanusApi.JanusException("the embedded Janus did not answer within " + READY_TIMEOUT.toMillis()
                    + " ms; see " + files.log());
        }
        janus.supervisor.start();
        log.info("embedded Janus ready: HTTP 127.0.0.1:{}, WebSocket 127.0.0.1:{}, log {}", files.httpPort(), files.wsPort(), files.log());
        return janus;
    }

    /**
     * A Confer killed with SIGKILL cannot stop its Janus; the next start stops that one (found by
     * the pid file and checked to be a Janus running this very configuration) before starting anew.
     */
    private static void stopLeftover(JanusConfigFiles files) {
        Path pidFile = files.dir().resolve("janus.pid");
        try {
            if (Files.isRegularFile(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).filter(h -> h.info().commandLine().map(c -> c.contains(files.mainConfig().toString())).orElse(false))
                        .ifPresent(h -> {
                            log.warn("stopping a Janus (pid {}) left running by an earlier Confer", pid);
                            h.destroy();
                            h.onExit().completeOnTimeout(h, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
                            h.destroyForcibly();
                        });
            }
        } catch (IOException | NumberFormatException e) {
            log.debug("no usable {}: {}", pidFile, e.getMessage());
        }
    }

    public JanusApi api() {
        return api;
    }

    public URI wsUrl() {
        return URI.create("ws://127.0.0.1:" + files.wsPort());
    }

    public String tokenSecret() {
        return files.tokenSecret();
    }

    public String adminKey() {
        return files.adminKey();
    }

    /** The running Janus's process id (tests stop it to see the supervisor restart it). */
    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return files.log();
    }

    /** Synchronized with {@link #close}: a restart racing a stop must not leave a Janus behind. */
    private synchronized void launch() {
        if (stopping) {
            return;
        }
        rotateLog();
        try {
            process = new ProcessBuilder(binary.toString(), "-C", files.mainConfig().toString(), "-F", files.conf().toString(), "-o")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                    .start();
            Files.writeString(files.dir().resolve("janus.pid"), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new JanusApi.JanusException("cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    /** One previous log is kept: janus.log.1, once janus.log passes {@link #MAX_LOG_BYTES}. */
    private void rotateLog() {
        try {
            if (Files.isRegularFile(files.log()) && Files.size(files.log()) > MAX_LOG_BYTES) {
                Files.move(files.log(), files.log().resolveSibling("janus.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("could not rotate {}: {}", files.log(), e.getMessage());
        }
    }

    private boolean awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (api.answers(Duration.ofMillis(500))) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void supervise() {
        Duration backoff = Duration.ofSeconds(1);
        while (!stopping) {
            long started = System.nanoTime();
            try {
                int code = process.waitFor();
                if (stopping) {
                    return;
                }
                if (Duration.ofNanos(System.nanoTime() - started).compareTo(MAX_BACKOFF) > 0) {
                    backoff = Duration.ofSeconds(1);
                }
                log.warn("the embedded Janus exited with code {}; starting it again in {} s (see {})", code, backoff.toSeconds(), files.log());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                if (stopping) {
                    return;
                }
                launch();
                if (awaitReady()) {
                    log.info("the embedded Janus is running again");
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("could not restart the embedded Janus: {}", e.getMessage());
            }
        }
    }

    /** SIGTERM, a wait, then SIGKILL; only ever this process, by its handle. */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            stopping = true;
            p = process;
        }
        supervisor.interrupt();
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the embedded Janus did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
                p.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private static String secret(SecureRandom random) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new JanusApi.JanusException("no free local port for Janus: " + e.getMessage(), e);
        }
    }
}
