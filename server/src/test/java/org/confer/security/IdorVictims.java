package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.ChatFixtures.ids;
import static org.confer.testing.ChatFixtures.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.confer.security.IdorProbes.Target;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.TestServer;

/**
 * The world {@link IdorSweepTest} attacks: a victim with one of everything a route can take an
 * id of (conversations of each kind with urgent messages and reactions, a team, a session, live
 * calls, a meeting, a request service and a request, a result, a watch, a webhook, an on-call
 * role of their organisation), a user and a bot of another organisation, the people who attack
 * them, and the secrets no answer may tell. Kept apart from the sweep so that the sweep reads as
 * probe, attacker, answer; a new kind of target is set up here and named in {@link Target}.
 */
final class IdorVictims {
    /** 👍 as a path segment. */
    private static final String THUMBS_UP = "%F0%9F%91%8D";

    private final TestServer server;
    private final Api api;
    private final ChatFixtures fx;
    Person victim;
    Person colleague;
    private Person strangerSameOrganisation;
    Person strangerOtherOrganisation;
    /** Organisation admin of RDM. */
    Person otherTrustsAdmin;
    /** A user of RDP. */
    Person foreignUser;
    String teamId;
    List<String> conversations;
    final Map<String, String> messageIn = new LinkedHashMap<>();
    private String victimSession;
    private final List<String> calls = new ArrayList<>();
    String meetingId;
    /** An organisation admin of RDP (priya administers the victim's own RDM). */
    private Person otherOrganisationsAdmin;
    private String serviceId;
    private String requestId;
    private String resultId;
    private String watchId;
    private String roleId;
    final List<String> secrets = new ArrayList<>();
    private String botId;
    private String botTokenId;
    private String webhookId;
    private String scimTokenId;

    String visitCalendarId;
    String visitId;
    String visitSlug;
    private String fileId;
    private String uploadId;
    private String ssoOrganisationId;
    private String ssoKeyId;
    private String ssoIdentityId;
    private String holdId;

    private IdorVictims(TestServer server, Api api) {
        this.server = server;
        this.api = api;
        this.fx = new ChatFixtures(server);
    }

    /** Sets up the victim's world on a freshly started server. */
    static IdorVictims make(TestServer server, Api api) {
        IdorVictims world = new IdorVictims(server, api);
        world.build();
        return world;
    }

    private void build() {
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
        makeFileOfTheVictim(privateChannel);
        makeLegalHoldOnTheVictim();
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
        // A SCIM token of RDP (docs/provisioning.md), made by its organisation admin.
        Api.Response scim = api.post("/api/v1/admin/organisations/" + foreignOrganisationId() + "/scim-tokens", Map.of("name", "RDP's Entra ID"), erin);
        assertThat(scim.status()).as(scim.toString()).isEqualTo(201);
        scimTokenId = scim.json().at("/token/id").asText();
        secrets.add(scim.json().get("secret").asText());
        secrets.addAll(List.of(botName, token.json().get("token").asText()));
        assertThat(api.post("/api/v1/bots/" + botId + "/commands", Map.of("name", "rdp-" + UUID.randomUUID().toString().substring(0, 8),
                "description", "RDP's command"), erin).status()).isEqualTo(201);
        Api.Response hook = api.post("/api/v1/conversations/" + group + "/webhooks", Map.of("name", "Hook-" + UUID.randomUUID()), victim.token());
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        webhookId = hook.json().get("id").asText();
        secrets.addAll(List.of(hook.json().get("token").asText(), hook.json().get("name").asText()));
        makeResultsOfTheVictim();
        makeSingleSignOnOfAnotherOrganisation();
        makeVisitOfTheVictim(general);
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

    /** YDX's single sign-on with private_key_jwt: an active key, a next one, and a visitor's linked provider identity. */
    private void makeSingleSignOnOfAnotherOrganisation() {
        String admin = server.login("admin");
        ssoOrganisationId = api.get("/api/v1/admin/users/" + strangerOtherOrganisation.id(), admin).json().get("organisationId").asText();
        Map<String, String> json = new LinkedHashMap<>(Api.auth(admin));
        json.put("Content-Type", "application/json");
        Api.Response put = api.send("PUT", "/api/v1/admin/organisations/" + ssoOrganisationId + "/sso", Api.json(Map.of(
                "issuer", "https://login.example.test/ydx/v2.0", "clientId", "confer-ydx", "clientAuth", "private_key_jwt")), json);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        Api.Response next = api.post("/api/v1/admin/organisations/" + ssoOrganisationId + "/sso/keys", Map.of(), admin);
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        ssoKeyId = next.json().at("/clientKeys/1/keyId").asText();
        ssoIdentityId = UUID.randomUUID().toString();
        String subject = "idor-subject-" + UUID.randomUUID();
        server.app().database().dsl().insertInto(org.confer.db.schema.Tables.FEDERATED_SUBJECTS)
                .set(org.confer.db.schema.Tables.FEDERATED_SUBJECTS.ID, UUID.fromString(ssoIdentityId))
                .set(org.confer.db.schema.Tables.FEDERATED_SUBJECTS.ISSUER, "https://login.example.test/ydx/v2.0")
                .set(org.confer.db.schema.Tables.FEDERATED_SUBJECTS.SUBJECT, subject)
                .set(org.confer.db.schema.Tables.FEDERATED_SUBJECTS.USER_ID, UUID.fromString(strangerOtherOrganisation.id()))
                .set(org.confer.db.schema.Tables.FEDERATED_SUBJECTS.ORGANISATION_ID, UUID.fromString(ssoOrganisationId))
                .set(org.confer.db.schema.Tables.FEDERATED_SUBJECTS.LINKED_AT, java.time.OffsetDateTime.now())
                .set(org.confer.db.schema.Tables.FEDERATED_SUBJECTS.LAST_SIGN_IN_AT, java.time.OffsetDateTime.now())
                .execute();
        secrets.addAll(List.of(subject, ssoKeyId));
    }

    /** A booking calendar of the victim's team with a visit booked on it, then unpublished. */
    private void makeVisitOfTheVictim(String channel) {
        visitSlug = "idor-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response calendar = api.post("/api/v1/visit-calendars", Map.of("teamId", teamId, "channelId", channel, "slug", visitSlug,
                "name", "Ward " + visitSlug, "minNoticeMinutes", 0, "published", true,
                "hours", java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(d -> Map.of("weekday", d, "opens", "00:00", "closes", "23:30")).toList()),
                victim.token());
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(201);
        visitCalendarId = calendar.json().get("id").asText();
        String slot = api.get("/api/v1/public/visit-calendars/" + visitSlug + "/slots?days=2", null).json().get("items").get(2)
                .get("start").asText();
        JsonNode challenge = api.get("/api/v1/public/visit-challenge", null).json();
        String nonce = org.confer.visits.ProofOfWork.solve(challenge.get("challenge").asText(), challenge.get("difficulty").asInt());
        String patient = "Patient " + UUID.randomUUID();
        Api.Response booked = api.post("/api/v1/public/visit-calendars/" + visitSlug + "/bookings", Map.of("slotStart", slot,
                "visitorName", "Visitor " + visitSlug, "visitorEmail", visitSlug + "@example.com", "patientName", patient,
                "consent", true, "website", "", "challenge", challenge.get("challenge").asText(), "nonce", nonce), null);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        visitId = api.get("/api/v1/visit-calendars/" + visitCalendarId + "/visits?days=2", victim.token()).json().get("items").get(0)
                .get("id").asText();
        assertThat(api.patch("/api/v1/visit-calendars/" + visitCalendarId, Map.of("published", false), victim.token()).status())
                .isEqualTo(200);
        secrets.addAll(List.of(patient, visitSlug + "@example.com", booked.json().get("reference").asText()));
    }

    /** A file the victim shared in the private channel, and an upload of theirs not yet finished. */
    private void makeFileOfTheVictim(String channel) {
        String name = "Secret-file-" + UUID.randomUUID() + ".png";
        byte[] png = org.confer.files.TestImages.png(40, 30);
        Api.Response created = api.post("/api/v1/uploads", Map.of("conversationId", channel, "name", name, "size", png.length),
                victim.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Map<String, String> h = Api.auth(victim.token());
        h.put("Content-Type", "application/octet-stream");
        Api.Response done = api.send("PUT", "/api/v1/uploads/" + created.json().get("id").asText() + "?offset=0", png, h);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        fileId = done.json().get("file").get("id").asText();
        Api.Response sent = api.post("/api/v1/conversations/" + channel + "/messages", Map.of("text", "photo",
                "clientMsgId", UUID.randomUUID().toString(), "files", List.of(fileId)), victim.token());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        Api.Response pending = api.post("/api/v1/uploads", Map.of("conversationId", channel, "name", name, "size", 1000), victim.token());
        uploadId = pending.json().get("id").asText();
        secrets.addAll(List.of(name, done.json().get("file").get("sha256").asText()));
    }

    /** A legal hold on the victim, placed by the platform admin (it belongs to the victim's organisation). */
    private void makeLegalHoldOnTheVictim() {
        Api.Response hold = api.post("/api/v1/admin/legal-holds", Map.of("subjectType", "user", "subjectId", victim.id(),
                "reason", "Inquest " + UUID.randomUUID()), fx.demo("admin").token());
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        holdId = hold.json().get("id").asText();
        secrets.add(hold.json().get("reason").asText());
    }

    private String foreignOrganisationId() {
        return api.get("/api/v1/admin/users/" + foreignUser.id(), server.login("admin")).json().get("organisationId").asText();
    }

    /** Who tries a probe of the target: people with no business with it. */
    List<Person> attackersOf(Target target) {
        return switch (target) {
            case OTHER_ORGANISATIONS_USER, OTHER_ORGANISATIONS_BOT, OTHER_ORGANISATION, OTHER_ORGANISATIONS_SSO, OTHER_ORGANISATIONS_SCIM_TOKEN -> List.of(otherTrustsAdmin);
            // Swept with another organisation's SCIM token in scim.ScimConformanceTest (see Target.SCIM).
            case SCIM -> List.of();
            // The victim's team belongs to the victim's organisation (its creator's): the other trust's admin probes it.
            case OTHER_ORGANISATIONS_TEAM -> List.of(otherOrganisationsAdmin);
            // The victim's conversations and the hold on the victim concern the victim's organisation only.
            case OTHER_ORGANISATIONS_CONVERSATION, LEGAL_HOLD -> List.of(otherOrganisationsAdmin);
            // Anyone of the organisation may take an on-call role over: only outsiders are intruders.
            case ON_CALL_ROLE -> List.of(otherOrganisationsAdmin, strangerOtherOrganisation);
            default -> List.of(strangerSameOrganisation, strangerOtherOrganisation);
        };
    }

    /** The route with the ids of the target's things of the victim's (one path per conversation or call). */
    List<String> concretePaths(String route, Target target) {
        return switch (target) {
            case CONVERSATION -> conversations.stream().map(c -> route.replace("{conversationId}", c)
                    .replace("{messageId}", messageIn.get(c)).replace("{userId}", colleague.id())
                    .replace("{emoji}", THUMBS_UP).replace("{actionId}", "test.press:1")).toList();
            case TEAM -> List.of(route.replace("{teamId}", teamId).replace("{userId}", colleague.id()));
            case SESSION -> List.of(route.replace("{sessionId}", victimSession));
            case OTHER_ORGANISATIONS_USER -> List.of(route.replace("{userId}", foreignUser.id())
                    .replace("{organisationId}", api.get("/api/v1/admin/users/" + foreignUser.id(), server.login("admin")).json()
                            .get("organisationId").asText()));
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
            case VISIT -> List.of(route.replace("{calendarId}", visitCalendarId).replace("{visitId}", visitId)
                    .replace("{slug}", visitSlug));
            case FILE -> List.of(route.replace("{fileId}", fileId).replace("{uploadId}", uploadId));
            case OTHER_ORGANISATIONS_TEAM -> List.of(route.replace("{teamId}", teamId).replace("{userId}", colleague.id()));
            case OTHER_ORGANISATION -> List.of(route.replace("{organisationId}", foreignOrganisationId()));
            case OTHER_ORGANISATIONS_SSO -> List.of(route.replace("{organisationId}", ssoOrganisationId).replace("{keyId}", ssoKeyId)
                    .replace("{identityId}", ssoIdentityId));
            case OTHER_ORGANISATIONS_SCIM_TOKEN -> List.of(route.replace("{organisationId}", foreignOrganisationId())
                    .replace("{tokenId}", scimTokenId));
            case SCIM -> List.of(route.replace("{userId}", foreignUser.id()).replace("{groupId}", teamId));
            case OTHER_ORGANISATIONS_CONVERSATION -> conversations.stream().map(c -> route.replace("{conversationId}", c)).toList();
            case LEGAL_HOLD -> List.of(route.replace("{holdId}", holdId));
        };
    }

    /** Everything the probes could change, as its owners see it. */
    Map<String, String> snapshot() {
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
        s.put("foreign organisation's policy", api.get("/api/v1/admin/organisations/" + user.get("organisationId").asText() + "/policy",
                server.login("admin")).json().get("everyOther").toString());
        s.put("organisations", api.get("/api/v1/admin/organisations?limit=200", server.login("admin")).body());
        s.put("team as admins see it", api.get("/api/v1/admin/teams/" + teamId + "/members", server.login("admin")).body() + "|"
                + api.get("/api/v1/admin/teams", server.login("admin")).json().findValues("archivedAt"));
        s.put("meeting", api.get("/api/v1/meetings/" + meetingId, victim.token()).body());
        s.put("request", api.get("/api/v1/requests/" + requestId, victim.token()).body());
        s.put("services", api.get("/api/v1/request-services", victim.token()).body());
        String admin = server.login("admin");
        s.put("bot", api.get("/api/v1/bots/" + botId, admin).body());
        s.put("bot tokens", api.get("/api/v1/bots/" + botId + "/tokens", admin).body());
        s.put("bot commands", api.get("/api/v1/bots/" + botId + "/commands", admin).body());
        s.put("webhooks", api.get("/api/v1/conversations/" + conversations.get(2) + "/webhooks", victim.token()).body());
        s.put("file", api.get("/api/v1/files/" + fileId, victim.token()).body());
        s.put("upload", api.get("/api/v1/uploads/" + uploadId, victim.token()).body());
        s.put("sso keys", api.get("/api/v1/admin/organisations/" + ssoOrganisationId + "/sso", admin).json().get("clientKeys").toString());
        s.put("sso identities", api.get("/api/v1/admin/organisations/" + ssoOrganisationId + "/sso/identities", admin).body());
        return s;
    }
}
