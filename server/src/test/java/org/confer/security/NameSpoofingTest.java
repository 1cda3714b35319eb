package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.confer.testing.Api.Response;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Finding 7 (LOW): one name must not pass for another. Names, titles, descriptions, topics and
 * status notes refuse invisible formatting characters (bidi overrides, zero-width characters),
 * keeping the ones emoji need; a display name that is a lookalike of another person's (same
 * UTS #39 skeleton, different text) is refused, while an identical name is allowed.
 */
class NameSpoofingTest extends ServerTest {
    private static final String RLO = "\u202E";
    private ChatFixtures people;
    private String admin;

    @Override
    protected void afterStart() {
        people = new ChatFixtures(server);
        admin = server.login("admin");
    }

    @Test
    void a_team_name_with_a_bidi_override_is_refused_and_nothing_is_created() {
        Person owner = people.person("owner");
        int before = api.get("/api/v1/teams", owner.token()).json().get("items").size();

        Response r = api.post("/api/v1/teams", Map.of("name", "Pay" + RLO + "gnp.exe"), owner.token());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("name");
        assertThat(r.json().get("detail").asText()).contains("U+202E");
        assertThat(api.get("/api/v1/teams", owner.token()).json().get("items")).hasSize(before);
    }

    @Test
    void every_kind_of_name_refuses_zero_width_and_bidi_characters() {
        Person owner = people.person("namer");
        Person other = people.person("other");
        Person third = people.person("third");
        String team = people.team(owner, "Ward 9");
        String group = people.group(owner, other, third);
        for (String bad : new String[] {"Ali\u200Bce", "\u2066Bob\u2069", "\uFEFFCara", "Dan\u200E", "Eve\u061C"}) {
            assertThat(api.post("/api/v1/admin/users", Map.of("email", "x" + bad.hashCode() + "@test.confer.test",
                    "displayName", bad, "password", ChatFixtures.PASSWORD), admin).status()).as("displayName %s", bad).isEqualTo(400);
            assertThat(api.patch("/api/v1/admin/users/" + other.id(), Map.of("jobTitle", bad), admin).status())
                    .as("jobTitle").isEqualTo(400);
            assertThat(api.post("/api/v1/teams/" + team + "/channels", Map.of("name", bad), owner.token()).status())
                    .as("channel name").isEqualTo(400);
            assertThat(api.patch("/api/v1/conversations/" + group, Map.of("name", bad), owner.token()).status())
                    .as("group chat name").isEqualTo(400);
            assertThat(api.send("PUT", "/api/v1/me/presence", org.confer.testing.Api.json(Map.of("status", "busy", "note", "On " + bad)),
                    Map.of("Authorization", "Bearer " + owner.token(), "Content-Type", "application/json")).status())
                    .as("status note").isEqualTo(400);
            assertThat(api.post("/api/v1/admin/organisations", Map.of("code", "ZZ" + Math.abs(bad.hashCode() % 1000), "name", bad), admin)
                    .status()).as("organisation name").isEqualTo(400);
        }
    }

    @Test
    void emoji_sequences_in_names_are_still_allowed() {
        Person owner = people.person("emoji");
        for (String name : new String[] {"🧑‍⚕️ Doctors", "👩🏽‍💻 Digital team", "🏴󠁧󠁢󠁥󠁮󠁧󠁿 England region", "❤️ Cardiology"}) {
            Response r = api.post("/api/v1/teams", Map.of("name", name), owner.token());
            assertThat(r.status()).as(name + ": " + r).isEqualTo(201);
            assertThat(r.json().get("name").asText()).isEqualTo(name);
        }
        assertThat(api.post("/api/v1/teams", Map.of("name", "Doctors\u200D"), owner.token()).status())
                .as("a joiner not between two pictographs").isEqualTo(400);
    }

    @Test
    void an_admin_of_another_trust_cannot_create_a_lookalike_of_the_platform_admin() {
        String erin = server.login("erin"); // organisation admin of Riverside (RDP)
        // "Sam Okafor" with a Cyrillic о and а: the same on screen, different characters.
        Response r = api.post("/api/v1/admin/users", Map.of("email", "sam.okafor@test.confer.test",
                "displayName", "Sam Ok\u0430f\u043Er", "jobTitle", "Platform Service Manager", "password", ChatFixtures.PASSWORD), erin);

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.problemType()).isEqualTo("confusable-name");
        assertThat(r.json().get("field").asText()).isEqualTo("displayName");
        assertThat(api.get("/api/v1/directory?q=Okafor", erin).json().get("items")).hasSize(1);
    }

    @Test
    void a_rename_into_a_lookalike_is_refused_but_the_very_same_name_is_allowed() {
        Person someone = people.person("someone");
        Response lookalike = api.patch("/api/v1/admin/users/" + someone.id(), Map.of("displayName", "Priya Sh\u0430h"), admin);
        Response sameName = api.patch("/api/v1/admin/users/" + someone.id(), Map.of("displayName", "Priya Shah"), admin);

        assertThat(lookalike.status()).isEqualTo(409);
        assertThat(lookalike.problemType()).isEqualTo("confusable-name");
        assertThat(sameName.status()).as("two real people may share a name").isEqualTo(200);
    }

    @Test
    void two_lookalike_rows_in_one_import_are_refused_and_nothing_is_imported() {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 6);
        Response r = api.post("/api/v1/admin/users/import", java.util.List.of(
                Map.of("email", "a" + tag + "@test.confer.test", "displayName", "Omar Haddad " + tag),
                Map.of("email", "b" + tag + "@test.confer.test", "displayName", "\u041Emar Haddad " + tag)), admin);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("row").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/directory?q=" + tag, admin).json().get("items")).isEmpty();
    }
}
