package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.confer.security.CrossOrganisationRoutes.Stand;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The cross-organisation policy (docs/organisation-policy.md) across three organisations of the
 * demo: Northgate (RDM) blocks Westmoor (YDX); Riverside (RDP) allows Westmoor only in one named
 * team; Northgate and Riverside allow each other. Every route that brings people together is
 * probed in every direction that matters, taken from the route table so that a new route joins
 * the matrix; then the admin side: who sets a stance, that a change applies at once, and that
 * people already together against a new policy are listed and never removed.
 */
class CrossOrganisationPolicyTest extends ServerTest {
    /** Brings {@code newcomer} to {@code actor} through one route; {@code teamId} (may be null) is a team of the actor's to do it in. */
    @FunctionalInterface
    interface Probe {
        Api.Response bring(Person actor, Person newcomer, String teamId);
    }

    private ChatFixtures fx;
    private String admin;
    private final Map<String, String> organisationIds = new HashMap<>();
    private Person a1;
    private Person b1;
    private Person c1;
    /** Riverside's team named for Westmoor, owned by b1, c1 a member. */
    private String namedTeam;
    /** Another team of b1's that is not named. */
    private String otherTeam;
    private Map<String, Probe> probes;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        admin = server.login("admin");
        for (JsonNode o : api.get("/api/v1/admin/organisations?limit=200", admin).json().get("items")) {
            organisationIds.put(o.get("code").asText(), o.get("id").asText());
        }
        a1 = signedIn("RDM", "a1");
        b1 = signedIn("RDP", "b1");
        c1 = signedIn("YDX", "c1");
        namedTeam = fx.team(b1, "MDT Riverside-Westmoor " + UUID.randomUUID());
        otherTeam = fx.team(b1, "Riverside only " + UUID.randomUUID());
        fx.addToTeam(b1, namedTeam, c1); // before the policy: the named team is where they meet
        assertThat(setStance(admin, "RDM", "YDX", "blocked", List.of()).status()).isEqualTo(200);
        assertThat(setStance(admin, "RDP", "YDX", "named-teams", List.of(namedTeam)).status()).isEqualTo(200);
        probes = probes();
    }

    @Test
    void every_route_stands_somewhere_on_the_policy_and_every_meeting_point_has_a_probe() {
        TreeSet<String> undecided = new TreeSet<>();
        TreeSet<String> meetingPoints = new TreeSet<>();
        server.app().routes().forEach(r -> {
            var stand = CrossOrganisationRoutes.of(r.method().name(), r.path());
            if (stand.isEmpty()) {
                undecided.add(r.method().name() + " " + r.path());
            } else if (stand.get() == Stand.MEETING_POINT) {
                meetingPoints.add(r.method().name() + " " + r.path());
            }
        });
        assertThat(undecided).as("place each new route in CrossOrganisationRoutes").isEmpty();
        assertThat(meetingPoints).as("a probe for each route that brings people together").isEqualTo(new TreeSet<>(probes.keySet()));
    }

    @Test
    void every_route_that_brings_people_together_follows_both_organisations_stances() {
        Person witness = signedIn("YDX", "witness"); // refused everywhere: must end up in nothing at all
        SoftAssertions soft = new SoftAssertions();
        probes.forEach((route, probe) -> {
            refused(soft, route + ": Northgate blocks Westmoor", probe.bring(a1, witness, null));
            refused(soft, route + ": Westmoor cannot bring in Northgate, whose stance blocks it", probe.bring(c1, fresh("RDM", "a"), null));
            refused(soft, route + ": Riverside allows Westmoor only in its named team", probe.bring(b1, fresh("YDX", "c"), null));
            allowed(soft, route + ": Northgate and Riverside allow each other", probe.bring(a1, fresh("RDP", "b"), null));
        });
        assertThat(api.get("/api/v1/conversations", witness.token()).json().get("items")).as("a refusal writes nothing").isEmpty();
        assertThat(api.get("/api/v1/teams", witness.token()).json().get("items")).isEmpty();
        // Inside a team: the named team lets Riverside and Westmoor meet, another of Riverside's teams does not.
        Probe teamMembers = probes.get("POST /api/v1/teams/{teamId}/members");
        allowed(soft, "adding Westmoor to the named team", teamMembers.bring(b1, fresh("YDX", "c"), namedTeam));
        refused(soft, "adding Westmoor to another team", teamMembers.bring(b1, fresh("YDX", "c"), otherTeam));
        String namedGeneral = fx.general(b1, namedTeam);
        Api.Response inNamedChannel = api.post("/api/v1/meetings", meeting(List.of(c1.id()), namedGeneral), b1.token());
        allowed(soft, "a meeting in the named team's channel with Westmoor invited", inNamedChannel);
        Api.Response privateChannel = api.post("/api/v1/teams/" + namedTeam + "/channels",
                Map.of("name", "Handover " + UUID.randomUUID(), "visibility", "private", "memberIds", List.of(c1.id())), b1.token());
        allowed(soft, "a private channel of the named team with Westmoor in it", privateChannel);
        soft.assertAll();
    }

    @Test
    void the_directory_hides_people_of_an_organisation_that_blocks_either_way_and_no_one_else() {
        Person westmoor = signedIn("YDX", "dirc");
        Person riverside = fresh("RDP", "dirb");
        assertThat(found(a1, westmoor)).as("Northgate blocks Westmoor: not shown").isFalse();
        assertThat(found(westmoor, a1)).as("nor the other way round").isFalse();
        assertThat(found(a1, riverside)).as("allowed").isTrue();
        assertThat(found(b1, westmoor)).as("named teams: shown, so that they can be added to the named team").isTrue();
    }

    @Test
    void results_requests_and_deputies_stay_within_the_organisation_even_where_the_policy_allows() {
        Person riverside = fresh("RDP", "deputy");
        Person colleague = fresh("RDM", "deputy");
        Api.Response across = put("/api/v1/me/deputy", Map.of("userId", riverside.id()), a1.token());
        assertThat(across.status()).as(across.toString()).isIn(400, 403, 404);
        assertThat(put("/api/v1/me/deputy", Map.of("userId", colleague.id()), a1.token()).status()).isEqualTo(204);
    }

    @Test
    void a_change_applies_at_once_and_people_already_together_are_listed_for_the_admins_never_removed() {
        Person x = signedIn("RDM", "x");
        Person y = fresh("RDP", "y");
        Person x2 = fresh("RDM", "x2");
        String team = fx.teamWith(x, y);
        String group = fx.group(x, x2, y);
        String priya = server.login("priya");
        assertThat(conflictIds(priya, "RDM")).doesNotContain(team, group);
        try {
            assertThat(setStance(priya, "RDM", "RDP", "blocked", List.of()).status()).isEqualTo(200);

            assertThat(conflictIds(priya, "RDM")).as("listed for Northgate's admins").contains(team, group);
            assertThat(conflictIds(admin, "RDP")).as("and for Riverside's").contains(team, group);
            JsonNode members = api.get("/api/v1/conversations/" + group, x.token()).json().get("memberIds");
            assertThat(ChatFixtures.strings(members)).as("nobody removed").contains(y.id());
            assertThat(fx.post(x, group, "still reachable: bed 4 handover").status()).as("care goes on where they already are").isEqualTo(201);

            Api.Response channel = api.post("/api/v1/teams/" + team + "/channels",
                    Map.of("name", "New " + UUID.randomUUID(), "visibility", "private", "memberIds", List.of(y.id())), x.token());
            assertThat(channel.status()).as("a new place with them is refused at once: " + channel).isEqualTo(403);
            assertThat(channel.problemType()).isEqualTo("cross-organisation");
            Api.Response direct = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(y.id())), x.token());
            assertThat(direct.status()).isEqualTo(403);
            assertThat(direct.json().get("detail").asText()).contains("Northgate").contains("Riverside");
        } finally {
            assertThat(setStance(priya, "RDM", "RDP", "default", List.of()).status()).isEqualTo(200);
        }
        assertThat(conflictIds(priya, "RDM")).doesNotContain(team, group);
        assertThat(api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(y.id())), x.token()).status())
                .as("allowed again").isEqualTo(201);
    }

    @Test
    void an_organisation_admin_sets_only_their_own_organisations_stances_and_every_change_is_audited() {
        String priya = server.login("priya"); // Northgate's admin
        assertThat(api.get(policy("RDP"), priya).status()).as("another organisation's policy does not exist for them").isEqualTo(404);
        assertThat(setStance(priya, "RDP", "RDM", "blocked", List.of()).status()).isEqualTo(404);
        assertThat(api.get(policy("RDM"), fx.demo("alice").token()).status()).as("not an admin").isEqualTo(403);

        JsonNode view = api.get(policy("RDM"), priya).json();
        JsonNode westmoor = other(view, "YDX");
        assertThat(westmoor.get("ours").get("mode").asText()).isEqualTo("blocked");
        assertThat(westmoor.get("ours").get("own").asBoolean()).isTrue();
        assertThat(westmoor.get("effective").asText()).isEqualTo("blocked");
        assertThat(other(api.get(policy("RDP"), admin).json(), "YDX").get("ours").get("teams").get(0).get("id").asText())
                .isEqualTo(namedTeam);

        assertThat(setStance(priya, "RDM", "RDP", "named-teams", List.of(otherTeam)).status())
                .as("a named team must be one of the two organisations'... and otherTeam is Riverside's, so it may be named").isEqualTo(200);
        Api.Response foreignTeam = setStance(priya, "RDM", "YDX", "named-teams", List.of(otherTeam));
        assertThat(foreignTeam.status()).as("Riverside's team between Northgate and Westmoor: " + foreignTeam).isEqualTo(400);
        assertThat(setStance(priya, "RDM", "RDP", "sometimes", List.of()).status()).isEqualTo(400);
        assertThat(setStance(priya, "RDM", "RDP", "default", List.of()).status()).isEqualTo(200);

        JsonNode audit = api.get("/api/v1/admin/audit?limit=200", priya).json().get("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("organisation-policy.changed");
    }

    // ---- the probes: one per route that brings people together ----

    private Map<String, Probe> probes() {
        Map<String, Probe> p = new LinkedHashMap<>();
        p.put("POST /api/v1/conversations", (actor, newcomer, team) ->
                api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", List.of(colleagueOf(actor).id(), newcomer.id())),
                        actor.token()));
        p.put("POST /api/v1/conversations/{conversationId}/members", (actor, newcomer, team) -> {
            String group = fx.group(actor, colleagueOf(actor), fresh(codeOf(actor), "third"));
            return api.post("/api/v1/conversations/" + group + "/members", Map.of("userId", newcomer.id()), actor.token());
        });
        p.put("POST /api/v1/teams/{teamId}/members", (actor, newcomer, team) -> {
            String t = team != null ? team : fx.team(actor, "Probe " + UUID.randomUUID());
            return api.post("/api/v1/teams/" + t + "/members", Map.of("userId", newcomer.id()), actor.token());
        });
        p.put("POST /api/v1/meetings", (actor, newcomer, team) -> api.post("/api/v1/meetings", meeting(List.of(newcomer.id()), null),
                actor.token()));
        p.put("PATCH /api/v1/meetings/{meetingId}", (actor, newcomer, team) -> {
            Person colleague = colleagueOf(actor);
            Api.Response made = api.post("/api/v1/meetings", meeting(List.of(colleague.id()), null), actor.token());
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            return api.patch("/api/v1/meetings/" + made.json().get("id").asText(),
                    Map.of("invitees", List.of(colleague.id(), newcomer.id())), actor.token());
        });
        return p;
    }

    // ---- helpers ----

    private static Map<String, Object> meeting(List<String> invitees, String channelId) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("title", "Case review " + UUID.randomUUID(), "start", "2027-03-02T10:00",
                "end", "2027-03-02T10:30", "invitees", invitees));
        if (channelId != null) {
            m.put("channelId", channelId);
        }
        return m;
    }

    private final Map<String, Person> colleagues = new HashMap<>();

    /** Someone of the actor's own organisation (made once per actor). */
    private Person colleagueOf(Person actor) {
        return colleagues.computeIfAbsent(actor.id(), id -> fresh(codeOf(actor), "colleague"));
    }

    private final Map<String, String> codes = new HashMap<>();

    private String codeOf(Person p) {
        return codes.get(p.id());
    }

    /** Someone new of this organisation who signs in (password hashing is slow: only for those who act). */
    private Person signedIn(String code, String name) {
        Person p = fx.personIn(name, code);
        codes.put(p.id(), code);
        return p;
    }

    /** Someone new of this organisation who is only brought in: no password, no token. */
    private Person fresh(String code, String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
        Api.Response r = api.post("/api/v1/admin/users", Map.of("organisationId", organisationIds.get(code), "email", email,
                "displayName", name), admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Person p = new Person(r.json().get("id").asText(), email, null);
        codes.put(p.id(), code);
        return p;
    }

    private static void refused(SoftAssertions soft, String what, Api.Response r) {
        soft.assertThat(r.status()).as(what + ": " + r).isEqualTo(403);
        soft.assertThat(r.problemType()).as(what).isEqualTo("cross-organisation");
    }

    private static void allowed(SoftAssertions soft, String what, Api.Response r) {
        soft.assertThat(r.status()).as(what + ": " + r).isBetween(200, 204);
    }

    private boolean found(Person searcher, Person sought) {
        JsonNode items = api.get("/api/v1/directory?q=" + sought.email().substring(0, sought.email().indexOf('@')), searcher.token())
                .json().get("items");
        for (JsonNode i : items) {
            if (i.get("id").asText().equals(sought.id())) {
                return true;
            }
        }
        return false;
    }

    private List<String> conflictIds(String token, String code) {
        Api.Response r = api.get(policy(code) + "/conflicts", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    private String policy(String code) {
        return "/api/v1/admin/organisations/" + organisationIds.get(code) + "/policy";
    }

    private static JsonNode other(JsonNode view, String code) {
        for (JsonNode o : view.get("organisations")) {
            if (o.get("code").asText().equals(code)) {
                return o;
            }
        }
        throw new AssertionError("no organisation " + code + " in " + view);
    }

    private Api.Response setStance(String token, String code, String otherCode, String mode, List<String> teams) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("otherOrganisationId", organisationIds.get(otherCode));
        body.put("mode", mode);
        body.put("teamIds", teams);
        return put(policy(code), body, token);
    }

    private Api.Response put(String path, Object body, String token) {
        Map<String, String> headers = Api.auth(token);
        headers.put("Content-Type", "application/json");
        return api.send("PUT", path, Api.json(body), headers);
    }
}
