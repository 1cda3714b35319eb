package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.BotFixtures;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Slash commands (docs/bots-and-results.md, "Slash commands"): listing, running, /help, private answers. */
class SlashCommandsTest extends ServerTest {
    private ChatFixtures fx;
    private BotFixtures bots;
    private String admin;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        bots = new BotFixtures(server);
        admin = server.login("admin");
        server.app().integrations().commandRegistry().registerBuiltIn(new SlashCommand("echo", "<text>", "Says it back", null),
                call -> CommandReply.text("echo: " + call.text()));
    }

    private static List<String> names(Api.Response r) {
        List<String> out = new ArrayList<>();
        r.json().get("items").forEach(c -> out.add(c.get("name").asText()));
        return out;
    }

    @Test
    void a_conversation_lists_help_the_built_ins_and_the_commands_of_the_bots_in_it_only() {
        List<Person> p = fx.people("lister", 3);
        String group = fx.group(p);
        String elsewhere = fx.group(p);
        BotFixtures.Bot bot = bots.bot(admin, "Rota", "commands");
        String name = "rota-" + UUID.randomUUID().toString().substring(0, 6);
        Api.Response registered = api.post("/api/v1/bots/" + bot.id() + "/commands",
                Map.of("name", name, "usage", "[ward]", "description", "Who is on call"), bot.token());
        assertThat(registered.status()).as("a bot registers its own commands with scope commands: " + registered).isEqualTo(201);
        bots.add(bot, group, p.get(0).token());

        assertThat(names(api.get("/api/v1/conversations/" + group + "/commands", p.get(1).token()))).contains("help", "echo", name);
        assertThat(names(api.get("/api/v1/conversations/" + elsewhere + "/commands", p.get(1).token())))
                .contains("help", "echo").doesNotContain(name);
        assertThat(api.get("/api/v1/conversations/" + group + "/commands", fx.person("outsider").token()).status()).isEqualTo(404);
    }

    @Test
    void running_a_built_in_answers_the_caller_and_help_lists_the_commands() {
        List<Person> p = fx.people("runner", 3);
        String group = fx.group(p);
        Api.Response echo = api.post("/api/v1/conversations/" + group + "/commands", Map.of("command", "/echo", "text", "bed 4"),
                p.get(1).token());
        assertThat(echo.status()).as(echo.toString()).isEqualTo(200);
        assertThat(echo.json().get("text").asText()).isEqualTo("echo: bed 4");
        Api.Response help = api.post("/api/v1/conversations/" + group + "/commands", Map.of("command", "help"), p.get(1).token());
        assertThat(help.json().get("text").asText()).contains("/help", "/echo <text>", "Says it back");
        JsonNode messages = api.get("/api/v1/conversations/" + group + "/messages", p.get(0).token()).json().get("items");
        assertThat(messages.toString()).as("answers are private: nothing is posted").doesNotContain("echo: bed 4");
    }

    @Test
    void the_answer_is_sent_to_the_callers_devices_as_command_replied() {
        List<Person> p = fx.people("devices", 3);
        String group = fx.group(p);
        api.post("/api/v1/conversations/" + group + "/commands", Map.of("command", "echo", "text", "to my phone"), p.get(1).token());
        String mine = api.get("/api/v1/me/events?after=0", p.get(1).token()).body();
        assertThat(mine).contains("command.replied", "echo: to my phone");
        assertThat(api.get("/api/v1/me/events?after=0", p.get(2).token()).body()).doesNotContain("command.replied");
    }

    @Test
    void an_unknown_command_is_refused_and_a_bots_command_outside_its_conversations_too() {
        List<Person> p = fx.people("unknown", 3);
        String group = fx.group(p);
        Api.Response r = api.post("/api/v1/conversations/" + group + "/commands", Map.of("command", "nosuch"), p.get(1).token());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("command");
    }

    @Test
    void command_names_are_unique_in_the_organisation_and_cannot_take_a_built_ins_name() {
        BotFixtures.Bot a = bots.bot(admin, "First", "commands");
        BotFixtures.Bot b = bots.bot(admin, "Second", "commands");
        String name = "dup-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.post("/api/v1/bots/" + a.id() + "/commands", Map.of("name", name, "description", "d"), admin).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/bots/" + b.id() + "/commands", Map.of("name", name, "description", "d"), admin).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/bots/" + b.id() + "/commands", Map.of("name", "echo", "description", "d"), admin).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/bots/" + b.id() + "/commands", Map.of("name", "Bad Name", "description", "d"), admin).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/bots/" + a.id() + "/commands", Map.of("name", "theirs", "description", "d"), b.token()).status())
                .as("a bot registers only its own").isEqualTo(404);
        assertThat(api.delete("/api/v1/bots/" + a.id() + "/commands/" + name, a.token()).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/bots/" + b.id() + "/commands", Map.of("name", name, "description", "d"), admin).status()).isEqualTo(201);
    }

    @Test
    void commands_are_rate_limited_per_person() {
        List<Person> p = fx.people("spammer", 3);
        String group = fx.group(p);
        int status = 200;
        for (int i = 0; i < 40 && status == 200; i++) {
            status = api.post("/api/v1/conversations/" + group + "/commands", Map.of("command", "echo", "text", "x"), p.get(1).token()).status();
        }
        assertThat(status).isEqualTo(429);
        assertThat(api.post("/api/v1/conversations/" + group + "/commands", Map.of("command", "echo", "text", "x"), p.get(2).token())
                .status()).as("another person's budget is their own").isEqualTo(200);
    }
}
