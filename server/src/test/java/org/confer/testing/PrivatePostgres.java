package org.confer.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL of the test's own: {@code initdb} into a temporary directory and {@code pg_ctl} on a
 * free loopback port, so a test can stop it as a crash would and start it again, without touching
 * the machine's shared PostgreSQL (testing/Postgres) that other tests use at the same time.
 *
 * <p>The binaries are the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's layout).
 * PostgreSQL refuses to run as root, and CI runs as root: then every command runs through
 * {@code runuser -u postgres --}, and the directory (under /tmp, mode 0755) belongs to postgres.
 * Without the binaries the caller is skipped, or fails when CI=true ({@link Postgres#required()}).
 * Trust authentication, user postgres, database postgres; {@code fsync=off}, because a stop here
 * kills the server processes, not the machine: what was written is still in the page cache.
 */
public final class PrivatePostgres implements AutoCloseable {
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";
    /** A start replays the WAL after an immediate stop; generous for a busy 2-core machine. */
    private static final int START_WAIT_SECONDS = 60;

    private final Path bin;
    private final Path base;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asRoot;
    private final Thread cleanupAtExit;
    private volatile boolean running;

    private PrivatePostgres(Path bin, Path base, int port, boolean asRoot) {
        this.bin = bin;
        this.base = base;
        this.data = base.resolve("data");
        this.log = base.resolve("postgres.log");
        this.port = port;
        this.asRoot = asRoot;
        // A test JVM killed mid-test must not leave a postmaster behind.
        this.cleanupAtExit = Thread.ofPlatform().unstarted(this::stopQuietly);
    }

    /** initdb and start; skips the caller when PostgreSQL's binaries are missing (fails under CI). */
    public static PrivatePostgres start() {
        Optional<Path> bin = binaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        String missing = bin.isEmpty() ? "no initdb and pg_ctl under " + VERSIONS + "/<version>/bin"
                : asRoot && !Files.isExecutable(Path.of("/usr/sbin/runuser")) ? "running as root without /usr/sbin/runuser"
                : asRoot && !osUserExists() ? "running as root without a user " + OS_USER + " to run PostgreSQL as"
                : null;
        if (missing != null) {
            if (Postgres.required()) {
                throw new AssertionError("a private PostgreSQL is required (CI=true) but " + missing);
            }
            Assumptions.abort("no private PostgreSQL (" + missing + "); its tests are skipped");
        }
        PrivatePostgres pg;
        try {
            Path base = Files.createTempDirectory(Path.of("/tmp"), "confer-pg-");
            pg = new PrivatePostgres(bin.get(), base, freePort(), asRoot);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            pg.init();
            pg.resume();
            Runtime.getRuntime().addShutdownHook(pg.cleanupAtExit);
            return pg;
        } catch (RuntimeException | Error e) {
            pg.stopQuietly();
            pg.deleteFiles();
            throw e;
        }
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return OS_USER;
    }

    public int port() {
        return port;
    }

    /** Stops as a crash would ({@code pg_ctl stop -m immediate}): no checkpoint, sessions cut. */
    public void stopImmediately() {
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        running = false;
    }

    /** Starts (again) on the same port and data directory; returns when it accepts connections. */
    public void resume() {
        run("pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w", "-t", Integer.toString(START_WAIT_SECONDS), "start");
        running = true;
    }

    @Override
    public void close() {
        try {
            stopQuietly();
        } finally {
            deleteFiles();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
            } catch (IllegalStateException | IllegalArgumentException alreadyExitingOrNeverAdded) {
                // Nothing to undo.
            }
        }
    }

    private void init() {
        try {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (asRoot) {
                UserPrincipalLookupService users = base.getFileSystem().getUserPrincipalLookupService();
                UserPrincipal owner = users.lookupPrincipalByName(OS_USER);
                GroupPrincipal group = users.lookupPrincipalByGroupName(OS_USER);
                PosixFileAttributeView view = Files.getFileAttributeView(base, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + base + " for PostgreSQL: " + e.getMessage(), e);
        }
        run("initdb", "-D", data.toString(), "-A", "trust", "-U", OS_USER, "-E", "UTF8", "--locale=C", "--no-sync");
        // In postgresql.conf rather than on pg_ctl's command line, so a start after a stop is the same server.
        String settings = "\n# PrivatePostgres\nlisten_addresses = '127.0.0.1'\nport = " + port
                + "\nunix_socket_directories = '" + base + "'\nfsync = off\nmax_connections = 50\n";
        try {
            Files.writeString(data.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write postgresql.conf: " + e.getMessage(), e);
        }
    }

    private void stopQuietly() {
        if (running) {
            try {
                stopImmediately();
            } catch (RuntimeException ignored) {
                // Already gone; the files are deleted next.
            }
        }
    }

    private void deleteFiles() {
        if (!Files.exists(base)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A directory under /tmp left behind is harmless.
        }
    }

    /** Runs one of PostgreSQL's programs as the postgres user when we are root; fails with its output. */
    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("/usr/sbin/runuser", "-u", OS_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = null;
        try {
            output = Files.createTempFile("confer-pg-cmd", ".log");
            // To a file, not a pipe: pg_ctl start leaves a postmaster behind that must not hold our pipe open.
            Process p = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(START_WAIT_SECONDS + 30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n"
                        + Files.readString(output) + tailOfServerLog());
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private String tailOfServerLog() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\nserver log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException noLogYet) {
            return "";
        }
    }

    private static boolean osUserExists() {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The bin directory of the newest installed version that has initdb and pg_ctl. */
    private static Optional<Path> binaries() {
        if (!Files.isDirectory(VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingDouble(PrivatePostgres::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static double version(Path bin) {
        try {
            return Double.parseDouble(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "private PostgreSQL on 127.0.0.1:" + port + " (" + data + ")";
    }
}
