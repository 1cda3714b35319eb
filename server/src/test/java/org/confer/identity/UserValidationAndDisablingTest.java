package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.confer.testing.Api.Response;
import org.junit.jupiter.api.Test;

/**
 * What an administrator may set on a user and what disabling does: an email unique whatever its
 * case, a strong password, a valid email, role, name and status, each refusal naming its field;
 * a disabled user's sessions end at once and their sign-in fails like a wrong password; no admin
 * disables themselves or changes their own role. Who may manage whom is in UserAdministrationTest.
 */
class UserValidationAndDisablingTest extends UserAdministrationSupport {

    // ---- what a new user must have ----

    @Test
    void an_email_that_differs_only_in_case_is_a_conflict_on_the_email_field() {
        String email = uniqueEmail("casey");
        assertThat(api.post(USERS, newUser(email, "Casey One", null, null), priya).status()).isEqualTo(201);

        Response upper = api.post(USERS, newUser(email.toUpperCase(Locale.ROOT), "Casey Two", null, null), priya);
        Response demo = api.post(USERS, newUser("Alice@Demo.Confer.Test", "Another Alice", rdp, null), admin);

        for (Response r : List.of(upper, demo)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.problemType()).isEqualTo("conflict");
            assertThat(r.json().get("field").asText()).isEqualTo("email");
        }
        assertThat(search(admin, email)).singleElement()
                .satisfies(u -> assertThat(u.get("displayName").asText()).isEqualTo("Casey One"));
    }

    @Test
    void weak_passwords_are_refused_naming_the_password_field() {
        String email = uniqueEmail("weakling");
        List<String> weak = List.of(
                "short-pw",                        // under 12 characters
                email,                             // the email address itself
                email.toUpperCase(Locale.ROOT),
                email.substring(0, email.indexOf('@')), // the email's local part (long enough)
                "password1234",                    // on the common list
                "PASSWORD1234");                   // ... whatever the case

        for (String password : weak) {
            Map<String, Object> body = newUser(email, "Weak Password", null, null);
            body.put("password", password);
            Response r = api.post(USERS, body, priya);
            assertThat(r.status()).as("'%s': %s", password, r).isEqualTo(422);
            assertThat(r.problemType()).isEqualTo("weak-password");
            assertThat(r.json().get("field").asText()).isEqualTo("password");
            assertThat(r.body()).doesNotContain(password);
        }
        assertThat(search(admin, email)).isEmpty();
    }

    @Test
    void an_invalid_email_or_an_unknown_role_is_refused_naming_the_field() {
        for (String bad : List.of("not-an-email", "two@@at.nhs.uk", "spaces in@trust.nhs.uk", "nodot@localhost", "")) {
            Response r = api.post(USERS, newUser(bad, "Bad Email", null, null), priya);
            assertThat(r.status()).as("'%s': %s", bad, r).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().get("field").asText()).isEqualTo("email");
        }
        for (String role : List.of("superuser", "ADMIN", "Member", "")) {
            Response r = api.post(USERS, newUser(uniqueEmail("role"), "Bad Role", null, role), admin);
            assertThat(r.status()).as("role '%s': %s", role, r).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().get("field").asText()).isEqualTo("role");
        }
        Map<String, Object> noName = newUser(uniqueEmail("noname"), null, null, null);
        Response r = api.post(USERS, noName, priya);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("displayName");
    }

    // ---- disabling ----

    @Test
    void disabling_a_user_ends_their_sessions_at_once_and_sign_in_fails_like_a_wrong_password() {
        String email = uniqueEmail("leaver");
        String id = created(api.post(USERS, newUser(email, "Leaver", null, null), priya)).get("id").asText();
        String token = api.login(email, PASSWORD);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);

        Response disabled = api.patch(USERS + "/" + id, Map.of("status", "disabled"), priya);
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");

        Response me = api.get("/api/v1/me", token);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.problemType()).isEqualTo("unauthenticated");

        Response rightPassword = api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), null);
        Response wrongPassword = api.post("/api/v1/auth/login", Map.of("email", email, "password", "not the password at all"), null);
        assertThat(rightPassword.status()).isEqualTo(401);
        assertThat(rightPassword.problemType()).isEqualTo("invalid-credentials");
        assertThat(rightPassword.json()).isEqualTo(wrongPassword.json());
        assertThat(rightPassword.headerValues("Set-Cookie")).isEmpty();

        Response enabled = api.patch(USERS + "/" + id, Map.of("status", "active"), priya);
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("status").asText()).isEqualTo("active");
        String again = api.login(email, PASSWORD);
        assertThat(api.get("/api/v1/me", again).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", token).status()).as("the old session stays ended").isEqualTo(401);
    }

    @Test
    void an_unknown_status_is_refused_naming_the_status_field() {
        String id = created(api.post(USERS, newUser(uniqueEmail("status"), "Status Check", null, null), priya)).get("id").asText();
        Response r = api.patch(USERS + "/" + id, Map.of("status", "suspended"), priya);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("status");
        assertThat(api.get(USERS + "/" + id, priya).json().get("status").asText()).isEqualTo("active");
    }

    @Test
    void an_admin_cannot_disable_themselves_or_change_their_own_role() {
        String priyaId = search(admin, "priya@demo.confer.test").getFirst().get("id").asText();
        String adminId = search(admin, "admin@demo.confer.test").getFirst().get("id").asText();

        List<Response> answers = List.of(
                api.patch(USERS + "/" + priyaId, Map.of("status", "disabled"), priya),
                api.patch(USERS + "/" + priyaId, Map.of("role", "member"), priya),
                api.patch(USERS + "/" + adminId, Map.of("status", "disabled"), admin),
                api.patch(USERS + "/" + adminId, Map.of("role", "org_admin"), admin));
        for (Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.problemType()).isEqualTo("conflict");
        }

        assertThat(api.get(USERS + "/" + priyaId, admin).json().get("role").asText()).isEqualTo("org_admin");
        assertThat(api.get(USERS + "/" + priyaId, admin).json().get("status").asText()).isEqualTo("active");
        assertThat(api.get(USERS + "/" + adminId, admin).json().get("role").asText()).isEqualTo("platform_admin");
        assertThat(api.get("/api/v1/me", priya).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", admin).status()).isEqualTo(200);

        Response ownName = api.patch(USERS + "/" + priyaId, Map.of("jobTitle", "Clinical Systems Lead"), priya);
        assertThat(ownName.status()).as("editing one's own details is fine").isEqualTo(200);
    }
}
