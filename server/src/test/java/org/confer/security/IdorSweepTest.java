package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.ChatFixtures.ids;
import static org.confer.testing.ChatFixtures.strings;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The IDOR sweep (insecure direct object references): every route of the server whose path
 * takes an id is called with the id of something that belongs to someone else, by people who
 * have no business with it — a colleague in the same organisation, a member of another
 * organisation, and (for the user administration routes) the organisation admin of another
 * trust. Each answers 404 not-found, says nothing of the thing, and changes nothing.
 *
 * <p>The sweep is driven by the server's own route table: a new route with an id in its path
 * fails {@link #every_route_that_takes_an_id_is_in_the_sweep} until it has a probe here.
 * ChatAuthorisationTest goes deeper into chat (owners and members, removed members); this is
 * the one place that covers every feature.
 */
class IdorSweepTest extends ServerTest {

    /** Whose thing the ids in a route's path name. */
    enum Target {
        /** A conversation (and its messages) of the victim's: {conversationId}, {messageId}, {userId} a member, {emoji}. */
        CONVERSATION,
        /** The victim's team: {teamId}, {userId} a member. */
        TEAM,
        /** One of the victim's signed-in sessions: {sessionId}. */
        SESSION,
        /** A user of another organisation than the attacking organisation admin's: {userId}. */
        OTHER_ORGANISATIONS_USER,
        /** A live call in one of the victim's conversations, the victim in it: {callId}, {userId} a member. */
        CALL,
        /** A meeting the victim organises (the colleague invited): {meetingId}. */
        MEETING,
        /** A bot of another organisation than the attacking organisation admin's, with a token and a command: {botId}, {tokenId}, {name}. */
        OTHER_ORGANISATIONS_BOT,
        /** The victim's incoming webhook in their group: {webhookId}; {token} and {invocationId} are guesses (the token is the secret). */
        WEBHOOK,
        /** A service of the victim's team and a request the victim filed to it: {serviceId}, {requestId}. */
        REQUEST,
        /** A result the victim was alerted of: {resultId}. */
        RESULT,
        /** The victim's watch of a patient: {watchId}. */
        WATCH,
        /** An on-call role of the victim's organisation (its people may take it over): {roleId}. */
        ON_CALL_ROLE
    }

    /** How one route is probed: what it is about, and the body a genuine caller would send. */
    record Probe(Target target, Object body) {}

    private static final String C = "/api/v1/conversations/{conversationId}";
    private static final String M = C + "/messages/{messageId}";
    private static final String T = "/api/v1/teams/{teamId}";
    private static final String K = "/api/v1/calls/{callId}";
    private static final String MT = "/api/v1/meetings/{meetingId}";
    /** 👍 as a path segment. */
    private static final String THUMBS_UP = "%F0%9F%91%8D";
    /** Stands for the attacker's own id in a body. */
    private static final String SELF = "{self}";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static final Map<String, Probe> PROBES = probes();

    private static Map<String, Probe> probes() {
        Map<String, Probe> p = new LinkedHashMap<>();
        p.put("GET " + C, new Probe(Target.CONVERSATION, null));
        p.put("PATCH " + C, new Probe(Target.CONVERSATION, Map.of("name", "Renamed by an intruder")));
        p.put("POST " + C + "/archive", new Probe(Target.CONVERSATION, Map.of()));
        p.put("GET " + C + "/events", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/members", new Probe(Target.CONVERSATION, Map.of("userId", SELF)));
        p.put("DELETE " + C + "/members/{userId}", new Probe(Target.CONVERSATION, null));
        p.put("GET " + C + "/messages", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/messages", new Probe(Target.CONVERSATION,
                Map.of("text", "written by an intruder", "clientMsgId", "intruder-1")));
        p.put("PATCH " + M, new Probe(Target.CONVERSATION, Map.of("text", "edited by an intruder")));
        p.put("DELETE " + M, new Probe(Target.CONVERSATION, null));
        p.put("POST " + M + "/acknowledge", new Probe(Target.CONVERSATION, Map.of()));
        p.put("GET " + M + "/acknowledgements", new Probe(Target.CONVERSATION, null));
        p.put("POST " + M + "/reactions", new Probe(Target.CONVERSATION, Map.of("emoji", "👍")));
        p.put("DELETE " + M + "/reactions/{emoji}", new Probe(Target.CONVERSATION, null));
        p.put("GET " + M + "/thread", new Probe(Target.CONVERSATION, null));
        p.put("GET " + C + "/pins", new Probe(Target.CONVERSATION, null));
        p.put("POST " + M + "/pin", new Probe(Target.CONVERSATION, Map.of()));
        p.put("DELETE " + M + "/pin", new Probe(Target.CONVERSATION, null));
        p.put("POST " + M + "/save", new Probe(Target.CONVERSATION, Map.of()));
        p.put("DELETE " + M + "/save", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/read", new Probe(Target.CONVERSATION, Map.of("seq", 1)));
        p.put("GET " + C + "/read-markers", new Probe(Target.CONVERSATION, null));
        p.put("GET " + T + "/members", new Probe(Target.TEAM, null));
        p.put("POST " + T + "/members", new Probe(Target.TEAM, Map.of("userId", SELF)));
        p.put("PATCH " + T + "/members/{userId}", new Probe(Target.TEAM, Map.of("role", "owner")));
        p.put("DELETE " + T + "/members/{userId}", new Probe(Target.TEAM, null));
        p.put("GET " + T + "/channels", new Probe(Target.TEAM, null));
        p.put("POST " + T + "/channels", new Probe(Target.TEAM, Map.of("name", "Intruders", "visibility", "standard")));
        p.put("DELETE /api/v1/me/sessions/{sessionId}", new Probe(Target.SESSION, null));
        p.put("POST " + C + "/calls", new Probe(Target.CONVERSATION, Map.of("media", "audio")));
        p.put("GET " + K, new Probe(Target.CALL, null));
        p.put("POST " + K + "/join", new Probe(Target.CALL, Map.of()));
        p.put("POST " + K + "/leave", new Probe(Target.CALL, Map.of("peerId", SELF)));
        p.put("POST " + K + "/decline", new Probe(Target.CALL, Map.of()));
        p.put("POST " + K + "/lobby/{userId}/admit", new Probe(Target.CALL, Map.of()));
        p.put("POST " + K + "/lobby/{userId}/deny", new Probe(Target.CALL, Map.of()));
        p.put("POST " + K + "/participants/{userId}/remove", new Probe(Target.CALL, Map.of()));
        p.put("GET /api/v1/admin/users/{userId}", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        p.put("PATCH /api/v1/admin/users/{userId}", new Probe(Target.OTHER_ORGANISATIONS_USER,
                Map.of("displayName", "Renamed by another trust", "status", "disabled")));
        p.put("GET " + MT, new Probe(Target.MEETING, null));
        p.put("PATCH " + MT, new Probe(Target.MEETING, Map.of("title", "Renamed by an intruder")));
        p.put("DELETE " + MT, new Probe(Target.MEETING, null));
        p.put("POST " + MT + "/rsvp", new Probe(Target.MEETING, Map.of("response", "declined")));
        p.put("GET " + MT + "/invitation.ics", new Probe(Target.MEETING, null));
        p.put("POST " + MT + "/join", new Probe(Target.MEETING, Map.of("occurrence", "2027-01-12T13:00:00Z")));
        p.put("GET " + C + "/commands", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/commands", new Probe(Target.CONVERSATION, Map.of("command", "help", "text", "")));
        p.put("PUT " + M + "/card", new Probe(Target.CONVERSATION, Map.of("card", Map.of("title", "Changed by an intruder"))));
        p.put("POST " + M + "/actions/{actionId}", new Probe(Target.CONVERSATION, Map.of()));
        String b = "/api/v1/bots/{botId}";
        p.put("GET " + b, new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("PATCH " + b, new Probe(Target.OTHER_ORGANISATIONS_BOT, Map.of("description", "Changed by another trust", "enabled", false)));
        p.put("DELETE " + b, new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("POST " + b + "/tokens", new Probe(Target.OTHER_ORGANISATIONS_BOT, Map.of("name", "stolen", "scopes", List.of("messages:write"))));
        p.put("GET " + b + "/tokens", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("DELETE " + b + "/tokens/{tokenId}", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("GET " + b + "/commands", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("POST " + b + "/commands", new Probe(Target.OTHER_ORGANISATIONS_BOT, Map.of("name", "intrude", "description", "x")));
        p.put("DELETE " + b + "/commands/{name}", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("GET " + C + "/webhooks", new Probe(Target.CONVERSATION, null));
        p.put("POST " + C + "/webhooks", new Probe(Target.CONVERSATION, Map.of("name", "Intruder hook")));
        p.put("DELETE /api/v1/webhooks/{webhookId}", new Probe(Target.WEBHOOK, null));
        p.put("POST /api/v1/hooks/{token}", new Probe(Target.WEBHOOK, Map.of("text", "posted by an intruder")));
        p.put("POST /api/v1/commands/{invocationId}/response", new Probe(Target.WEBHOOK, Map.of("text", "answered by an intruder")));
        p.put("GET " + b + "/outgoing", new Probe(Target.OTHER_ORGANISATIONS_BOT, null));
        p.put("PUT " + b + "/outgoing", new Probe(Target.OTHER_ORGANISATIONS_BOT,
                Map.of("url", "https://hooks.example.com/in", "events", List.of("mention"))));
        p.put("PATCH /api/v1/request-services/{serviceId}", new Probe(Target.REQUEST, Map.of("name", "Renamed by an intruder")));
        p.put("GET /api/v1/requests/{requestId}", new Probe(Target.REQUEST, null));
        p.put("POST /api/v1/requests/{requestId}/claim", new Probe(Target.REQUEST, Map.of()));
        p.put("POST /api/v1/requests/{requestId}/status", new Probe(Target.REQUEST, Map.of("status", "cancelled", "note", "intruder")));
        p.put("GET /api/v1/results/{resultId}", new Probe(Target.RESULT, null));
        p.put("POST /api/v1/results/{resultId}/acknowledge", new Probe(Target.RESULT, Map.of()));
        p.put("GET /api/v1/results/{resultId}/audit", new Probe(Target.RESULT, null));
        p.put("DELETE /api/v1/results/watches/{watchId}", new Probe(Target.WATCH, null));
        p.put("PUT /api/v1/on-call-roles/{roleId}/holder", new Probe(Target.ON_CALL_ROLE, Map.of("userId", SELF)));
        p.put("GET /api/v1/users/{userId}/identifiers", new Probe(Target.OTHER_ORGANISATIONS_USER, null));
        p.put("PUT /api/v1/users/{userId}/identifiers", new Probe(Target.OTHER_ORGANISATIONS_USER,
                Map.of("items", List.of(Map.of("system", "GMC", "value", "7777777")))));
        return Map.copyOf(p);
    }

    private ChatFixtures fx;
    private Person victim;
    private Person colleague;
    private Person strangerSameOrganisation;
    private Person strangerOtherOrganisation;
    /** Organisation admin of RDM. */
    private Person otherTrustsAdmin;
    /** A user of RDP. */
    private Person foreignUser;
    private String teamId;
    private List<String> conversations;
    private final Map<String, String> messageIn = new LinkedHashMap<>();
    private String victimSession;
    private final List<String> calls = new ArrayList<>();
    private String meetingId;
    /** An organisation admin of RDP (priya administers the victim's own RDM). */
    private Person otherOrganisationsAdmin;
    private String serviceId;
    private String requestId;
    private String resultId;
    private String watchId;
    private String roleId;
    private final List<String> secrets = new ArrayList<>();
    private String botId;
    private String botTokenId;
    private String webhookId;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        secrets.clear();
        messageIn.clear();
        victim = fx.person("victim");
        colleague = fx.person("colleague");
        strangerSameOrganisation = fx.person("stranger");
        strangerOtherOrganisation = fx.personIn("visitor", "YDX");
        otherTrustsAdmin = fx.demo("priya");
        foreignUser = fx.personIn("foreign-user", "RDP");
        secrets.addAll(List.of(foreignUser.email(), "foreign-user"));

        String teamName = "Team-" + UUID.randomUUID();
        teamId = fx.team(victim, teamName);
        fx.addToTeam(victim, teamId, colleague);
        String general = fx.general(victim, teamId);
        String privateName = "Private-" + UUID.randomUUID();
        String privateChannel = fx.channel(victim, teamId, privateName, "private", List.of(colleague));
        String group = fx.group(victim, colleague, fx.person("third"));
        String groupName = "Group-" + UUID.randomUUID();
        assertThat(api.patch("/api/v1/conversations/" + group, Map.of("name", groupName), victim.token()).status()).isEqualTo(200);
        String direct = fx.direct(victim, colleague);
        secrets.addAll(List.of(teamName, privateName, groupName));
        conversations = List.of(general, privateChannel, group, direct);
        for (String c : conversations) {
            String text = "SECRET-" + UUID.randomUUID() + " bed 4 potassium 6.8";
            Api.Response posted = api.post("/api/v1/conversations/" + c + "/messages",
                    Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "urgent", true), victim.token());
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            messageIn.put(c, posted.json().get("id").asText());
            assertThat(api.post("/api/v1/conversations/" + c + "/messages/" + messageIn.get(c) + "/reactions",
                    Map.of("emoji", "👍"), colleague.token()).status()).isEqualTo(204);
            secrets.add(text);
        }
        String meetingTitle = "Meeting-" + UUID.randomUUID();
        Api.Response meeting = api.post("/api/v1/meetings", Map.of("title", meetingTitle, "start", "2027-01-12T13:00",
                "end", "2027-01-12T14:00", "recurrence", "FREQ=WEEKLY;COUNT=4", "invitees", List.of(colleague.id())), victim.token());
        assertThat(meeting.status()).as(meeting.toString()).isEqualTo(201);
        meetingId = meeting.json().get("id").asText();
        secrets.add(meetingTitle);
        Api.Response service = api.post("/api/v1/request-services", Map.of("slug", "idor-" + UUID.randomUUID().toString().substring(0, 6),
                "name", "Phlebotomy", "teamId", teamId, "queueConversationId", general, "leadId", victim.id(),
                "targets", Map.of("routine", 240, "urgent", 60, "emergency", 15)), victim.token());
        assertThat(service.status()).as(service.toString()).isEqualTo(201);
        serviceId = service.json().get("id").asText();
        String requestDetails = "SECRET-" + UUID.randomUUID() + " bloods bed 9";
        Api.Response request = api.post("/api/v1/requests", Map.of("serviceId", serviceId, "location", "Ward 9",
                "details", requestDetails, "nhsNumber", "9434765919", "clientRequestId", UUID.randomUUID().toString()), victim.token());
        assertThat(request.status()).as(request.toString()).isEqualTo(201);
        requestId = request.json().get("id").asText();
        secrets.addAll(List.of(requestDetails, "9434765919"));
        for (JsonNode s : api.get("/api/v1/me/sessions", victim.token()).json().get("items")) {
            if (s.get("current").asBoolean()) {
                victimSession = s.get("id").asText();
            }
        }
        assertThat(victimSession).isNotNull();
        // A bot of RDP (made by its organisation admin), with a token and a command.
        String erin = server.login("erin");
        String botName = "Bot-" + UUID.randomUUID();
        Api.Response bot = api.post("/api/v1/bots", Map.of("displayName", botName, "description", "RDP's bot"), erin);
        assertThat(bot.status()).as(bot.toString()).isEqualTo(201);
        botId = bot.json().get("id").asText();
        Api.Response token = api.post("/api/v1/bots/" + botId + "/tokens", Map.of("name", "ci", "scopes", List.of("messages:write")), erin);
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        botTokenId = token.json().get("stored").get("id").asText();
        secrets.addAll(List.of(botName, token.json().get("token").asText()));
        assertThat(api.post("/api/v1/bots/" + botId + "/commands", Map.of("name", "rdp-" + UUID.randomUUID().toString().substring(0, 8),
                "description", "RDP's command"), erin).status()).isEqualTo(201);
        Api.Response hook = api.post("/api/v1/conversations/" + group + "/webhooks", Map.of("name", "Hook-" + UUID.randomUUID()), victim.token());
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        webhookId = hook.json().get("id").asText();
        secrets.addAll(List.of(hook.json().get("token").asText(), hook.json().get("name").asText()));
        makeResultsOfTheVictim();
        calls.clear();
        for (String c : List.of(group, direct, privateChannel)) {
            Api.Response started = api.post("/api/v1/conversations/" + c + "/calls", Map.of("media", "video"), victim.token());
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            String callId = started.json().get("id").asText();
            assertThat(api.post("/api/v1/calls/" + callId + "/join", Map.of(), victim.token()).status()).isEqualTo(200);
            calls.add(callId);
        }
    }

    /** A result alerted to the victim (through FHIR), the victim's watch and an on-call role of their organisation. */
    private void makeResultsOfTheVictim() {
        Person admin = fx.demo("admin");
        otherOrganisationsAdmin = fx.demo("erin");
        String gmc = Integer.toString(1_000_000 + new java.util.Random().nextInt(8_999_999));
        Map<String, String> json = new LinkedHashMap<>(Api.auth(admin.token()));
        json.put("Content-Type", "application/json");
        assertThat(api.send("PUT", "/api/v1/users/" + victim.id() + "/identifiers",
                Api.json(Map.of("items", List.of(Map.of("system", "GMC", "value", gmc)))), json).status()).isEqualTo(200);
        String bot = api.post("/api/v1/bots", Map.of("displayName", "Lab " + gmc, "description", "results"), admin.token())
                .json().get("id").asText();
        String token = api.post("/api/v1/bots/" + bot + "/tokens", Map.of("name", "lab", "scopes", List.of("results:submit")),
                admin.token()).json().get("token").asText();
        Map<String, String> fhir = new LinkedHashMap<>(Api.auth(token));
        fhir.put("Content-Type", "application/fhir+json");
        Api.Response created = api.send("POST", "/fhir/DiagnosticReport",
                org.confer.results.ResultFixtures.diagnosticReport("IDOR-" + gmc, gmc, "9434765919").getBytes(), fhir);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        resultId = created.json().get("id").asText();
        Api.Response watch = api.post("/api/v1/results/watches", Map.of("nhsNumber", "9434765870"), victim.token());
        assertThat(watch.status()).as(watch.toString()).isEqualTo(201);
        watchId = watch.json().get("id").asText();
        Api.Response role = api.post("/api/v1/on-call-roles", Map.of("name", "Role " + gmc), admin.token());
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        roleId = role.json().get("id").asText();
    }

    @Test
    void every_route_that_takes_an_id_is_in_the_sweep() {
        Set<String> idRoutes = server.app().routes().stream().filter(r -> r.path().contains("{"))
                .map(r -> r.method().name() + " " + r.path()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(idRoutes).as("routes with an id in the path").hasSizeGreaterThanOrEqualTo(26);
        assertThat(new TreeSet<>(PROBES.keySet())).as("add a probe for each new route that takes an id").isEqualTo(idRoutes);
    }

    @Test
    void someone_elses_id_is_not_found_on_every_route_that_takes_one_and_nothing_changes() {
        Map<String, String> before = snapshot();
        SoftAssertions soft = new SoftAssertions();
        int calls = 0;
        for (Map.Entry<String, Probe> e : PROBES.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String route = e.getKey().substring(method.length() + 1);
            Probe probe = e.getValue();
            for (Person attacker : attackersOf(probe.target())) {
                for (String path : concretePaths(route, probe.target())) {
                    Api.Response r = send(method, path, probe.body(), attacker);
                    calls++;
                    String what = attacker.email() + " " + method + " " + path;
                    soft.assertThat(r.status()).as(what + ": " + r).isEqualTo(404);
                    soft.assertThat(r.problemType()).as(what).isEqualTo("not-found");
                    // The problem's instance echoes the attacker's own path; only the rest can leak.
                    String told = r.body().replace(path, "");
                    for (String secret : secrets) {
                        soft.assertThat(told).as(what + " tells a secret").doesNotContain(secret);
                    }
                    soft.assertThat(told).as(what + " names a member").doesNotContain(colleague.id());
                }
            }
        }
        soft.assertAll();
        assertThat(calls).as("calls made").isGreaterThan(PROBES.size() * 2);
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
        assertThat(api.get("/api/v1/me", victim.token()).status()).as("the victim is still signed in").isEqualTo(200);
    }

    @Test
    void an_id_of_nothing_at_all_is_answered_exactly_like_someone_elses() {
        // Otherwise the difference would tell an attacker which ids exist.
        String conversation = conversations.getFirst();
        String unknown = UUID.randomUUID().toString();
        Map<String, String> someoneElsesToNothing = Map.of(
                "/api/v1/conversations/" + conversation, "/api/v1/conversations/" + unknown,
                "/api/v1/conversations/" + conversation + "/messages/" + messageIn.get(conversation) + "/thread",
                "/api/v1/conversations/" + conversation + "/messages/" + unknown + "/thread",
                "/api/v1/teams/" + teamId + "/members", "/api/v1/teams/" + unknown + "/members",
                "/api/v1/admin/users/" + foreignUser.id(), "/api/v1/admin/users/" + unknown,
                "/api/v1/meetings/" + meetingId, "/api/v1/meetings/" + unknown);
        someoneElsesToNothing.forEach((someoneElses, nothing) -> {
            String token = someoneElses.contains("/admin/") ? otherTrustsAdmin.token() : strangerOtherOrganisation.token();
            Api.Response a = api.get(someoneElses, token);
            Api.Response b = api.get(nothing, token);
            assertThat(a.status()).as(someoneElses + ": " + a).isEqualTo(404);
            assertThat(b.status()).as(nothing + ": " + b).isEqualTo(404);
            assertThat(a.json().get("type")).isEqualTo(b.json().get("type"));
            assertThat(a.json().get("title")).isEqualTo(b.json().get("title"));
            assertThat(a.json().get("detail").asText().replaceAll(UUID_PATTERN, "ID"))
                    .as("the detail differs at most in the id it names")
                    .isEqualTo(b.json().get("detail").asText().replaceAll(UUID_PATTERN, "ID"));
        });
    }

    // ---- helpers ----

    private List<Person> attackersOf(Target target) {
        return switch (target) {
            case OTHER_ORGANISATIONS_USER, OTHER_ORGANISATIONS_BOT -> List.of(otherTrustsAdmin);
            // Anyone of the organisation may take an on-call role over: only outsiders are intruders.
            case ON_CALL_ROLE -> List.of(otherOrganisationsAdmin, strangerOtherOrganisation);
            default -> List.of(strangerSameOrganisation, strangerOtherOrganisation);
        };
    }

    private List<String> concretePaths(String route, Target target) {
        return switch (target) {
            case CONVERSATION -> conversations.stream().map(c -> route.replace("{conversationId}", c)
                    .replace("{messageId}", messageIn.get(c)).replace("{userId}", colleague.id())
                    .replace("{emoji}", THUMBS_UP).replace("{actionId}", "test.press:1")).toList();
            case TEAM -> List.of(route.replace("{teamId}", teamId).replace("{userId}", colleague.id()));
            case SESSION -> List.of(route.replace("{sessionId}", victimSession));
            case OTHER_ORGANISATIONS_USER -> List.of(route.replace("{userId}", foreignUser.id()));
            case CALL -> calls.stream().map(k -> route.replace("{callId}", k).replace("{userId}", colleague.id())).toList();
            case MEETING -> List.of(route.replace("{meetingId}", meetingId));
            case REQUEST -> List.of(route.replace("{serviceId}", serviceId).replace("{requestId}", requestId));
            case OTHER_ORGANISATIONS_BOT -> List.of(route.replace("{botId}", botId).replace("{tokenId}", botTokenId)
                    .replace("{name}", "help"));
            case WEBHOOK -> List.of(route.replace("{webhookId}", webhookId).replace("{token}", "cwh_" + UUID.randomUUID())
                    .replace("{invocationId}", UUID.randomUUID().toString()));
            case RESULT -> List.of(route.replace("{resultId}", resultId));
            case WATCH -> List.of(route.replace("{watchId}", watchId));
            case ON_CALL_ROLE -> List.of(route.replace("{roleId}", roleId));
        };
    }

    private Api.Response send(String method, String path, Object body, Person attacker) {
        Object concrete = body instanceof Map<?, ?> m ? withSelf(m, attacker.id()) : body;
        return switch (method) {
            case "GET" -> api.get(path + (path.endsWith("/events") ? "?after=0" : ""), attacker.token());
            case "POST" -> api.post(path, concrete, attacker.token());
            case "PATCH" -> api.patch(path, concrete, attacker.token());
            case "DELETE" -> api.delete(path, attacker.token());
            case "PUT" -> {
                Map<String, String> headers = Api.auth(attacker.token());
                headers.put("Content-Type", "application/json");
                yield api.send("PUT", path, Api.json(concrete), headers);
            }
            default -> throw new IllegalArgumentException("no probe for method " + method);
        };
    }

    private static Map<Object, Object> withSelf(Map<?, ?> body, String self) {
        Map<Object, Object> out = new LinkedHashMap<>();
        body.forEach((k, v) -> out.put(k, SELF.equals(v) ? self : v));
        return out;
    }

    /** Everything the probes could change, as its owners see it. */
    private Map<String, String> snapshot() {
        Map<String, String> s = new TreeMap<>();
        for (String c : conversations) {
            JsonNode detail = api.get("/api/v1/conversations/" + c, victim.token()).json();
            List<String> members = new ArrayList<>(strings(detail.get("memberIds")));
            members.sort(null);
            s.put(c + " detail", detail.path("name").asText() + "|" + detail.get("lastSeq").asLong() + "|"
                    + detail.get("archived").asBoolean() + "|" + members);
            s.put(c + " messages", api.get("/api/v1/conversations/" + c + "/messages", victim.token()).body());
            s.put(c + " read", api.get("/api/v1/conversations/" + c + "/read-markers", victim.token()).body());
            s.put(c + " pins", api.get("/api/v1/conversations/" + c + "/pins", victim.token()).body());
        }
        List<String> teamMembers = new ArrayList<>(strings(api.get("/api/v1/teams/" + teamId + "/members", victim.token())
                .json().get("userIds")));
        teamMembers.sort(null);
        s.put("team members", teamMembers.toString());
        List<String> channels = ids(api.get("/api/v1/teams/" + teamId + "/channels", victim.token()));
        channels.sort(null);
        s.put("channels", channels.toString());
        List<String> sessions = ids(api.get("/api/v1/me/sessions", victim.token()));
        sessions.sort(null);
        s.put("sessions", sessions.toString());
        for (String k : calls) {
            s.put(k + " call", api.get("/api/v1/calls/" + k, victim.token()).body());
        }
        s.put("live calls", ids(api.get("/api/v1/calls", victim.token())).stream().sorted().toList().toString());
        JsonNode user = api.get("/api/v1/admin/users/" + foreignUser.id(), server.login("admin")).json();
        s.put("foreign user", user.get("displayName").asText() + "|" + user.get("status").asText());
        s.put("meeting", api.get("/api/v1/meetings/" + meetingId, victim.token()).body());
        s.put("request", api.get("/api/v1/requests/" + requestId, victim.token()).body());
        s.put("services", api.get("/api/v1/request-services", victim.token()).body());
        String admin = server.login("admin");
        s.put("bot", api.get("/api/v1/bots/" + botId, admin).body());
        s.put("bot tokens", api.get("/api/v1/bots/" + botId + "/tokens", admin).body());
        s.put("bot commands", api.get("/api/v1/bots/" + botId + "/commands", admin).body());
        s.put("webhooks", api.get("/api/v1/conversations/" + conversations.get(2) + "/webhooks", victim.token()).body());
        return s;
    }
}
