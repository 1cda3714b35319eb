package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.confer.testing.Backend;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.Test;

/**
 * {@code --demo} shows issue 14's features: a results feed, GMC numbers on the demo doctors, an
 * on-call role in the escalation chain, and a Phlebotomy service; a second start adds nothing.
 */
class DemoIntegrationsTest {

    private static List<String> texts(JsonNode items, String field) {
        return items.findValuesAsText(field);
    }

    /** What the demo organisation admin sees of the demo integrations, as comparable text. */
    private static String snapshot(TestServer server) {
        String priya = server.login("priya");
        String chloe = server.api.get("/api/v1/me", server.login("chloe")).json().get("id").asText();
        return String.join("\n",
                server.api.get("/api/v1/results/feeds", priya).json().get("items").toString(),
                server.api.get("/api/v1/users/" + chloe + "/identifiers", priya).json().toString(),
                server.api.get("/api/v1/on-call-roles", priya).json().get("items").toString(),
                server.api.get("/api/v1/results/settings", priya).json().toString(),
                texts(server.api.get("/api/v1/request-services", priya).json().get("items"), "id").toString());
    }

    @Test
    void the_demo_has_a_results_feed_gmc_numbers_an_on_call_consultant_and_a_phlebotomy_service_and_a_restart_adds_nothing() {
        try (TestStorage storage = TestStorage.create(Backend.H2)) {
            String first;
            try (TestServer server = TestServer.start(storage, Map.of())) {
                String priya = server.login("priya");
                assertThat(texts(server.api.get("/api/v1/results/feeds", priya).json().get("items"), "sendingFacility"))
                        .containsExactly(DemoIntegrations.FEED);
                String bob = server.api.get("/api/v1/me", server.login("bob")).json().get("id").asText();
                assertThat(server.api.get("/api/v1/users/" + bob + "/identifiers", priya).json().get("items").get(0).get("value").asText())
                        .isEqualTo("7000002");
                JsonNode role = server.api.get("/api/v1/on-call-roles", priya).json().get("items").get(0);
                assertThat(role.get("name").asText()).isEqualTo(DemoIntegrations.ON_CALL_ROLE);
                assertThat(role.get("holderId").asText()).isEqualTo(bob);
                assertThat(server.api.get("/api/v1/results/settings", priya).json().get("chain").get(0).get("onCallRoleId").asText())
                        .isEqualTo(role.get("id").asText());
                JsonNode service = server.api.get("/api/v1/request-services", server.login("chloe")).json().get("items").get(0);
                assertThat(service.get("slug").asText()).isEqualTo("phlebotomy");
                assertThat(service.get("teamName").asText()).isEqualTo(DemoIntegrations.PHLEBOTOMY_TEAM);
                assertThat(server.api.get("/api/v1/request-services", server.login("alice")).json().get("items").get(0)
                        .get("canWork").asBoolean()).as("Alice works in the Phlebotomy team").isTrue();
                assertThat(server.banner()).contains("Demo integrations: HL7 feed DEMO-LAB");
                first = snapshot(server);
            }
            try (TestServer again = TestServer.start(storage, Map.of())) {
                assertThat(snapshot(again)).isEqualTo(first);
            }
        }
    }
}
