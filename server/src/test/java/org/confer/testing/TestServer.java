package org.confer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.confer.app.App;
import org.confer.app.Config;
import org.confer.app.ConfigLoader;

/**
 * A real Confer server in this JVM on a free loopback port, on a fresh H2 data directory or a
 * fresh PostgreSQL schema, seeded with the demo organisations and people (password
 * {@link #DEMO_PASSWORD}).
 */
public final class TestServer implements AutoCloseable {
    public static final String DEMO_PASSWORD = "demo-password-for-tests";

    private final App app;
    private final TestStorage storage;
    private final boolean ownsStorage;
    private final String banner;
    public final TestClock clock;
    public final Api api;

    private TestServer(App app, TestStorage storage, boolean ownsStorage, String banner, TestClock clock) {
        this.app = app;
        this.storage = storage;
        this.ownsStorage = ownsStorage;
        this.banner = banner;
        this.clock = clock;
        this.api = new Api("http://127.0.0.1:" + app.port());
    }

    /**
     * Starts a server on fresh storage, dropped when the server is closed. {@code settings} are
     * applied after the test defaults, so they can override them (e.g. CONFER_DEMO=false). On H2
     * the storage starts already migrated ({@link TestStorage#createMigrated}).
     */
    public static TestServer start(Backend backend, Map<String, String> settings) {
        TestStorage storage = TestStorage.createMigrated(backend);
        try {
            return start(storage, settings, true);
        } catch (RuntimeException | Error e) {
            storage.close();
            throw e;
        }
    }

    /**
     * Starts a server on existing storage, which outlives it: close the server, then start
     * another on the same storage to test a restart. The caller closes the storage. {@code args}
     * are command-line flags, such as {@code --demo}.
     */
    public static TestServer start(TestStorage storage, Map<String, String> settings, String... args) {
        return start(storage, settings, false, args);
    }

    private static TestServer start(TestStorage storage, Map<String, String> settings, boolean ownsStorage, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("CONFER_PORT", "0");
        env.put("CONFER_BIND", "127.0.0.1");
        env.put("CONFER_DEMO", "true");
        env.put("CONFER_DEMO_PASSWORD", DEMO_PASSWORD);
        // Every test signs in from 127.0.0.1; the per-address sign-in limit is tested where a class sets it.
        env.put("CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "100000");
        // One person makes many chats, teams and changes in a test class; the write budgets are
        // tested where a class sets them (security/WriteBudgetsTest).
        env.put("CONFER_CHANGES_PER_MINUTE_PER_USER", "100000");
        env.put("CONFER_READ_MARKS_PER_MINUTE_PER_USER", "100000");
        env.put("CONFER_CREATES_PER_HOUR_PER_USER", "600000");
        env.put("CONFER_ADDS_PER_HOUR_PER_USER", "600000");
        // Test servers never start a Janus of their own; the media tests (tag "media") ask for one.
        env.put("CONFER_JANUS_EMBEDDED", "off");
        env.putAll(storage.env());
        env.putAll(settings);
        Config config = new ConfigLoader(env, storage.dataDir).load(args);
        TestClock clock = new TestClock();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        App app = new App(config, clock).start(new PrintStream(out, true, StandardCharsets.UTF_8));
        return new TestServer(app, storage, ownsStorage, out.toString(StandardCharsets.UTF_8), clock);
    }

    public App app() {
        return app;
    }

    public String banner() {
        return banner;
    }

    public TestStorage storage() {
        return storage;
    }

    /** The /metrics bearer token the server generated at its first start (data/metrics-token.txt). */
    public String metricsToken() {
        try {
            return Files.readString(storage.dataDir.resolve("metrics-token.txt")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no metrics-token.txt in " + storage.dataDir, e);
        }
    }

    /** Signs in a demo person by the local part of their email (alice, bob, admin, priya, ...). */
    public String login(String localPart) {
        return api.login(localPart + "@demo.confer.test", DEMO_PASSWORD);
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            if (ownsStorage) {
                storage.close();
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
