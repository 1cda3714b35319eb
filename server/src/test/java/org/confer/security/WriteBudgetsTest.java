package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api.Response;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Finding 4 (MEDIUM): every conversation write is budgeted per person, not only posting. Past a
 * budget the write is refused with 429 + Retry-After and nothing of it is stored; budgets refill
 * steadily and are per person. Budgets here: 10 changes and 20 read markers a minute; 12 new
 * chats, teams or channels and 30 people added an hour (a sixth of each at once).
 */
class WriteBudgetsTest extends ServerTest {
    private ChatFixtures people;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_CHANGES_PER_MINUTE_PER_USER", "10", "CONFER_READ_MARKS_PER_MINUTE_PER_USER", "20",
                "CONFER_CREATES_PER_HOUR_PER_USER", "12", "CONFER_ADDS_PER_HOUR_PER_USER", "30");
    }

    @Override
    protected void afterStart() {
        people = new ChatFixtures(server);
    }

    @Test
    void toggling_a_reaction_is_refused_past_the_budget_and_the_refused_toggles_store_nothing() {
        Person a = people.person("toggler");
        Person b = people.person("reader");
        String chat = people.direct(a, b);
        String message = people.post(b, chat, "K+ 6.1 on bed 14").json().get("id").asText();
        long before = people.lastSeq(a, chat);
        String path = "/api/v1/conversations/" + chat + "/messages/" + message + "/reactions";
        String thumbs = path + "/" + URLEncoder.encode("👍", StandardCharsets.UTF_8);

        int accepted = 0;
        Response refused = null;
        for (int i = 0; i < 30 && refused == null; i++) {
            Response r = i % 2 == 0 ? api.post(path, Map.of("emoji", "👍"), a.token()) : api.delete(thumbs, a.token());
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(204);
                accepted++;
            }
        }

        assertThat(accepted).isEqualTo(10);
        assertThat(refused).isNotNull();
        assertRateLimited(refused);
        assertThat(people.lastSeq(a, chat)).as("one event per accepted toggle, none for the refused").isEqualTo(before + 10);
        assertThat(api.post(path, Map.of("emoji", "👍"), b.token()).status()).as("b's budget is b's own").isEqualTo(204);
    }

    @Test
    void the_budget_refills_steadily_rather_than_locking_for_a_window() {
        Person a = people.person("editor");
        Person b = people.person("other");
        String chat = people.direct(a, b);
        String message = people.post(a, chat, "draft 0").json().get("id").asText();
        for (int i = 1; i <= 10; i++) {
            assertThat(edit(a, chat, message, "draft " + i).status()).isEqualTo(200);
        }
        Response eleventh = edit(a, chat, message, "draft 11");
        assertRateLimited(eleventh);

        server.clock.advance(Duration.ofSeconds(Long.parseLong(eleventh.header("Retry-After"))));

        assertThat(edit(a, chat, message, "draft 11").status()).isEqualTo(200);
    }

    @Test
    void a_message_keeps_at_most_fifty_earlier_texts_then_edits_are_refused_and_deletion_still_works() {
        Person a = people.person("reviser");
        Person b = people.person("colleague");
        String chat = people.direct(a, b);
        String message = people.post(a, chat, "v0").json().get("id").asText();
        for (int i = 1; i <= 50; i++) {
            if (i % 10 == 0) {
                server.clock.advance(Duration.ofMinutes(1));
            }
            assertThat(edit(a, chat, message, "v" + i).status()).as("edit %d", i).isEqualTo(200);
        }
        server.clock.advance(Duration.ofMinutes(1));

        Response fiftyFirst = edit(a, chat, message, "v51");

        assertThat(fiftyFirst.status()).isEqualTo(409);
        assertThat(fiftyFirst.json().get("detail").asText()).contains("at most 50 times");
        assertThat(api.delete("/api/v1/conversations/" + chat + "/messages/" + message, a.token()).status()).isEqualTo(204);
    }

    @Test
    void someone_cannot_drop_a_person_into_dozens_of_group_chats() {
        Person spammer = people.personIn("spammer", "YDX");
        Person target = people.person("target");
        Person third = people.person("third");
        int created = 0;
        Response refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Response r = api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", List.of(target.id(), third.id()),
                    "topic", "spam " + i), spammer.token());
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                created++;
            }
        }

        assertThat(created).as("a sixth of 12 an hour at once").isEqualTo(2);
        assertRateLimited(refused);
        Response list = api.get("/api/v1/conversations", target.token());
        assertThat(list.json().get("items")).hasSize(2);
        assertThat(api.post("/api/v1/teams", Map.of("name", "Spam team"), spammer.token()).status())
                .as("teams and channels share the creation budget").isEqualTo(429);
    }

    @Test
    void adding_people_has_a_budget_of_its_own() {
        Person owner = people.person("owner");
        String team = people.team(owner, "Ward 7");
        int added = 0;
        Response refused = null;
        for (int i = 0; i < 8 && refused == null; i++) {
            Person p = people.person("starter" + i);
            Response r = api.post("/api/v1/teams/" + team + "/members", Map.of("userId", p.id()), owner.token());
            if (r.status() == 429) {
                refused = r;
                assertThat(api.get("/api/v1/teams", p.token()).json().get("items")).as("not added").isEmpty();
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(204);
                added++;
            }
        }

        assertThat(added).isEqualTo(5);
        assertRateLimited(refused);
    }

    @Test
    void read_markers_are_budgeted_generously_and_separately() {
        Person a = people.person("scroller");
        Person b = people.person("writer");
        String chat = people.direct(a, b);
        people.post(b, chat, "one");
        long seq = people.lastSeq(a, chat);
        for (int i = 0; i < 20; i++) {
            assertThat(api.post("/api/v1/conversations/" + chat + "/read", Map.of("seq", seq), a.token()).status()).isEqualTo(200);
        }

        assertRateLimited(api.post("/api/v1/conversations/" + chat + "/read", Map.of("seq", seq), a.token()));
        assertThat(edit(a, chat, people.post(a, chat, "mine").json().get("id").asText(), "mine, edited").status())
                .as("changes have their own budget").isEqualTo(200);
    }

    private Response edit(Person who, String chat, String message, String text) {
        return api.patch("/api/v1/conversations/" + chat + "/messages/" + message, Map.of("text", text), who.token());
    }

    private static void assertRateLimited(Response r) {
        assertThat(r).isNotNull();
        assertThat(r.status()).as(r.toString()).isEqualTo(429);
        assertThat(r.problemType()).isEqualTo("rate-limited");
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertThat(retryAfter).isPositive();
        assertThat(r.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertThat(r.json().get("detail").asText()).startsWith("Too many ");
    }
}
