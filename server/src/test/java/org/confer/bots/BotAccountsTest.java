package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.BotFixtures;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Bot accounts (docs/bots-and-results.md, "Bot accounts"): who makes them, their names, their badge, no sign-in. */
class BotAccountsTest extends ServerTest {
    private ChatFixtures fx;
    private BotFixtures bots;
    private String priya;
    private String erin;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        bots = new BotFixtures(server);
        priya = server.login("priya");
        erin = server.login("erin");
    }

    private Api.Response create(String name, String token) {
        return api.post("/api/v1/bots", Map.of("displayName", name, "description", "about"), token);
    }

    @Test
    void an_organisation_admin_creates_a_bot_of_their_organisation_and_members_and_other_trusts_cannot_see_or_change_it() {
        Api.Response made = create("Pharmacy " + UUID.randomUUID().toString().substring(0, 6), priya);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String id = made.json().get("id").asText();
        assertThat(made.json().get("enabled").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/me", priya).json().get("organisation").get("id").asText())
                .isEqualTo(made.json().get("organisationId").asText());

        Person member = fx.person("member");
        assertThat(create("Member's bot", member.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/bots/" + id, member.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/bots/" + id, erin).status()).as("another trust's admin").isEqualTo(404);
        assertThat(api.patch("/api/v1/bots/" + id, Map.of("enabled", false), erin).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/bots", Map.of("displayName", "Planted", "organisationId",
                made.json().get("organisationId").asText()), erin).status()).as("creating in another trust").isEqualTo(403);
        assertThat(api.get("/api/v1/bots", erin).json().toString()).doesNotContain(id);
        assertThat(api.get("/api/v1/bots", priya).json().toString()).contains(id);
    }

    @Test
    void a_bot_name_that_imitates_a_person_is_refused_ignoring_case_spaces_and_lookalike_letters() {
        String letters = UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 3);
        Person person = fx.person("Wardclerk" + letters);
        String name = api.get("/api/v1/me", person.token()).json().get("displayName").asText();
        for (String imitation : new String[] {name, name.toUpperCase(), "Ward clerk " + letters, name.replace("a", "а")}) {
            Api.Response r = create(imitation, server.login("admin"));
            assertThat(r.status()).as(imitation + ": " + r).isEqualTo(409);
            assertThat(r.problemType()).isEqualTo("bot-name-taken");
        }
    }

    @Test
    void a_person_cannot_be_named_or_renamed_like_a_bot() {
        String botName = "Discharge Helper " + UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9]", "q");
        assertThat(create(botName, server.login("admin")).status()).isEqualTo(201);
        Person person = fx.person("Someone");
        String admin = server.login("admin");
        Api.Response rename = api.patch("/api/v1/admin/users/" + person.id(), Map.of("displayName", " " + botName.toLowerCase()), admin);
        assertThat(rename.status()).as(rename.toString()).isEqualTo(409);
        assertThat(rename.problemType()).isEqualTo("bot-name-taken");
        Api.Response lookalike = api.patch("/api/v1/admin/users/" + person.id(), Map.of("displayName", botName.replace("e", "е")), admin);
        assertThat(lookalike.problemType()).isEqualTo("bot-name-taken");
        Api.Response created = api.post("/api/v1/admin/users", Map.of("email", "imitator-" + UUID.randomUUID() + "@test.confer.test",
                "displayName", botName.replace(" ", ""), "password", "correct horse battery staple"), admin);
        assertThat(created.problemType()).isEqualTo("bot-name-taken");
    }

    @Test
    void bots_are_marked_bot_in_every_view_of_a_person_and_people_are_not() {
        BotFixtures.Bot bot = bots.bot(server.login("admin"), "Badge", "messages:write");
        Person person = fx.person("Unbadged");
        JsonNode profiles = api.get("/api/v1/directory/users?ids=" + bot.id() + "," + person.id(), person.token()).json().get("items");
        for (JsonNode p : profiles) {
            assertThat(p.get("bot").asBoolean()).as(p.toString()).isEqualTo(p.get("id").asText().equals(bot.id()));
        }
        assertThat(profiles).hasSize(2);
        JsonNode found = api.get("/api/v1/directory?q=" + bot.name().substring(0, 5), person.token()).json().get("items");
        assertThat(found.findValues("bot").stream().anyMatch(JsonNode::asBoolean)).isTrue();
        assertThat(api.get("/api/v1/admin/users/" + bot.id(), server.login("admin")).json().get("bot").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/me", person.token()).json().get("bot").asBoolean()).isFalse();
    }

    @Test
    void a_bot_can_never_sign_in_nor_be_changed_through_the_user_administration() {
        BotFixtures.Bot bot = bots.bot(server.login("admin"), "Nologin", "messages:write");
        String email = api.get("/api/v1/admin/users/" + bot.id(), server.login("admin")).json().get("email").asText();
        Api.Response login = api.post("/api/v1/auth/login", Map.of("email", email, "password", "any password at all 123"), null);
        assertThat(login.status()).isEqualTo(401);
        Api.Response change = api.patch("/api/v1/admin/users/" + bot.id(), Map.of("displayName", "Renamed"), server.login("admin"));
        assertThat(change.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/me/sessions", bot.token()).problemType()).as("no session API for a bot").isEqualTo("bot-scope");
    }

    @Test
    void deleting_a_bot_disables_it_and_revokes_its_tokens() {
        String admin = server.login("admin");
        BotFixtures.Bot bot = bots.bot(admin, "Shortlived", "mentions:read");
        assertThat(api.get("/api/v1/activity", bot.token()).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/bots/" + bot.id(), admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/activity", bot.token()).status()).isEqualTo(401);
        JsonNode tokens = api.get("/api/v1/bots/" + bot.id() + "/tokens", admin).json().get("items");
        assertThat(tokens.get(0).hasNonNull("revokedAt")).isTrue();
        assertThat(api.get("/api/v1/bots/" + bot.id(), admin).json().get("enabled").asBoolean()).isFalse();
    }
}
