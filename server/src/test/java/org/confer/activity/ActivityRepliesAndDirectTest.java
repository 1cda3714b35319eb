package org.confer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 5: thread replies (to my messages, and in threads I replied in) and direct and
 * group messages are in my activity feed, one item per message, only where I belong.
 */
class ActivityRepliesAndDirectTest extends ServerTest {
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

    private static List<String> ids(List<JsonNode> feed) {
        return feed.stream().map(i -> i.get("id").asText()).filter(id -> !id.startsWith("added:")).toList();
    }

    private static JsonNode item(List<JsonNode> feed, String id) {
        return feed.stream().filter(i -> i.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + id + " in " + feed));
    }

    private String send(Person who, String conversation, String text, String threadRootId, boolean urgent) {
        // The test server's clock stands still unless moved: each message gets its own time.
        server.clock.advance(Duration.ofSeconds(1));
        Map<String, Object> body = new HashMap<>(Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "urgent", urgent));
        if (threadRootId != null) {
            body.put("threadRootId", threadRootId);
        }
        Api.Response r = api.post("/api/v1/conversations/" + conversation + "/messages", body, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void replies_to_my_message_and_in_threads_i_replied_in_are_activity_but_other_threads_are_not() {
        List<Person> p = fx.people("thread", 4);
        Person alice = p.get(0), bob = p.get(1), chloe = p.get(2), dan = p.get(3);
        String team = fx.teamWith(alice, bob, chloe, dan);
        String general = fx.general(alice, team);

        String myRoot = send(alice, general, "K+ 6.8 in bed 4", null, false);
        String toMine = send(bob, general, "**Seen** it, repeating the `U&E`", myRoot, false);
        String myOwnReply = send(alice, general, "Thanks", myRoot, false);

        String chloesRoot = send(chloe, general, "Who has the bleep tonight?", null, false);
        String beforeMe = send(bob, general, "Not me", chloesRoot, false);
        send(alice, general, "I do", chloesRoot, false);
        String afterMe = send(bob, general, "Great, thanks", chloesRoot, false);
        String mentionInThread = send(dan, general, "<@" + alice.id() + "> bed 9 too", chloesRoot, false);

        String dansRoot = send(dan, general, "Parking is full", null, false);
        send(bob, general, "Again", dansRoot, false);

        List<JsonNode> feed = feed(alice);
        assertThat(ids(feed)).containsExactly("mention:" + mentionInThread, "reply:" + afterMe, "reply:" + toMine);
        JsonNode reply = item(feed, "reply:" + toMine);
        assertThat(reply.get("kind").asText()).isEqualTo("reply");
        assertThat(reply.get("conversationId").asText()).isEqualTo(general);
        assertThat(reply.get("messageId").asText()).isEqualTo(toMine);
        assertThat(reply.get("threadRootId").asText()).isEqualTo(myRoot);
        assertThat(reply.get("actorId").asText()).isEqualTo(bob.id());
        // The markdown source, as for every preview: the client shows it as plain text.
        assertThat(reply.get("preview").asText()).isEqualTo("**Seen** it, repeating the `U&E`");
        assertThat(reply.get("read").asBoolean()).isFalse();
        assertThat(feed.toString()).doesNotContain(beforeMe).doesNotContain(myOwnReply).doesNotContain("Parking");

        // Bob replied in Alice's thread: Alice's own reply after his is activity for him.
        assertThat(ids(feed(bob))).contains("reply:" + myOwnReply);

        // Read with the conversation; a deleted reply is no longer activity.
        assertThat(api.post("/api/v1/conversations/" + general + "/read", Map.of("seq", fx.lastSeq(alice, general)),
                alice.token()).status()).isEqualTo(200);
        assertThat(item(feed(alice), "reply:" + toMine).get("read").asBoolean()).isTrue();
        assertThat(api.delete("/api/v1/conversations/" + general + "/messages/" + toMine, bob.token()).status()).isEqualTo(204);
        assertThat(ids(feed(alice))).doesNotContain("reply:" + toMine);
    }

    @Test
    void direct_and_group_messages_are_activity_once_each_but_channel_messages_are_not() {
        List<Person> p = fx.people("dm", 3);
        Person alice = p.get(0), bob = p.get(1), chloe = p.get(2);
        String dm = fx.direct(bob, alice);
        String group = fx.group(chloe, alice, bob);
        String team = fx.teamWith(bob, alice);
        String general = fx.general(bob, team);

        String direct = send(bob, dm, "Can you _call_ me?", null, false);
        String inGroup = send(chloe, group, "Handover at 8", null, false);
        String urgent = send(bob, dm, "Crash call bed 7", null, true);
        String mention = send(chloe, group, "<@" + alice.id() + "> your patient", null, false);
        String groupReply = send(bob, group, "Noted", inGroup, false);
        send(bob, general, "Coffee in the mess", null, false);
        send(alice, dm, "On my way", null, false);

        List<JsonNode> feed = feed(alice);
        assertThat(ids(feed)).containsExactly("direct:" + groupReply, "mention:" + mention, "urgent:" + urgent,
                "direct:" + inGroup, "direct:" + direct);
        JsonNode d = item(feed, "direct:" + direct);
        assertThat(d.get("kind").asText()).isEqualTo("direct");
        assertThat(d.get("actorId").asText()).isEqualTo(bob.id());
        assertThat(d.get("preview").asText()).isEqualTo("Can you _call_ me?");
        assertThat(d.get("seq").asLong()).isPositive();
        assertThat(feed.toString()).doesNotContain("Coffee").doesNotContain("On my way");

        // Someone who is not in the chats sees none of it; someone removed from the group sees none of it any more.
        assertThat(feed(fx.person("stranger"))).isEmpty();
        assertThat(api.delete("/api/v1/conversations/" + group + "/members/" + alice.id(), chloe.token()).status()).isEqualTo(204);
        assertThat(feed(alice)).noneMatch(i -> i.get("conversationId").asText().equals(group));
    }
}
