package org.confer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The multi-node benchmark still works: two nodes of the freshly built jar on one fresh
 * PostgreSQL schema and the machine's NATS, a tiny fanout and a tiny rooms run with clients and
 * sends round-robin over both, and every message reaches every member on both nodes exactly once
 * and in order (which needs the NATS bus between the nodes). No timing is asserted.
 *
 * <p>Skipped when PostgreSQL or NATS is unreachable, except under CI=true (or
 * -Dconfer.test.pgRequired=true), where that fails, as the server's PostgreSQL tests do. Skipped
 * too while the server jar has no NATS bus (no NATS client classes in it): until then a node
 * hears of another node's message only when a later message of the same conversation passes
 * through it, and the last ones are lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeSmokeTest {
    private static final Path JAR = Path.of("..", "server", "target", "confer.jar");
    private static final String PG_URL = env("CONFER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = env("CONFER_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("CONFER_TEST_PG_PASSWORD", "");
    private static final String NATS = env("CONFER_TEST_NATS_URL", ServerUnderTest.DEFAULT_NATS);
    private ServerUnderTest server;

    @BeforeAll
    void startTwoNodes() throws Exception {
        assertThat(JAR).as("the server module packages before the bench module is tested").exists();
        Assumptions.assumeTrue(hasNatsBus(), "the server jar has no NATS bus yet; multi-node delivery cannot be exact");
        requireReachable();
        server = ServerUnderTest.from(options("fanout"));
        assertThat(server.urls).hasSize(2).doesNotHaveDuplicates();
    }

    @AfterAll
    void stopNodes() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_tiny_fanout_through_two_nodes_reaches_every_member_on_both_once_and_in_order() throws Exception {
        JsonNode r = FanoutScenario.run(options("fanout", "--members", "6", "--messages", "40", "--window", "4"), server).json;
        assertExactlyOnceInOrder(r, 6 * 40);
        assertBothNodesSentReceivedAndWereMeasured(r);
    }

    @Test
    void tiny_rooms_through_two_nodes_deliver_every_message_to_every_member_of_its_channel() throws Exception {
        JsonNode r = RoomsScenario.run(options("rooms", "--channels", "2", "--members", "3", "--rate", "20", "--seconds", "2"),
                server).json;
        assertExactlyOnceInOrder(r, 40 * 3);
        assertThat(r.get("failedSends").asLong()).isZero();
        assertBothNodesSentReceivedAndWereMeasured(r);
    }

    private static Options options(String scenario, String... more) {
        String[] base = {scenario, "--start", "postgres", "--nodes", "2", "--nats", NATS, "--pg-url", PG_URL, "--pg-user", PG_USER,
                "--pg-password", PG_PASSWORD, "--jar", JAR.toString(), "--server-heap", "256m", "--drain-seconds", "20"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Options.parse(all);
    }

    private static void assertExactlyOnceInOrder(JsonNode r, long expected) {
        assertThat(r.get("expected").asLong()).isEqualTo(expected);
        assertThat(r.get("delivered").asLong()).isEqualTo(expected);
        assertThat(r.get("lost").asLong()).as("lost by node: %s", r.get("lostByNode")).isZero();
        assertThat(r.get("duplicates").asLong()).isZero();
        assertThat(r.get("outOfOrder").asLong()).isZero();
    }

    private static void assertBothNodesSentReceivedAndWereMeasured(JsonNode r) {
        assertThat(r.get("nodeCount").asInt()).isEqualTo(2);
        for (JsonNode n : r.get("nodes")) {
            assertThat(n.get("sends").asLong()).as("sends accepted by node %s", n.get("node")).isPositive();
            assertThat(n.get("deliveries").asLong()).as("deliveries to node %s's clients", n.get("node")).isPositive();
            assertThat(n.get("rssMb").asLong()).isPositive();
            assertThat(n.get("cpuSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        }
        assertThat(r.get("serverCpuMsPerSend").asDouble()).isGreaterThanOrEqualTo(0);
    }

    /** A NATS client in the server jar (shaded: its classes sit in the jar itself) or a class of Confer's own named Nats…. */
    private static boolean hasNatsBus() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return jar.stream().map(java.util.zip.ZipEntry::getName).anyMatch(n -> n.startsWith("io/nats/client/")
                    || n.startsWith("org/confer/") && n.substring(n.lastIndexOf('/') + 1).startsWith("Nats"));
        }
    }

    private static void requireReachable() {
        boolean required = "true".equalsIgnoreCase(System.getProperty("confer.test.pgRequired"))
                || "true".equalsIgnoreCase(System.getenv("CI"));
        String missing = null;
        try (var c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            c.isValid(2);
        } catch (Exception e) {
            missing = "PostgreSQL at " + PG_URL + " (" + e.getMessage() + ")";
        }
        URI nats = URI.create(NATS);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(nats.getHost(), nats.getPort() < 0 ? 4222 : nats.getPort()), 2000);
        } catch (IOException e) {
            missing = (missing == null ? "" : missing + " and ") + "NATS at " + NATS + " (" + e.getMessage() + ")";
        }
        if (missing != null && required) {
            throw new AssertionError("the multi-node smoke test needs " + missing + " (CI=true)");
        }
        String why = "multi-node smoke test skipped: unreachable " + missing;
        Assumptions.assumeTrue(missing == null, why);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
