package org.confer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** GET /api/v1/activity: what happened to me, newest first, only where I still belong, with current text. */
class ActivityTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    private List<JsonNode> feed(Person p) {
        Api.Response r = api.get("/api/v1/activity?limit=100", p.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    private static JsonNode item(List<JsonNode> feed, String id) {
        return feed.stream().filter(i -> i.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + id + " in " + feed));
    }

    private static List<String> ids(List<JsonNode> feed) {
        return feed.stream().map(i -> i.get("id").asText()).toList();
    }

    private String messageId(Api.Response posted) {
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        return posted.json().get("id").asText();
    }

    private String send(Person who, String conversation, String text, boolean urgent) {
        // The test server's clock stands still unless moved: each message gets its own time.
        server.clock.advance(java.time.Duration.ofSeconds(1));
        return messageId(api.post("/api/v1/conversations/" + conversation + "/messages",
                Map.of("text", text, "clientMsgId", java.util.UUID.randomUUID().toString(), "urgent", urgent), who.token()));
    }

    @Test
    void mentions_urgent_messages_reactions_and_being_added_arrive_newest_first_with_who_and_a_preview() {
        List<Person> p = fx.people("act", 3);
        Person nurse = p.get(0), doctor = p.get(1), sister = p.get(2);
        String group = fx.group(nurse, doctor, sister);
        String mine = send(doctor, group, "Bed 4 needs a review", false);
        String mention = send(nurse, group, "Could <@" + doctor.id() + "> look at bed 4?", false);
        String urgent = send(sister, group, "Crash call bed 7", true);
        server.clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(api.post("/api/v1/conversations/" + group + "/messages/" + mine + "/reactions", Map.of("emoji", "👍"),
                nurse.token()).status()).isEqualTo(204);
        // Reacting to my own message, or being mentioned by myself, is not activity.
        api.post("/api/v1/conversations/" + group + "/messages/" + mine + "/reactions", Map.of("emoji", "👀"), doctor.token());
        send(doctor, group, "Noting <@" + doctor.id() + ">", false);

        List<JsonNode> feed = feed(doctor);
        assertThat(ids(feed)).containsExactly(
                "reaction:" + mine + ":" + nurse.id() + ":👍",
                "urgent:" + urgent,
                "mention:" + mention,
                "added:" + group + ":1");
        JsonNode m = item(feed, "mention:" + mention);
        assertThat(m.get("kind").asText()).isEqualTo("mention");
        assertThat(m.get("conversationId").asText()).isEqualTo(group);
        assertThat(m.get("messageId").asText()).isEqualTo(mention);
        assertThat(m.get("actorId").asText()).isEqualTo(nurse.id());
        assertThat(m.get("preview").asText()).isEqualTo("Could <@" + doctor.id() + "> look at bed 4?");
        assertThat(m.get("read").asBoolean()).isFalse();
        assertThat(item(feed, "urgent:" + urgent).get("actorId").asText()).isEqualTo(sister.id());
        JsonNode reaction = item(feed, "reaction:" + mine + ":" + nurse.id() + ":👍");
        assertThat(reaction.get("emoji").asText()).isEqualTo("👍");
        assertThat(reaction.get("actorId").asText()).isEqualTo(nurse.id());
        assertThat(reaction.get("preview").asText()).isEqualTo("Bed 4 needs a review");
        JsonNode added = item(feed, "added:" + group + ":1");
        assertThat(added.get("kind").asText()).isEqualTo("added");
        assertThat(added.get("actorId").asText()).isEqualTo(nurse.id());
        assertThat(added.has("messageId")).isFalse();

        // The one who started the chat was not "added" by anyone.
        assertThat(ids(feed(nurse))).doesNotContain("added:" + group + ":1");
    }

    @Test
    void previews_show_the_current_text_and_deleted_messages_show_none() {
        List<Person> p = fx.people("edit", 3);
        Person author = p.get(0), reader = p.get(1);
        String group = fx.group(p);
        String mention = send(author, group, "Draft for <@" + reader.id() + ">", false);
        String urgent = send(author, group, "Fire alarm in ward 3", true);
        assertThat(api.patch("/api/v1/conversations/" + group + "/messages/" + mention,
                Map.of("text", "Final plan for <@" + reader.id() + ">"), author.token()).status()).isEqualTo(200);

        JsonNode edited = item(feed(reader), "mention:" + mention);
        assertThat(edited.get("preview").asText()).isEqualTo("Final plan for <@" + reader.id() + ">");
        assertThat(edited.get("edited").asBoolean()).isTrue();

        assertThat(api.delete("/api/v1/conversations/" + group + "/messages/" + urgent, author.token()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/conversations/" + group + "/messages/" + mention, author.token()).status()).isEqualTo(204);
        List<JsonNode> feed = feed(reader);
        JsonNode gone = item(feed, "urgent:" + urgent);
        assertThat(gone.get("deleted").asBoolean()).isTrue();
        assertThat(gone.has("preview")).isFalse();
        assertThat(feed.toString()).doesNotContain("Fire alarm").doesNotContain("Final plan").doesNotContain("Draft");
        // A deleted message mentions no one any more: its mention item goes with it.
        assertThat(ids(feed)).doesNotContain("mention:" + mention);
    }

    @Test
    void a_removed_member_sees_nothing_of_that_conversation_old_or_new() {
        List<Person> p = fx.people("removed", 3);
        Person owner = p.get(0), leaver = p.get(1), other = p.get(2);
        String group = fx.group(p);
        String old = send(owner, group, "Secret handover for <@" + leaver.id() + ">", false);
        assertThat(ids(feed(leaver))).contains("mention:" + old);

        assertThat(api.delete("/api/v1/conversations/" + group + "/members/" + leaver.id(), owner.token()).status()).isEqualTo(204);
        send(owner, group, "@channel after you left", false);
        send(other, group, "Urgent after you left", true);

        List<JsonNode> feed = feed(leaver);
        assertThat(feed).noneMatch(i -> i.get("conversationId").asText().equals(group));
        assertThat(feed.toString()).doesNotContain("Secret handover").doesNotContain("after you left");
        // Someone who never belonged sees none of it either.
        Person stranger = fx.person("stranger");
        assertThat(feed(stranger)).isEmpty();
    }

    @Test
    void channel_mentions_count_for_members_from_the_time_they_joined() {
        List<Person> p = fx.people("everyone", 3);
        Person owner = p.get(0), early = p.get(1), late = p.get(2);
        String teamId = fx.teamWith(owner, early);
        String general = fx.general(owner, teamId);
        String before = send(owner, general, "@channel drill at 2pm", false);
        fx.addToTeam(owner, teamId, late);
        String after = send(owner, general, "@team drill moved to 3pm", false);

        List<JsonNode> earlyFeed = feed(early);
        assertThat(ids(earlyFeed)).contains("mention:" + before, "mention:" + after);
        assertThat(item(earlyFeed, "mention:" + after).get("everyone").asBoolean()).isTrue();
        List<JsonNode> lateFeed = feed(late);
        assertThat(ids(lateFeed)).contains("mention:" + after).doesNotContain("mention:" + before);
        // Being added to the team put them in General: someone else did it.
        JsonNode added = lateFeed.stream().filter(i -> i.get("kind").asText().equals("added")).findFirst().orElseThrow();
        assertThat(added.get("conversationId").asText()).isEqualTo(general);
        assertThat(added.get("actorId").asText()).isEqualTo(owner.id());
    }

    @Test
    void only_a_whole_token_at_channel_or_at_team_mentions_everyone_in_the_badge_and_the_feed_also_after_an_edit() {
        List<Person> p = fx.people("token", 3);
        Person author = p.get(0), reader = p.get(1);
        String group = fx.group(p);
        String address = send(author, group, "email ward@team.example about bed 4", false);
        String word = send(author, group, "see @teamwork notes", false);
        String everyone = send(author, group, "Hello @team.", false);

        assertThat(ids(feed(reader))).contains("mention:" + everyone)
                .doesNotContain("mention:" + address, "mention:" + word);
        assertThat(fx.summary(reader, group).get("mentionCount").asInt()).isEqualTo(1);

        // An edit recomputes it both ways: the address becomes an everyone-mention, "@team." stops being one.
        String messages = "/api/v1/conversations/" + group + "/messages/";
        Api.Response edited = api.patch(messages + address, Map.of("text", "(@channel) email ward@team.example"), author.token());
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("mentionsChannel").asBoolean()).isTrue();
        Api.Response unmentioned = api.patch(messages + everyone, Map.of("text", "Hello ward@team.example"), author.token());
        assertThat(unmentioned.status()).as(unmentioned.toString()).isEqualTo(200);
        assertThat(unmentioned.json().get("mentionsChannel").asBoolean()).isFalse();

        List<JsonNode> after = feed(reader);
        assertThat(ids(after)).contains("mention:" + address).doesNotContain("mention:" + everyone, "mention:" + word);
        assertThat(item(after, "mention:" + address).get("everyone").asBoolean()).isTrue();
        assertThat(fx.summary(reader, group).get("mentionCount").asInt()).isEqualTo(1);
        assertThat(fx.summary(author, group).get("mentionCount").asInt()).as("never one's own").isZero();
    }

    @Test
    void items_are_read_once_the_conversation_is_read_or_the_feed_was_seen_after_them() {
        List<Person> p = fx.people("read", 2);
        Person a = p.get(0), b = p.get(1);
        String dm = fx.direct(a, b);
        String mine = send(b, dm, "Results are back", false);
        String mention = send(a, dm, "Thanks <@" + b.id() + ">", false);
        api.post("/api/v1/conversations/" + dm + "/messages/" + mine + "/reactions", Map.of("emoji", "❤️"), a.token());
        String reactionId = "reaction:" + mine + ":" + a.id() + ":❤️";
        assertThat(item(feed(b), "mention:" + mention).get("read").asBoolean()).isFalse();

        long seq = fx.lastSeq(b, dm);
        assertThat(api.post("/api/v1/conversations/" + dm + "/read", Map.of("seq", seq), b.token()).status()).isEqualTo(200);
        List<JsonNode> afterRead = feed(b);
        assertThat(item(afterRead, "mention:" + mention).get("read").asBoolean()).isTrue();
        // A reaction has no place in the read marker: only the seen marker covers it.
        JsonNode reaction = item(afterRead, reactionId);
        assertThat(reaction.get("read").asBoolean()).isFalse();

        Api.Response seen = api.post("/api/v1/activity/seen", Map.of("at", reaction.get("at").asText()), b.token());
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(item(feed(b), reactionId).get("read").asBoolean()).isTrue();
        // The marker never moves back.
        api.post("/api/v1/activity/seen", Map.of("at", "2020-01-01T00:00:00Z"), b.token());
        assertThat(item(feed(b), reactionId).get("read").asBoolean()).isTrue();
    }

    @Test
    void pages_follow_the_cursor_with_every_item_exactly_once_even_at_the_same_instant() {
        List<Person> p = fx.people("paging", 2);
        Person owner = p.get(0), member = p.get(1);
        String teamId = fx.team(owner, "Paging ward");
        for (int i = 0; i < 3; i++) {
            fx.channel(owner, teamId, "Bay " + i, "standard", List.of());
        }
        // One transaction adds them to General and the three bays: four items with the same time.
        fx.addToTeam(owner, teamId, member);
        String dm = fx.direct(owner, member);
        for (int i = 0; i < 3; i++) {
            send(owner, dm, "Ping " + i + " <@" + member.id() + ">", false);
        }
        List<String> all = ids(feed(member));
        assertThat(all).hasSize(8); // 4 channels, the direct chat, 3 mentions

        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            Api.Response r = api.get("/api/v1/activity?limit=3" + (cursor == null ? ""
                    : "&before=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), member.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("items").forEach(i -> paged.add(i.get("id").asText()));
            if (!r.json().has("nextCursor")) {
                break;
            }
            cursor = r.json().get("nextCursor").asText();
        }
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void bad_requests_are_problems_and_the_feed_needs_a_session() {
        Person p = fx.person("bad");
        Api.Response badCursor = api.get("/api/v1/activity?before=not-a-cursor", p.token());
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.problemType()).isEqualTo("validation");
        assertThat(badCursor.json().get("field").asText()).isEqualTo("before");
        Api.Response badLimit = api.get("/api/v1/activity?limit=1000", p.token());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("field").asText()).isEqualTo("limit");
        Api.Response noAt = api.post("/api/v1/activity/seen", Map.of(), p.token());
        assertThat(noAt.status()).isEqualTo(400);
        assertThat(noAt.json().get("field").asText()).isEqualTo("at");
        assertThat(api.get("/api/v1/activity", null).status()).isEqualTo(401);
    }

    @Test
    void long_previews_are_cut_without_splitting_a_mention() {
        String id = "0b0b0b0b-0000-4000-8000-000000000001";
        String text = "x".repeat(150) + " <@" + id + "> and more text after it";
        String preview = ActivityService.preview(text);
        assertThat(preview).isEqualTo("x".repeat(150) + "…");
        assertThat(ActivityService.preview("short  text\nwith lines")).isEqualTo("short text with lines");
        assertThat(ActivityService.preview(null)).isNull();
    }
}
