package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.identity.Tokens;
import org.confer.testing.Api;
import org.confer.testing.BotFixtures;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/** Bot tokens and scopes (docs/bots-and-results.md, "Tokens and scopes"). */
class BotTokensAndScopesTest extends ServerTest {
    private ChatFixtures fx;
    private BotFixtures bots;
    private String admin;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        bots = new BotFixtures(server);
        admin = server.login("admin");
    }

    private Api.Response say(BotFixtures.Bot bot, String conversationId, String text) {
        return api.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()), bot.token());
    }

    @Test
    void a_token_is_shown_once_stored_only_as_its_hash_and_listed_without_its_value() {
        BotFixtures.Bot bot = bots.bot(admin, "Hashed", "messages:write", "mentions:read");
        assertThat(bot.token()).matches("^cb_[A-Za-z0-9_-]{43}$");
        JsonNode listed = api.get("/api/v1/bots/" + bot.id() + "/tokens", admin).json().get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.toString()).doesNotContain(bot.token().substring(3));
        assertThat(listed.get(0).get("scopes").toString()).contains("messages:write", "mentions:read");
        String stored = server.app().database().dsl().fetchValue("select token_hash from bot_tokens where id = ?",
                UUID.fromString(bot.tokenId())).toString();
        assertThat(stored).isEqualTo(Tokens.sha256Hex(bot.token()));
    }

    @Test
    void a_revoked_token_answers_401_and_an_unknown_one_too() {
        BotFixtures.Bot bot = bots.bot(admin, "Revoked", "mentions:read");
        assertThat(api.get("/api/v1/activity", bot.token()).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/bots/" + bot.id() + "/tokens/" + bot.tokenId(), admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/activity", bot.token()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/activity", "cb_" + "A".repeat(43)).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/bots/" + bot.id() + "/tokens/" + bot.tokenId(), admin).status()).as("revoked once").isEqualTo(404);
    }

    @Test
    void last_used_is_written_on_use_and_at_most_once_a_minute() {
        BotFixtures.Bot bot = bots.bot(admin, "Used", "mentions:read");
        assertThat(lastUsed(bot)).isNull();
        api.get("/api/v1/activity", bot.token());
        String first = lastUsed(bot);
        assertThat(first).isNotNull();
        server.clock.advance(Duration.ofSeconds(30));
        api.get("/api/v1/activity", bot.token());
        assertThat(lastUsed(bot)).as("within the minute").isEqualTo(first);
        server.clock.advance(Duration.ofSeconds(31));
        api.get("/api/v1/activity", bot.token());
        assertThat(lastUsed(bot)).as("a minute on").isNotEqualTo(first);
    }

    private String lastUsed(BotFixtures.Bot bot) {
        JsonNode t = api.get("/api/v1/bots/" + bot.id() + "/tokens", admin).json().get("items").get(0);
        return t.hasNonNull("lastUsedAt") ? t.get("lastUsedAt").asText() : null;
    }

    @Test
    void a_token_without_messages_write_cannot_post_and_is_told_the_scope() {
        List<Person> p = fx.people("scoped", 3);
        String group = fx.group(p);
        BotFixtures.Bot reader = bots.bot(admin, "Reader", "mentions:read");
        bots.add(reader, group, p.get(0).token());
        Api.Response r = say(reader, group, "hello");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.problemType()).isEqualTo("bot-scope");
        assertThat(r.json().get("scope").asText()).isEqualTo("messages:write");
        assertThat(api.get("/api/v1/conversations/" + group + "/messages", reader.token()).status()).as("it may read").isEqualTo(200);
    }

    @Test
    void a_bot_token_on_a_route_outside_the_bot_api_is_refused() {
        BotFixtures.Bot bot = bots.bot(admin, "Outsider", "messages:write", "mentions:read", "commands");
        Api.Response team = api.post("/api/v1/teams", Map.of("name", "Bot team"), bot.token());
        assertThat(team.status()).isEqualTo(403);
        assertThat(team.problemType()).isEqualTo("bot-scope");
        assertThat(api.get("/api/v1/bots", bot.token()).problemType()).isEqualTo("bot-scope");
        assertThat(api.post("/api/v1/bots/" + bot.id() + "/tokens", Map.of("name", "more", "scopes", List.of("commands")),
                bot.token()).problemType()).as("a bot cannot mint itself tokens").isEqualTo("bot-scope");
    }

    @Test
    void a_bot_token_cannot_open_the_stream() {
        BotFixtures.Bot bot = bots.bot(admin, "Streamer", "mentions:read");
        assertThat(StreamClient.upgradeStatus(api.base(), Map.of("Authorization", "Bearer " + bot.token()))).isEqualTo(403);
    }

    @Test
    void a_token_limited_to_one_conversation_cannot_post_to_another_the_bot_is_in() {
        List<Person> p = fx.people("limited", 3);
        String a = fx.group(p);
        String b = fx.group(p);
        BotFixtures.Bot bot = bots.bot(admin, "Limited", List.of("messages:write", "mentions:read"), List.of(a));
        bots.add(bot, a, p.get(0).token());
        bots.add(bot, b, p.get(0).token());
        assertThat(say(bot, a, "in A").status()).isEqualTo(201);
        Api.Response inB = say(bot, b, "in B");
        assertThat(inB.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + b + "/messages", bot.token()).status()).isEqualTo(404);
    }

    @Test
    void a_bot_posts_only_where_it_is_a_member() {
        List<Person> p = fx.people("notin", 3);
        String group = fx.group(p);
        BotFixtures.Bot bot = bots.bot(admin, "Outside", "messages:write");
        assertThat(say(bot, group, "let me in").status()).isEqualTo(404);
    }

    @Test
    void bad_scopes_and_conversation_lists_are_refused_naming_the_field() {
        BotFixtures.Bot bot = bots.bot(admin, "Picky", "messages:write");
        Api.Response unknown = api.post("/api/v1/bots/" + bot.id() + "/tokens", Map.of("name", "x", "scopes", List.of("admin")), admin);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("scopes");
        Api.Response none = api.post("/api/v1/bots/" + bot.id() + "/tokens", Map.of("name", "x", "scopes", List.of(),
                "conversationIds", List.of()), admin);
        assertThat(none.status()).isEqualTo(400);
    }
}
