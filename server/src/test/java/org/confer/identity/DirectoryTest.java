package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** The people picker: any signed-in person finds colleagues across organisations; nothing for strangers. */
class DirectoryTest extends ServerTest {

    private static List<String> names(Api.Response r) {
        List<String> out = new ArrayList<>();
        r.json().get("items").forEach(i -> out.add(i.get("displayName").asText()));
        return out;
    }

    @Test
    void a_member_finds_colleagues_by_name_job_title_or_department_in_any_organisation() {
        String alice = server.login("alice");
        assertThat(names(api.get("/api/v1/directory?q=adey", alice))).containsExactly("Dr Bob Adeyemi");
        assertThat(names(api.get("/api/v1/directory?q=MICROBIOLOG", alice))).containsExactly("Dr Olu Bankole");
        assertThat(names(api.get("/api/v1/directory?q=ward%207", alice))).contains("Alice Moreno", "Fatima Hussain");
        JsonNode olu = api.get("/api/v1/directory?q=bankole", alice).json().at("/items/0");
        assertThat(olu.at("/organisation/code").asText()).isEqualTo("YDX");
        assertThat(olu.has("role")).as("the directory shows no admin roles").isFalse();
        assertThat(olu.toString()).doesNotContain("argon2");
    }

    @Test
    void disabled_people_are_not_offered_but_can_still_be_named_by_id() {
        String admin = server.login("admin");
        Api.Response created = api.post("/api/v1/admin/users", Map.of("email", "leaver@test.confer.test",
                "displayName", "Retired Registrar", "password", "long-enough-password-1"), admin);
        String id = created.json().get("id").asText();
        api.patch("/api/v1/admin/users/" + id, Map.of("status", "disabled"), admin);
        String bob = server.login("bob");
        assertThat(names(api.get("/api/v1/directory?q=retired", bob))).isEmpty();
        Api.Response byId = api.get("/api/v1/directory/users?ids=" + id, bob);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().at("/items/0/status").asText()).isEqualTo("disabled");
    }

    @Test
    void search_wildcards_are_literal_and_limits_are_enforced() {
        String alice = server.login("alice");
        assertThat(names(api.get("/api/v1/directory?q=%25%25", alice))).isEmpty();
        assertThat(api.get("/api/v1/directory?q=a", alice).json().get("field").asText()).isEqualTo("q");
        assertThat(api.get("/api/v1/directory?q=dr&limit=2", alice).json().get("items")).hasSize(2);
        assertThat(api.get("/api/v1/directory?q=dr&limit=51", alice).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/directory/users?ids=not-a-uuid", alice).json().get("field").asText()).isEqualTo("ids");
    }

    @Test
    void strangers_get_nothing() {
        assertThat(api.get("/api/v1/directory?q=bob", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/directory?q=bob", null).body()).doesNotContain("Adeyemi");
    }
}
