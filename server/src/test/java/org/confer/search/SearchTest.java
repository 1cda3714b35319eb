package org.confer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Eventually;
import org.confer.testing.ServerTest;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/search, one behaviour on both engines (docs/search.md): the class runs on H2, where
 * the index is Lucene's, and on PostgreSQL, where it is full-text search. Indexing happens after
 * commit on another thread, so a newly posted or edited text is waited for with a deadline;
 * what must never show (deleted, edited-away, left conversations) is asserted at once.
 */
class SearchTest extends ServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private ChatFixtures fx;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_POSTS_PER_MINUTE_PER_USER", "1000000");
    }

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    // ---- finding messages ----

    @Test
    void a_message_is_found_by_its_words_newest_first_with_its_conversation_and_author() {
        BasicTeam t = fx.basicTeam();
        String tag = tag();
        JsonNode older = post(t.owner(), t.general(), "Handover notes for the night team " + tag);
        server.clock.advance(Duration.ofSeconds(1));
        JsonNode newer = post(t.member(), t.general(), "Night team: bed 3 needs a review " + tag);

        List<JsonNode> found = awaitMessages(t.teammate(), "q=" + enc("night team " + tag), r -> r.size() == 2);
        assertThat(found).extracting(m -> m.get("id").asText()).containsExactly(newer.get("id").asText(), older.get("id").asText());
        JsonNode first = found.getFirst();
        assertThat(first.get("conversationId").asText()).isEqualTo(t.general());
        assertThat(first.get("conversationName").asText()).isEqualTo("General");
        assertThat(first.get("conversationKind").asText()).isEqualTo("channel");
        assertThat(first.get("teamId").asText()).isEqualTo(t.id());
        assertThat(first.get("authorId").asText()).isEqualTo(t.member().id());
        assertThat(first.get("authorName").asText()).isNotBlank();
        assertThat(first.get("seq").asLong()).isEqualTo(newer.get("seq").asLong());
        assertThat(first.get("text").asText()).isEqualTo("Night team: bed 3 needs a review " + tag);
        assertThat(first.get("hasFiles").asBoolean()).isFalse();

        // Words are ANDed; stemmed words match their other forms.
        assertThat(messages(t.teammate(), "q=" + enc("reviews " + tag))).extracting(m -> m.get("id").asText())
                .containsExactly(newer.get("id").asText());
        assertThat(messages(t.teammate(), "q=" + enc("handover bed " + tag))).isEmpty();
    }

    @Test
    void clinical_tokens_are_found_as_they_are_written() {
        Person nurse = fx.person("nurse");
        Person doctor = fx.person("doctor");
        String chat = fx.direct(nurse, doctor);
        String tag = tag();
        String text = "Bed 14: K+ 6.1 and Na+ 128 this morning. NHS 943 476 5919, T2DM, O2 sats 92% on air, Hb 72. " + tag;
        String id = post(nurse, chat, text).get("id").asText();
        awaitMessages(doctor, "q=" + enc(tag), r -> r.size() == 1);

        JsonNode hit = messages(doctor, "q=" + enc(tag)).getFirst();
        assertThat(hit.get("conversationKind").asText()).isEqualTo("direct");
        assertThat(hit.get("conversationName").asText()).as("a direct chat by the other person's name")
                .isEqualTo(hit.get("authorName").asText());

        for (String q : List.of("bed 14 K+", "\"bed 14\"", "K+", "Na+", "Hb 72", "9434765919", "943 476 5919", "\"943 476 5919\"",
                "T2DM", "O2 sats 92%", "k+ 6.1")) {
            assertThat(messages(doctor, "q=" + enc(q + " " + tag))).as(q).extracting(m -> m.get("id").asText()).containsExactly(id);
        }
        for (String q : List.of("\"bed 41\"", "K+ 7.1", "Hb 27", "9434765918", "T1DM")) {
            assertThat(messages(doctor, "q=" + enc(q + " " + tag))).as(q).isEmpty();
        }
    }

    // ---- who sees what ----

    @Test
    void a_person_removed_from_a_channel_stops_finding_its_messages_at_once() {
        BasicTeam t = fx.basicTeam();
        String tag = tag();
        post(t.owner(), t.privateChannel(), "Safeguarding concern about bed 9 " + tag);
        awaitMessages(t.member(), "q=" + enc(tag), r -> r.size() == 1);

        Api.Response removed = api.delete("/api/v1/conversations/" + t.privateChannel() + "/members/" + t.member().id(), t.owner().token());
        assertThat(removed.status()).as(removed.toString()).isIn(200, 204);

        assertThat(messages(t.member(), "q=" + enc(tag))).isEmpty();
        assertThat(messages(t.member(), "q=" + enc(tag) + "&in=" + t.privateChannel())).isEmpty();
        assertThat(messages(t.owner(), "q=" + enc(tag))).hasSize(1);
    }

    @Test
    void someone_who_is_not_a_member_never_finds_a_conversations_messages() {
        BasicTeam t = fx.basicTeam();
        Person outsider = fx.person("outsider");
        String tag = tag();
        post(t.owner(), t.privateChannel(), "Private: discharge plan for bed 2 " + tag);
        awaitMessages(t.member(), "q=" + enc(tag), r -> r.size() == 1);

        assertThat(messages(t.teammate(), "q=" + enc(tag))).as("a team member outside the private channel").isEmpty();
        assertThat(messages(outsider, "q=" + enc(tag))).isEmpty();
        assertThat(messages(outsider, "in=" + t.privateChannel())).isEmpty();
        assertThat(messages(outsider, "from=" + t.owner().id())).isEmpty();
    }

    @Test
    void an_edited_message_is_found_by_its_new_text_only() {
        Person a = fx.person("editor");
        Person b = fx.person("reader");
        String chat = fx.direct(a, b);
        String tag = tag();
        String id = post(a, chat, "Bed 5 potassium 3.1 " + tag).get("id").asText();
        awaitMessages(b, "q=" + enc("potassium " + tag), r -> r.size() == 1);

        Api.Response edited = api.patch("/api/v1/conversations/" + chat + "/messages/" + id, Map.of("text", "Bed 5 sodium 131 " + tag),
                a.token());
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);

        assertThat(messages(b, "q=" + enc("potassium " + tag))).as("the old text, at once").isEmpty();
        List<JsonNode> found = awaitMessages(b, "q=" + enc("sodium 131 " + tag), r -> r.size() == 1);
        assertThat(found.getFirst().get("text").asText()).isEqualTo("Bed 5 sodium 131 " + tag);
        assertThat(found.getFirst().has("editedAt")).isTrue();
        assertThat(messages(b, "q=" + enc("potassium " + tag))).as("the old text, once indexed").isEmpty();
    }

    @Test
    void a_deleted_message_is_never_found() {
        Person a = fx.person("deleter");
        Person b = fx.person("reader");
        String chat = fx.direct(a, b);
        String tag = tag();
        String id = post(a, chat, "Wrong patient, ignore " + tag).get("id").asText();
        awaitMessages(b, "q=" + enc(tag), r -> r.size() == 1);

        Api.Response deleted = api.delete("/api/v1/conversations/" + chat + "/messages/" + id, a.token());
        assertThat(deleted.status()).as(deleted.toString()).isIn(200, 204);

        assertThat(messages(b, "q=" + enc(tag))).isEmpty();
        assertThat(messages(b, "in=" + chat)).extracting(m -> m.get("id").asText()).doesNotContain(id);
    }

    // ---- filters ----

    @Test
    void filters_narrow_by_conversation_author_date_mention_and_files_and_pages_follow_the_cursor() {
        BasicTeam t = fx.basicTeam();
        String tag = tag();
        JsonNode m1 = post(t.owner(), t.general(), "Rota for week 1 " + tag);
        server.clock.advance(Duration.ofMinutes(1));
        JsonNode m2 = post(t.member(), t.general(), "<@" + t.teammate().id() + "> rota swap please " + tag);
        server.clock.advance(Duration.ofMinutes(1));
        JsonNode m3 = post(t.owner(), t.privateChannel(), "Rota for the private channel " + tag);
        server.clock.advance(Duration.ofMinutes(1));
        JsonNode m4 = post(t.owner(), t.general(), "@channel rota published " + tag);
        awaitMessages(t.owner(), "q=" + enc(tag), r -> r.size() == 4);

        assertThat(ids(messages(t.owner(), "q=" + enc(tag) + "&in=" + t.general()))).containsExactly(id(m4), id(m2), id(m1));
        assertThat(ids(messages(t.owner(), "q=" + enc(tag) + "&from=" + t.member().id()))).containsExactly(id(m2));
        assertThat(ids(messages(t.owner(), "q=" + enc(tag) + "&after=" + enc(m2.get("createdAt").asText()))))
                .containsExactly(id(m4), id(m3), id(m2));
        assertThat(ids(messages(t.owner(), "q=" + enc(tag) + "&before=" + enc(m2.get("createdAt").asText())))).containsExactly(id(m1));
        assertThat(ids(messages(t.owner(), "q=" + enc(tag) + "&before=2000-01-01"))).isEmpty();
        assertThat(ids(messages(t.teammate(), "q=" + enc(tag) + "&mentions=me"))).as("a mention and @channel").containsExactly(id(m4), id(m2));
        assertThat(ids(messages(t.teammate(), "mentions=me&in=" + t.general()))).as("a filter without q").containsExactly(id(m4), id(m2));
        assertThat(ids(messages(t.owner(), "q=" + enc(tag) + "&has=file"))).as("no message has a file yet").isEmpty();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 5; page++) {
            Api.Response r = search(t.owner(), "q=" + enc(tag) + "&limit=3" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            r.json().get("messages").forEach(m -> paged.add(m.get("id").asText()));
            cursor = r.json().has("nextCursor") ? r.json().get("nextCursor").asText() : null;
            if (cursor == null) {
                break;
            }
        }
        assertThat(paged).containsExactly(id(m4), id(m3), id(m2), id(m1));
    }

    // ---- people, conversations, teams ----

    @Test
    void people_conversations_and_teams_are_found_by_name_and_only_the_types_asked_for_are_answered() {
        Person owner = fx.person("owner");
        String unique = "Zed" + UUID.randomUUID().toString().substring(0, 6);
        String teamId = fx.team(owner, "Ward " + unique);
        String channel = fx.channel(owner, teamId, "Theatre " + unique, "standard", List.of());
        Person other = fx.person("member");
        fx.addToTeam(owner, teamId, other);

        Api.Response r = search(owner, "q=" + enc(unique));
        assertThat(r.json().get("teams")).extracting(j -> j.get("id").asText()).containsExactly(teamId);
        assertThat(r.json().get("conversations")).extracting(j -> j.get("id").asText()).contains(channel);
        JsonNode theatre = find(r.json().get("conversations"), channel);
        assertThat(theatre.get("kind").asText()).isEqualTo("channel");
        assertThat(theatre.get("teamId").asText()).isEqualTo(teamId);
        assertThat(r.json().get("files")).isEmpty();

        Person stranger = fx.person("stranger");
        Api.Response none = search(stranger, "q=" + enc(unique));
        assertThat(none.json().get("teams")).isEmpty();
        assertThat(none.json().get("conversations")).isEmpty();

        // People come from the directory (demo people are seeded on every test server).
        Api.Response people = search(owner, "q=" + enc("Alice") + "&types=people");
        assertThat(people.json().get("people")).isNotEmpty();
        assertThat(people.json().get("people").get(0).get("displayName").asText()).containsIgnoringCase("alice");
        assertThat(people.json().get("people").get(0).has("organisationName")).isTrue();
        List<String> keys = new ArrayList<>();
        people.json().fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("people");
    }

    // ---- bad input and limits ----

    @Test
    void bad_input_is_refused_with_invalid_search() {
        Person p = fx.person("bad");
        for (String q : List.of("", "q=", "q=" + enc("x".repeat(257)), "q=a&after=yesterday", "q=a&before=2026-13-40", "q=a&in=not-an-id",
                "q=a&from=42", "q=a&limit=0", "q=a&limit=51", "q=a&limit=ten", "q=a&cursor=nonsense", "q=a&types=messages,tweets",
                "q=a&has=photo", "q=a&mentions=you", "q=" + enc("!!! ---"), "after=2026-12-08&before=2026-12-07")) {
            Api.Response r = search(p, q);
            assertThat(r.status()).as(q + " -> " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.problemType()).as(q).isEqualTo("invalid-search");
        }
        assertThat(api.get("/api/v1/search?q=a", null).status()).as("signed out").isEqualTo(401);
    }

    @Test
    void a_person_searching_too_fast_is_told_to_wait() {
        Person p = fx.person("fast");
        Api.Response last = null;
        for (int i = 0; i <= SearchService.SEARCHES_PER_MINUTE; i++) {
            last = search(p, "q=rota&types=teams");
            if (last.status() == 429) {
                break;
            }
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.problemType()).isEqualTo("rate-limited");
        assertThat(last.header("Retry-After")).isNotBlank();
    }

    // ---- rebuilding and restarts ----

    @Test
    void a_platform_admin_rebuilds_the_index_and_messages_are_found_again() {
        Person a = fx.person("rebuild");
        Person b = fx.person("reader");
        String chat = fx.direct(a, b);
        String tag = tag();
        post(a, chat, "Before the rebuild " + tag);
        awaitMessages(b, "q=" + enc(tag), r -> r.size() == 1);

        assertThat(api.post("/api/v1/admin/search/rebuild", Map.of(), a.token()).status()).as("not an admin").isEqualTo(403);
        Api.Response r = api.post("/api/v1/admin/search/rebuild", Map.of(), server.login("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("engine").asText()).isEqualTo(backend == Backend.H2 ? "lucene" : "postgresql");

        post(a, chat, "After the rebuild " + tag);
        awaitMessages(b, "q=" + enc(tag), m -> m.size() == 2);
        if (backend == Backend.POSTGRES) {
            // The planner's statistics are fresh the moment a rebuild ends, not when autovacuum next comes by.
            Object analysed = Eventually.answer(Duration.ofSeconds(20), () -> server.app().database().dsl().fetchValue(
                    "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'message_search' AND schemaname = current_schema()"),
                    at -> at != null, "message_search analysed after the rebuild");
            assertThat(analysed).isNotNull();
        }
    }

    @Test
    void the_lucene_index_catches_up_after_a_restart_and_is_rebuilt_when_missing_or_corrupt() throws IOException {
        assumeTrue(backend == Backend.H2, "the index in the data directory is Lucene's (H2 only)");
        String tag = tag();
        try (TestStorage storage = TestStorage.create(Backend.H2)) {
            Path index = storage.dataDir.resolve("search-index");
            Path backup = Files.createTempDirectory("search-index-backup");
            Person a;
            Person b;
            String chat;
            String first;
            try (TestServer s1 = TestServer.start(storage, settings())) {
                ChatFixtures f1 = new ChatFixtures(s1);
                a = f1.person("restart");
                b = f1.person("reader");
                chat = f1.direct(a, b);
                first = postOn(s1, a, chat, "Alpha handover " + tag).get("id").asText();
                awaitMessages(s1.api, b, "q=" + enc("alpha " + tag), r -> r.size() == 1);
            }
            copy(index, backup);
            try (TestServer s2 = TestServer.start(storage, settings())) {
                postOn(s2, a, chat, "Bravo handover " + tag);
                Api.Response edited = s2.api.patch("/api/v1/conversations/" + chat + "/messages/" + first,
                        Map.of("text", "Charlie handover " + tag), a.token());
                assertThat(edited.status()).isEqualTo(200);
                awaitMessages(s2.api, b, "q=" + enc("handover " + tag), r -> r.size() == 2);
            }
            // The index as it was before s2: it holds neither Bravo nor the edit. The next start catches up.
            delete(index);
            copy(backup, index);
            try (TestServer s3 = TestServer.start(storage, settings())) {
                awaitMessages(s3.api, b, "q=" + enc("bravo " + tag), r -> r.size() == 1);
                awaitMessages(s3.api, b, "q=" + enc("charlie " + tag), r -> r.size() == 1);
                assertThat(messagesOn(s3.api, b, "q=" + enc("alpha " + tag))).isEmpty();
            }
            // Missing: rebuilt from the database.
            delete(index);
            try (TestServer s4 = TestServer.start(storage, settings())) {
                awaitMessages(s4.api, b, "q=" + enc("handover " + tag), r -> r.size() == 2);
            }
            // Corrupt: every file overwritten with noise; rebuilt from the database.
            try (Stream<Path> files = Files.list(index)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    Files.write(p, "not a lucene file".getBytes(StandardCharsets.UTF_8));
                }
            }
            try (TestServer s5 = TestServer.start(storage, settings())) {
                awaitMessages(s5.api, b, "q=" + enc("handover " + tag), r -> r.size() == 2);
            }
            delete(backup);
        }
    }

    // ---- helpers ----

    /** A word no other test uses (it has digits, so it is never stemmed). */
    private static String tag() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String id(JsonNode m) {
        return m.get("id").asText();
    }

    private static List<String> ids(List<JsonNode> messages) {
        return messages.stream().map(SearchTest::id).toList();
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode j : array) {
            if (j.get("id").asText().equals(id)) {
                return j;
            }
        }
        throw new AssertionError(id + " not in " + array);
    }

    private JsonNode post(Person who, String conversationId, String text) {
        return postOn(server, who, conversationId, text);
    }

    private static JsonNode postOn(TestServer s, Person who, String conversationId, String text) {
        Api.Response r = s.api.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()), who.token());
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.json();
    }

    private Api.Response search(Person who, String query) {
        return api.get("/api/v1/search?" + query, who.token());
    }

    private List<JsonNode> messages(Person who, String query) {
        return messagesOn(api, who, query);
    }

    private static List<JsonNode> messagesOn(Api api, Person who, String query) {
        Api.Response r = api.get("/api/v1/search?types=messages&" + query, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("messages").forEach(out::add);
        return out;
    }

    private List<JsonNode> awaitMessages(Person who, String query, Predicate<List<JsonNode>> done) {
        return awaitMessages(api, who, query, done);
    }

    /** Polls until the answer satisfies {@code done} (indexing is after commit, on its own thread). */
    private static List<JsonNode> awaitMessages(Api api, Person who, String query, Predicate<List<JsonNode>> done) {
        return Eventually.answer(WAIT, () -> messagesOn(api, who, query), done, "search for " + query);
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
