package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Incoming webhooks (docs/bots-and-results.md, "Webhooks"): who makes them, what they post, what they refuse. */
class WebhookIncomingTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    /** A hook made by the team's owner in General; answers the creation's JSON. */
    private JsonNode hook(BasicTeam t, String name) {
        Api.Response r = api.post("/api/v1/conversations/" + t.general() + "/webhooks", Map.of("name", name), t.owner().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static String path(JsonNode hook) {
        String url = hook.get("url").asText();
        return url.substring(url.indexOf("/api/v1/hooks/"));
    }

    private Api.Response send(String path, String body) {
        return api.send("POST", path, body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
    }

    private JsonNode latest(Person who, String conversationId) {
        Api.Response r = api.get("/api/v1/conversations/" + conversationId + "/messages?limit=1", who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items").get(0);
    }

    @Test
    void a_slack_text_post_becomes_a_message_by_the_hooks_own_bot() {
        BasicTeam t = fx.basicTeam();
        JsonNode hook = hook(t, "Build server");
        assertThat(hook.get("token").asText()).startsWith("cwh_");
        Api.Response r = send(path(hook), "{\"text\":\"Deploy *finished* <https://ci.example/1|log> &lt;3\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("ignored")).isEmpty();
        JsonNode m = latest(t.member(), t.general());
        assertThat(m.get("id").asText()).isEqualTo(r.json().get("messageId").asText());
        assertThat(m.get("authorId").asText()).isEqualTo(hook.get("botId").asText());
        assertThat(m.get("text").asText()).isEqualTo("Deploy **finished** [log](https://ci.example/1) <3");
        assertThat(m.path("card").isMissingNode() || m.get("card").isNull()).isTrue();
    }

    @Test
    void slack_blocks_and_attachments_become_a_card_and_unknown_blocks_are_named() {
        BasicTeam t = fx.basicTeam();
        JsonNode hook = hook(t, "Fridge monitor");
        Api.Response r = send(path(hook), """
                {"text":"Fridge alarm","blocks":[{"type":"header","text":{"type":"plain_text","text":"Fridge 3"}},
                  {"type":"section","fields":[{"type":"mrkdwn","text":"*Temperature*\\n9.1 °C"}]},
                  {"type":"actions","elements":[]}],
                 "attachments":[{"color":"danger","fields":[{"title":"Limit","value":"8 °C"}],"footer":"BMS"}]}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("ignored").toString()).contains("blocks.actions");
        JsonNode card = latest(t.member(), t.general()).get("card");
        assertThat(card.get("title").asText()).isEqualTo("Fridge 3");
        assertThat(card.get("severity").asText()).isEqualTo("critical");
        assertThat(card.get("fields").toString()).contains("Temperature", "9.1 °C", "Limit", "8 °C");
        assertThat(card.get("footer").asText()).isEqualTo("BMS");
    }

    @Test
    void an_unknown_token_and_a_revoked_hook_are_not_found() {
        BasicTeam t = fx.basicTeam();
        JsonNode hook = hook(t, "Pager");
        assertThat(send("/api/v1/hooks/cwh_nothing-at-all", "{\"text\":\"hi\"}").status()).isEqualTo(404);
        assertThat(send(path(hook), "{\"text\":\"before\"}").status()).isEqualTo(200);
        Api.Response forbidden = api.delete("/api/v1/webhooks/" + hook.get("id").asText(), t.member().token());
        assertThat(forbidden.status()).as("a member who is not a team owner").isEqualTo(403);
        assertThat(api.delete("/api/v1/webhooks/" + hook.get("id").asText(), fx.person("outsider").token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/webhooks/" + hook.get("id").asText(), t.owner().token()).status()).isEqualTo(204);
        Api.Response after = send(path(hook), "{\"text\":\"after\"}");
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.problemType()).isEqualTo("not-found");
        assertThat(latest(t.member(), t.general()).get("text").asText()).isEqualTo("before");
    }

    @Test
    void an_oversized_body_bad_json_and_an_empty_post_are_refused_and_post_nothing() {
        BasicTeam t = fx.basicTeam();
        JsonNode hook = hook(t, "Noisy");
        String big = "{\"text\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertThat(send(path(hook), big).status()).isEqualTo(413);
        Api.Response bad = send(path(hook), "{\"text\": ");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemType()).isEqualTo("malformed-json");
        assertThat(send(path(hook), "{\"text\":\"  \"}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/conversations/" + t.general() + "/messages", t.member().token()).json().get("items").toString())
                .doesNotContain(hook.get("botId").asText());
    }

    @Test
    void the_sixty_first_post_in_a_minute_is_refused_with_retry_after() {
        BasicTeam t = fx.basicTeam();
        String path = path(hook(t, "Chatty"));
        for (int i = 0; i < 60; i++) {
            Api.Response r = send(path, "{\"text\":\"ping " + i + "\"}");
            assertThat(r.status()).as("post " + i + ": " + r).isEqualTo(200);
        }
        Api.Response limited = send(path, "{\"text\":\"one too many\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
    }

    @Test
    void only_those_who_may_rename_the_channel_make_and_list_its_hooks_and_the_token_is_never_listed() {
        BasicTeam t = fx.basicTeam();
        JsonNode hook = hook(t, "Lab feed");
        Api.Response byMember = api.post("/api/v1/conversations/" + t.general() + "/webhooks", Map.of("name", "Mine"), t.member().token());
        assertThat(byMember.status()).isEqualTo(403);
        Api.Response byOutsider = api.post("/api/v1/conversations/" + t.general() + "/webhooks", Map.of("name", "Mine"),
                fx.person("outsider").token());
        assertThat(byOutsider.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + t.general() + "/webhooks", t.member().token()).status()).isEqualTo(403);
        Api.Response list = api.get("/api/v1/conversations/" + t.general() + "/webhooks", t.owner().token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items")).hasSize(1);
        assertThat(list.body()).doesNotContain(hook.get("token").asText()).contains("Lab feed");

        String group = fx.group(t.member(), t.teammate(), t.owner());
        assertThat(api.post("/api/v1/conversations/" + group + "/webhooks", Map.of("name", "Group hook"), t.teammate().token())
                .status()).as("any member of a group").isEqualTo(201);
        String direct = fx.direct(t.member(), t.teammate());
        assertThat(api.post("/api/v1/conversations/" + direct + "/webhooks", Map.of("name", "DM hook"), t.member().token())
                .status()).as("never a direct chat").isEqualTo(409);
    }
}
