package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.confer.testing.Api.Response;
import org.confer.testing.Backend;
import org.confer.testing.ConferProcess;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server as an operator runs it: a separate process started by {@code org.confer.Confer},
 * with exit codes, stdout/stderr, SIGTERM and kill -9.
 */
class ProcessLifecycleTest {
    private static final String DEMO_PASSWORD = "lifecycle-demo-password";

    @TempDir
    Path work;

    private Map<String, String> h2(Path dataDir) {
        return Map.of("CONFER_DATA_DIR", dataDir.toString());
    }

    @Test
    void invalid_configuration_exits_with_code_2_and_one_line_on_stderr_without_a_stack_trace() {
        try (ConferProcess p = ConferProcess.launch(work, Map.of("CONFER_PORT", "abc",
                "CONFER_DATA_DIR", work.resolve("data").toString()))) {
            int exit = p.waitFor(Duration.ofSeconds(30));

            assertThat(exit).isEqualTo(2);
            String stderr = p.errors();
            assertThat(stderr.lines().toList()).as(stderr).hasSize(1);
            assertThat(stderr).startsWith("confer: ").contains("CONFER_PORT").contains("'abc'")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(work.resolve("data")).as("nothing is created before the configuration is valid").doesNotExist();
        }
    }

    @Test
    void an_unknown_flag_exits_with_code_2_and_one_line_on_stderr() {
        try (ConferProcess p = ConferProcess.launch(work, h2(work.resolve("data")), "--prot=8080")) {
            assertThat(p.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(p.errors().lines().toList()).singleElement().asString()
                    .startsWith("confer: ").contains("--prot=8080").doesNotContain("Exception");
        }
    }

    @Test
    void help_lists_every_setting_with_its_environment_variable_and_exits_0() {
        try (ConferProcess p = ConferProcess.launch(work, Map.of(), "--help")) {
            assertThat(p.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(p.errors()).isEmpty();
            for (ConfigLoader.Setting s : ConfigLoader.Setting.values()) {
                assertThat(p.output()).contains(s.flagName()).contains(s.envName());
            }
        }
    }

    @Test
    void a_port_already_in_use_ends_start_up_with_exit_code_1_and_one_line() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Map<String, String> env = new HashMap<>(h2(work.resolve("data")));
            env.put("CONFER_PORT", Integer.toString(taken.getLocalPort()));
            try (ConferProcess p = ConferProcess.launch(work, env)) {
                assertThat(p.waitFor(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(p.errors().lines().toList()).as(p.errors()).singleElement().asString()
                        .startsWith("confer: could not start: ").doesNotContain("\tat ");
            }
        }
    }

    /**
     * Every organisation the server acknowledged (201) exists after kill -9 and a restart: a
     * commit is on disk before the response is sent (H2 WRITE_DELAY=0; PostgreSQL's WAL). The
     * restarted server then stops cleanly on SIGTERM and releases its port (one process start
     * serves both checks: each start costs 10-20 s on a loaded 2-core machine).
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void every_acknowledged_write_survives_kill_9_and_the_restarted_server_stops_cleanly_on_sigterm(Backend backend) {
        try (TestStorage storage = TestStorage.create(backend)) {
            Map<String, String> env = new HashMap<>(storage.env());
            env.put("CONFER_DEMO_PASSWORD", DEMO_PASSWORD);
            String prefix = "K9" + (backend == Backend.H2 ? "H" : "P");
            List<String> acknowledged = new ArrayList<>();

            try (ConferProcess first = ConferProcess.start(work, env, "--demo")) {
                String token = first.api.login("admin@demo.confer.test", DEMO_PASSWORD);
                for (int i = 1; i <= 30; i++) {
                    String code = prefix + String.format("%03d", i);
                    Response r = first.api.post("/api/v1/admin/organisations",
                            Map.of("code", code, "name", "Kill Nine Test Trust " + i), token);
                    if (r.status() == 201) {
                        acknowledged.add(code);
                    }
                }
                first.sigkill();
                assertThat(first.waitFor(Duration.ofSeconds(15))).as("killed by SIGKILL").isEqualTo(137);
                assertThat(first.output()).doesNotContain("Confer stopped.");
            }
            assertThat(acknowledged).as("the server acknowledged the writes").hasSize(30);

            try (ConferProcess second = ConferProcess.start(work, env, "--demo")) {
                String token = second.api.login("admin@demo.confer.test", DEMO_PASSWORD);
                Set<String> listed = listOrganisationCodes(second, token);

                assertThat(listed).containsAll(acknowledged).contains("RDM", "RDP", "YDX");
                assertThat(second.output()).contains("Confer is listening on 127.0.0.1:" + second.port);

                second.sigterm();
                second.waitFor(Duration.ofSeconds(15));

                assertThat(second.output()).contains("Confer is stopping").contains("Confer stopped.");
                assertThat(second.errors()).doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(accepts(second.port)).as("the port is released").isFalse();
            }
        }
    }

    private static Set<String> listOrganisationCodes(ConferProcess p, String token) {
        Set<String> codes = new LinkedHashSet<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            String path = "/api/v1/admin/organisations?limit=7"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Response r = p.api.get(path, token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("items").forEach(o -> codes.add(o.get("code").asText()));
            if (!r.json().hasNonNull("nextCursor")) {
                return codes;
            }
            cursor = r.json().get("nextCursor").asText();
        }
        throw new AssertionError("more than 100 pages of organisations: the cursor does not advance");
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
