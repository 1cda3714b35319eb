package org.confer.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Confer being measured: one the bench starts as a child process (fresh H2 directory or
 * fresh PostgreSQL schema, generous rate limits, a known admin password) or one already running.
 * For a child process it reads CPU time and RSS from /proc.
 */
final class ServerUnderTest implements AutoCloseable {
    static final String ADMIN = "admin@demo.confer.test";

    final String url;
    final String adminPassword;
    private Process process;
    /** How the child was started, to start it again on the same data (search: seeded by SQL while stopped). */
    private ProcessBuilder builder;
    private final String schema;
    private final Path dataDir;
    private final Options options;
    /** The child's HL7 MLLP port (results scenario); 0 for an external server. */
    private final int mllpPort;

    private ServerUnderTest(String url, String adminPassword, Process process, String schema, Path dataDir, Options options,
                            int mllpPort) {
        this.mllpPort = mllpPort;
        this.url = url;
        this.adminPassword = adminPassword;
        this.process = process;
        this.schema = schema;
        this.dataDir = dataDir;
        this.options = options;
    }

    static ServerUnderTest from(Options o) throws Exception {
        String start = o.get("start", null);
        if (start == null) {
            return new ServerUnderTest(o.get("url", "http://127.0.0.1:8080"), o.get("admin-password",
                    System.getenv().getOrDefault("CONFER_DEMO_PASSWORD", "")), null, null, null, o, 0);
        }
        String jar = o.get("jar", "server/target/confer.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " not found: build with ./mvnw -DskipTests package, or pass --jar");
        }
        int port = freePort();
        int mllp = freePort();
        Path data = Files.createTempDirectory("confer-bench");
        String password = "bench-" + UUID.randomUUID();
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + o.get("server-heap", "2g")));
        String jfr = o.get("jfr", null);
        if (jfr != null) {
            // A Flight Recording of the server for the whole run, for choosing the next optimisation from evidence.
            command.add("-XX:StartFlightRecording=filename=" + Path.of(jfr.equals("true") ? "confer-bench.jfr" : jfr).toAbsolutePath()
                    + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", jar, "--demo"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CONFER_"));
        env.put("CONFER_PORT", Integer.toString(port));
        // Every child listens for HL7 too (one idle socket), so one server serves every scenario of a smoke run.
        env.put("CONFER_MLLP_PORT", Integer.toString(mllp));
        env.put("CONFER_BIND", "127.0.0.1");
        env.put("CONFER_DATA_DIR", data.toString());
        env.put("CONFER_DEMO_PASSWORD", password);
        env.put("CONFER_LOG_LEVEL", "warn");
        env.put("CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "1000000");
        env.put("CONFER_POSTS_PER_MINUTE_PER_USER", "100000000");
        // The generator is one address and a few owners doing what thousands of people would:
        // per-person write budgets and the per-address connection cap would measure themselves.
        env.put("CONFER_CHANGES_PER_MINUTE_PER_USER", "100000000");
        env.put("CONFER_READ_MARKS_PER_MINUTE_PER_USER", "100000000");
        env.put("CONFER_CREATES_PER_HOUR_PER_USER", "100000000");
        env.put("CONFER_ADDS_PER_HOUR_PER_USER", "100000000");
        env.put("CONFER_MAX_CONNECTIONS_PER_ADDRESS", "10000000");
        env.put("CONFER_STREAM_QUEUE_FRAMES", o.get("queue", "8192"));
        // visits: the public booking page's budgets (10 bookings an hour per client address, 3 a
        // day per email) are fixed, not settings. The generator's loopback source addresses
        // (127.0.0.2 upwards, GeneratorClients) are trusted proxies, so each booking can say its
        // own client address in X-Forwarded-For; no other scenario sends that header.
        env.put("CONFER_TRUSTED_PROXIES", String.join(",", java.util.stream.IntStream.rangeClosed(2, 254)
                .mapToObj(i -> "127.0.0." + i).toList()));
        // The proof of work is the visitor's cost, not the server's (checking one is one SHA-256 at
        // any difficulty): a low difficulty keeps the generator's CPU for sending.
        env.put("CONFER_VISITS_POW_BITS", o.get("pow-bits", "8"));
        if (o.scenario().equals("usage")) {
            // usage reads a SYNTHETIC national year of counters, seeded by the server at its start (docs/analytics.md).
            env.put("CONFER_USAGE_SYNTHETIC_ORGS", o.get("orgs", "200"));
        }
        String schema = null;
        if (start.equals("postgres")) {
            schema = "confer_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String pgUrl = o.get("pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
            try (var c = DriverManager.getConnection(pgUrl, o.get("pg-user", "postgres"), o.get("pg-password", ""))) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            }
            env.put("CONFER_DB_URL", pgUrl + "?currentSchema=" + schema);
            env.put("CONFER_DB_USER", o.get("pg-user", "postgres"));
            env.put("CONFER_DB_PASSWORD", o.get("pg-password", ""));
        } else if (!start.equals("h2")) {
            throw new IllegalArgumentException("--start takes h2 or postgres");
        }
        pb.redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
        Process p = pb.start();
        ServerUnderTest s = new ServerUnderTest("http://127.0.0.1:" + port, password, p, schema, data, o, mllp);
        s.builder = pb;
        try {
            s.awaitReady(Duration.ofSeconds(90));
        } catch (Exception | Error e) {
            s.close(); // no orphaned child, schema or data directory when start-up fails
            throw e;
        }
        return s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Where to send HL7 over MLLP: the child's port, or {@code --mllp-port} (2575) of an external server. */
    int mllpPort(Options o) {
        return mllpPort != 0 ? mllpPort : o.intValue("mllp-port", 2575);
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Confer exited: " + Files.readString(dataDir.resolve("server.log")));
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(url + "/readyz")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Confer not ready within " + timeout);
    }

    /** The child's database, for seeding by SQL: its H2 file (only while the child is stopped) or its PostgreSQL schema. */
    java.sql.Connection connectToDatabase() throws java.sql.SQLException {
        if (schema != null) {
            String pgUrl = options.get("pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
            return DriverManager.getConnection(pgUrl + "?currentSchema=" + schema + "&reWriteBatchedInserts=true",
                    options.get("pg-user", "postgres"), options.get("pg-password", ""));
        }
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("confer").toAbsolutePath(), "sa", "");
    }

    boolean isPostgres() {
        return schema != null;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Stops the child (SIGTERM, as an operator would) and keeps its data. */
    void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Starts the child again on the same data and port. */
    void restart() throws Exception {
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
        process = builder.start();
        awaitReady(Duration.ofSeconds(300));
    }

    boolean measurable() {
        return process != null;
    }

    /** The child server's /proc figures; null for an external server (not measurable from here). */
    ProcessStats stats() {
        return process == null ? null : new ProcessStats(process.pid());
    }

    /** utime + stime of the server process in clock ticks (/proc/pid/stat); -1 when not ours. */
    long cpuTicks() {
        return process == null ? -1 : stats().cpuTicks();
    }

    /** Resident set size in MiB; -1 when not ours. */
    double rssMb() {
        return process == null ? -1 : stats().rssMb();
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (schema != null && options.has("keep-schema")) {
            // For looking into the seeded data afterwards (EXPLAIN ANALYZE on search, say); the operator drops it.
            System.err.println("kept PostgreSQL schema " + schema);
        } else if (schema != null) {
            try (var c = DriverManager.getConnection(options.get("pg-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                    options.get("pg-user", "postgres"), options.get("pg-password", ""))) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        if (dataDir != null) {
            String keep = options.get("server-log", null);
            if (keep != null && Files.exists(dataDir.resolve("server.log"))) {
                // The child's output outlives its temporary directory, for looking into a failed run.
                Files.copy(dataDir.resolve("server.log"), Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (var paths = Files.walk(dataDir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static List<String> scenarios() {
        return List.of("fanout", "resume", "idle", "post", "rooms", "ceiling", "nhs-day", "tti", "meetings", "results", "visits", "search", "usage");
    }
}
