package org.confer.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real server as a separate JVM ({@code java -cp <test class path> org.confer.Confer}), for
 * what only a process shows: exit codes, what reaches stdout and stderr, SIGTERM and SIGKILL.
 * The environment is only what the test gives (no CONFER_* variable leaks in from the build),
 * on a free loopback port; stdout and stderr go to files so the child never blocks on a pipe.
 */
public final class ConferProcess implements AutoCloseable {
    /** Upper bound for a start-up, generous for a busy 2-core machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    public final int port;
    public final Api api;

    private ConferProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
        this.api = new Api("http://127.0.0.1:" + port);
    }

    /**
     * Launches the server and returns at once. {@code env} holds CONFER_* settings; CONFER_PORT
     * defaults to a free port and CONFER_BIND to 127.0.0.1. The working directory is
     * {@code workDir}, which also receives the output files.
     */
    public static ConferProcess launch(Path workDir, Map<String, String> env, String... args) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("CONFER_BIND", "127.0.0.1");
        settings.put("CONFER_PORT", Integer.toString(freePort()));
        // A Janus child per process test would only slow them; the media tests start one on purpose.
        settings.put("CONFER_JANUS_EMBEDDED", "off");
        settings.putAll(env);
        int port;
        try {
            port = Integer.parseInt(settings.get("CONFER_PORT"));
        } catch (NumberFormatException invalidOnPurpose) {
            port = -1;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Xshare:auto");
        // As the jar's manifest says (Enable-Native-Access): Lucene's index uses the foreign-memory API.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(classPath());
        command.add("org.confer.Confer");
        command.addAll(List.of(args));
        try {
            Files.createDirectories(workDir);
            Path out = Files.createTempFile(workDir, "confer-", ".out");
            Path err = Files.createTempFile(workDir, "confer-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("CONFER_"));
            pb.environment().putAll(settings);
            return new ConferProcess(pb.start(), out, err, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + command, e);
        }
    }

    /** Launches the server and waits until /readyz answers 200 (at most {@link #START_TIMEOUT}). */
    public static ConferProcess start(Path workDir, Map<String, String> env, String... args) {
        ConferProcess p = launch(workDir, env, args);
        try {
            return p.awaitReady(START_TIMEOUT);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    /** Polls /readyz until 200; fails when the process exits first or {@code timeout} passes. */
    public ConferProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(api.base() + "/readyz")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Confer exited with " + process.exitValue() + " before it was ready\n" + describe());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for Confer", e);
            }
            sleep(100);
        }
        throw new AssertionError("Confer was not ready within " + timeout + "\n" + describe());
    }

    /** Asks the server to stop, as systemd or Kubernetes would (SIGTERM). */
    public void sigterm() {
        process.destroy();
    }

    /** Kills the server without warning (SIGKILL, kill -9). */
    public void sigkill() {
        process.destroyForcibly();
    }

    /** Waits at most {@code timeout} for the process to end; returns its exit code, or fails. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Confer did not exit within " + timeout + "\n" + describe());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for Confer to exit", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Everything written to stdout so far. */
    public String output() {
        return read(stdout);
    }

    /** Everything written to stderr so far. */
    public String errors() {
        return read(stderr);
    }

    /** Kills the process if it still runs and removes the output files. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
            // Left in a temp directory the test removes anyway.
        }
    }

    private String describe() {
        return "--- stdout ---\n" + output() + "--- stderr ---\n" + errors();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The test class path, which holds the server's classes and all its dependencies. */
    private static String classPath() {
        String cp = System.getProperty("java.class.path");
        boolean hasServer = List.of(cp.split(File.pathSeparator)).stream()
                .anyMatch(e -> Files.exists(Path.of(e).resolve("org/confer/Confer.class")));
        if (!hasServer) {
            // A manifest-only booter jar: surefire keeps the real class path here.
            cp = System.getProperty("surefire.test.class.path", cp);
        }
        return cp;
    }

    /** A port free on the loopback interface right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
