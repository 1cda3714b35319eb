package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api.Response;
import org.junit.jupiter.api.Test;

/**
 * Who may create, see and change which users: organisation admins manage their own
 * organisation only (other organisations' users do not exist for them), platform admins manage
 * everyone, members manage no one. What a user's details must be, and disabling, are in
 * UserValidationAndDisablingTest.
 */
class UserAdministrationTest extends UserAdministrationSupport {

    // ---- creating users ----

    @Test
    void an_org_admin_creates_a_user_in_her_own_organisation_who_can_then_sign_in() {
        String email = uniqueEmail("newstarter");

        Response created = api.post(USERS, newUser(email, "New Starter", null, null), priya);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("organisationId").asText()).isEqualTo(rdm.toString());
        assertThat(created.json().get("email").asText()).isEqualTo(email);
        assertThat(created.json().get("displayName").asText()).isEqualTo("New Starter");
        assertThat(created.json().get("role").asText()).isEqualTo("member");
        assertThat(created.json().get("status").asText()).isEqualTo("active");
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("argon2").doesNotContain("passwordHash");

        Response login = api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().at("/user/id").asText()).isEqualTo(created.json().get("id").asText());
        assertThat(login.json().at("/user/organisation/code").asText()).isEqualTo("RDM");
    }

    @Test
    void an_org_admin_cannot_create_a_user_in_another_organisation_and_nothing_is_created() {
        String email = uniqueEmail("infiltrator");

        for (UUID other : List.of(rdp, ydx, UUID.randomUUID())) {
            Response r = api.post(USERS, newUser(email, "Infiltrator", other, null), priya);
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.problemType()).isEqualTo("forbidden");
        }

        assertThat(search(admin, email)).isEmpty();
        assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), null).status()).isEqualTo(401);
    }

    @Test
    void a_platform_admin_creates_users_in_any_organisation() {
        for (UUID org : List.of(rdm, rdp, ydx)) {
            String email = uniqueEmail("anywhere");
            Response r = api.post(USERS, newUser(email, "Anywhere Person", org, "org_admin"), admin);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.json().get("organisationId").asText()).isEqualTo(org.toString());
            assertThat(r.json().get("role").asText()).isEqualTo("org_admin");
            assertThat(search(admin, email)).singleElement()
                    .satisfies(u -> assertThat(u.get("organisationId").asText()).isEqualTo(org.toString()));
        }
        Response nowhere = api.post(USERS, newUser(uniqueEmail("nowhere"), "Nowhere", UUID.randomUUID(), null), admin);
        assertThat(nowhere.status()).isEqualTo(400);
        assertThat(nowhere.json().get("field").asText()).isEqualTo("organisationId");
    }

    // ---- organisation boundaries ----

    @Test
    void an_org_admin_cannot_list_another_organisations_users_and_her_own_list_holds_only_her_organisation() {
        Response other = api.get(USERS + "?organisationId=" + rdp, priya);
        assertThat(other.status()).as(other.toString()).isEqualTo(403);
        assertThat(other.problemType()).isEqualTo("forbidden");
        assertThat(other.body()).doesNotContain("hannah").doesNotContain("erin").doesNotContain("items");

        List<JsonNode> mine = listAll(priya, "");
        assertThat(mine).isNotEmpty().allSatisfy(u -> assertThat(u.get("organisationId").asText()).isEqualTo(rdm.toString()));
        assertThat(mine).extracting(u -> u.get("email").asText())
                .contains("alice@demo.confer.test", "priya@demo.confer.test", "admin@demo.confer.test")
                .doesNotContain("erin@demo.confer.test", "hannah@demo.confer.test", "dan@demo.confer.test", "olu@demo.confer.test");

        List<JsonNode> ownExplicitly = listAll(priya, "organisationId=" + rdm);
        assertThat(ownExplicitly).extracting(u -> u.get("id").asText())
                .containsExactlyInAnyOrderElementsOf(mine.stream().map(u -> u.get("id").asText()).toList());
    }

    @Test
    void a_platform_admin_lists_any_organisation() {
        List<JsonNode> riverside = listAll(admin, "organisationId=" + rdp);
        assertThat(riverside).allSatisfy(u -> assertThat(u.get("organisationId").asText()).isEqualTo(rdp.toString()));
        assertThat(riverside).extracting(u -> u.get("email").asText())
                .contains("erin@demo.confer.test", "hannah@demo.confer.test")
                .doesNotContain("alice@demo.confer.test");

        List<JsonNode> everyone = listAll(admin, "");
        assertThat(everyone).extracting(u -> u.get("organisationId").asText())
                .contains(rdm.toString(), rdp.toString(), ydx.toString());
        assertThat(everyone).extracting(u -> u.get("email").asText()).doesNotHaveDuplicates();
    }

    @Test
    void another_organisations_user_does_not_exist_for_an_org_admin() {
        for (String who : List.of("erin", "hannah")) {
            JsonNode target = search(admin, who + "@demo.confer.test").getFirst();
            String id = target.get("id").asText();
            String email = target.get("email").asText();
            String name = target.get("displayName").asText();

            Response get = api.get(USERS + "/" + id, priya);
            Response patch = api.patch(USERS + "/" + id, Map.of("displayName", "Renamed By Priya"), priya);
            Response disable = api.patch(USERS + "/" + id, Map.of("status", "disabled"), priya);

            for (Response r : List.of(get, patch, disable)) {
                assertThat(r.status()).as(who + ": " + r).isEqualTo(404);
                assertThat(r.problemType()).isEqualTo("not-found");
                assertThat(r.body()).doesNotContain(email).doesNotContain(name).doesNotContain(who);
            }
            Response unknown = api.get(USERS + "/" + UUID.randomUUID(), priya);
            assertThat(get.json().get("detail")).isEqualTo(unknown.json().get("detail"));

            Response after = api.get(USERS + "/" + id, admin);
            assertThat(after.json().get("displayName").asText()).isEqualTo(name);
            assertThat(after.json().get("status").asText()).isEqualTo("active");
        }
        assertThat(server.login("hannah")).isNotBlank();
    }

    @Test
    void a_malformed_user_id_is_not_found() {
        for (String id : List.of("not-a-uuid", "123", "' or 1=1 --")) {
            String path = USERS + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            Response get = api.get(path, admin);
            Response patch = api.patch(path, Map.of("displayName", "Nobody"), admin);
            for (Response r : List.of(get, patch)) {
                assertThat(r.status()).as(id + ": " + r).isEqualTo(404);
                assertThat(r.problemType()).isEqualTo("not-found");
            }
        }
    }

    // ---- the platform admin role is reserved to platform admins ----

    @Test
    void an_org_admin_cannot_create_or_promote_a_platform_admin_nor_change_one() {
        String email = uniqueEmail("wannabe");
        Response create = api.post(USERS, newUser(email, "Would-be Admin", null, "platform_admin"), priya);
        assertThat(create.status()).as(create.toString()).isEqualTo(403);
        assertThat(create.problemType()).isEqualTo("forbidden");
        assertThat(search(admin, email)).isEmpty();

        JsonNode member = created(api.post(USERS, newUser(uniqueEmail("member"), "Plain Member", null, null), priya));
        Response promote = api.patch(USERS + "/" + member.get("id").asText(), Map.of("role", "platform_admin"), priya);
        assertThat(promote.status()).as(promote.toString()).isEqualTo(403);
        assertThat(promote.problemType()).isEqualTo("forbidden");
        assertThat(api.get(USERS + "/" + member.get("id").asText(), admin).json().get("role").asText()).isEqualTo("member");

        String platformAdminId = search(admin, "admin@demo.confer.test").getFirst().get("id").asText();
        for (Map<String, Object> change : List.<Map<String, Object>>of(
                Map.of("status", "disabled"), Map.of("role", "member"), Map.of("displayName", "Demoted"))) {
            Response r = api.patch(USERS + "/" + platformAdminId, change, priya);
            assertThat(r.status()).as(change + ": " + r).isEqualTo(403);
            assertThat(r.problemType()).isEqualTo("forbidden");
        }
        JsonNode platformAdmin = api.get(USERS + "/" + platformAdminId, admin).json();
        assertThat(platformAdmin.get("role").asText()).isEqualTo("platform_admin");
        assertThat(platformAdmin.get("status").asText()).isEqualTo("active");
        assertThat(platformAdmin.get("displayName").asText()).isEqualTo("Sam Okafor");
        assertThat(api.get("/api/v1/me", admin).status()).isEqualTo(200);
    }

    @Test
    void an_org_admin_may_make_someone_in_her_organisation_an_org_admin() {
        JsonNode member = created(api.post(USERS, newUser(uniqueEmail("deputy"), "Deputy Lead", null, null), priya));
        Response r = api.patch(USERS + "/" + member.get("id").asText(), Map.of("role", "org_admin"), priya);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("role").asText()).isEqualTo("org_admin");
        assertThat(api.get(USERS + "/" + member.get("id").asText(), admin).json().get("role").asText()).isEqualTo("org_admin");
    }

    @Test
    void a_role_change_applies_to_sessions_already_signed_in() {
        String email = uniqueEmail("deputy");
        String id = created(api.post(USERS, newUser(email, "Acting Lead", null, "org_admin"), priya)).get("id").asText();
        String token = api.login(email, PASSWORD);
        assertThat(api.get(USERS, token).status()).isEqualTo(200);

        assertThat(api.patch(USERS + "/" + id, Map.of("role", "member"), priya).status()).isEqualTo(200);

        Response r = api.get(USERS, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.problemType()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/me", token).json().get("role").asText()).isEqualTo("member");
    }

    @Test
    void a_member_is_forbidden_every_user_administration_route() {
        String alice = server.login("alice");
        String bobId = search(admin, "bob@demo.confer.test").getFirst().get("id").asText();
        String email = uniqueEmail("by-alice");

        List<Response> answers = List.of(
                api.get(USERS, alice),
                api.get(USERS + "?organisationId=" + rdm, alice),
                api.post(USERS, newUser(email, "Alice's Friend", null, null), alice),
                api.get(USERS + "/" + bobId, alice),
                api.patch(USERS + "/" + bobId, Map.of("status", "disabled"), alice));

        for (Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.problemType()).isEqualTo("forbidden");
            assertThat(r.body()).doesNotContain("bob@").doesNotContain("items");
        }
        assertThat(search(admin, email)).isEmpty();
        assertThat(api.get(USERS + "/" + bobId, admin).json().get("status").asText()).isEqualTo("active");
    }

    @Test
    void without_a_token_every_user_administration_route_answers_401() {
        for (Response r : List.of(api.get(USERS, null), api.post(USERS, newUser(uniqueEmail("anon"), "Anon", null, null), null),
                api.get(USERS + "/" + UUID.randomUUID(), null), api.patch(USERS + "/" + UUID.randomUUID(), Map.of(), null))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
            assertThat(r.problemType()).isEqualTo("unauthenticated");
        }
    }

    // ---- search ----

    @Test
    void search_matches_name_and_email_case_insensitively() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "zq-" + tag + "@clinic.nhs.uk";
        JsonNode quill = created(api.post(USERS, newUser(email, "Zebedee Quill" + tag, null, null), priya));
        String id = quill.get("id").asText();

        for (String q : List.of("zebedee quill" + tag, "QUILL" + tag.toUpperCase(Locale.ROOT), "ZQ-" + tag.toUpperCase(Locale.ROOT),
                "Zq-" + tag + "@CLINIC")) {
            assertThat(search(priya, q)).as("q=" + q).extracting(u -> u.get("id").asText()).containsExactly(id);
            assertThat(search(admin, q)).as("q=" + q).extracting(u -> u.get("id").asText()).containsExactly(id);
        }
        assertThat(search(priya, "no-such-person-" + tag)).isEmpty();
        // LIKE wildcards in the query are literal characters, not patterns.
        assertThat(search(admin, "%")).isEmpty();
        assertThat(search(admin, "_")).isEmpty();
        // An org admin's search stays inside her organisation.
        assertThat(search(priya, "hannah")).isEmpty();
        assertThat(search(admin, "hannah")).hasSize(1);
    }
}
