package org.confer.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ConferProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 between a result's receipt and its ACK, then the lab's resend after the restart: the
 * ordering clinician is alerted exactly once (the real server as a separate process).
 */
class ResultSurvivesKillNineTest {
    private static final String DEMO_PASSWORD = "kill-nine-results-password";
    /** Two starts with the demo seed (Argon2 hashes) on a loaded 2-core machine: more than ConferProcess.START_TIMEOUT. */
    private static final Duration SLOW_START = Duration.ofMinutes(4);

    @TempDir
    Path work;

    /** Like ConferProcess.start, with a longer wait; the process is closed when it never gets ready. */
    private ConferProcess started(Map<String, String> env) {
        ConferProcess p = ConferProcess.launch(work, env, "--demo");
        try {
            return p.awaitReady(SLOW_START);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    @Test
    void aResultKilledBeforeItsAckAndResentAfterTheRestartAlertsTheOrdererExactlyOnce() throws Exception {
        int mllpPort = ConferProcess.freePort();
        Map<String, String> env = Map.of("CONFER_DATA_DIR", work.resolve("data").toString(), "CONFER_DEMO_PASSWORD", DEMO_PASSWORD,
                "CONFER_MLLP_PORT", Integer.toString(mllpPort));
        String gmc = ResultsKit.gmc();
        String facility = "KILL" + gmc;
        String message = Oru.potassium(facility, "MSG-KILL-1", gmc, "6.9", "HH").text();
        String orderer;
        try (ConferProcess first = started(env)) {
            String admin = first.api.login("admin@demo.confer.test", DEMO_PASSWORD);
            assertThat(first.api.post("/api/v1/results/feeds", Map.of("sendingFacility", facility, "name", "Pathology"), admin).status())
                    .isEqualTo(201);
            String email = "orderer-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
            Api.Response user = first.api.post("/api/v1/admin/users",
                    Map.of("email", email, "displayName", "KillNineOrderer", "password", "a-long-test-password-42"), admin);
            assertThat(user.status()).as(user.toString()).isEqualTo(201);
            orderer = user.json().get("id").asText();
            Map<String, String> headers = new LinkedHashMap<>(Api.auth(admin));
            headers.put("Content-Type", "application/json");
            assertThat(first.api.send("PUT", "/api/v1/users/" + orderer + "/identifiers",
                    Api.json(Map.of("items", List.of(Map.of("system", "GMC", "value", gmc)))), headers).status()).isEqualTo(200);
            Mllp lab = new Mllp(mllpPort);
            lab.sendRaw(Mllp.frame(message.getBytes(StandardCharsets.UTF_8)));
            // No ACK is read: the process dies somewhere between receipt and ACK (or just after).
            first.sigkill();
            assertThat(first.waitFor(Duration.ofSeconds(15))).as("killed by SIGKILL").isEqualTo(137);
            lab.close();
        }
        try (ConferProcess second = started(env);
             Mllp lab = new Mllp(mllpPort)) {
            assertThat(Mllp.code(lab.send(message))).isEqualTo("AA");
            String admin = second.api.login("admin@demo.confer.test", DEMO_PASSWORD);
            String token = second.api.login(second.api.get("/api/v1/admin/users/" + orderer, admin).json().get("email").asText(),
                    "a-long-test-password-42");
            JsonNode recent = second.api.get("/api/v1/results/recent", token).json().get("items");
            assertThat(recent).hasSize(1);
            String id = recent.get(0).get("id").asText();
            JsonNode audit = second.api.get("/api/v1/results/" + id + "/audit", admin).json().get("items");
            assertThat(audit.findValuesAsText("action").stream().filter("result.alerted"::equals)).hasSize(1);
            assertThat(audit.findValuesAsText("action").stream().filter("result.received"::equals)).hasSize(1);
            String conversation = null;
            for (JsonNode e : audit) {
                if (e.get("action").asText().equals("result.alerted")) {
                    conversation = e.get("detail").get("conversationId").asText();
                }
            }
            JsonNode messages = second.api.get("/api/v1/conversations/" + conversation + "/messages?limit=100", token).json().get("items");
            assertThat(messages).filteredOn(m -> m.get("card") != null && !m.get("card").isNull()).hasSize(1);
        }
    }
}
