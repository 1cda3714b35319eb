package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Platform admins create and list organisations; nobody else can see or change them. */
class OrganisationAdministrationTest extends ServerTest {

    private static final String ORGS = "/api/v1/admin/organisations";

    @Test
    void a_platform_admin_creates_an_organisation_with_its_code_upper_cased() {
        String admin = server.login("admin");
        String code = uniqueCode().toLowerCase(Locale.ROOT);

        Response created = api.post(ORGS, Map.of("code", code, "name", "  Eastfield Primary Care Network  "), admin);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("code").asText()).isEqualTo(code.toUpperCase(Locale.ROOT));
        assertThat(created.json().get("name").asText()).isEqualTo("Eastfield Primary Care Network");
        UUID id = UUID.fromString(created.json().get("id").asText());
        assertThat(created.json().get("createdAt").asText()).isNotBlank();

        List<JsonNode> all = allOrganisations(admin);
        assertThat(all).filteredOn(o -> o.get("id").asText().equals(id.toString()))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.get("code").asText()).isEqualTo(code.toUpperCase(Locale.ROOT));
                    assertThat(o.get("name").asText()).isEqualTo("Eastfield Primary Care Network");
                });
    }

    @Test
    void a_duplicate_code_is_a_conflict_on_the_code_field_whatever_its_case() {
        String admin = server.login("admin");
        String code = uniqueCode();
        assertThat(api.post(ORGS, Map.of("code", code, "name", "First"), admin).status()).isEqualTo(201);

        Response again = api.post(ORGS, Map.of("code", code.toLowerCase(Locale.ROOT), "name", "Second"), admin);
        Response demo = api.post(ORGS, Map.of("code", "rdm", "name", "Not Northgate"), admin);

        for (Response r : List.of(again, demo)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.problemType()).isEqualTo("conflict");
            assertThat(r.json().get("field").asText()).isEqualTo("code");
        }
        assertThat(allOrganisations(admin)).filteredOn(o -> o.get("code").asText().equals(code)).hasSize(1)
                .allSatisfy(o -> assertThat(o.get("name").asText()).isEqualTo("First"));
        assertThat(allOrganisations(admin)).filteredOn(o -> o.get("code").asText().equals("RDM"))
                .singleElement().satisfies(o -> assertThat(o.get("name").asText()).startsWith("Northgate"));
    }

    @Test
    void an_invalid_code_is_refused_naming_the_code_field() {
        String admin = server.login("admin");
        int before = allOrganisations(admin).size();

        for (String bad : List.of("r!", "AB", "ABCDEFGHIJK", "AB CD", "", "   ", "RÖM")) {
            Response r = api.post(ORGS, Map.of("code", bad, "name", "Some Trust"), admin);
            assertThat(r.status()).as("code '%s': %s", bad, r).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().get("field").asText()).isEqualTo("code");
        }
        Response missing = api.post(ORGS, Map.of("name", "Some Trust"), admin);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("code");

        assertThat(allOrganisations(admin)).hasSize(before);
    }

    @Test
    void a_missing_or_blank_name_is_refused_naming_the_name_field() {
        String admin = server.login("admin");
        String code = uniqueCode();

        Response missing = api.post(ORGS, Map.of("code", code), admin);
        Response blank = api.post(ORGS, Map.of("code", code, "name", "   "), admin);
        Response tooLong = api.post(ORGS, Map.of("code", code, "name", "x".repeat(201)), admin);

        for (Response r : List.of(missing, blank, tooLong)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().get("field").asText()).isEqualTo("name");
        }
        assertThat(allOrganisations(admin)).noneMatch(o -> o.get("code").asText().equals(code));
    }

    @Test
    void keyset_pagination_walks_every_organisation_exactly_once() {
        String admin = server.login("admin");
        for (int i = 0; i < 4; i++) {
            assertThat(api.post(ORGS, Map.of("code", uniqueCode(), "name", "Paging Trust " + i), admin).status()).isEqualTo(201);
        }
        List<String> expected = allOrganisations(admin).stream().map(o -> o.get("id").asText()).toList();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(7);

        List<String> walked = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get(ORGS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode items = page.json().get("items");
            assertThat(items.size()).isBetween(1, 2);
            items.forEach(o -> {
                walked.add(o.get("id").asText());
                codes.add(o.get("code").asText());
            });
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
            if (cursor != null) {
                assertThat(items.size()).as("only the last page may be short").isEqualTo(2);
            }
            pages++;
            assertThat(pages).as("pagination must end").isLessThan(100);
        } while (cursor != null);

        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(codes).isSorted();
        assertThat(pages).isEqualTo((expected.size() + 1) / 2);
    }

    @Test
    void a_limit_outside_1_to_200_or_a_foreign_cursor_is_refused() {
        String admin = server.login("admin");

        for (String query : List.of("?limit=0", "?limit=500", "?limit=-1", "?limit=201", "?limit=two")) {
            Response r = api.get(ORGS + query, admin);
            assertThat(r.status()).as(query + ": " + r).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().get("field").asText()).isEqualTo("limit");
            assertThat(r.json().has("items")).isFalse();
        }
        assertThat(api.get(ORGS + "?limit=1", admin).status()).isEqualTo(200);
        assertThat(api.get(ORGS + "?limit=200", admin).status()).isEqualTo(200);

        Response badCursor = api.get(ORGS + "?cursor=%21%21not-base64%21%21", admin);
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void organisation_and_member_admins_are_forbidden_and_shown_no_organisation_data() {
        String code = uniqueCode();
        for (String who : List.of("priya", "alice", "erin")) {
            String token = server.login(who);

            Response list = api.get(ORGS, token);
            Response create = api.post(ORGS, Map.of("code", code, "name", "Sneaky Trust"), token);

            for (Response r : List.of(list, create)) {
                assertThat(r.status()).as(who + ": " + r).isEqualTo(403);
                assertThat(r.problemType()).isEqualTo("forbidden");
                assertThat(r.body()).doesNotContain("items").doesNotContain("RDP").doesNotContain("YDX")
                        .doesNotContain("Riverside").doesNotContain("Westmoor").doesNotContain("Northgate");
            }
        }
        assertThat(allOrganisations(server.login("admin"))).noneMatch(o -> o.get("code").asText().equals(code));
    }

    @Test
    void without_a_token_the_answer_is_401() {
        Response list = api.get(ORGS, null);
        Response create = api.post(ORGS, Map.of("code", uniqueCode(), "name", "Anonymous Trust"), null);

        for (Response r : List.of(list, create)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.problemType()).isEqualTo("unauthenticated");
            assertThat(r.body()).doesNotContain("RDM").doesNotContain("items");
        }
    }

    private List<JsonNode> allOrganisations(String token) {
        Response r = api.get(ORGS + "?limit=200", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("nextCursor") == null || r.json().get("nextCursor").isNull()).isTrue();
        List<JsonNode> items = new ArrayList<>();
        r.json().get("items").forEach(items::add);
        return items;
    }

    /** A fresh valid code: "T" and nine random upper-case hex digits. */
    private static String uniqueCode() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(Locale.ROOT);
    }
}
