package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

/** Threads (MessageService.thread): a root, its replies in order, and reply counts in history. */
class ThreadsTest extends MessageTestSupport {

    // ---- threads ----

    @Test
    void a_thread_lists_its_root_then_its_replies_in_order() {
        List<Person> people = fx.people("thread", 3);
        String conversation = fx.group(people);
        String root = postOk(people.get(0), conversation, "Sepsis pathway questions").get("id").asText();
        String otherRoot = postOk(people.get(1), conversation, "Unrelated").get("id").asText();
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(reply(people.get(i % 3), conversation, root, "answer " + i).get("id").asText());
            reply(people.get(2), conversation, otherRoot, "elsewhere " + i);
            postOk(people.get(1), conversation, "main timeline " + i);
        }

        Api.Response thread = api.get(messagePath(conversation, root) + "/thread", people.get(2).token());
        assertThat(thread.status()).as(thread.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        thread.json().get("items").forEach(m -> {
            ids.add(m.get("id").asText());
            seqs.add(m.get("seq").asLong());
        });
        List<String> expected = new ArrayList<>();
        expected.add(root);
        expected.addAll(replies);
        assertThat(ids).isEqualTo(expected);
        assertThat(seqs).isSorted();
        assertThat(thread.json().at("/items/0/replyCount").asInt()).isEqualTo(4);
        assertThat(thread.json().at("/items/1/threadRootId").asText()).isEqualTo(root);
        assertThat(thread.json().at("/items/4/text").asText()).isEqualTo("answer 3");

        assertThat(historyItem(people.get(0), conversation, root).get("replyCount").asInt()).isEqualTo(4);
        assertThat(historyItem(people.get(0), conversation, otherRoot).get("replyCount").asInt()).isEqualTo(4);
        JsonNode loneMessage = historyItem(people.get(0), conversation,
                postOk(people.get(0), conversation, "No replies").get("id").asText());
        assertThat(loneMessage.get("replyCount").asInt()).isZero();
        JsonNode aReply = historyItem(people.get(0), conversation, replies.getFirst());
        assertThat(aReply.has("replyCount")).as("replies have no reply count").isFalse();
        assertThat(aReply.get("threadRootId").asText()).isEqualTo(root);

        Api.Response ofReply = api.get(messagePath(conversation, replies.get(1)) + "/thread", people.get(0).token());
        assertThat(ofReply.status()).as(ofReply.toString()).isEqualTo(400);
        assertThat(ofReply.problemType()).isEqualTo("validation");
        assertThat(ofReply.json().get("field").asText()).isEqualTo("messageId");

        Api.Response unknown = api.get(messagePath(conversation, UUID.randomUUID().toString()) + "/thread", people.get(0).token());
        assertThat(unknown.status()).isEqualTo(404);
    }
}
