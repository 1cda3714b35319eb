package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.ConferProcess;
import org.confer.testing.Eventually;
import org.confer.testing.Postgres;
import org.confer.testing.StreamClient;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * deploy/haproxy/confer.cfg, as it is in the repository, run by Debian's HAProxy in front of two
 * Confer nodes on one PostgreSQL database (the third server line points at a port where nothing
 * listens: a node that is down). Only the "${...}" settings differ from production: test ports, a
 * certificate made here, {@code maxconn} 2,000 instead of 50,000 (which needs a file limit a CI
 * runner may not grant), and {@code timeout client}/{@code timeout server} cut from 60 s to 2 s,
 * so that a stream idle for longer shows it is governed by {@code timeout tunnel} instead.
 * Skipped without haproxy or PostgreSQL, except under CI=true (test.sh installs haproxy).
 *
 * <p>The nodes have no bus between them yet (NATS, issue 18), so a message reaches live only the
 * streams of the node that stored it: the test posts on the node that holds the stream. The
 * methods run in order; the last one stops a node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancerConfigTest {
    private static final Path CONFIG = Path.of("..", "deploy", "haproxy", "confer.cfg");
    /** Short on purpose; production keeps the file's 60 s (see the class comment). */
    private static final String TEST_HTTP_TIMEOUT = "2s";
    /** The file's check timing: inter 2 s, fall 2, so a dead node is out within about 4 s (6 s with a check in flight). */
    private static final Duration OUT_WITHIN = Duration.ofSeconds(8);

    private Path work;
    private TestStorage storage;
    private final List<TestServer> nodes = new ArrayList<>();
    private Process haproxy;
    private Path haproxyLog;
    private HttpClient tls;
    private Api lb;
    private String statsBase;
    private int httpPort;

    @BeforeAll
    void startTwoNodesBehindHaproxy() throws Exception {
        String binary = haproxyBinary();
        storage = TestStorage.createMigrated(Backend.POSTGRES);
        work = Files.createTempDirectory("confer-lb");
        Map<String, String> node = new HashMap<>();
        // Each node keeps its own data directory (search index, upload staging), as on separate hosts.
        node.put("CONFER_TRUSTED_PROXIES", "127.0.0.1");
        nodes.add(TestServer.start(storage, node));
        node.put("CONFER_DATA_DIR", Files.createDirectories(work.resolve("node-2")).toString());
        nodes.add(TestServer.start(storage, node));

        Path certificate = certificate(work);
        int httpsPort = ConferProcess.freePort();
        httpPort = ConferProcess.freePort();
        int statsPort = ConferProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONFER_NODE_1", "127.0.0.1:" + nodes.get(0).app().port());
        env.put("CONFER_NODE_2", "127.0.0.1:" + nodes.get(1).app().port());
        env.put("CONFER_NODE_3", "127.0.0.1:" + ConferProcess.freePort());
        env.put("CONFER_LB_HTTPS_ADDRESS", "127.0.0.1:" + httpsPort);
        env.put("CONFER_LB_HTTP_ADDRESS", "127.0.0.1:" + httpPort);
        env.put("CONFER_LB_STATS_ADDRESS", "127.0.0.1:" + statsPort);
        env.put("CONFER_LB_CERTIFICATE", certificate.toString());
        env.put("CONFER_LB_TIMEOUT_CLIENT", TEST_HTTP_TIMEOUT);
        env.put("CONFER_LB_TIMEOUT_SERVER", TEST_HTTP_TIMEOUT);
        // Production's 50,000 needs a file limit of about 100,000, more than a container or CI runner may allow.
        env.put("CONFER_LB_MAXCONN", "2000");
        if (!"root".equals(System.getProperty("user.name"))) {
            env.put("CONFER_LB_UNPRIVILEGED", "1");
        }
        haproxyLog = work.resolve("haproxy.log");
        ProcessBuilder pb = new ProcessBuilder(binary, "-db", "-f", CONFIG.toAbsolutePath().normalize().toString())
                .redirectErrorStream(true).redirectOutput(haproxyLog.toFile());
        pb.environment().putAll(env);
        haproxy = pb.start();

        statsBase = "http://127.0.0.1:" + statsPort;
        tls = HttpClient.newBuilder().sslContext(trusting(certificate)).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
        lb = new Api("https://127.0.0.1:" + httpsPort, tls);
        Eventually.answer(Duration.ofSeconds(30), this::serverStates,
                s -> "UP".equals(s.get("confer-1")) && "UP".equals(s.get("confer-2")) && s.getOrDefault("confer-3", "").startsWith("DOWN"),
                "HAProxy's view of the nodes (log: " + log() + ")");
    }

    @AfterAll
    void stopEverything() {
        if (haproxy != null) {
            haproxy.destroy();
        }
        nodes.forEach(TestServer::close);
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    @Order(1)
    void a_sign_in_and_a_stream_work_through_the_balancer_and_the_stream_outlives_its_http_timeouts() throws Exception {
        String alice = lb.login("alice@demo.confer.test", TestServer.DEMO_PASSWORD);
        String bob = lb.login("bob@demo.confer.test", TestServer.DEMO_PASSWORD);
        String conversation = direct(alice, bob);

        try (StreamClient stream = StreamClient.connect(tls, lb.base(), bob, true)) {
            stream.hello(Map.of(), null);
            stream.awaitType("ready");
            TestServer holder = nodeHolding(1);
            // Nothing crosses the tunnel for 2.5 times HAProxy's client and server timeouts (the server's
            // first ping is due at 25 s): only "timeout tunnel" (1 h) applies to an upgraded connection.
            Thread.sleep(5_000);
            String text = "through the balancer " + UUID.randomUUID();
            Api.Response posted = post(holder.api, alice, conversation, text);
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);

            JsonNode event = stream.await(f -> "event".equals(f.path("type").asText())
                    && text.equals(f.at("/event/message/text").asText()), Duration.ofSeconds(10));
            assertThat(event.path("conversationId").asText()).isEqualTo(conversation);
        }
    }

    @Test
    @Order(2)
    void the_address_a_client_claims_in_x_forwarded_for_is_replaced_by_its_real_one() {
        Api.Response r = lb.send("POST", "/api/v1/auth/login",
                Api.json(Map.of("email", "chloe@demo.confer.test", "password", TestServer.DEMO_PASSWORD)),
                Map.of("Content-Type", "application/json", "X-Forwarded-For", "203.0.113.9"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String token = r.json().get("token").asText();

        JsonNode sessions = lb.get("/api/v1/me/sessions", token).json().get("items");
        JsonNode mine = null;
        for (JsonNode s : sessions) {
            if (s.path("current").asBoolean()) {
                mine = s;
            }
        }
        assertThat(mine).as(sessions.toString()).isNotNull();
        assertThat(mine.get("clientAddress").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    @Order(3)
    void the_chunks_of_an_upload_reach_the_node_that_staged_it_and_may_be_larger_than_the_body_limit() {
        String alice = lb.login("alice@demo.confer.test", TestServer.DEMO_PASSWORD);
        String bob = lb.login("bob@demo.confer.test", TestServer.DEMO_PASSWORD);
        String conversation = direct(alice, bob);
        byte[] chunk = new byte[1024 * 1024]; // 16 times CONFER_MAX_BODY_BYTES; within the uploads' 8 MiB
        java.util.Arrays.fill(chunk, (byte) 'x'); // plain text, a kind of file that may be shared
        for (String who : List.of(alice, bob)) {
            int chunks = 3;
            Api.Response created = lb.post("/api/v1/uploads", Map.of("conversationId", conversation,
                    "name", "notes.txt", "size", chunks * chunk.length), who);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().get("id").asText();
            Api.Response last = null;
            for (int i = 0; i < chunks; i++) {
                Map<String, String> h = Api.auth(who);
                h.put("Content-Type", "application/octet-stream");
                last = lb.send("PUT", "/api/v1/uploads/" + id + "?offset=" + (long) i * chunk.length, chunk, h);
                assertThat(last.status()).as("chunk " + i + ": " + last).isEqualTo(200);
            }
            assertThat(last.json().has("file")).as(last.toString()).isTrue();
        }
    }

    @Test
    @Order(4)
    void plain_http_is_redirected_to_https() throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/v1/me")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + httpPort + "/api/v1/me");
    }

    @Test
    @Order(5)
    void a_stopped_node_is_taken_out_within_the_check_interval_and_requests_go_on_through_the_other() throws Exception {
        String alice = lb.login("alice@demo.confer.test", TestServer.DEMO_PASSWORD);
        String bob = lb.login("bob@demo.confer.test", TestServer.DEMO_PASSWORD);
        String conversation = direct(alice, bob);
        StreamClient first = StreamClient.connect(tls, lb.base(), bob, true);
        first.hello(Map.of(), null);
        first.awaitType("ready");
        TestServer stopping = nodeHolding(1);
        TestServer staying = nodes.get(0) == stopping ? nodes.get(1) : nodes.get(0);
        String stoppingName = nodes.get(0) == stopping ? "confer-1" : "confer-2";

        // Requests keep arriving while the node stops (SIGTERM runs the same App.close()).
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Boolean> running = new AtomicReference<>(true);
        Thread load = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                try {
                    Api.Response r = lb.get("/api/v1/me", alice);
                    if (r.status() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failures.add(r.toString());
                    }
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                }
            }
        });
        Thread.sleep(500);
        long stoppedAt = System.nanoTime();
        stopping.close();
        nodes.remove(stopping);

        assertThat(first.awaitClose(Duration.ofSeconds(10))).as("server stopping").isEqualTo(1001);
        Eventually.answer(OUT_WITHIN, this::serverStates, s -> s.getOrDefault(stoppingName, "").startsWith("DOWN"),
                "HAProxy's view once " + stoppingName + " stopped");
        Duration out = Duration.ofNanos(System.nanoTime() - stoppedAt);
        Thread.sleep(1_000);
        running.set(false);
        load.join();
        assertThat(failures).as("requests through the balancer while a node stopped (out after " + out.toMillis() + " ms)").isEmpty();
        assertThat(ok.get()).isGreaterThan(10);

        // The client reconnects as close 1001 tells it to, and lands on the node still up.
        try (StreamClient again = StreamClient.connect(tls, lb.base(), bob, true)) {
            again.hello(Map.of(), null);
            again.awaitType("ready");
            assertThat(staying.app().stream().connectionCount()).isEqualTo(1);
            String text = "after the failover " + UUID.randomUUID();
            assertThat(post(lb, alice, conversation, text).status()).isEqualTo(201);
            again.await(f -> text.equals(f.at("/event/message/text").asText()), Duration.ofSeconds(10));
        }
    }

    // --- helpers ---

    private String direct(String a, String b) {
        String bobId = lb.get("/api/v1/me", b).json().get("id").asText();
        Api.Response r = lb.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(bobId)), a);
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.json().get("id").asText();
    }

    private static Api.Response post(Api api, String token, String conversation, String text) {
        return api.post("/api/v1/conversations/" + conversation + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()), token);
    }

    /** The node whose stream hub holds {@code count} connections (the other holds none). */
    private TestServer nodeHolding(int count) {
        return Eventually.answer(Duration.ofSeconds(5),
                () -> nodes.stream().filter(n -> n.app().stream().connectionCount() == count).findFirst().orElse(null),
                n -> n != null, "a node holding the stream");
    }

    /** Server name → status (UP, DOWN, "DOWN 1/3", ...) in backend "confer", from HAProxy's CSV. */
    private Map<String, String> serverStates() {
        Map<String, String> out = new HashMap<>();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(statsBase + "/stats;csv"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            List<String> lines = r.body().lines().toList();
            List<String> header = List.of(lines.getFirst().replaceFirst("^# ", "").split(","));
            int status = header.indexOf("status");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length > status && "confer".equals(f[0])) {
                    out.put(f[1], f[status]);
                }
            }
        } catch (IOException notYet) {
            // HAProxy is not listening yet.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!haproxy.isAlive()) {
            throw new AssertionError("haproxy exited with " + haproxy.exitValue() + ": " + log());
        }
        return out;
    }

    private String log() {
        try {
            return Files.readString(haproxyLog);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Debian installs haproxy in /usr/sbin, which an ordinary user's PATH may lack. */
    private static String haproxyBinary() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        for (String dir : dirs) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "haproxy");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        if (Postgres.required()) {
            throw new AssertionError("the load-balancer test needs haproxy (CI=true): apt-get install haproxy, or run test.sh as root");
        }
        Assumptions.abort("no haproxy: the load-balancer test is skipped");
        return null;
    }

    /**
     * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, written as the PEM
     * file HAProxy wants (certificate, then the PKCS#8 key).
     */
    private static Path certificate(Path dir) throws Exception {
        Path store = dir.resolve("lb.p12");
        String password = "lb-test-only";
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "lb", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String said;
        try (InputStream in = keytool.getInputStream()) {
            said = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(keytool.waitFor()).as(said).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Certificate cert = ks.getCertificate("lb");
        String pem = "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n"
                + "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(ks.getKey("lb", password.toCharArray()).getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path out = dir.resolve("lb.pem");
        Files.writeString(out, pem);
        return out;
    }

    /** Trusts exactly the certificate in {@code pem} (host name checks stay on: it names 127.0.0.1). */
    private static SSLContext trusting(Path pem) throws Exception {
        Certificate cert;
        try (InputStream in = Files.newInputStream(pem)) {
            cert = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("lb", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
