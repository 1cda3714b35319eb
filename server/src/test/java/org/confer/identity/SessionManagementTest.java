package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * A person's own sessions (one per signed-in device): listing them, ending one or all, and
 * changing the password, which ends every other session. Each test signs in people of its own
 * so that ending sessions here cannot disturb another test.
 */
class SessionManagementTest extends ServerTest {

    private static final String SESSIONS = "/api/v1/me/sessions";
    private static final String PASSWORD = "original long passphrase 1";
    private static final String NEW_PASSWORD = "a brand new passphrase 2";

    @Test
    void the_session_list_shows_each_live_session_once_with_exactly_one_marked_current() {
        String email = freshUser();
        String laptop = api.login(email, PASSWORD);
        String phone = api.login(email, PASSWORD);

        Response fromLaptop = api.get(SESSIONS, laptop);
        Response fromPhone = api.get(SESSIONS, phone);

        assertThat(fromLaptop.status()).as(fromLaptop.toString()).isEqualTo(200);
        List<JsonNode> seenByLaptop = items(fromLaptop);
        List<JsonNode> seenByPhone = items(fromPhone);
        assertThat(seenByLaptop).hasSize(2);
        assertThat(seenByLaptop).extracting(s -> s.get("id").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(seenByPhone.stream().map(s -> s.get("id").asText()).toList());
        assertThat(seenByLaptop).filteredOn(s -> s.get("current").asBoolean()).hasSize(1);
        assertThat(seenByPhone).filteredOn(s -> s.get("current").asBoolean()).hasSize(1);
        assertThat(currentId(laptop)).isNotEqualTo(currentId(phone));
        assertThat(seenByLaptop).allSatisfy(s -> {
            assertThat(s.get("clientAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(s.get("userAgent").asText()).isNotBlank();
            assertThat(s.get("createdAt").asText()).isNotBlank();
            assertThat(s.get("expiresAt").asText()).isNotBlank();
        });
        // Tokens are held only by the client; the list never shows them or their hashes.
        assertThat(fromLaptop.body()).doesNotContain(laptop).doesNotContain(phone)
                .doesNotContain(Tokens.sha256Hex(laptop)).doesNotContain(Tokens.sha256Hex(phone));

        // Another person's sessions are not in the list.
        String someoneElse = api.login(freshUser(), PASSWORD);
        assertThat(items(api.get(SESSIONS, laptop))).extracting(s -> s.get("id").asText())
                .doesNotContain(currentId(someoneElse));
    }

    @Test
    void ending_another_device_signs_it_out_while_this_one_continues() {
        String email = freshUser();
        String laptop = api.login(email, PASSWORD);
        String phone = api.login(email, PASSWORD);
        String phoneId = currentId(phone);

        Response end = api.delete(SESSIONS + "/" + phoneId, laptop);

        assertThat(end.status()).as(end.toString()).isEqualTo(204);
        Response phoneAfter = api.get("/api/v1/me", phone);
        assertThat(phoneAfter.status()).isEqualTo(401);
        assertThat(phoneAfter.problemType()).isEqualTo("unauthenticated");
        assertThat(api.get("/api/v1/me", laptop).status()).isEqualTo(200);
        assertThat(items(api.get(SESSIONS, laptop))).extracting(s -> s.get("id").asText()).containsExactly(currentId(laptop));
        // Only this device's cookies are cleared when this device's session ends, not another's.
        assertThat(end.headerValues("Set-Cookie")).isEmpty();

        Response again = api.delete(SESSIONS + "/" + phoneId, laptop);
        assertThat(again.status()).as("an ended session cannot be ended twice").isEqualTo(404);
    }

    @Test
    void ending_the_current_session_by_its_id_signs_this_device_out() {
        String email = freshUser();
        String laptop = api.login(email, PASSWORD);
        String phone = api.login(email, PASSWORD);

        Response end = api.delete(SESSIONS + "/" + currentId(laptop), laptop);

        assertThat(end.status()).isEqualTo(204);
        assertThat(end.headerValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("confer_session=;").contains("Max-Age=0"));
        assertThat(api.get("/api/v1/me", laptop).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", phone).status()).isEqualTo(200);
    }

    @Test
    void someone_elses_session_id_is_not_found_and_their_session_continues() {
        String mine = api.login(freshUser(), PASSWORD);
        String theirs = api.login(freshUser(), PASSWORD);
        String theirId = currentId(theirs);

        Response r = api.delete(SESSIONS + "/" + theirId, mine);

        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.problemType()).isEqualTo("not-found");
        assertThat(api.get("/api/v1/me", theirs).status()).isEqualTo(200);
        assertThat(items(api.get(SESSIONS, theirs))).extracting(s -> s.get("id").asText()).contains(theirId);
        Response unknown = api.delete(SESSIONS + "/" + UUID.randomUUID(), mine);
        assertThat(r.json().get("detail")).as("indistinguishable from an unknown id").isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void a_malformed_or_unknown_session_id_is_not_found() {
        String token = api.login(freshUser(), PASSWORD);
        for (String id : List.of("not-a-uuid", "1", UUID.randomUUID().toString())) {
            Response r = api.delete(SESSIONS + "/" + id, token);
            assertThat(r.status()).as(id + ": " + r).isEqualTo(404);
            assertThat(r.problemType()).isEqualTo("not-found");
        }
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
    }

    @Test
    void ending_all_sessions_ends_this_one_too() {
        String email = freshUser();
        String laptop = api.login(email, PASSWORD);
        String phone = api.login(email, PASSWORD);
        String bystander = api.login(freshUser(), PASSWORD);

        Response r = api.delete(SESSIONS, laptop);

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(r.headerValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_session=;").contains("Max-Age=0"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_csrf=;").contains("Max-Age=0"));
        assertThat(api.get("/api/v1/me", laptop).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", phone).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", bystander).status()).as("other people are unaffected").isEqualTo(200);
        // Signing in again works and starts a fresh, single session.
        String fresh = api.login(email, PASSWORD);
        assertThat(items(api.get(SESSIONS, fresh))).hasSize(1);
    }

    @Test
    void sessions_idle_past_the_timeout_are_no_longer_listed() {
        String email = freshUser();
        String active = api.login(email, PASSWORD);
        String idle = api.login(email, PASSWORD);
        assertThat(items(api.get(SESSIONS, active))).hasSize(2);

        server.clock.advance(Duration.ofHours(11));
        assertThat(api.get("/api/v1/me", active).status()).isEqualTo(200);
        server.clock.advance(Duration.ofHours(2));

        assertThat(api.get("/api/v1/me", active).status()).as("used 2 h ago").isEqualTo(200);
        assertThat(items(api.get(SESSIONS, active))).as("the session idle for 13 h has ended")
                .extracting(s -> s.get("id").asText()).containsExactly(currentId(active));
        assertThat(api.get("/api/v1/me", idle).status()).isEqualTo(401);
    }

    // ---- changing the password ----

    @Test
    void a_wrong_current_password_is_refused_and_nothing_changes() {
        String email = freshUser();
        String laptop = api.login(email, PASSWORD);
        String phone = api.login(email, PASSWORD);

        Response r = api.post("/api/v1/me/password",
                Map.of("currentPassword", "not my password", "newPassword", NEW_PASSWORD), laptop);

        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.problemType()).isEqualTo("invalid-credentials");
        assertThat(api.get("/api/v1/me", laptop).status()).as("a wrong password is not a sign-out").isEqualTo(200);
        assertThat(api.get("/api/v1/me", phone).status()).isEqualTo(200);
        assertLoginStatus(email, NEW_PASSWORD, 401);
        assertLoginStatus(email, PASSWORD, 200);
    }

    @Test
    void a_weak_new_password_is_refused_naming_the_new_password_field() {
        String email = freshUser();
        String token = api.login(email, PASSWORD);
        String phone = api.login(email, PASSWORD);

        for (String weak : List.of("too-short", "password1234", email, "")) {
            Response r = api.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", weak), token);
            assertThat(r.status()).as("'%s': %s", weak, r).isEqualTo(422);
            assertThat(r.problemType()).isEqualTo("weak-password");
            assertThat(r.json().get("field").asText()).isEqualTo("newPassword");
        }
        Response missing = api.post("/api/v1/me/password", Map.of("newPassword", NEW_PASSWORD), token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("currentPassword");

        assertThat(api.get("/api/v1/me", phone).status()).as("a refused change ends no session").isEqualTo(200);
        assertLoginStatus(email, PASSWORD, 200);
    }

    @Test
    void changing_the_password_ends_other_sessions_keeps_this_one_and_replaces_the_old_password() {
        String email = freshUser();
        String laptop = api.login(email, PASSWORD);
        String phone = api.login(email, PASSWORD);
        String bystander = api.login(freshUser(), PASSWORD);

        Response r = api.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD), laptop);

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(api.get("/api/v1/me", laptop).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", phone).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", bystander).status()).isEqualTo(200);
        assertThat(items(api.get(SESSIONS, laptop))).extracting(s -> s.get("id").asText()).containsExactly(currentId(laptop));

        Response old = api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), null);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.problemType()).isEqualTo("invalid-credentials");
        assertLoginStatus(email, NEW_PASSWORD, 200);
    }

    @Test
    void without_a_session_the_own_account_routes_answer_401() {
        for (Response r : List.of(api.get(SESSIONS, null), api.delete(SESSIONS, null),
                api.delete(SESSIONS + "/" + UUID.randomUUID(), null),
                api.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD), null))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
            assertThat(r.problemType()).isEqualTo("unauthenticated");
        }
    }

    // ---- helpers ----

    /** Creates a new member of RDM with {@link #PASSWORD} and returns their email. */
    @Test
    void guessing_the_current_password_through_a_stolen_session_is_throttled_like_sign_in() {
        String token = api.login(freshUser(), PASSWORD);
        // Ten attempts per account per 15 minutes (the default), shared with sign-in.
        for (int i = 0; i < 10; i++) {
            Response wrong = api.post("/api/v1/me/password", Map.of("currentPassword", "guess " + i, "newPassword", NEW_PASSWORD), token);
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        }
        Response throttled = api.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD), token);
        assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
    }

    private String freshUser() {
        String email = "device-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.nhs.uk";
        Response r = api.post("/api/v1/admin/users",
                Map.of("email", email, "displayName", "Session Tester", "password", PASSWORD), server.login("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return email;
    }

    private void assertLoginStatus(String email, String password, int status) {
        Response r = api.post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        assertThat(r.status()).as("sign-in with " + password + ": " + r).isEqualTo(status);
    }

    /** The id of the session a token belongs to, as its own session list marks it. */
    private String currentId(String token) {
        List<JsonNode> current = items(api.get(SESSIONS, token)).stream().filter(s -> s.get("current").asBoolean()).toList();
        assertThat(current).hasSize(1);
        return current.getFirst().get("id").asText();
    }

    private static List<JsonNode> items(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        r.json().get("items").forEach(items::add);
        return items;
    }
}
