package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.BotFixtures;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Outgoing webhooks over the API: an admin points a bot at a receiver on 127.0.0.1 (allowed in
 * the organisation's allow-list), and the bot hears of its mentions, direct messages, commands
 * and buttons, signed; it answers a command on its response_url.
 */
class WebhookOutgoingTest extends ServerTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private ChatFixtures fx;
    private BotFixtures bots;
    private String admin;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        bots = new BotFixtures(server);
        admin = server.login("admin");
    }

    private Api.Response configure(String botId, String url, List<String> events, String token) {
        return bots.put("/api/v1/bots/" + botId + "/outgoing", Map.of("url", url, "events", events), token);
    }

    private JsonNode body(WebhookReceiver.Received r) {
        try {
            return mapper.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertSigned(WebhookReceiver.Received r, String secret) {
        assertThat(Signatures.verify(secret, r.header("X-Confer-Timestamp"), r.body(), r.header("X-Confer-Signature"),
                server.clock.instant())).as("signature of " + r.body()).isTrue();
        assertThat(body(r).get("id").asText()).isEqualTo(r.header("X-Confer-Delivery"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/",
            "http://[::1]:9/", "http://[::ffff:127.0.0.1]/", "http://localhost:9/", "ftp://example.com/"})
    void an_address_inside_the_network_is_refused_without_the_allow_list(String url) {
        // Other tests allow 127.0.0.1 for this organisation; this one needs the list empty.
        assertThat(bots.put("/api/v1/admin/webhook-allowed-hosts", Map.of("hosts", List.of()), admin).status()).isEqualTo(200);
        BotFixtures.Bot bot = bots.bot(admin, "Refused", "messages:write");
        Api.Response r = configure(bot.id(), url, List.of("mention"), admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.problemType()).isEqualTo("webhook-address-refused");
        assertThat(r.json().get("field").asText()).isEqualTo("url");
        assertThat(api.get("/api/v1/bots/" + bot.id() + "/outgoing", admin).status()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void only_an_admin_of_the_bots_organisation_sets_its_webhook_and_the_secret_is_shown_once() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            BotFixtures.Bot bot = bots.bot(admin, "Secretive", "messages:write");
            assertThat(bots.put("/api/v1/admin/webhook-allowed-hosts", Map.of("hosts", List.of("127.0.0.1")), admin).status()).isEqualTo(200);
            assertThat(configure(bot.id(), receiver.url("/"), List.of("mention"), fx.person("plain").token()).status()).isEqualTo(403);
            assertThat(configure(bot.id(), receiver.url("/"), List.of("mention"), server.login("erin")).status())
                    .as("another trust's admin").isEqualTo(404);
            assertThat(configure(bot.id(), receiver.url("/"), List.of("gossip"), admin).status()).isEqualTo(400);
            Api.Response set = configure(bot.id(), receiver.url("/"), List.of("mention", "direct"), admin);
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
            assertThat(set.json().get("signingSecret").asText()).startsWith("whsec_");
            Api.Response shown = api.get("/api/v1/bots/" + bot.id() + "/outgoing", admin);
            assertThat(shown.json().get("events").toString()).contains("mention", "direct");
            assertThat(shown.body()).doesNotContain(set.json().get("signingSecret").asText());
        }
    }

    @Test
    void a_bot_hears_its_mentions_direct_messages_commands_and_buttons_signed_and_answers_on_its_response_url() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(bots.put("/api/v1/admin/webhook-allowed-hosts", Map.of("hosts", List.of("127.0.0.1")), admin).status()).isEqualTo(200);
            BotFixtures.Bot bot = bots.bot(admin, "Porters", List.of("messages:write", "commands"), null);
            Api.Response set = configure(bot.id(), receiver.url("/porters"), List.of("mention", "direct", "command", "action"), admin);
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
            String secret = set.json().get("signingSecret").asText();
            List<Person> p = fx.people("ward", 3);
            String group = fx.group(p);
            bots.add(bot, group, p.get(0).token());
            DeliveryOutboxWorker worker = server.app().integrations().webhooks().worker();

            // A mention, and a message without one.
            assertThat(fx.post(p.get(1), group, "<@" + bot.id() + "> bed 12 to x-ray").status()).isEqualTo(201);
            assertThat(fx.post(p.get(2), group, "thanks all").status()).isEqualTo(201);
            worker.runOnce();
            assertThat(receiver.received).hasSize(1);
            WebhookReceiver.Received mention = receiver.received.getFirst();
            assertSigned(mention, secret);
            assertThat(mention.path()).isEqualTo("/porters");
            assertThat(body(mention).get("type").asText()).isEqualTo("mention");
            assertThat(body(mention).get("user_id").asText()).isEqualTo(p.get(1).id());
            assertThat(body(mention).get("conversation_id").asText()).isEqualTo(group);

            // A direct message to the bot.
            String direct = fx.direct(p.get(2), new Person(bot.id(), null, null));
            assertThat(fx.post(p.get(2), direct, "porter for bed 3?").status()).isEqualTo(201);
            worker.runOnce();
            assertThat(receiver.received).hasSize(2);
            assertSigned(receiver.received.get(1), secret);
            assertThat(body(receiver.received.get(1)).get("type").asText()).isEqualTo("direct_message");
            assertThat(body(receiver.received.get(1)).get("text").asText()).isEqualTo("porter for bed 3?");

            // A slash command of the bot, answered on its response_url to the invoker only.
            String name = "porter-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(api.post("/api/v1/bots/" + bot.id() + "/commands", Map.of("name", name, "usage", "<bed>",
                    "description", "Ask for a porter"), bot.token()).status()).isEqualTo(201);
            Api.Response ran = api.post("/api/v1/conversations/" + group + "/commands", Map.of("command", "/" + name, "text", "bed 7"),
                    p.get(0).token());
            assertThat(ran.status()).as(ran.toString()).isEqualTo(200);
            assertThat(ran.body()).contains("Sent");
            worker.runOnce();
            assertThat(receiver.received).hasSize(3);
            WebhookReceiver.Received command = receiver.received.get(2);
            assertSigned(command, secret);
            JsonNode c = body(command);
            assertThat(c.get("type").asText()).isEqualTo("command");
            assertThat(c.get("command").asText()).isEqualTo("/" + name);
            assertThat(c.get("text").asText()).isEqualTo("bed 7");
            String responsePath = c.get("response_url").asText().substring(c.get("response_url").asText().indexOf("/api/v1/"));
            assertThat(api.post(responsePath, Map.of("text", "Porter on the way"), p.get(0).token()).status())
                    .as("a person cannot answer for the bot").isIn(403, 404);
            Api.Response answered = api.post(responsePath, Map.of("text", "Porter on the way"), bot.token());
            assertThat(answered.status()).as(answered.toString()).isEqualTo(204);
            assertThat(api.get("/api/v1/me/events?after=0", p.get(0).token()).body()).contains("command.replied", "Porter on the way");
            assertThat(api.get("/api/v1/me/events?after=0", p.get(1).token()).body()).doesNotContain("Porter on the way");

            // A button on the bot's card.
            String messageId = bots.postCard(bot, group, "Porter request", Map.of("title", "Bed 7", "severity", "info",
                    "actions", List.of(Map.of("id", "porter.done:7", "label", "Done", "style", "primary"))));
            Api.Response pressed = api.post("/api/v1/conversations/" + group + "/messages/" + messageId + "/actions/porter.done:7",
                    Map.of(), p.get(2).token());
            assertThat(pressed.status()).as(pressed.toString()).isEqualTo(200);
            assertThat(pressed.json().get("text").asText()).startsWith("Sent to");
            worker.runOnce();
            assertThat(receiver.received).hasSize(4);
            WebhookReceiver.Received button = receiver.received.get(3);
            assertSigned(button, secret);
            JsonNode b = body(button);
            assertThat(b.get("type").asText()).isEqualTo("block_actions");
            assertThat(b.get("actions").get(0).get("action_id").asText()).isEqualTo("porter.done:7");
            assertThat(b.get("actions").get(0).get("value").asText()).isEqualTo("7");
            assertThat(b.get("message_id").asText()).isEqualTo(messageId);
            assertThat(b.get("user_id").asText()).isEqualTo(p.get(2).id());

            // Its own card message did not come back to it as a trigger.
            worker.runOnce();
            assertThat(receiver.received).hasSize(4);
        }
    }
}
