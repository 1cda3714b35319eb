package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.ORGANISATIONS;
import static org.confer.db.schema.Tables.USERS;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Api.Response;
import org.confer.testing.Backend;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * First start without demo data: the banner prints a one-time setup token, which creates the
 * first organisation and platform admin exactly once.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(Backend.class)
class FirstStartTest {
    private static final Map<String, String> NO_DEMO = Map.of("CONFER_DEMO", "false");
    private static final Pattern SETUP_LINK = Pattern.compile("https?://\\S+/setup\\.html#token=([A-Za-z0-9_-]+)");
    private static final String PASSWORD = "first admin's long passphrase";

    @Parameter
    Backend backend;

    private static String token(TestServer server) {
        Matcher m = SETUP_LINK.matcher(server.banner());
        assertThat(m.find()).as("setup link in the banner:\n%s", server.banner()).isTrue();
        return m.group(1);
    }

    private static Map<String, Object> firstAdmin(String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("token", token);
        body.put("organisationCode", "RX1");
        body.put("organisationName", "Example Hospitals NHS Trust");
        body.put("email", "it.lead@example.nhs.uk");
        body.put("displayName", "Jo Bloggs");
        body.put("jobTitle", "Head of IT");
        body.put("password", PASSWORD);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static boolean needed(Api api) {
        Response r = api.get("/api/v1/setup", null);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("needed").asBoolean();
    }

    private static int count(TestServer server, org.jooq.Table<?> table) {
        return server.app().database().dsl().fetchCount(table);
    }

    @Test
    void without_demo_data_the_banner_prints_a_setup_link_with_a_one_time_token() {
        try (TestServer server = TestServer.start(backend, NO_DEMO)) {
            String token = token(server);

            assertThat(java.util.Base64.getUrlDecoder().decode(token)).as("256 random bits").hasSize(32);
            assertThat(server.banner()).contains("No platform admin exists yet")
                    .contains("/api/v1/setup with {\"token\":\"" + token + "\"")
                    .doesNotContain("Demo data");
            assertThat(count(server, USERS)).isZero();
            Response page = server.api.get("/setup.html", null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
        }
    }

    @Test
    void setup_is_needed_until_the_first_platform_admin_exists() {
        try (TestServer server = TestServer.start(backend, NO_DEMO)) {
            assertThat(needed(server.api)).isTrue();

            assertThat(server.api.post("/api/v1/setup", firstAdmin(token(server)), null).status()).isEqualTo(201);

            assertThat(needed(server.api)).isFalse();
        }
    }

    @Test
    void a_wrong_or_missing_token_is_refused_and_creates_nothing() {
        try (TestServer server = TestServer.start(backend, NO_DEMO)) {
            String real = token(server);
            String wrong = (real.charAt(0) == 'A' ? "B" : "A") + real.substring(1);

            Response r = server.api.post("/api/v1/setup", firstAdmin(wrong), null);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.problemType()).isEqualTo("forbidden");
            assertThat(server.api.post("/api/v1/setup", with(firstAdmin(null), "token", null), null).status()).isEqualTo(403);
            assertThat(server.api.post("/api/v1/setup", with(firstAdmin(real), "token", ""), null).status()).isEqualTo(403);

            assertThat(count(server, ORGANISATIONS)).isZero();
            assertThat(count(server, USERS)).isZero();
            assertThat(needed(server.api)).isTrue();
            assertThat(server.api.post("/api/v1/auth/login", Map.of("email", "it.lead@example.nhs.uk", "password", PASSWORD), null)
                    .status()).isEqualTo(401);
        }
    }

    @Test
    void the_printed_token_creates_the_first_organisation_and_a_platform_admin_who_can_sign_in() {
        try (TestServer server = TestServer.start(backend, NO_DEMO)) {
            Response created = server.api.post("/api/v1/setup", firstAdmin(token(server)), null);

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().get("email").asText()).isEqualTo("it.lead@example.nhs.uk");
            assertThat(created.json().get("role").asText()).isEqualTo("platform_admin");
            assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("argon2");

            String session = server.api.login("it.lead@example.nhs.uk", PASSWORD);
            Response me = server.api.get("/api/v1/me", session);
            assertThat(me.json().get("role").asText()).isEqualTo("platform_admin");
            assertThat(me.json().at("/organisation/code").asText()).isEqualTo("RX1");
            Response orgs = server.api.get("/api/v1/admin/organisations", session);
            assertThat(orgs.status()).isEqualTo(200);
            assertThat(orgs.json().get("items").findValuesAsText("code")).containsExactly("RX1");
            assertThat(orgs.json().get("items").findValuesAsText("name")).containsExactly("Example Hospitals NHS Trust");
        }
    }

    @Test
    void the_token_works_only_once() {
        try (TestServer server = TestServer.start(backend, NO_DEMO)) {
            String token = token(server);
            assertThat(server.api.post("/api/v1/setup", firstAdmin(token), null).status()).isEqualTo(201);

            Response again = server.api.post("/api/v1/setup",
                    with(with(firstAdmin(token), "email", "second.admin@example.nhs.uk"), "organisationCode", "RX2"), null);

            assertThat(again.status()).as("set-up is over: answered at once, before the token or the password").isEqualTo(410);
            assertThat(again.problemType()).isEqualTo("gone");
            assertThat(count(server, USERS)).isEqualTo(1);
            assertThat(count(server, ORGANISATIONS)).isEqualTo(1);
            assertThat(needed(server.api)).isFalse();
        }
    }

    @Test
    void a_weak_password_is_refused_and_the_token_stays_usable() {
        try (TestServer server = TestServer.start(backend, NO_DEMO)) {
            String token = token(server);

            for (String weak : new String[] {"short", "password1234", "it.lead@example.nhs.uk"}) {
                Response r = server.api.post("/api/v1/setup", with(firstAdmin(token), "password", weak), null);
                assertThat(r.status()).as(weak).isEqualTo(422);
                assertThat(r.problemType()).isEqualTo("weak-password");
                assertThat(r.json().get("field").asText()).isEqualTo("password");
            }
            assertThat(count(server, USERS)).isZero();
            assertThat(needed(server.api)).isTrue();

            assertThat(server.api.post("/api/v1/setup", firstAdmin(token), null).status()).isEqualTo(201);
        }
    }

    @Test
    void invalid_fields_are_named_and_the_token_stays_usable() {
        try (TestServer server = TestServer.start(backend, NO_DEMO)) {
            String token = token(server);

            Response badCode = server.api.post("/api/v1/setup", with(firstAdmin(token), "organisationCode", "R!"), null);
            assertThat(badCode.status()).isEqualTo(400);
            assertThat(badCode.json().get("field").asText()).isEqualTo("organisationCode");
            Response badEmail = server.api.post("/api/v1/setup", with(firstAdmin(token), "email", "not-an-email"), null);
            assertThat(badEmail.status()).isEqualTo(400);
            assertThat(badEmail.json().get("field").asText()).isEqualTo("email");

            assertThat(server.api.post("/api/v1/setup", firstAdmin(token), null).status()).isEqualTo(201);
        }
    }

    @Test
    void each_start_replaces_the_token_and_once_set_up_no_token_is_printed() {
        try (TestStorage storage = TestStorage.create(backend)) {
            String first;
            try (TestServer server = TestServer.start(storage, NO_DEMO)) {
                first = token(server);
            }
            try (TestServer server = TestServer.start(storage, NO_DEMO)) {
                String second = token(server);
                assertThat(second).isNotEqualTo(first);

                assertThat(server.api.post("/api/v1/setup", firstAdmin(first), null).status())
                        .as("the token printed at the previous start").isEqualTo(403);
                assertThat(server.api.post("/api/v1/setup", firstAdmin(second), null).status()).isEqualTo(201);
            }
            try (TestServer server = TestServer.start(storage, NO_DEMO)) {
                assertThat(server.banner()).doesNotContain("setup.html").doesNotContain("No platform admin");
                assertThat(needed(server.api)).isFalse();
                server.api.login("it.lead@example.nhs.uk", PASSWORD);
            }
        }
    }
}
