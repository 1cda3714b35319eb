package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.ChatFixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The CSRF sweep: every unsafe operation (POST, PUT, PATCH, DELETE) in the OpenAPI document the
 * server publishes is sent the way a forged cross-site request arrives — the session cookie
 * alone, without the X-CSRF-Token header, or with a wrong one — and each answers 403 csrf and
 * changes nothing. The same request with the right token gets past the check, so the 403 is the
 * CSRF control and not something else. New operations join the sweep by being documented, and
 * the document is held equal to the route table (OpenApiDocumentTest, and here for unsafe ones).
 *
 * <p>The forged requests carry {@code {}} as their body: the check runs before the body is read,
 * so a body could not change the answer, and a refused request must change nothing whatever it
 * carries. The ids in their paths are real ones the signed-in person may act on, so a missing
 * check would show up as a change.
 */
class CsrfSweepTest extends ServerTest {

    /** Operation of the document: method and path template. */
    record Operation(String method, String path, boolean hasBody, boolean isPublic, boolean isGuest) {
        String key() {
            return method + " " + path;
        }
    }

    /** A signed-in browser: session cookie and the CSRF token its pages can read. */
    record Browser(String sessionToken, String csrfToken) {}

    private static final Set<String> UNSAFE = Set.of("post", "put", "patch", "delete");
    private static final String THUMBS_UP = "%F0%9F%91%8D";

    private ChatFixtures fx;
    private List<Operation> operations;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        operations = unsafeOperations(api.get("/api/v1/openapi.json", null).json());
    }

    @Test
    void the_sweep_reads_every_unsafe_route_of_the_server_from_the_document() {
        Set<String> documented = operations.stream().map(Operation::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> routes = server.app().routes().stream().filter(r -> UNSAFE.contains(r.method().name().toLowerCase()))
                .map(r -> r.method().name() + " " + r.path()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(routes).hasSizeGreaterThanOrEqualTo(29);
        assertThat(operations.stream().filter(Operation::isPublic).map(Operation::key))
                .as("unsafe operations without a session: a new one needs its own CSRF reasoning in docs/security.md")
                .containsExactlyInAnyOrder("POST /api/v1/auth/login", "POST /api/v1/setup", "POST /api/v1/hooks/{token}",
                        "POST /api/v1/public/visit-calendars/{slug}/bookings", "POST /api/v1/public/visits/manage",
                        "POST /api/v1/public/visits/cancel", "POST /api/v1/public/visits/reschedule",
                        "POST /api/v1/public/visits/join-info", "POST /api/v1/public/visits/guest-session",
                        "POST /api/v1/password-reset",
                        // SCIM (docs/provisioning.md): only a SCIM bearer token is read there, never a cookie.
                        "POST /scim/v2/Users", "PUT /scim/v2/Users/{userId}", "PATCH /scim/v2/Users/{userId}",
                        "DELETE /scim/v2/Users/{userId}", "POST /scim/v2/Groups", "PUT /scim/v2/Groups/{groupId}",
                        "PATCH /scim/v2/Groups/{groupId}", "DELETE /scim/v2/Groups/{groupId}");
        assertThat(operations.stream().filter(Operation::isGuest).map(Operation::key))
                .as("a visit guest's unsafe operations: swept with the guest cookie in visits.GuestIsolationTest")
                .containsExactlyInAnyOrder("POST /api/v1/guest/join", "POST /api/v1/guest/leave");
    }

    @Test
    void a_forged_cookie_request_to_every_unsafe_operation_is_refused_with_403_csrf_and_changes_nothing() {
        World w = world();
        Browser other = signIn(w.owner());
        Map<String, String> before = snapshot(w);
        SoftAssertions soft = new SoftAssertions();
        int sent = 0;
        for (Operation op : signedInOperations()) {
            String path = w.fill(op.path());
            for (String header : new String[] {null, "", "forged", other.csrfToken(), w.browser().sessionToken()}) {
                Api.Response r = viaCookie(op, path, w.browser(), header);
                sent++;
                String what = op.key() + " with X-CSRF-Token " + (header == null ? "absent" : "'" + header + "'");
                soft.assertThat(r.status()).as(what + ": " + r).isEqualTo(403);
                soft.assertThat(r.problemType()).as(what).isEqualTo("csrf");
                soft.assertThat(r.headerValues("Set-Cookie")).as(what).isEmpty();
            }
        }
        soft.assertAll();
        assertThat(sent).isEqualTo(signedInOperations().size() * 5);
        assertThat(snapshot(w)).as("nothing changed").isEqualTo(before);
        assertThat(viaCookie(new Operation("GET", "/api/v1/me", false, false, false), "/api/v1/me", w.browser(), null).status())
                .as("the browser is still signed in").isEqualTo(200);
    }

    @Test
    void with_the_right_token_the_same_requests_pass_the_check() {
        // Unknown ids and empty bodies: past the CSRF check each fails for its own reason
        // (404, 400), so the control proves the gate opens without changing the fixtures.
        Person person = fx.person("control");
        SoftAssertions soft = new SoftAssertions();
        for (Operation op : signedInOperations()) {
            Browser b = signIn(person); // a fresh session each: logout and "end all sessions" end theirs
            String path = op.path().replaceAll("\\{emoji}", THUMBS_UP).replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
            Api.Response r = viaCookie(op, path, b, b.csrfToken());
            soft.assertThat(r.problemType()).as(op.key() + ": " + r).isNotEqualTo("csrf").isNotEqualTo("unauthenticated");
            soft.assertThat(r.status()).as(op.key() + ": " + r).isNotIn(401);
        }
        soft.assertAll();
    }

    @Test
    void the_unsafe_operations_open_without_a_session_refuse_what_a_cross_site_form_can_send() {
        String form = "{\"email\":\"alice@demo.confer.test\",\"password\":\"guess\"}";
        for (Operation op : operations.stream().filter(Operation::isPublic).toList()) {
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
                // An incoming webhook's token is its secret: the forged form does not know it, but even a known one is refused for its type.
                String path = op.path().replace("{token}", "cwh_" + UUID.randomUUID()).replace("{slug}", "ward-7")
                        // SCIM's resources (docs/provisioning.md): ids of nothing serve, the type is refused before any lookup.
                        .replace("{userId}", UUID.randomUUID().toString()).replace("{groupId}", UUID.randomUUID().toString());
                Api.Response r = api.send(op.method(), path, form.getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", type, "Origin", "https://attacker.example"));
                assertThat(r.status()).as(op.key() + " as " + type + ": " + r).isIn(410, 415);
                assertThat(r.headerValues("Set-Cookie")).as(op.key()).isEmpty();
            }
        }
    }

    // ---- the fixtures a forged request could change ----

    /** The browser's person owns a team, a group and a message; a colleague is in both. */
    private record World(Person owner, Person colleague, Browser browser, String teamId, String group, String messageId,
                         String otherSessionId, String callId, String meetingId) {
        String fill(String template) {
            return template.replace("{teamId}", teamId).replace("{conversationId}", group).replace("{callId}", callId)
                    .replace("{meetingId}", meetingId)
                    .replace("{messageId}", messageId).replace("{userId}", colleague.id())
                    .replace("{sessionId}", otherSessionId).replace("{emoji}", THUMBS_UP)
                    // Bots: refused at the CSRF check before any lookup, so ids of nothing serve.
                    .replace("{botId}", UUID.randomUUID().toString()).replace("{tokenId}", UUID.randomUUID().toString())
                    .replace("{name}", "help").replace("{actionId}", "test.press:1")
                    // Webhooks: the same, before any lookup.
                    .replace("{webhookId}", UUID.randomUUID().toString()).replace("{invocationId}", UUID.randomUUID().toString())
                    // Results: likewise refused before any lookup.
                    .replace("{resultId}", UUID.randomUUID().toString()).replace("{watchId}", UUID.randomUUID().toString())
                    .replace("{roleId}", UUID.randomUUID().toString())
                    // Requests: likewise.
                    .replace("{serviceId}", UUID.randomUUID().toString()).replace("{requestId}", UUID.randomUUID().toString())
                    .replace("{calendarId}", UUID.randomUUID().toString()).replace("{visitId}", UUID.randomUUID().toString())
                    // Uploads: likewise.
                    .replace("{uploadId}", UUID.randomUUID().toString())
                    // Admin and single sign-on settings: an organisation that does not exist (refused at the CSRF check before any lookup).
                    .replace("{organisationId}", UUID.randomUUID().toString())
                    // Single sign-on keys and linked identities: likewise.
                    .replace("{keyId}", "no-such-key").replace("{identityId}", UUID.randomUUID().toString())
                    // Retention (docs/retention.md): a hold id.
                    .replace("{holdId}", UUID.randomUUID().toString());
        }
    }

    private World world() {
        String admin = server.login("admin");
        String email = "csrf-sweep-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
        // A platform admin, so that every operation is one this person could really perform.
        Api.Response created = api.post("/api/v1/admin/users", Map.of("email", email, "displayName", "Sweep Admin",
                "role", "platform_admin", "password", ChatFixtures.PASSWORD), admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Person owner = new Person(created.json().get("id").asText(), email, api.login(email, ChatFixtures.PASSWORD));
        Person colleague = fx.person("colleague");
        String teamId = fx.teamWith(owner, colleague);
        String group = fx.group(owner, colleague, fx.person("third"));
        Api.Response posted = fx.post(owner, group, "handover note " + UUID.randomUUID());
        assertThat(posted.status()).isEqualTo(201);
        assertThat(api.post("/api/v1/conversations/" + group + "/messages/" + posted.json().get("id").asText() + "/reactions",
                Map.of("emoji", "👍"), owner.token()).status()).isEqualTo(204);
        Browser browser = signIn(owner);
        String ownerSession = null;
        for (JsonNode s : api.get("/api/v1/me/sessions", owner.token()).json().get("items")) {
            if (s.get("current").asBoolean()) {
                ownerSession = s.get("id").asText();
            }
        }
        // A live call in the group with the owner in it: a forged join, leave or remove would change its roster.
        Api.Response call = api.post("/api/v1/conversations/" + group + "/calls", Map.of("media", "audio"), owner.token());
        assertThat(call.status()).as(call.toString()).isEqualTo(201);
        String callId = call.json().get("id").asText();
        assertThat(api.post("/api/v1/calls/" + callId + "/join", Map.of(), owner.token()).status()).isEqualTo(200);
        // A meeting the owner organises: a forged change, cancellation or answer would change it or mail someone.
        Api.Response meeting = api.post("/api/v1/meetings", Map.of("title", "Sweep MDT", "start", "2027-01-12T13:00",
                "end", "2027-01-12T14:00", "invitees", List.of(colleague.id())), owner.token());
        assertThat(meeting.status()).as(meeting.toString()).isEqualTo(201);
        return new World(owner, colleague, browser, teamId, group, posted.json().get("id").asText(), ownerSession, callId,
                meeting.json().get("id").asText());
    }

    private Map<String, String> snapshot(World w) {
        String token = w.owner().token();
        Map<String, String> s = new TreeMap<>();
        s.put("me", api.get("/api/v1/me", token).body());
        List<String> sessions = new ArrayList<>(ids(api.get("/api/v1/me/sessions", token)));
        sessions.sort(null);
        s.put("sessions", sessions.toString());
        s.put("teams", api.get("/api/v1/teams", token).body());
        s.put("team members", api.get("/api/v1/teams/" + w.teamId() + "/members", token).body());
        s.put("channels", api.get("/api/v1/teams/" + w.teamId() + "/channels", token).body());
        s.put("conversations", api.get("/api/v1/conversations", token).body());
        s.put("group", api.get("/api/v1/conversations/" + w.group(), token).body());
        s.put("messages", api.get("/api/v1/conversations/" + w.group() + "/messages", token).body());
        s.put("read markers", api.get("/api/v1/conversations/" + w.group() + "/read-markers", token).body());
        s.put("colleague", api.get("/api/v1/admin/users/" + w.colleague().id(), token).body());
        s.put("organisations", api.get("/api/v1/admin/organisations?limit=200", token).body());
        s.put("presence", api.get("/api/v1/presence?userIds=" + w.owner().id(), token).body());
        s.put("activity", api.get("/api/v1/activity", token).body());
        s.put("call", api.get("/api/v1/calls/" + w.callId(), token).body());
        s.put("meeting", api.get("/api/v1/meetings/" + w.meetingId(), token).body());
        s.put("mail", api.get("/api/v1/admin/email-outbox?limit=200", token).body());
        return s;
    }

    // ---- helpers ----

    private List<Operation> signedInOperations() {
        return operations.stream().filter(op -> !op.isPublic() && !op.isGuest()).toList();
    }

    private static List<Operation> unsafeOperations(JsonNode document) {
        boolean securedByDefault = document.path("security").size() > 0;
        List<Operation> out = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (UNSAFE.contains(op.getKey())) {
                JsonNode security = op.getValue().get("security");
                boolean isPublic = security != null ? security.isEmpty() : !securedByDefault;
                boolean isGuest = security != null && security.size() == 1 && security.get(0).has("guest");
                out.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue().has("requestBody"), isPublic, isGuest));
            }
        }));
        return out;
    }

    private Browser signIn(Person person) {
        Api.Response r = api.post("/api/v1/auth/login", Map.of("email", person.email(), "password", ChatFixtures.PASSWORD), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return new Browser(r.json().get("token").asText(), r.json().get("csrfToken").asText());
    }

    /** A request as a browser sends it: the cookies, no Authorization header, optionally X-CSRF-Token. */
    private Api.Response viaCookie(Operation op, String path, Browser b, String csrfHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", "confer_session=" + b.sessionToken() + "; confer_csrf=" + b.csrfToken());
        if (op.hasBody()) {
            headers.put("Content-Type", "application/json");
        }
        if (csrfHeader != null) {
            headers.put("X-CSRF-Token", csrfHeader);
        }
        return api.send(op.method(), path, op.hasBody() ? "{}".getBytes(StandardCharsets.UTF_8) : null, headers);
    }
}
