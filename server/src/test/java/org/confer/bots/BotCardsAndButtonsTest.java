package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.confer.testing.Api;
import org.confer.testing.BotFixtures;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Cards on bot messages and their buttons (docs/bots-and-results.md, "Cards"). */
class BotCardsAndButtonsTest extends ServerTest {
    private ChatFixtures fx;
    private BotFixtures bots;
    private String admin;
    private final List<ActionCall> pressed = new CopyOnWriteArrayList<>();

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        bots = new BotFixtures(server);
        admin = server.login("admin");
        pressed.clear();
        server.app().integrations().commandRegistry().registerActions("test.press", call -> {
            pressed.add(call);
            return new ActionReply("Pressed " + call.argument());
        });
    }

    private static Map<String, Object> card(String title, String... actionIds) {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (String id : actionIds) {
            actions.add(Map.of("id", id, "label", "Go", "style", "primary"));
        }
        return Map.of("title", title, "severity", "warning", "fields", List.of(Map.of("label", "Bed", "value", "4")), "actions", actions,
                "link", "#/results/42");
    }

    private Api.Response post(String token, String conversationId, Object card) {
        return api.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", "fallback text", "clientMsgId", UUID.randomUUID().toString(), "card", card), token);
    }

    private record Setup(List<Person> people, String group, BotFixtures.Bot bot) {}

    private Setup setup(String prefix) {
        List<Person> p = fx.people(prefix, 3);
        String group = fx.group(p);
        BotFixtures.Bot bot = bots.bot(admin, "Carder", "messages:write", "mentions:read");
        bots.add(bot, group, p.get(0).token());
        return new Setup(p, group, bot);
    }

    @Test
    void a_bots_card_is_stored_and_shown_with_its_message_and_a_persons_card_is_refused() {
        Setup s = setup("card");
        Api.Response posted = post(s.bot().token(), s.group(), card("Potassium 6.8", "test.press:1"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.json().get("card").get("title").asText()).isEqualTo("Potassium 6.8");
        String history = api.get("/api/v1/conversations/" + s.group() + "/messages", s.people().get(1).token()).body();
        assertThat(history).contains("Potassium 6.8", "#/results/42");

        Api.Response person = post(s.people().get(1).token(), s.group(), card("Fake alert"));
        assertThat(person.status()).isEqualTo(400);
        assertThat(person.json().get("field").asText()).isEqualTo("card");
    }

    @Test
    void a_card_that_breaks_a_rule_is_refused_naming_the_field() {
        Setup s = setup("rules");
        Map<String, Object> ok = card("Title", "test.press:1");
        Map<Object, String> broken = new java.util.LinkedHashMap<>();
        broken.put(with(ok, "title", "x".repeat(201)), "card.title");
        broken.put(with(ok, "severity", "panic"), "card.severity");
        broken.put(with(ok, "link", "https://evil.example/"), "card.link");
        broken.put(with(ok, "link", "javascript:alert(1)"), "card.link");
        broken.put(with(ok, "fields", Collections.nCopies(21, Map.of("label", "a", "value", "b"))), "card.fields");
        broken.put(with(ok, "fields", List.of(Map.of("label", "l".repeat(81), "value", "b"))), "card.fields[0].label");
        broken.put(with(ok, "fields", List.of(Map.of("label", "a", "value", "v".repeat(1001)))), "card.fields[0].value");
        broken.put(with(ok, "actions", Collections.nCopies(6, Map.of("id", "test.press:1", "label", "Go"))), "card.actions");
        broken.put(with(ok, "actions", List.of(Map.of("id", "no prefix", "label", "Go"))), "card.actions[0].id");
        broken.put(with(ok, "actions", List.of(Map.of("id", "test.press:1", "label", "Go", "style", "blink"))), "card.actions[0].style");
        broken.forEach((card, field) -> {
            Api.Response r = post(s.bot().token(), s.group(), card);
            assertThat(r.status()).as(field + ": " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo(field);
        });
    }

    private static Map<String, Object> with(Map<String, Object> card, String key, Object value) {
        Map<String, Object> out = new java.util.HashMap<>(card);
        out.put(key, value);
        return out;
    }

    @Test
    void only_the_bot_that_posted_a_card_can_change_it() {
        Setup s = setup("update");
        String id = post(s.bot().token(), s.group(), card("Request 7")).json().get("id").asText();
        String path = "/api/v1/conversations/" + s.group() + "/messages/" + id + "/card";
        BotFixtures.Bot other = bots.bot(admin, "Other", "messages:write");
        bots.add(other, s.group(), s.people().get(0).token());
        assertThat(bots.put(path, Map.of("card", card("Hijacked")), other.token()).status()).isEqualTo(403);
        assertThat(bots.put(path, Map.of("card", card("Hijacked")), s.people().get(0).token()).status()).isEqualTo(403);
        Api.Response changed = bots.put(path, Map.of("card", card("Request 7: claimed")), s.bot().token());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("card").get("title").asText()).isEqualTo("Request 7: claimed");
        assertThat(changed.json().get("text").asText()).isEqualTo("fallback text");
    }

    @Test
    void a_member_pressing_a_button_on_the_card_reaches_the_handler_of_its_prefix() {
        Setup s = setup("press");
        String id = post(s.bot().token(), s.group(), card("Claim me", "test.press:abc")).json().get("id").asText();
        String base = "/api/v1/conversations/" + s.group() + "/messages/" + id + "/actions/";
        Api.Response r = api.post(base + "test.press:abc", Map.of(), s.people().get(2).token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("text").asText()).isEqualTo("Pressed abc");
        assertThat(pressed).hasSize(1);
        assertThat(pressed.getFirst().who().userId().toString()).isEqualTo(s.people().get(2).id());
        assertThat(pressed.getFirst().messageId().toString()).isEqualTo(id);
    }

    @Test
    void a_button_the_card_does_not_carry_or_a_non_member_is_not_found() {
        Setup s = setup("nopress");
        String id = post(s.bot().token(), s.group(), card("Claim me", "test.press:abc")).json().get("id").asText();
        String base = "/api/v1/conversations/" + s.group() + "/messages/" + id + "/actions/";
        int before = pressed.size();
        assertThat(api.post(base + "test.press:other", Map.of(), s.people().get(1).token()).status()).isEqualTo(404);
        Person stranger = fx.person("stranger");
        assertThat(api.post(base + "test.press:abc", Map.of(), stranger.token()).status()).isEqualTo(404);
        assertThat(api.post(base + "test.press:abc", Map.of(), s.bot().token()).problemType()).as("bots do not press").isEqualTo("bot-scope");
        assertThat(pressed).hasSize(before);
    }

    @Test
    void an_external_bots_button_without_an_outgoing_webhook_says_it_cannot_be_reached() {
        Setup s = setup("external");
        String id = post(s.bot().token(), s.group(), card("Vote", "vote:yes")).json().get("id").asText();
        Api.Response r = api.post("/api/v1/conversations/" + s.group() + "/messages/" + id + "/actions/vote:yes", Map.of(),
                s.people().get(1).token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("text").asText()).contains("cannot be reached");
    }
}
