package org.confer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bots for tests: made over the API by an organisation's admin, with a token of chosen scopes. */
public final class BotFixtures {
    /** A bot and one token of it. */
    public record Bot(String id, String name, String token, String tokenId) {}

    private final Api api;

    public BotFixtures(TestServer server) {
        this.api = server.api;
    }

    /** A new bot of {@code adminToken}'s organisation with a token of these scopes (all of the bot's conversations). */
    public Bot bot(String adminToken, String name, String... scopes) {
        return bot(adminToken, name, List.of(scopes), null);
    }

    public Bot bot(String adminToken, String name, List<String> scopes, List<String> conversationIds) {
        String unique = name + " " + UUID.randomUUID().toString().substring(0, 6);
        Api.Response made = api.post("/api/v1/bots", Map.of("displayName", unique, "description", "A test bot"), adminToken);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String id = made.json().get("id").asText();
        Map<String, Object> body = conversationIds == null ? Map.of("name", "test", "scopes", scopes)
                : Map.of("name", "test", "scopes", scopes, "conversationIds", conversationIds);
        Api.Response token = api.post("/api/v1/bots/" + id + "/tokens", body, adminToken);
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        return new Bot(id, unique, token.json().get("token").asText(), token.json().get("stored").get("id").asText());
    }

    /** {@code member} adds the bot to a group chat or private channel. */
    public void add(Bot bot, String conversationId, String memberToken) {
        Api.Response r = api.post("/api/v1/conversations/" + conversationId + "/members", Map.of("userId", bot.id()), memberToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    /** The bot posts a message with a card; answers the message's id. */
    public String postCard(Bot bot, String conversationId, String text, Map<String, Object> card) {
        Api.Response r = api.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "card", card), bot.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    public Api.Response put(String path, Object body, String token) {
        Map<String, String> headers = Api.auth(token);
        headers.put("Content-Type", "application/json");
        return api.send("PUT", path, Api.json(body), headers);
    }
}
