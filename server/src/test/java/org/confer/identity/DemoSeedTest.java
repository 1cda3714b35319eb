package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
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
 * {@code --demo}: demo organisations and people, seeded once and left alone at later starts;
 * without a configured password one is generated, printed and kept private in the data directory.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(Backend.class)
class DemoSeedTest {
    private static final Map<String, String> GENERATED_PASSWORD = Map.of("CONFER_DEMO_PASSWORD", "");
    private static final Pattern PRINTED_PASSWORD = Pattern.compile("Every demo account's password: (\\S+)");

    @Parameter
    Backend backend;

    private static String printedPassword(TestServer server) {
        Matcher m = PRINTED_PASSWORD.matcher(server.banner());
        assertThat(m.find()).as("demo password in the banner:\n%s", server.banner()).isTrue();
        return m.group(1);
    }

    /** Every item of a paged admin list, following the cursor. */
    private static List<JsonNode> all(Api api, String path, String token) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            Response r = api.get(path + "?limit=5" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("items").forEach(items::add);
            if (!r.json().hasNonNull("nextCursor")) {
                return items;
            }
            cursor = r.json().get("nextCursor").asText();
        }
        throw new AssertionError("the cursor of " + path + " does not advance");
    }

    private static List<String> userIdsAndEmails(TestServer server) {
        return all(server.api, "/api/v1/admin/users", server.login("admin")).stream()
                .map(u -> u.get("id").asText() + " " + u.get("email").asText()).sorted().toList();
    }

    private static List<String> organisationIdsAndCodes(TestServer server) {
        return all(server.api, "/api/v1/admin/organisations", server.login("admin")).stream()
                .map(o -> o.get("id").asText() + " " + o.get("code").asText()).sorted().toList();
    }

    @Test
    void the_demo_data_has_organisations_people_and_a_platform_admin_all_on_the_demo_domain() {
        try (TestServer server = TestServer.start(backend, Map.of())) {
            String admin = server.login("admin");
            List<JsonNode> orgs = all(server.api, "/api/v1/admin/organisations", admin);
            List<JsonNode> users = all(server.api, "/api/v1/admin/users", admin);

            assertThat(orgs).hasSizeGreaterThanOrEqualTo(2);
            assertThat(users).hasSizeGreaterThanOrEqualTo(8);
            // People, that is: the demo's built-in bots (the Requests bot of its Phlebotomy service) are accounts too.
            assertThat(users).filteredOn(u -> !u.path("bot").asBoolean()).extracting(u -> u.get("email").asText())
                    .allSatisfy(e -> assertThat(e).endsWith("@demo.confer.test"));
            assertThat(users).filteredOn(u -> u.get("email").asText().equals("admin@demo.confer.test"))
                    .singleElement().satisfies(u -> assertThat(u.get("role").asText()).isEqualTo("platform_admin"));
            assertThat(users).extracting(u -> u.get("role").asText()).contains("org_admin", "member");
            assertThat(users.stream().map(u -> u.get("organisationId").asText()).distinct()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(server.banner()).contains("Demo data: " + DemoSeeder.PEOPLE.size() + " accounts created this start")
                    .contains("admin@demo.confer.test").doesNotContain("setup.html");
        }
    }

    @Test
    void starting_twice_with_demo_changes_nothing() {
        try (TestStorage storage = TestStorage.create(backend)) {
            List<String> usersBefore;
            List<String> orgsBefore;
            try (TestServer first = TestServer.start(storage, Map.of())) {
                usersBefore = userIdsAndEmails(first);
                orgsBefore = organisationIdsAndCodes(first);
            }
            try (TestServer second = TestServer.start(storage, Map.of("CONFER_DEMO", "false"), "--demo")) {
                assertThat(userIdsAndEmails(second)).as("same people with the same ids").isEqualTo(usersBefore);
                assertThat(organisationIdsAndCodes(second)).as("same organisations").isEqualTo(orgsBefore);
                assertThat(second.banner()).contains("Demo data: 0 accounts created this start");
                second.login("alice");
            }
        }
    }

    @Test
    void without_a_configured_password_one_is_generated_printed_and_kept_private_in_the_data_directory() throws IOException {
        try (TestStorage storage = TestStorage.create(backend)) {
            Path file = storage.dataDir.resolve("demo-password.txt");
            String password;
            try (TestServer server = TestServer.start(storage, GENERATED_PASSWORD)) {
                password = printedPassword(server);

                assertThat(password).isNotEqualTo(TestServer.DEMO_PASSWORD).hasSizeGreaterThanOrEqualTo(20);
                assertThat(Files.readString(file).strip()).isEqualTo(password);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                server.api.login("alice@demo.confer.test", password);
            }
            try (TestServer again = TestServer.start(storage, GENERATED_PASSWORD)) {
                assertThat(printedPassword(again)).as("printed again at the next start").isEqualTo(password);
                again.api.login("admin@demo.confer.test", password);
                assertThat(Files.readString(file).strip()).isEqualTo(password);
            }
        }
    }

    @Test
    void changing_the_configured_password_later_leaves_existing_accounts_alone_and_says_so() {
        try (TestStorage storage = TestStorage.create(backend)) {
            try (TestServer first = TestServer.start(storage, Map.of())) {
                assertThat(printedPassword(first)).isEqualTo(TestServer.DEMO_PASSWORD);
            }
            String other = "another-demo-password-later";
            try (TestServer second = TestServer.start(storage, Map.of("CONFER_DEMO_PASSWORD", other))) {
                second.login("bob");
                assertThat(second.api.post("/api/v1/auth/login", Map.of("email", "bob@demo.confer.test", "password", other), null)
                        .status()).isEqualTo(401);
                assertThat(second.banner()).as("the banner must not claim a password the accounts do not have")
                        .doesNotContain(other).contains("their password is unchanged");
            }
        }
    }
}
