package org.confer.chat;

import org.confer.testing.ChatFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The chat input rules for read markers and history: a read marker moves forward only and within
 * the conversation, the unread and mention counts it leaves, and history paging backwards with
 * its refused parameters named. (Read markers across devices, "seen by" receipts and badges are
 * in ReadStateTest; the rest of chat input is in ChatInputTest.)
 */
class ReadMarkersAndHistoryPagingTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    // ---- read markers, unread and mention counts ----

    @Test
    void read_markers_move_forward_only_and_within_the_conversation() {
        List<Person> people = fx.people("reader", 3);
        Person reader = people.get(0);
        String conversation = fx.group(people);
        for (int i = 0; i < 3; i++) {
            assertThat(fx.post(people.get(1), conversation, "result " + i).status()).isEqualTo(201);
        }
        long lastSeq = fx.lastSeq(reader, conversation);
        JsonNode start = fx.summary(reader, conversation);
        assertThat(start.get("unreadCount").asInt()).isEqualTo(3);
        long startRead = start.get("readSeq").asLong();
        String read = "/api/v1/conversations/" + conversation + "/read";

        for (Object bad : List.of(lastSeq + 1, -1)) {
            Api.Response r = api.post(read, Map.of("seq", bad), reader.token());
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("seq");
        }
        Api.Response missing = api.post(read, Map.of(), reader.token());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("seq");
        assertThat(fx.summary(reader, conversation).get("readSeq").asLong()).isEqualTo(startRead);

        Api.Response forward = api.post(read, Map.of("seq", lastSeq - 1), reader.token());
        assertThat(forward.status()).as(forward.toString()).isEqualTo(200);
        assertThat(forward.json().get("readSeq").asLong()).isEqualTo(lastSeq - 1);
        JsonNode after = fx.summary(reader, conversation);
        assertThat(after.get("readSeq").asLong()).isEqualTo(lastSeq - 1);
        assertThat(after.get("unreadCount").asInt()).isEqualTo(1);

        Api.Response backwards = api.post(read, Map.of("seq", startRead), reader.token());
        assertThat(backwards.status()).isEqualTo(200);
        assertThat(backwards.json().get("readSeq").asLong()).isEqualTo(lastSeq - 1);
        assertThat(fx.summary(reader, conversation).get("readSeq").asLong()).isEqualTo(lastSeq - 1);

        assertThat(api.post(read, Map.of("seq", lastSeq), reader.token()).json().get("readSeq").asLong()).isEqualTo(lastSeq);
        JsonNode all = fx.summary(reader, conversation);
        assertThat(all.get("readSeq").asLong()).isEqualTo(lastSeq);
        assertThat(all.get("unreadCount").asInt()).isZero();
        JsonNode markers = api.get("/api/v1/conversations/" + conversation + "/read-markers", people.get(2).token()).json();
        assertThat(markers.at("/readSeqs/" + reader.id()).asLong()).isEqualTo(lastSeq);
    }

    @Test
    void unread_counts_other_peoples_messages_and_mention_count_counts_mentions_of_me() {
        List<Person> people = fx.people("counts", 3);
        Person me = people.get(0);
        Person colleague = people.get(1);
        Person outsider = fx.person("outsider");
        String conversation = fx.group(people);
        String read = "/api/v1/conversations/" + conversation + "/read";
        assertThat(api.post(read, Map.of("seq", fx.lastSeq(me, conversation)), me.token()).status()).isEqualTo(200);

        assertThat(fx.post(me, conversation, "My own note, mentioning myself <@" + me.id() + ">").status()).isEqualTo(201);
        JsonNode own = fx.summary(me, conversation);
        assertThat(own.get("unreadCount").asInt()).as("my own messages are not unread").isZero();
        assertThat(own.get("mentionCount").asInt()).isZero();

        assertThat(fx.post(colleague, conversation, "Plain update").status()).isEqualTo(201);
        Api.Response mention = fx.post(colleague, conversation, "<@" + me.id() + "> please review, cc <@" + outsider.id()
                + "> and <@" + people.get(2).id() + "> and <@not-a-uuid-but-36-characters-long-xx>");
        assertThat(mention.status()).isEqualTo(201);
        assertThat(ChatFixtures.strings(mention.json().get("mentions")))
                .as("mentions of members only").containsExactlyInAnyOrder(me.id(), people.get(2).id());
        Api.Response stored = api.get("/api/v1/conversations/" + conversation + "/messages?limit=1", me.token());
        assertThat(ChatFixtures.strings(stored.json().at("/items/0/mentions"))).containsExactlyInAnyOrder(me.id(), people.get(2).id());
        assertThat(fx.post(people.get(2), conversation, "Twice: <@" + me.id() + "> <@" + me.id() + ">").status()).isEqualTo(201);

        JsonNode summary = fx.summary(me, conversation);
        assertThat(summary.get("unreadCount").asInt()).isEqualTo(3);
        assertThat(summary.get("mentionCount").asInt())
                .as("two messages mention me; my own self-mention does not count").isEqualTo(2);
        JsonNode colleagues = fx.summary(colleague, conversation);
        assertThat(colleagues.get("unreadCount").asInt()).isEqualTo(2);
        assertThat(colleagues.get("mentionCount").asInt()).isZero();
        assertThat(fx.summary(people.get(2), conversation).get("mentionCount").asInt()).isEqualTo(1);

        // Reading up to the mention leaves the last message unread, and its mention.
        long mentionSeq = mention.json().get("seq").asLong();
        assertThat(api.post(read, Map.of("seq", mentionSeq), me.token()).status()).isEqualTo(200);
        JsonNode later = fx.summary(me, conversation);
        assertThat(later.get("unreadCount").asInt()).isEqualTo(1);
        assertThat(later.get("mentionCount").asInt()).isEqualTo(1);
    }

    // ---- history ----

    @Test
    void history_pages_backwards_without_overlap_or_gaps() {
        List<Person> people = fx.people("pager", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posted.add(fx.post(people.get(i % 2), conversation, "page item " + i).json().get("seq").asLong());
        }
        String messages = "/api/v1/conversations/" + conversation + "/messages";

        List<Long> walked = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String query = "?limit=2";
        for (int page = 0; page < 10; page++) {
            Api.Response r = api.get(messages + query, people.get(0).token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode items = r.json().get("items");
            assertThat(items.size()).isLessThanOrEqualTo(2);
            if (items.isEmpty()) {
                break;
            }
            items.forEach(i -> {
                walked.add(i.get("seq").asLong());
                texts.add(i.get("text").asText());
            });
            query = "?limit=2&before=" + items.get(items.size() - 1).get("seq").asLong();
        }
        List<Long> expected = new ArrayList<>(posted);
        java.util.Collections.reverse(expected);
        assertThat(walked).isEqualTo(expected);
        assertThat(texts.getFirst()).isEqualTo("page item 6");
        assertThat(texts.getLast()).isEqualTo("page item 0");

        for (String bad : List.of("?limit=0", "?limit=201", "?limit=two", "?before=abc")) {
            Api.Response r = api.get(messages + bad, people.get(0).token());
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isIn("limit", "before");
        }
    }
}
