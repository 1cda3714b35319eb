package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.events.MessageCard;
import org.confer.http.ApiException;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** BotPoster: how the built-in bots speak (docs/bots-and-results.md). */
class BotPosterTest extends ServerTest {
    private ChatFixtures fx;
    private BotPoster poster;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        poster = server.app().integrations().botPoster();
    }

    private UUID organisationOf(Person p) {
        return UUID.fromString(api.get("/api/v1/me", p.token()).json().get("organisation").get("id").asText());
    }

    private static MessageCard card(String title) {
        return new MessageCard(title, "critical", List.of(new MessageCard.Field("Potassium", "6.8 mmol/L")),
                List.of(new MessageCard.Action("results.ack:1", "Acknowledge", "primary")), "Blood Sciences", "#/results/1");
    }

    @Test
    void the_built_in_bot_of_an_organisation_is_made_once_and_is_a_bot_account() {
        Person someone = fx.person("someone");
        UUID org = organisationOf(someone);
        UUID first = poster.builtIn(org, BuiltInBot.RESULTS);
        assertThat(poster.builtIn(org, BuiltInBot.RESULTS)).isEqualTo(first);
        assertThat(poster.builtIn(org, BuiltInBot.REQUESTS)).isNotEqualTo(first);
        JsonNode profile = api.get("/api/v1/directory/users?ids=" + first, someone.token()).json().get("items").get(0);
        assertThat(profile.get("displayName").asText()).isEqualTo("Results");
        assertThat(profile.get("bot").asBoolean()).isTrue();
        assertThat(poster.principalOf(first).isBot()).isTrue();
    }

    @Test
    void direct_opens_the_bots_chat_with_a_person_once_and_posts_with_the_card() {
        Person clinician = fx.person("clinician");
        UUID bot = poster.builtIn(organisationOf(clinician), BuiltInBot.RESULTS);
        BotPoster.Posted one = poster.direct(bot, UUID.fromString(clinician.id()), "Result ready", card("K+ 6.8"), false, "r-1");
        BotPoster.Posted two = poster.direct(bot, UUID.fromString(clinician.id()), "Another", null, false, "r-2");
        assertThat(two.conversationId()).isEqualTo(one.conversationId());
        BotPoster.Posted again = poster.direct(bot, UUID.fromString(clinician.id()), "Result ready", card("K+ 6.8"), false, "r-1");
        assertThat(again.messageId()).as("a resend with the same clientMsgId posts once").isEqualTo(one.messageId());
        JsonNode messages = api.get("/api/v1/conversations/" + one.conversationId() + "/messages", clinician.token()).json().get("items");
        assertThat(messages).hasSize(2);
        assertThat(messages.toString()).contains("K+ 6.8", "results.ack:1");
    }

    @Test
    void direct_refuses_a_person_of_another_organisation() {
        Person here = fx.person("here");
        Person there = fx.personIn("there", "YDX");
        UUID bot = poster.builtIn(organisationOf(here), BuiltInBot.REQUESTS);
        assertThatThrownBy(() -> poster.direct(bot, UUID.fromString(there.id()), "Hello", null, false, null))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void join_adds_the_bot_once_and_then_it_posts_and_updates_its_card() {
        List<Person> p = fx.people("joined", 3);
        String group = fx.group(p);
        UUID bot = poster.builtIn(organisationOf(p.get(0)), BuiltInBot.REQUESTS);
        long before = fx.lastSeq(p.get(0), group);
        poster.join(bot, UUID.fromString(group));
        long afterJoin = fx.lastSeq(p.get(0), group);
        poster.join(bot, UUID.fromString(group));
        assertThat(fx.lastSeq(p.get(0), group)).as("a second join changes nothing").isEqualTo(afterJoin);
        assertThat(afterJoin).isEqualTo(before + 1);
        BotPoster.Posted posted = poster.post(bot, UUID.fromString(group), "Request 3 filed", card("Request 3"), false, null);
        poster.updateCard(bot, posted.conversationId(), posted.messageId(), card("Request 3: claimed"));
        String events = api.get("/api/v1/conversations/" + group + "/events?after=0", p.get(1).token()).body();
        assertThat(events).contains("member.added", "message.card-updated", "Request 3: claimed");
    }

    @Test
    void a_person_can_add_a_bot_of_their_organisation_to_a_group_but_not_another_organisations() {
        List<Person> p = fx.people("adder", 3);
        String group = fx.group(p);
        UUID ours = poster.builtIn(organisationOf(p.get(0)), BuiltInBot.RESULTS);
        Person foreign = fx.personIn("foreigner", "RDP");
        UUID theirs = poster.builtIn(organisationOf(foreign), BuiltInBot.RESULTS);
        assertThat(api.post("/api/v1/conversations/" + group + "/members", Map.of("userId", ours.toString()), p.get(1).token()).status())
                .isEqualTo(204);
        assertThat(api.post("/api/v1/conversations/" + group + "/members", Map.of("userId", theirs.toString()), p.get(1).token()).status())
                .isEqualTo(400);
    }
}
