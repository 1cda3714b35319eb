package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk provisioning: an admin imports a staff list in one request. Every row follows the rules
 * of creating one user; one bad row refuses the whole import, names the row, and writes nothing.
 * Imported accounts have no password.
 */
class UserImportTest extends ServerTest {
    private static final String IMPORT = "/api/v1/admin/users/import";

    private String admin;
    private String priya;
    private UUID rdm;
    private UUID rdp;

    @BeforeEach
    void signInAdmins() {
        admin = server.login("admin");
        priya = server.login("priya");
        Map<String, UUID> byCode = new LinkedHashMap<>();
        api.get("/api/v1/admin/organisations?limit=200", admin).json().get("items")
                .forEach(o -> byCode.put(o.get("code").asText(), UUID.fromString(o.get("id").asText())));
        rdm = byCode.get("RDM");
        rdp = byCode.get("RDP");
    }

    @Test
    void a_platform_admin_imports_people_into_several_organisations_in_one_request() {
        String tag = tag();
        List<Map<String, Object>> rows = List.of(row("a" + tag, rdm), row("b" + tag, rdp), row("c" + tag, rdp));

        Response r = api.post(IMPORT, rows, admin);

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode items = r.json().get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("email").asText()).isEqualTo(email("a" + tag));
        assertThat(items.get(0).get("organisationId").asText()).isEqualTo(rdm.toString());
        assertThat(items.get(2).get("organisationId").asText()).isEqualTo(rdp.toString());
        assertThat(items.get(1).get("role").asText()).isEqualTo("member");
        assertThat(items.get(1).get("status").asText()).isEqualTo("active");
        assertThat(found(admin, tag)).hasSize(3);
    }

    @Test
    void an_org_admin_imports_into_her_own_organisation_by_default_and_imported_people_have_no_password() {
        String tag = tag();
        Response r = api.post(IMPORT, List.of(row("d" + tag, null)), priya);

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().at("/items/0/organisationId").asText()).isEqualTo(rdm.toString());
        // No password was set, so no password signs them in (not even an empty one).
        for (String password : List.of("", "correct horse battery staple")) {
            assertThat(api.post("/api/v1/auth/login", Map.of("email", email("d" + tag), "password", password), null).status())
                    .isIn(400, 401);
        }
    }

    @Test
    void an_org_admin_cannot_import_into_another_organisation_and_nothing_of_the_batch_is_written() {
        String tag = tag();
        List<Map<String, Object>> rows = List.of(row("e" + tag, rdm), row("f" + tag, rdp));

        Response r = api.post(IMPORT, rows, priya);

        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.problemType()).isEqualTo("forbidden");
        assertThat(r.json().get("row").asInt()).isEqualTo(1);
        assertThat(found(admin, tag)).isEmpty();
    }

    @Test
    void members_cannot_import() {
        String tag = tag();
        Response r = api.post(IMPORT, List.of(row("g" + tag, null)), server.login("alice"));

        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.problemType()).isEqualTo("forbidden");
        assertThat(found(admin, tag)).isEmpty();
    }

    @Test
    void an_org_admin_cannot_create_a_platform_admin_by_import() {
        String tag = tag();
        Map<String, Object> row = row("h" + tag, null);
        row.put("role", "platform_admin");

        Response r = api.post(IMPORT, List.of(row("i" + tag, null), row), priya);

        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.json().get("row").asInt()).isEqualTo(1);
        assertThat(found(admin, tag)).isEmpty();
    }

    @Test
    void a_bad_row_is_named_and_refuses_the_whole_import() {
        String tag = tag();
        Map<String, Object> badEmail = row("j" + tag, rdm);
        badEmail.put("email", "not-an-email-" + tag);
        Map<String, Object> noName = row("k" + tag, rdm);
        noName.remove("displayName");
        Map<String, Object> withPassword = row("l" + tag, rdm);
        withPassword.put("password", "correct horse battery staple");
        Map<String, Object> badRole = row("m" + tag, rdm);
        badRole.put("role", "overlord");
        Map<String, Object> nowhere = row("n" + tag, UUID.randomUUID());

        Map<Map<String, Object>, String> cases = new LinkedHashMap<>();
        cases.put(badEmail, "email");
        cases.put(noName, "displayName");
        cases.put(withPassword, "password");
        cases.put(badRole, "role");
        cases.put(nowhere, "organisationId");
        for (var c : cases.entrySet()) {
            Response r = api.post(IMPORT, List.of(row("o" + tag, rdm), row("p" + tag, rdm), c.getKey()), admin);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().get("row").asInt()).as(r.toString()).isEqualTo(2);
            assertThat(r.json().get("field").asText()).isEqualTo(c.getValue());
        }
        assertThat(found(admin, tag)).isEmpty();
    }

    @Test
    void an_existing_email_or_one_that_appears_twice_is_a_conflict_on_its_row() {
        String tag = tag();
        assertThat(api.post(IMPORT, List.of(row("q" + tag, rdm)), admin).status()).isEqualTo(201);

        Response existing = api.post(IMPORT, List.of(row("r" + tag, rdm), row("Q" + tag, rdp)), admin);
        Response twice = api.post(IMPORT, List.of(row("s" + tag, rdm), row("t" + tag, rdm), row("S" + tag, rdp)), admin);

        assertThat(existing.status()).as(existing.toString()).isEqualTo(409);
        assertThat(existing.json().get("row").asInt()).isEqualTo(1);
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        assertThat(twice.json().get("row").asInt()).isEqualTo(2);
        assertThat(twice.json().get("field").asText()).isEqualTo("email");
        assertThat(found(admin, tag)).extracting(u -> u.get("email").asText()).containsExactly(email("q" + tag));
    }

    @Test
    void an_import_has_one_to_two_hundred_rows() {
        String tag = tag();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= DirectoryService.MAX_IMPORT_ROWS; i++) {
            tooMany.add(row("u" + i + "x" + tag, rdm));
        }

        Response empty = api.post(IMPORT, List.of(), admin);
        Response over = api.post(IMPORT, tooMany, admin);

        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(empty.json().get("field").asText()).isEqualTo("rows");
        // Either refused by the row limit or, first, by the body size limit: nothing is written.
        assertThat(over.status()).as(over.toString()).isIn(400, 413);
        assertThat(found(admin, tag)).isEmpty();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String email(String local) {
        return local.toLowerCase(java.util.Locale.ROOT) + "@import.confer.nhs.uk";
    }

    private static Map<String, Object> row(String local, UUID organisationId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("email", local + "@import.confer.nhs.uk");
        r.put("displayName", "Imported " + local);
        r.put("jobTitle", "Healthcare assistant");
        if (organisationId != null) {
            r.put("organisationId", organisationId.toString());
        }
        return r;
    }

    /** Users whose email contains the tag, as the platform admin sees them. */
    private List<JsonNode> found(String token, String tag) {
        List<JsonNode> all = new ArrayList<>();
        api.get("/api/v1/admin/users?limit=200&q=" + URLEncoder.encode(tag, StandardCharsets.UTF_8), token).json().get("items")
                .forEach(all::add);
        return all;
    }
}
