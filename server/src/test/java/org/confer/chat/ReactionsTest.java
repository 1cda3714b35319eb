package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.ChatFixtures.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * Emoji reactions (ReactionService): counted per emoji with who reacted, live on the stream,
 * one emoji each, none on a deleted message, at most fifty different ones per message.
 */
class ReactionsTest extends MessageTestSupport {

    // ---- reactions ----

    @Test
    void reactions_are_counted_per_emoji_with_who_reacted_and_arrive_live() {
        List<Person> people = fx.people("react", 3);
        Person a = people.get(0);
        Person b = people.get(1);
        Person watcher = people.get(2);
        String conversation = fx.group(people);
        String id = postOk(a, conversation, "Ward round at 9").get("id").asText();

        try (StreamClient stream = listen(watcher, conversation)) {
            for (Person p : List.of(a, b)) {
                Api.Response r = react(p, conversation, id, THUMBS_UP);
                assertThat(r.status()).as(r.toString()).isEqualTo(204);
                JsonNode frame = awaitEvent(stream, conversation, "reaction.added");
                assertThat(frame.at("/event/messageId").asText()).isEqualTo(id);
                assertThat(frame.at("/event/userId").asText()).isEqualTo(p.id());
                assertThat(frame.at("/event/emoji").asText()).isEqualTo(THUMBS_UP);
            }
            JsonNode reactions = historyItem(watcher, conversation, id).get("reactions");
            assertThat(reactions).hasSize(1);
            assertThat(reactions.get(0).get("emoji").asText()).isEqualTo(THUMBS_UP);
            assertThat(reactions.get(0).get("count").asInt()).isEqualTo(2);
            assertThat(strings(reactions.get(0).get("userIds"))).containsExactlyInAnyOrder(a.id(), b.id());

            // The same reaction again is no change.
            long before = fx.lastSeq(a, conversation);
            assertThat(react(a, conversation, id, THUMBS_UP).status()).isEqualTo(204);
            assertThat(fx.lastSeq(a, conversation)).isEqualTo(before);
            assertThat(historyItem(watcher, conversation, id).at("/reactions/0/count").asInt()).isEqualTo(2);

            Api.Response removed = unreact(b, conversation, id, THUMBS_UP);
            assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
            JsonNode frame = awaitEvent(stream, conversation, "reaction.removed");
            assertThat(frame.get("seq").asLong()).isEqualTo(before + 1);
            assertThat(frame.at("/event/messageId").asText()).isEqualTo(id);
            assertThat(frame.at("/event/userId").asText()).isEqualTo(b.id());
            assertThat(frame.at("/event/emoji").asText()).isEqualTo(THUMBS_UP);
            reactions = historyItem(watcher, conversation, id).get("reactions");
            assertThat(reactions.get(0).get("count").asInt()).isEqualTo(1);
            assertThat(strings(reactions.get(0).get("userIds"))).containsExactly(a.id());

            // Removing a reaction one does not have is no change either.
            assertThat(unreact(b, conversation, id, THUMBS_UP).status()).isEqualTo(204);
            assertThat(fx.lastSeq(a, conversation)).isEqualTo(before + 1);
            assertThat(stream.drain(Duration.ofMillis(300))).noneMatch(f -> "event".equals(f.path("type").asText()));

            assertThat(unreact(a, conversation, id, THUMBS_UP).status()).isEqualTo(204);
            awaitEvent(stream, conversation, "reaction.removed");
        }
        assertThat(historyItem(watcher, conversation, id).get("reactions")).as("no emoji left with count 0").isEmpty();
    }

    @Test
    void a_reaction_must_be_one_emoji() {
        List<Person> people = fx.people("badEmoji", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        String id = postOk(people.get(0), conversation, "React to me").get("id").asText();
        long before = fx.lastSeq(people.get(0), conversation);

        List<String> bad = List.of("abc", "<b>", "👍👍👍👍👍👍👍👍👍", "", " ", "1", "👍 ", "👍<script>", "\u200D", "\uFE0F",
                // several emoji are not one reaction, even when short
                "👍👍", "😀😃", "🇬🇧🇫🇷", "👍❤️");
        for (String emoji : bad) {
            Api.Response r = react(people.get(1), conversation, id, emoji);
            assertThat(r.status()).as("[" + emoji + "] " + r).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().get("field").asText()).isEqualTo("emoji");
        }
        Map<String, Object> missing = new HashMap<>();
        missing.put("emoji", null);
        for (Object body : List.of(Map.of(), missing)) {
            Api.Response r = api.post(messagePath(conversation, id) + "/reactions", body, people.get(1).token());
            assertThat(r.status()).as(body + " " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("emoji");
        }
        for (String emoji : List.of("abc", "<b>", "👍👍👍👍👍👍👍👍👍")) {
            Api.Response r = unreact(people.get(1), conversation, id, emoji);
            assertThat(r.status()).as("[" + emoji + "] " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("emoji");
        }
        assertThat(fx.lastSeq(people.get(0), conversation)).isEqualTo(before);
        assertThat(historyItem(people.get(0), conversation, id).get("reactions")).isEmpty();
    }

    @Test
    void the_longest_emoji_the_picker_offers_are_reactions_and_one_code_point_more_is_not() {
        List<Person> people = fx.people("longEmoji", 2);
        Person p = people.get(1);
        String conversation = fx.direct(people.get(0), p);
        String id = postOk(people.get(0), conversation, "Discharged home today").get("id").asText();

        // Kiss with a skin tone for each person: 10 code points, Unicode's longest recommended
        // emoji; a tag-sequence flag (England); a ZWJ sequence needing two variation selectors.
        String kiss = "\uD83E\uDDD1\uD83C\uDFFB\u200D\u2764\uFE0F\u200D\uD83D\uDC8B\u200D\uD83E\uDDD1\uD83C\uDFFC";
        assertThat(kiss.codePointCount(0, kiss.length())).isEqualTo(10);
        for (String emoji : List.of(kiss, "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "👁️‍🗨️", "👍🏿")) {
            Api.Response r = react(p, conversation, id, emoji);
            assertThat(r.status()).as("[" + emoji + "] " + r).isEqualTo(204);
        }
        Api.Response tooLong = react(p, conversation, id, kiss + "\uFE0F");
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
        assertThat(tooLong.json().get("field").asText()).isEqualTo("emoji");
    }

    @Test
    void joined_flag_skin_tone_and_keycap_emoji_are_single_reactions() {
        List<Person> people = fx.people("richEmoji", 2);
        Person p = people.get(1);
        String conversation = fx.direct(people.get(0), p);
        String id = postOk(people.get(0), conversation, "Baby delivered safely").get("id").asText();

        List<String> good = List.of("👨‍👩‍👧", "🇬🇧", "👍🏽", "❤️", "1️⃣", THUMBS_UP, "🏳️‍⚧️", "🧑🏽‍⚕️");
        for (String emoji : good) {
            Api.Response r = react(p, conversation, id, emoji);
            assertThat(r.status()).as("[" + emoji + "] " + r).isEqualTo(204);
        }
        JsonNode reactions = historyItem(p, conversation, id).get("reactions");
        List<String> stored = new ArrayList<>();
        reactions.forEach(r -> stored.add(r.get("emoji").asText()));
        assertThat(stored).as("stored exactly as sent, each its own reaction").containsExactlyInAnyOrderElementsOf(good);
        assertThat(reactions).allSatisfy(r -> assertThat(r.get("count").asInt()).isEqualTo(1));

        // Each one can be removed through its URL-encoded path segment, touching no other.
        for (int i = 0; i < good.size(); i++) {
            Api.Response r = unreact(p, conversation, id, good.get(i));
            assertThat(r.status()).as("[" + good.get(i) + "] " + r).isEqualTo(204);
            assertThat(historyItem(p, conversation, id).get("reactions")).hasSize(good.size() - i - 1);
        }
    }

    @Test
    void a_deleted_message_takes_no_reactions() {
        List<Person> people = fx.people("reactDeleted", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        String id = postOk(people.get(0), conversation, "Gone soon").get("id").asText();
        assertThat(api.delete(messagePath(conversation, id), people.get(0).token()).status()).isEqualTo(204);
        long before = fx.lastSeq(people.get(0), conversation);

        Api.Response r = react(people.get(1), conversation, id, THUMBS_UP);
        assertThat(r.status()).as(r.toString()).isEqualTo(410);
        assertThat(r.problemType()).isEqualTo("gone");
        assertThat(fx.lastSeq(people.get(0), conversation)).isEqualTo(before);
        assertThat(historyItem(people.get(1), conversation, id).get("reactions")).isEmpty();
    }

    @Test
    void a_message_has_at_most_fifty_different_reactions() {
        List<Person> people = fx.people("fifty", 2);
        Person a = people.get(0);
        Person b = people.get(1);
        String conversation = fx.direct(a, b);
        String id = postOk(a, conversation, "Popular").get("id").asText();
        List<String> emoji = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            emoji.add(Character.toString(0x1F600 + i)); // 😀 onwards, 51 different faces
        }
        for (String e : emoji.subList(0, 50)) {
            assertThat(react(a, conversation, id, e).status()).as(e).isEqualTo(204);
        }
        long before = fx.lastSeq(a, conversation);
        for (Person p : List.of(a, b)) {
            Api.Response r = react(p, conversation, id, emoji.get(50));
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.problemType()).isEqualTo("conflict");
        }
        assertThat(fx.lastSeq(a, conversation)).isEqualTo(before);
        assertThat(historyItem(a, conversation, id).get("reactions")).hasSize(50);

        // One more person on an emoji already there is fine: it is not a new kind of reaction.
        assertThat(react(b, conversation, id, emoji.get(0)).status()).isEqualTo(204);
        assertThat(reaction(historyItem(a, conversation, id), emoji.get(0)).get("count").asInt()).isEqualTo(2);
        // Once a kind goes away there is room again.
        assertThat(unreact(a, conversation, id, emoji.get(49)).status()).isEqualTo(204);
        assertThat(react(b, conversation, id, emoji.get(50)).status()).isEqualTo(204);
        assertThat(historyItem(a, conversation, id).get("reactions")).hasSize(50);
    }
}
