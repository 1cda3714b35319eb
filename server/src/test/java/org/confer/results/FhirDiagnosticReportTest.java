package org.confer.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** FHIR R4 POST /fhir/DiagnosticReport: bot tokens with results:submit only, conditional create, OperationOutcomes. */
class FhirDiagnosticReportTest extends ServerTest {
    private ResultsKit kit;
    private String submitToken;
    private String otherScopeToken;

    @Override
    protected void afterStart() {
        kit = new ResultsKit(server);
        Api.Response bot = api.post("/api/v1/bots", Map.of("displayName", "Lab Gateway", "description", "FHIR results"), kit.admin.token());
        assertThat(bot.status()).as(bot.toString()).isEqualTo(201);
        String botId = bot.json().get("id").asText();
        submitToken = token(botId, "results:submit");
        otherScopeToken = token(botId, "messages:write");
    }

    private String token(String botId, String scope) {
        Api.Response t = api.post("/api/v1/bots/" + botId + "/tokens", Map.of("name", scope, "scopes", List.of(scope)), kit.admin.token());
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        return t.json().get("token").asText();
    }

    static String report(String identifier, String gmc, String nhs) {
        return ResultFixtures.diagnosticReport(identifier, gmc, nhs);
    }

    private Api.Response submit(String body, String token, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(Api.auth(token));
        headers.put("Content-Type", "application/fhir+json");
        headers.putAll(extra);
        return api.send("POST", "/fhir/DiagnosticReport", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void aValidReportIsCreatedAndAlertsItsOrdererAndARepeatAnswers200WithoutASecondAlert() {
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("FhirOrderer", gmc);
        String body = report("R-" + gmc, gmc, Oru.NHS);
        Api.Response created = submit(body, submitToken, Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/fhir/DiagnosticReport/" + id);
        assertThat(kit.recent(orderer)).containsExactly(id);
        assertThat(kit.alertMessage(id, orderer).get("card").get("severity").asText()).isEqualTo("warning");

        Api.Response repeat = submit(body, submitToken, Map.of());
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.json().get("id").asText()).isEqualTo(id);
        Api.Response conditional = submit(body, submitToken,
                Map.of("If-None-Exist", "identifier=https://pathology.example.nhs.uk/report|R-" + gmc));
        assertThat(conditional.status()).isEqualTo(200);
        assertThat(kit.alertedTargets(id)).containsExactly(orderer.id());
    }

    @Test
    void anInvalidReportIsAnsweredWithAnOperationOutcomeAndStoresNothing() {
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("FhirInvalid", gmc);
        Api.Response wrongNhs = submit(report("R-" + gmc, gmc, "9434765918"), submitToken, Map.of());
        assertThat(wrongNhs.status()).as(wrongNhs.toString()).isEqualTo(422);
        assertThat(wrongNhs.contentType()).startsWith("application/fhir+json");
        assertThat(wrongNhs.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
        Api.Response notJson = submit("{not json", submitToken, Map.of());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(kit.recent(orderer)).isEmpty();
    }

    @Test
    void aBotTokenWithoutResultsSubmitAndAPersonsTokenAreRefused403() {
        String gmc = ResultsKit.gmc();
        Person orderer = kit.clinician("FhirForbidden", gmc);
        String body = report("R-" + gmc, gmc, Oru.NHS);
        assertThat(submit(body, otherScopeToken, Map.of()).status()).isEqualTo(403);
        assertThat(submit(body, orderer.token(), Map.of()).status()).isEqualTo(403);
        assertThat(submit(body, kit.admin.token(), Map.of()).status()).isEqualTo(403);
        assertThat(kit.recent(orderer)).isEmpty();
    }
}
