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
 * The Confer being measured: one or more nodes the bench starts as child processes (fresh H2
 * directory or fresh PostgreSQL schema, generous rate limits, a known admin password) or ones
 * already running ({@code --url}, repeated or comma-separated). For child processes it reads CPU
 * time and RSS from /proc, per node.
 *
 * <p>{@code --nodes N} (with {@code --start postgres} only: nodes share their state through one
 * database) starts N processes on the same fresh schema, each on its own port and data directory,
 * all with {@code CONFER_NATS_URL} ({@code --nats}, default nats://127.0.0.1:4222 when N &gt; 1;
 * {@code --nats none} for none). The first node migrates and seeds the demo data alone; the others
 * start together once it is ready, so no two nodes seed at once (seeding is idempotent, not
 * race-free, and Flyway would only serialise the migrations).
 */
final class ServerUnderTest implements AutoCloseable {
    static final String ADMIN = "admin@demo.confer.test";
    /** The bus the nodes of a cluster share unless --nats says otherwise: the NATS with JetStream of the benchmark machine. */
    static final String DEFAULT_NATS = "nats://127.0.0.1:4222";

    /** The first node's base URL (every scenario that runs on one node uses it). */
    final String url;
    /** Every node's base URL, in node order; clients are spread over them round-robin (see {@link Api}). */
    final List<String> urls;
    final String adminPassword;
    /** The child processes, in node order; empty for external servers. */
    private final List<Node> nodes;
    private final String schema;
    private final Options options;
    /** The NATS the started nodes use, or null. */
    private final String nats;

    /** One child process: how it was started (to start it again on the same data), its data directory and ports. */
    private static final class Node {
        final ProcessBuilder builder;
        final Path dataDir;
        final String url;
        /** The child's HL7 MLLP port (results scenario). */
        final int mllpPort;
        Process process;

        Node(ProcessBuilder builder, Path dataDir, String url, int mllpPort) {
            this.builder = builder;
            this.dataDir = dataDir;
            this.url = url;
            this.mllpPort = mllpPort;
        }
    }

    private ServerUnderTest(List<String> urls, String adminPassword, List<Node> nodes, String schema, String nats, Options options) {
        this.url = urls.getFirst();
        this.nats = nats;
        this.urls = List.copyOf(urls);
        this.adminPassword = adminPassword;
        this.nodes = nodes;
        this.schema = schema;
        this.options = options;
    }

    static ServerUnderTest from(Options o) throws Exception {
        String start = o.get("start", null);
        if (start == null) {
            List<String> urls = java.util.Arrays.stream(o.get("url", "http://127.0.0.1:8080").split(","))
                    .map(String::trim).filter(u -> !u.isEmpty()).toList();
            return new ServerUnderTest(urls, o.get("admin-password", System.getenv().getOrDefault("CONFER_DEMO_PASSWORD", "")),
                    List.of(), null, null, o);
        }
        int count = o.intValue("nodes", 1);
        if (count < 1) {
            throw new IllegalArgumentException("--nodes takes a number of nodes, 1 or more");
        }
        if (count > 1 && !start.equals("postgres")) {
            throw new IllegalArgumentException("--nodes " + count + " needs --start postgres: the nodes of a cluster share one database");
        }
        String jar = o.get("jar", "server/target/confer.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " not found: build with ./mvnw -DskipTests package, or pass --jar");
        }
        String password = "bench-" + UUID.randomUUID();
        String schema = null;
        if (start.equals("postgres")) {
            schema = "confer_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (var c = DriverManager.getConnection(pgUrl(o), o.get("pg-user", "postgres"), o.get("pg-password", ""))) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            }
        } else if (!start.equals("h2")) {
            throw new IllegalArgumentException("--start takes h2 or postgres");
        }
        String natsOption = o.get("nats", count > 1 ? DEFAULT_NATS : "none");
        String nats = natsOption.equals("none") ? null : natsOption;
        List<Node> nodes = new java.util.ArrayList<>();
        ServerUnderTest s = null;
        try {
            for (int k = 0; k < count; k++) {
                nodes.add(node(o, jar, password, schema, nats, k, count));
            }
            s = new ServerUnderTest(nodes.stream().map(n -> n.url).toList(), password, nodes, schema, nats, o);
            // The first node alone: it migrates the schema and seeds the demo data.
            s.launch(nodes.getFirst(), Duration.ofSeconds(90));
            if (count > 1) {
                for (Node n : nodes.subList(1, count)) {
                    n.process = n.builder.start();
                }
                for (Node n : nodes.subList(1, count)) {
                    s.awaitReady(n, Duration.ofSeconds(120));
                }
            }
            return s;
        } catch (Exception | Error e) {
            // No orphaned child, schema or data directory when start-up fails.
            if (s == null) {
                s = new ServerUnderTest(List.of("http://unstarted"), password, nodes, schema, nats, o);
            }
            s.close();
            throw e;
        }
    }

    /** The command, environment and ports of node {@code k} (0-based) of {@code count}; not started yet. */
    private static Node node(Options o, String jar, String password, String schema, String nats, int k, int count) throws IOException {
        int port = freePort();
        int mllp = freePort();
        Path data = Files.createTempDirectory("confer-bench");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + o.get("server-heap", "2g")));
        String jfr = o.get("jfr", null);
        if (jfr != null) {
            // A Flight Recording of the server for the whole run, for choosing the next optimisation from evidence.
            command.add("-XX:StartFlightRecording=filename=" + Path.of(perNode(jfr.equals("true") ? "confer-bench.jfr" : jfr, k, count))
                    .toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", jar, "--demo"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(key -> key.startsWith("CONFER_"));
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
        if (schema != null) {
            env.put("CONFER_DB_URL", pgUrl(o) + "?currentSchema=" + schema);
            env.put("CONFER_DB_USER", o.get("pg-user", "postgres"));
            env.put("CONFER_DB_PASSWORD", o.get("pg-password", ""));
        }
        if (nats != null) {
            env.put("CONFER_NATS_URL", nats);
        }
        pb.redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
        return new Node(pb, data, "http://127.0.0.1:" + port, mllp);
    }

    /** {@code path} for the first node (and a single one); {@code path.node2} and so on for the others. */
    private static String perNode(String path, int k, int count) {
        return k == 0 || count == 1 ? path : path + ".node" + (k + 1);
    }

    private static String pgUrl(Options o) {
        return o.get("pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    private void launch(Node n, Duration timeout) throws Exception {
        n.process = n.builder.start();
        awaitReady(n, timeout);
    }

    int nodeCount() {
        return urls.size();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Where to send HL7 over MLLP: the first child's port, or {@code --mllp-port} (2575) of an external server. */
    int mllpPort(Options o) {
        return nodes.isEmpty() ? o.intValue("mllp-port", 2575) : nodes.getFirst().mllpPort;
    }

    private void awaitReady(Node n, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!n.process.isAlive()) {
                throw new IllegalStateException("Confer (" + n.url + ") exited: " + Files.readString(n.dataDir.resolve("server.log")));
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(n.url + "/readyz")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Confer (" + n.url + ") not ready within " + timeout);
    }

    /** The child's database, for seeding by SQL: its H2 file (only while the child is stopped) or its PostgreSQL schema. */
    java.sql.Connection connectToDatabase() throws java.sql.SQLException {
        if (schema != null) {
            return DriverManager.getConnection(pgUrl(options) + "?currentSchema=" + schema + "&reWriteBatchedInserts=true",
                    options.get("pg-user", "postgres"), options.get("pg-password", ""));
        }
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir().resolve("confer").toAbsolutePath(), "sa", "");
    }

    boolean isPostgres() {
        return schema != null;
    }

    /** The first child's data directory. */
    Path dataDir() {
        return nodes.getFirst().dataDir;
    }

    /** Stops every child (SIGTERM, as an operator would) and keeps their data. */
    void stop() throws Exception {
        for (Node n : nodes) {
            n.process.destroy();
            if (!n.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                n.process.destroyForcibly();
            }
        }
    }

    /** Starts every child again on the same data and port, the first alone (it migrates), then the others. */
    void restart() throws Exception {
        for (Node n : nodes) {
            n.builder.redirectOutput(ProcessBuilder.Redirect.appendTo(n.dataDir.resolve("server.log").toFile()));
            launch(n, Duration.ofSeconds(300));
        }
    }

    boolean measurable() {
        return !nodes.isEmpty();
    }

    /** The first child's /proc figures; null for an external server (not measurable from here). */
    ProcessStats stats() {
        return nodes.isEmpty() ? null : new ProcessStats(nodes.getFirst().process.pid());
    }

    /** Every node's /proc figures in node order; null entries for external servers. */
    List<ProcessStats> nodeStats() {
        if (nodes.isEmpty()) {
            return java.util.Collections.nCopies(urls.size(), null);
        }
        return nodes.stream().map(n -> new ProcessStats(n.process.pid())).toList();
    }

    /** A measuring window over every node and, when they are on this machine, the PostgreSQL and the NATS they use. */
    Usage usage() {
        int busPort = 0;
        if (nats != null && !nats.contains(",") && (nats.contains("//127.0.0.1") || nats.contains("//localhost"))) {
            URI u = URI.create(nats);
            busPort = u.getPort() < 0 ? 4222 : u.getPort();
        }
        return new Usage(nodeStats(), DatabaseStats.of(this, options), busPort);
    }

    /** utime + stime of the first server process in clock ticks (/proc/pid/stat); -1 when not ours. */
    long cpuTicks() {
        return nodes.isEmpty() ? -1 : stats().cpuTicks();
    }

    /** Resident set size of the first server process in MiB; -1 when not ours. */
    double rssMb() {
        return nodes.isEmpty() ? -1 : stats().rssMb();
    }

    @Override
    public void close() throws Exception {
        for (Node n : nodes) {
            if (n.process != null) {
                n.process.destroy();
            }
        }
        for (Node n : nodes) {
            if (n.process != null && !n.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                n.process.destroyForcibly();
            }
        }
        if (schema != null && options.has("keep-schema")) {
            // For looking into the seeded data afterwards (EXPLAIN ANALYZE on search, say); the operator drops it.
            System.err.println("kept PostgreSQL schema " + schema);
        } else if (schema != null) {
            try (var c = DriverManager.getConnection(pgUrl(options), options.get("pg-user", "postgres"), options.get("pg-password", ""))) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        String keep = options.get("server-log", null);
        for (int k = 0; k < nodes.size(); k++) {
            Path dataDir = nodes.get(k).dataDir;
            if (keep != null && Files.exists(dataDir.resolve("server.log"))) {
                // The child's output outlives its temporary directory, for looking into a failed run.
                Files.copy(dataDir.resolve("server.log"), Path.of(perNode(keep, k, nodes.size())),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (var paths = Files.walk(dataDir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The scenarios that spread their clients over several nodes (--nodes, or several --url). */
    static List<String> multiNodeScenarios() {
        return List.of("fanout", "rooms", "nhs-day");
    }

    static List<String> scenarios() {
        return List.of("fanout", "resume", "idle", "post", "rooms", "ceiling", "nhs-day", "tti", "meetings", "results", "visits", "search", "usage");
    }
}
