package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.AUDIT_EVENTS;
import static org.confer.db.schema.Tables.MAIL_OUTBOX;
import static org.confer.db.schema.Tables.USERS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * What the admin pages do over the API (docs/administration.md): importing people from CSV with
 * a dry run, signing a person out everywhere, disabling, one-time password links, renaming an
 * organisation and managing teams — each with the paths that must be refused, and each change
 * recorded in the audit trail.
 */
class AdministrationApiTest extends ServerTest {
    private static final String CSV = "/api/v1/admin/users/import/csv";
    private static final String PASSWORD = "a long and unusual passphrase";

    /** Demo people's sessions, signed in once per server (each sign-in costs an Argon2 verification). */
    private final Map<String, String> sessions = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    protected void afterStart() {
        sessions.clear();
    }

    private String as(String demoPerson) {
        return sessions.computeIfAbsent(demoPerson, server::login);
    }

    private DSLContext db() {
        return server.app().database().dsl();
    }

    private int audited(String action) {
        return db().fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq(action));
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String demoId(String token) {
        return api.get("/api/v1/me", token).json().get("id").asText();
    }

    /** A person of the demo organisation RDM with a password, created by the platform admin; returns [id, email]. */
    private String[] person(String admin) {
        String email = "p" + tag() + "@demo.confer.test";
        Response r = api.post("/api/v1/admin/users", Map.of("email", email, "displayName", "Person " + tag(), "password", PASSWORD), admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new String[] {r.json().get("id").asText(), email};
    }

    // ---- CSV import ----

    @Test
    void a_dry_run_reports_every_bad_row_by_line_and_column_and_writes_nothing() {
        String priya = as("priya");
        String t = tag();
        String csv = "email,displayName,jobTitle,department,role\r\n"
                + "ok" + t + "@trust.nhs.uk,\"Okafor, Ada\",Nurse,\"Ward 7, \"\"East\"\"\",member\r\n"
                + "not-an-email,Bad Email,,,\r\n"
                + "ok" + t + "@trust.nhs.uk,Twice Listed,,,\r\n"
                + "alice@demo.confer.test,Alice Again,,,\r\n"
                + "r" + t + "@trust.nhs.uk,Role Unknown,,,surgeon\r\n"
                + "pa" + t + "@trust.nhs.uk,Would Be Platform Admin,,,platform_admin\r\n";
        int users = db().fetchCount(USERS);
        int imported = audited("users.imported");

        Response r = api.post(CSV, Map.of("csv", csv, "dryRun", true), priya);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("rows").asInt()).isEqualTo(6);
        assertThat(errors(r.json())).containsExactly(
                "3 email Not an email address",
                "4 email This email is also on line 2",
                "5 email Someone with this email already exists",
                "6 role Unknown role 'surgeon'; use member, org_admin or platform_admin",
                "7 role Only a platform admin can create platform admins");
        assertThat(db().fetchCount(USERS)).as("a dry run writes nobody").isEqualTo(users);
        assertThat(audited("users.imported")).isEqualTo(imported);
    }

    @Test
    void an_import_with_an_error_writes_nothing_and_the_fixed_file_imports_every_row_at_once() {
        String priya = as("priya");
        String t = tag();
        String bad = "displayName,email\n\"Ada " + t + "\",ada" + t + "@trust.nhs.uk\n\"Ben " + t + "\",ben" + t + "@\n";
        int users = db().fetchCount(USERS);

        Response refused = api.post(CSV, Map.of("csv", bad, "dryRun", false), priya);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.problemType()).isEqualTo("import-has-errors");
        assertThat(errors(refused.json())).containsExactly("3 email Not an email address");
        assertThat(db().fetchCount(USERS)).as("not even the good row").isEqualTo(users);

        Response done = api.post(CSV, Map.of("csv", bad.replace("ben" + t + "@\n", "ben" + t + "@trust.nhs.uk\n"), "dryRun", false), priya);

        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        assertThat(done.json().get("created")).hasSize(2);
        assertThat(done.json().at("/created/0/organisationId").asText())
                .isEqualTo(api.get("/api/v1/me", priya).json().at("/organisation/id").asText());
        assertThat(db().fetchCount(USERS)).isEqualTo(users + 2);
        assertThat(db().fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("users.imported")
                .and(AUDIT_EVENTS.DETAIL.contains("\"source\":\"csv\"")))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void only_admins_import_and_an_organisation_admin_only_into_her_own_organisation() {
        String other = api.get("/api/v1/me", as("erin")).json().at("/organisation/id").asText();
        String csv = "email,displayName\nx" + tag() + "@trust.nhs.uk,X\n";

        assertThat(api.post(CSV, Map.of("csv", csv), as("alice")).status()).isEqualTo(403);
        assertThat(api.post(CSV, Map.of("csv", csv, "organisationId", other), as("priya")).status()).isEqualTo(403);
        assertThat(api.post(CSV, Map.of("csv", csv, "organisationId", other), as("admin")).status()).isEqualTo(200);
    }

    // ---- sessions: disable, sign out everywhere ----

    @Test
    void disabling_a_person_ends_their_sessions_and_enabling_lets_them_sign_in_again() {
        String admin = as("admin");
        String[] p = person(admin);
        String session = api.login(p[1], PASSWORD);

        Response disabled = api.patch("/api/v1/admin/users/" + p[0], Map.of("status", "disabled"), as("priya"));

        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", session).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", p[1], "password", PASSWORD), null).status()).isEqualTo(401);
        assertThat(api.patch("/api/v1/admin/users/" + p[0], Map.of("status", "active"), as("priya")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", api.login(p[1], PASSWORD)).status()).isEqualTo(200);
        assertThat(db().fetch(AUDIT_EVENTS, AUDIT_EVENTS.SUBJECT_ID.eq(UUID.fromString(p[0]))).getValues(AUDIT_EVENTS.ACTION))
                .containsSubsequence("user.created", "user.disabled", "user.enabled");
    }

    @Test
    void sign_out_everywhere_ends_every_session_of_the_person_and_is_refused_outside_the_admins_organisation() {
        String admin = as("admin");
        String[] p = person(admin);
        List<String> sessions = List.of(api.login(p[1], PASSWORD), api.login(p[1], PASSWORD));
        String path = "/api/v1/admin/users/" + p[0] + "/sign-out-everywhere";

        assertThat(api.post(path, Map.of(), as("alice")).status()).as("a member").isEqualTo(403);
        assertThat(api.post(path, Map.of(), as("erin")).status()).as("another trust's admin").isEqualTo(404);
        assertThat(sessions).allSatisfy(s -> assertThat(api.get("/api/v1/me", s).status()).isEqualTo(200));

        Response r = api.post(path, Map.of(), as("priya"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("sessionsEnded").asInt()).isEqualTo(2);
        assertThat(sessions).allSatisfy(s -> assertThat(api.get("/api/v1/me", s).status()).isEqualTo(401));
        assertThat(db().fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("user.signed_out_everywhere")
                .and(AUDIT_EVENTS.SUBJECT_ID.eq(UUID.fromString(p[0]))))).isEqualTo(1);
    }

    @Test
    void an_organisation_admin_cannot_grant_or_touch_the_platform_admin_role() {
        String priya = as("priya");
        String[] p = person(as("admin"));
        String adminId = demoId(as("admin"));

        assertThat(api.patch("/api/v1/admin/users/" + p[0], Map.of("role", "platform_admin"), priya).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/users/" + adminId + "/sign-out-everywhere", Map.of(), priya).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/users/" + adminId + "/password-link", Map.of(), priya).status()).isEqualTo(403);
    }

    // ---- password links ----

    @Test
    void a_password_link_is_mailed_works_once_and_ends_the_persons_other_sessions() {
        String[] p = person(as("admin"));
        String old = api.login(p[1], PASSWORD);
        String path = "/api/v1/admin/users/" + p[0] + "/password-link";
        assertThat(api.post(path, Map.of(), as("erin")).status()).as("another trust's admin").isEqualTo(404);
        assertThat(api.post(path, Map.of(), as("alice")).status()).as("a member").isEqualTo(403);

        Response issued = api.post(path, Map.of(), as("priya"));

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
        String link = issued.json().get("link").asText();
        assertThat(link).contains("/reset-password.html#token=");
        String token = link.substring(link.indexOf("#token=") + 7);
        assertThat(db().fetch(MAIL_OUTBOX, MAIL_OUTBOX.TO_ADDRESS.eq(p[1])).getValues(MAIL_OUTBOX.TEXT_BODY))
                .singleElement().asString().contains(link);
        assertThat(db().fetchCount(org.confer.db.schema.Tables.PASSWORD_RESET_LINKS,
                org.confer.db.schema.Tables.PASSWORD_RESET_LINKS.TOKEN_HASH.eq(token))).as("only the hash is kept").isZero();

        Response weak = api.post("/api/v1/password-reset", Map.of("token", token, "newPassword", "short"), null);
        assertThat(weak.status()).isEqualTo(422);
        String chosen = "another long passphrase of mine";
        assertThat(api.post("/api/v1/password-reset", Map.of("token", token, "newPassword", chosen), null).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", old).status()).as("the old session ended").isEqualTo(401);
        assertThat(api.get("/api/v1/me", api.login(p[1], chosen)).status()).isEqualTo(200);
        Response again = api.post("/api/v1/password-reset", Map.of("token", token, "newPassword", "yet another passphrase here"), null);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.problemType()).isEqualTo("reset-link-invalid");
        assertThat(db().fetch(AUDIT_EVENTS, AUDIT_EVENTS.SUBJECT_ID.eq(UUID.fromString(p[0]))).getValues(AUDIT_EVENTS.ACTION))
                .contains("user.password_reset_issued", "user.password_reset");
    }

    @Test
    void a_password_link_expires_after_24_hours_and_a_newer_link_replaces_it() {
        String priya = as("priya");
        String[] p = person(as("admin"));
        String path = "/api/v1/admin/users/" + p[0] + "/password-link";
        String first = token(api.post(path, Map.of(), priya));
        String second = token(api.post(path, Map.of(), priya));

        assertThat(api.post("/api/v1/password-reset", Map.of("token", first, "newPassword", "a replaced link's passphrase"), null).status())
                .as("replaced").isEqualTo(410);
        server.clock.advance(Duration.ofHours(24).plusMinutes(1));
        sessions.clear(); // idle past their timeout too
        assertThat(api.post("/api/v1/password-reset", Map.of("token", second, "newPassword", "an expired link's passphrase"), null).status())
                .as("expired").isEqualTo(410);
        assertThat(api.post("/api/v1/password-reset", Map.of("token", "made-up", "newPassword", "a made up link's passphrase"), null).status())
                .isEqualTo(410);
    }

    private static String token(Response issued) {
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String link = issued.json().get("link").asText();
        return link.substring(link.indexOf("#token=") + 7);
    }

    // ---- organisations ----

    @Test
    void a_platform_admin_renames_an_organisation_and_no_one_else_can() {
        String admin = as("admin");
        Response created = api.post("/api/v1/admin/organisations", Map.of("code", "T" + tag().substring(0, 5).toUpperCase().replaceAll("[^A-Z0-9]", "X"),
                "name", "Old name"), admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String path = "/api/v1/admin/organisations/" + created.json().get("id").asText();

        String own = "/api/v1/admin/organisations/" + api.get("/api/v1/me", as("priya")).json().at("/organisation/id").asText();
        assertThat(api.patch(own, Map.of("name", "Renamed by its org admin"), as("priya")).status()).isEqualTo(403);
        assertThat(api.patch(path, Map.of("name", "Taken by another org's admin"), as("priya")).status()).isEqualTo(404);
        assertThat(api.patch(path, Map.of("name", "Taken by a member"), as("alice")).status()).isEqualTo(403);
        Response renamed = api.patch(path, Map.of("name", "New name"), admin);

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("New name");
        assertThat(api.patch("/api/v1/admin/organisations/" + UUID.randomUUID(), Map.of("name", "X"), admin).status()).isEqualTo(404);
        assertThat(db().fetch(AUDIT_EVENTS, AUDIT_EVENTS.SUBJECT_ID.eq(UUID.fromString(created.json().get("id").asText())))
                .getValues(AUDIT_EVENTS.ACTION)).containsExactly("organisation.created", "organisation.updated");
    }

    // ---- teams ----

    @Test
    void an_organisation_admin_changes_owners_archives_and_restores_her_organisations_teams_only() {
        String alice = as("alice");
        String priya = as("priya");
        String erin = as("erin");
        String name = "Ward huddle " + tag();
        String teamId = api.post("/api/v1/teams", Map.of("name", name), alice).json().get("id").asText();
        String bob = demoId(as("bob"));
        assertThat(api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", bob), alice).status()).isEqualTo(204);
        String t = "/api/v1/admin/teams/" + teamId;

        JsonNode listed = api.get("/api/v1/admin/teams?q=" + name.substring(12), priya).json().get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.at("/0/memberCount").asInt()).isEqualTo(2);
        assertThat(listed.at("/0/owners/0/userId").asText()).isEqualTo(demoId(alice));
        assertThat(api.get("/api/v1/admin/teams?q=" + name.substring(12), erin).json().get("items")).as("another trust's").isEmpty();
        assertThat(api.get("/api/v1/admin/teams", alice).status()).as("a member").isEqualTo(403);
        for (String[] refused : List.of(new String[] {"GET", t + "/members"}, new String[] {"PATCH", t + "/members/" + bob},
                new String[] {"POST", t + "/archive"}, new String[] {"POST", t + "/restore"})) {
            assertThat(send(refused[0], refused[1], erin).status()).as("another trust's admin: " + refused[1]).isEqualTo(404);
            assertThat(send(refused[0], refused[1], alice).status()).as("a member: " + refused[1]).isEqualTo(403);
        }

        assertThat(api.patch(t + "/members/" + bob, Map.of("role", "owner"), priya).status()).isEqualTo(204);
        assertThat(api.patch(t + "/members/" + demoId(alice), Map.of("role", "member"), priya).status()).isEqualTo(204);
        assertThat(api.patch(t + "/members/" + bob, Map.of("role", "member"), priya).status()).as("the last owner stays").isEqualTo(409);
        assertThat(api.get(t + "/members", priya).json().at("/items/0/displayName").asText()).isEqualTo("Dr Bob Adeyemi");

        assertThat(api.post(t + "/archive", Map.of(), priya).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/admin/teams?q=" + name.substring(12), priya).json().at("/items/0/archivedAt").isNull()).isFalse();
        String chloe = demoId(as("chloe"));
        assertThat(api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", chloe), as("bob")).status())
                .as("an archived team takes nobody new").isEqualTo(409);
        assertThat(api.post(t + "/restore", Map.of(), priya).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", chloe), as("bob")).status()).isEqualTo(204);

        assertThat(db().fetch(AUDIT_EVENTS, AUDIT_EVENTS.SUBJECT_ID.eq(UUID.fromString(teamId))).getValues(AUDIT_EVENTS.ACTION))
                .containsExactly("team.owners_changed", "team.owners_changed", "team.archived", "team.restored");
    }

    private Response send(String method, String path, String token) {
        return switch (method) {
            case "GET" -> api.get(path, token);
            case "PATCH" -> api.patch(path, Map.of("role", "owner"), token);
            default -> api.post(path, Map.of(), token);
        };
    }

    private static List<String> errors(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("errors").forEach(e -> out.add(e.get("line").asInt() + " " + e.get("column").asText() + " " + e.get("message").asText()));
        return out;
    }
}
