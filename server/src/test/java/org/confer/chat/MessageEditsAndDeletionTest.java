package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.MESSAGE_VERSIONS;
import static org.confer.testing.ChatFixtures.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * Changing a message after it is posted (MessageService.edit and delete): edits (author only,
 * earlier texts kept), deletion (author or team owner; a tombstone stays and its text is gone
 * from every answer), and the read-only state of archived conversations.
 */
class MessageEditsAndDeletionTest extends MessageTestSupport {

    // ---- edits ----

    @Test
    void the_author_edits_a_message_and_members_see_the_new_text_live_and_in_history() {
        List<Person> people = fx.people("edit", 3);
        Person author = people.get(0);
        Person reader = people.get(1);
        String conversation = fx.group(people);
        JsonNode posted = postOk(author, conversation, "Bed 4: obs due at 14:00");
        String id = posted.get("id").asText();
        assertThat(posted.has("editedAt")).as("a new message has no editedAt").isFalse();
        long before = fx.lastSeq(author, conversation);

        try (StreamClient stream = listen(reader, conversation)) {
            Api.Response r = api.patch(messagePath(conversation, id), Map.of("text", "Bed 4: obs due at 15:00"), author.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("id").asText()).isEqualTo(id);
            assertThat(r.json().get("seq").asLong()).as("a message keeps its place").isEqualTo(posted.get("seq").asLong());
            assertThat(r.json().get("text").asText()).isEqualTo("Bed 4: obs due at 15:00");
            assertThat(r.json().get("editedAt").asText()).isNotBlank();
            assertThat(r.json().get("createdAt").asText()).isEqualTo(posted.get("createdAt").asText());

            JsonNode frame = awaitEvent(stream, conversation, "message.edited");
            assertThat(frame.get("seq").asLong()).isEqualTo(before + 1);
            assertThat(frame.at("/event/message/id").asText()).isEqualTo(id);
            assertThat(frame.at("/event/message/text").asText()).isEqualTo("Bed 4: obs due at 15:00");
            assertThat(frame.at("/event/message/editedAt").asText()).isEqualTo(r.json().get("editedAt").asText());
        }
        assertThat(fx.lastSeq(author, conversation)).isEqualTo(before + 1);

        JsonNode inHistory = historyItem(reader, conversation, id);
        assertThat(inHistory.get("text").asText()).isEqualTo("Bed 4: obs due at 15:00");
        assertThat(inHistory.get("editedAt").asText()).isNotBlank();
        assertThat(inHistory.has("deletedAt")).isFalse();
        assertThat(versionTexts(id)).containsExactly("Bed 4: obs due at 14:00");

        // Replaying the log shows only the current text: the original lives on only in the audit copy.
        Api.Response log = api.get("/api/v1/conversations/" + conversation + "/events?after=0", reader.token());
        assertThat(log.body()).contains("Bed 4: obs due at 15:00").doesNotContain("14:00");
    }

    @Test
    void mentions_are_worked_out_again_from_the_edited_text() {
        List<Person> people = fx.people("mention", 3);
        Person author = people.get(0);
        Person first = people.get(1);
        Person second = people.get(2);
        Person outsider = fx.person("mentionOutsider");
        String conversation = fx.group(people);
        JsonNode posted = postOk(author, conversation, "<@" + first.id() + "> please review bed 7");
        String id = posted.get("id").asText();
        assertThat(strings(posted.get("mentions"))).containsExactly(first.id());
        assertThat(fx.summary(first, conversation).get("mentionCount").asInt()).isEqualTo(1);

        Api.Response r = api.patch(messagePath(conversation, id),
                Map.of("text", "<@" + second.id() + "> please review bed 7 (not <@" + outsider.id() + ">)"), author.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(strings(r.json().get("mentions"))).as("members only").containsExactly(second.id());
        assertThat(r.json().get("mentionsChannel").asBoolean()).isFalse();
        assertThat(strings(historyItem(first, conversation, id).get("mentions"))).containsExactly(second.id());
        assertThat(fx.summary(first, conversation).get("mentionCount").asInt()).as("no longer mentioned").isZero();
        assertThat(fx.summary(second, conversation).get("mentionCount").asInt()).isEqualTo(1);

        Api.Response channel = api.patch(messagePath(conversation, id), Map.of("text", "@channel please review bed 7"), author.token());
        assertThat(channel.status()).as(channel.toString()).isEqualTo(200);
        assertThat(strings(channel.json().get("mentions"))).isEmpty();
        assertThat(channel.json().get("mentionsChannel").asBoolean()).isTrue();
        // @channel mentions everyone in the badge (but not the author).
        assertThat(fx.summary(first, conversation).get("mentionCount").asInt()).isEqualTo(1);
        assertThat(fx.summary(second, conversation).get("mentionCount").asInt()).isEqualTo(1);
        assertThat(fx.summary(author, conversation).get("mentionCount").asInt()).isZero();
    }

    @Test
    void only_the_author_can_edit_and_a_refused_edit_changes_nothing() {
        BasicTeam team = fx.basicTeam();
        Person owner = team.owner();
        Person author = team.member();
        Person other = team.teammate();
        String channel = team.general();
        String id = postOk(author, channel, "Discharge summary sent").get("id").asText();
        long before = fx.lastSeq(author, channel);

        // Not even a team owner may put words in someone else's mouth.
        for (Person notAuthor : List.of(other, owner)) {
            Api.Response r = api.patch(messagePath(channel, id), Map.of("text", "Discharge summary NOT sent"), notAuthor.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.problemType()).isEqualTo("forbidden");
        }
        JsonNode item = historyItem(author, channel, id);
        assertThat(item.get("text").asText()).isEqualTo("Discharge summary sent");
        assertThat(item.has("editedAt")).isFalse();
        assertThat(fx.lastSeq(author, channel)).isEqualTo(before);
        assertThat(versionTexts(id)).isEmpty();
    }

    @Test
    void editing_to_the_same_text_stores_nothing() {
        List<Person> people = fx.people("same", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        String id = postOk(people.get(0), conversation, "Same words").get("id").asText();
        long before = fx.lastSeq(people.get(0), conversation);

        Api.Response r = api.patch(messagePath(conversation, id), Map.of("text", "Same words"), people.get(0).token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("text").asText()).isEqualTo("Same words");
        assertThat(r.json().has("editedAt")).isFalse();
        assertThat(fx.lastSeq(people.get(0), conversation)).isEqualTo(before);
        assertThat(versionTexts(id)).isEmpty();
        assertThat(historyItem(people.get(1), conversation, id).has("editedAt")).isFalse();
    }

    @Test
    void every_edit_keeps_the_text_it_replaced() {
        List<Person> people = fx.people("versions", 2);
        Person author = people.get(0);
        String conversation = fx.direct(author, people.get(1));
        String id = postOk(author, conversation, "v1").get("id").asText();
        long before = fx.lastSeq(author, conversation);
        for (String text : List.of("v2", "v3", "v4")) {
            Api.Response r = api.patch(messagePath(conversation, id), Map.of("text", text), author.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        assertThat(versionTexts(id)).containsExactly("v1", "v2", "v3");
        assertThat(server.app().database().dsl().fetch(MESSAGE_VERSIONS, MESSAGE_VERSIONS.MESSAGE_ID.eq(UUID.fromString(id))))
                .allSatisfy(v -> assertThat(v.getReplacedBy()).isEqualTo(UUID.fromString(author.id())));
        assertThat(historyItem(people.get(1), conversation, id).get("text").asText()).isEqualTo("v4");

        List<JsonNode> events = events(people.get(1), conversation, before);
        assertThat(events).extracting(e -> e.at("/event/kind").asText())
                .containsExactly("message.edited", "message.edited", "message.edited");
        // The log carries only the current text; the earlier ones are in the audit copy above.
        assertThat(events).extracting(e -> e.at("/event/message/text").asText()).containsExactly("v4", "v4", "v4");
        assertThat(events).extracting(e -> e.get("seq").asLong()).containsExactly(before + 1, before + 2, before + 3);
    }

    @Test
    void a_deleted_message_cannot_be_edited() {
        List<Person> people = fx.people("editDeleted", 2);
        Person author = people.get(0);
        String conversation = fx.direct(author, people.get(1));
        String id = postOk(author, conversation, "Wrong patient").get("id").asText();
        assertThat(api.delete(messagePath(conversation, id), author.token()).status()).isEqualTo(204);
        long before = fx.lastSeq(author, conversation);
        int versions = versionTexts(id).size();

        Api.Response r = api.patch(messagePath(conversation, id), Map.of("text", "Back from the dead"), author.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(410);
        assertThat(r.problemType()).isEqualTo("gone");
        assertThat(fx.lastSeq(author, conversation)).isEqualTo(before);
        assertThat(versionTexts(id)).hasSize(versions);
        JsonNode item = historyItem(author, conversation, id);
        assertThat(item.path("text").isMissingNode() || item.get("text").isNull()).isTrue();
        assertThat(item.has("editedAt")).isFalse();
    }

    // ---- deletion ----

    @Test
    void the_author_deletes_a_message_and_only_a_tombstone_remains() {
        List<Person> people = fx.people("delete", 3);
        Person author = people.get(0);
        Person reader = people.get(1);
        String conversation = fx.group(people);
        String secret = "Wrong patient: NHS 943 476 5919 " + UUID.randomUUID();
        String id = postOk(author, conversation, "<@" + reader.id() + "> " + secret).get("id").asText();
        assertThat(react(reader, conversation, id, THUMBS_UP).status()).isEqualTo(204);
        Api.Response edited = api.patch(messagePath(conversation, id), Map.of("text", "<@" + reader.id() + "> " + secret + " (edited)"),
                author.token());
        assertThat(edited.status()).isEqualTo(200);
        assertThat(fx.summary(reader, conversation).get("mentionCount").asInt()).isEqualTo(1);
        String neighbour = postOk(author, conversation, "Right patient").get("id").asText();
        assertThat(api.patch(messagePath(conversation, neighbour), Map.of("text", "Right patient, bed 9"), author.token()).status())
                .isEqualTo(200);
        long before = fx.lastSeq(author, conversation);

        try (StreamClient stream = listen(reader, conversation)) {
            Api.Response r = api.delete(messagePath(conversation, id), author.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(204);
            JsonNode frame = awaitEvent(stream, conversation, "message.deleted");
            assertThat(frame.get("seq").asLong()).isEqualTo(before + 1);
            assertThat(frame.at("/event/messageId").asText()).isEqualTo(id);
            assertThat(frame.at("/event/by").asText()).isEqualTo(author.id());
            assertThat(frame.toString()).doesNotContain(secret);
        }

        JsonNode item = historyItem(reader, conversation, id);
        assertThat(item.path("text").isMissingNode() || item.get("text").isNull()).as(item.toString()).isTrue();
        assertThat(item.get("deletedAt").asText()).isNotBlank();
        assertThat(item.get("authorId").asText()).isEqualTo(author.id());
        assertThat(item.get("mentions")).isEmpty();
        assertThat(item.get("reactions")).isEmpty();
        assertThat(fx.summary(reader, conversation).get("mentionCount").asInt()).isZero();

        // The text is gone from everything a member can read: history, the thread, the event log.
        String base = "/api/v1/conversations/" + conversation;
        for (Api.Response r : List.of(api.get(base + "/messages", reader.token()),
                api.get(messagePath(conversation, id) + "/thread", reader.token()),
                api.get(base + "/events?after=0", reader.token()))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.body()).doesNotContain(secret);
        }
        try (StreamClient replay = StreamClient.connect(api.base(), reader.token(), true)) {
            replay.hello(Map.of(conversation, 0L), null);
            List<JsonNode> frames = replay.awaitEvents(conversation, (int) before + 1, WAIT);
            assertThat(frames.toString()).doesNotContain(secret);
        }
        // The log keeps its shape: the posted event is still there, now carrying the tombstone.
        JsonNode postedEvent = events(reader, conversation, 0).stream()
                .filter(e -> e.at("/event/kind").asText().equals("message.posted") && e.at("/event/message/id").asText().equals(id))
                .findFirst().orElseThrow();
        assertThat(postedEvent.at("/event/message/deletedAt").asText()).isNotBlank();
        assertThat(postedEvent.at("/event/message/text").isMissingNode()).isTrue();
        // Other messages' events are untouched.
        List<String> neighbourTexts = events(reader, conversation, 0).stream()
                .filter(e -> e.at("/event/message/id").asText().equals(neighbour))
                .map(e -> e.at("/event/message/text").asText()).toList();
        // (its posted and edited events both carry its current text)
        assertThat(neighbourTexts).containsExactly("Right patient, bed 9", "Right patient, bed 9");
        assertThat(historyItem(reader, conversation, neighbour).get("text").asText()).isEqualTo("Right patient, bed 9");
        // ...but kept for audit.
        assertThat(versionTexts(id)).containsExactly("<@" + reader.id() + "> " + secret,
                "<@" + reader.id() + "> " + secret + " (edited)");
    }

    @Test
    void a_team_owner_may_delete_anyone_s_channel_message_and_other_members_may_not() {
        BasicTeam team = fx.basicTeam();
        Person owner = team.owner();
        Person author = team.member();
        Person other = team.teammate();
        String channel = team.general();
        String id = postOk(author, channel, "Posted in the wrong channel").get("id").asText();
        long before = fx.lastSeq(owner, channel);

        Api.Response refused = api.delete(messagePath(channel, id), other.token());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("forbidden");
        assertThat(historyItem(owner, channel, id).get("text").asText()).isEqualTo("Posted in the wrong channel");
        assertThat(fx.lastSeq(owner, channel)).isEqualTo(before);

        Api.Response r = api.delete(messagePath(channel, id), owner.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(historyItem(other, channel, id).get("deletedAt").asText()).isNotBlank();
        List<JsonNode> events = events(other, channel, before);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().at("/event/kind").asText()).isEqualTo("message.deleted");
        assertThat(events.getFirst().at("/event/by").asText()).isEqualTo(owner.id());

        // A group chat has no owners: nobody but the author deletes there.
        List<Person> people = fx.people("delGroup", 3);
        String group = fx.group(people);
        String groupMessage = postOk(people.get(1), group, "Mine").get("id").asText();
        for (Person p : List.of(people.get(0), people.get(2))) {
            assertThat(api.delete(messagePath(group, groupMessage), p.token()).status()).isEqualTo(403);
        }
        assertThat(historyItem(people.get(0), group, groupMessage).get("text").asText()).isEqualTo("Mine");
    }

    @Test
    void deleting_twice_answers_204_and_stores_one_event() {
        List<Person> people = fx.people("twice", 2);
        Person author = people.get(0);
        String conversation = fx.direct(author, people.get(1));
        String id = postOk(author, conversation, "Delete me").get("id").asText();
        long before = fx.lastSeq(author, conversation);

        try (StreamClient stream = listen(people.get(1), conversation)) {
            assertThat(api.delete(messagePath(conversation, id), author.token()).status()).isEqualTo(204);
            awaitEvent(stream, conversation, "message.deleted");
            Api.Response again = api.delete(messagePath(conversation, id), author.token());
            assertThat(again.status()).as(again.toString()).isEqualTo(204);
            assertThat(stream.drain(Duration.ofMillis(500))).noneMatch(f -> "event".equals(f.path("type").asText()));
        }
        assertThat(fx.lastSeq(author, conversation)).isEqualTo(before + 1);
        assertThat(events(author, conversation, before)).extracting(e -> e.at("/event/kind").asText())
                .containsExactly("message.deleted");
        assertThat(versionTexts(id)).containsExactly("Delete me");
    }

    @Test
    void a_message_is_changed_only_through_its_own_conversation() {
        List<Person> people = fx.people("elsewhere", 2);
        Person author = people.get(0);
        String conversation = fx.direct(author, people.get(1));
        String id = postOk(author, conversation, "Lives here").get("id").asText();
        Person stranger = fx.person("elsewhereStranger");
        String other = fx.direct(author, stranger);
        long before = fx.lastSeq(author, other);

        // The author's own other conversation, and the message id from this one: not found there.
        List<Api.Response> answers = List.of(
                api.patch(messagePath(other, id), Map.of("text", "Moved"), author.token()),
                api.delete(messagePath(other, id), author.token()),
                react(author, other, id, THUMBS_UP),
                api.delete(messagePath(other, id) + "/reactions/" + encode(THUMBS_UP), author.token()),
                api.get(messagePath(other, id) + "/thread", author.token()),
                api.patch(messagePath(conversation, UUID.randomUUID().toString()), Map.of("text", "Nothing"), author.token()),
                api.delete(messagePath(conversation, "not-a-uuid"), author.token()));
        for (Api.Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.problemType()).isEqualTo("not-found");
        }
        // The stranger is no member of the message's conversation.
        assertThat(api.patch(messagePath(conversation, id), Map.of("text", "Moved"), stranger.token()).status()).isEqualTo(404);
        JsonNode item = historyItem(author, conversation, id);
        assertThat(item.get("text").asText()).isEqualTo("Lives here");
        assertThat(item.get("reactions")).isEmpty();
        assertThat(fx.lastSeq(author, other)).isEqualTo(before);
    }

    // ---- archived conversations ----

    @Test
    void an_archived_conversation_refuses_edits_deletion_and_reactions() {
        List<Person> people = fx.people("archived", 3);
        Person author = people.get(0);
        String conversation = fx.group(people);
        String id = postOk(author, conversation, "Handover done").get("id").asText();
        assertThat(react(people.get(1), conversation, id, THUMBS_UP).status()).isEqualTo(204);
        Api.Response archived = api.post("/api/v1/conversations/" + conversation + "/archive", Map.of(), author.token());
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        long before = fx.lastSeq(author, conversation);
        JsonNode itemBefore = historyItem(author, conversation, id);

        List<Api.Response> answers = List.of(
                api.patch(messagePath(conversation, id), Map.of("text", "Handover not done"), author.token()),
                api.delete(messagePath(conversation, id), author.token()),
                react(people.get(2), conversation, id, "😀"),
                react(author, conversation, id, THUMBS_UP),
                unreact(people.get(1), conversation, id, THUMBS_UP));
        for (Api.Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.problemType()).isEqualTo("conflict");
        }
        assertThat(fx.lastSeq(author, conversation)).isEqualTo(before);
        assertThat(historyItem(author, conversation, id)).isEqualTo(itemBefore);
        assertThat(itemBefore.get("text").asText()).isEqualTo("Handover done");
        assertThat(itemBefore.at("/reactions/0/count").asInt()).isEqualTo(1);
        assertThat(versionTexts(id)).isEmpty();
        // Reading still works.
        assertThat(api.get(messagePath(conversation, id) + "/thread", people.get(2).token()).status()).isEqualTo(200);
    }
}
