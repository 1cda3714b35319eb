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
    private final Path dataDir;
    private final String schema;
    private final String banner;
    public final TestClock clock;
    public final Api api;

    private TestServer(App app, Path dataDir, String schema, String banner, TestClock clock) {
        this.app = app;
        this.dataDir = dataDir;
        this.schema = schema;
        this.banner = banner;
        this.clock = clock;
        this.api = new Api("http://127.0.0.1:" + app.port());
    }

    public static TestServer start(Backend backend, Map<String, String> settings) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("confer-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("CONFER_PORT", "0");
        env.put("CONFER_BIND", "127.0.0.1");
        env.put("CONFER_DATA_DIR", dataDir.toString());
        env.put("CONFER_DEMO", "true");
        env.put("CONFER_DEMO_PASSWORD", DEMO_PASSWORD);
        String schema = null;
        if (backend == Backend.POSTGRES) {
            Postgres.assumeAvailable();
            schema = Postgres.createSchema();
            env.put("CONFER_DB_URL", Postgres.urlFor(schema));
            env.put("CONFER_DB_USER", Postgres.USER);
            env.put("CONFER_DB_PASSWORD", Postgres.PASSWORD);
        }
        env.putAll(settings);
        Config config = new ConfigLoader(env, dataDir).load();
        TestClock clock = new TestClock();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        App app = new App(config, clock).start(new PrintStream(out, true, StandardCharsets.UTF_8));
        return new TestServer(app, dataDir, schema, out.toString(StandardCharsets.UTF_8), clock);
    }

    public App app() {
        return app;
    }

    public String banner() {
        return banner;
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
            if (schema != null) {
                Postgres.dropSchema(schema);
            }
            deleteRecursively(dataDir);
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
