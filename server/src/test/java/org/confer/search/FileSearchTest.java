package org.confer.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.confer.files.TestImages;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Eventually;
import org.confer.testing.ServerTest;
import org.confer.testing.Uploads;
import org.junit.jupiter.api.Test;

/**
 * Search meets files (docs/search.md, "Files"): a message's files come with its hit, a file is
 * found by its name and by has=file, only by members of a conversation it stands in, and never
 * once its message is deleted. Runs on Lucene (H2) and PostgreSQL full-text search.
 */
class FileSearchTest extends ServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private ChatFixtures fx;
    private Uploads up;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        up = new Uploads(api);
    }

    @Test
    void a_shared_photo_is_found_by_its_message_and_its_name_by_members_only_until_its_message_is_deleted() {
        BasicTeam t = fx.basicTeam();
        String tag = "f" + UUID.randomUUID().toString().substring(0, 8);
        String fileName = "ecg-" + tag + ".png";
        JsonNode file = up.uploaded(t.member(), t.privateChannel(), fileName, TestImages.png(64, 48));
        Api.Response sent = up.send(t.member(), t.privateChannel(), "ECG for bed 14, K+ 6.1 " + tag, file.get("id").asText());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String messageId = sent.json().get("id").asText();

        // The owner finds the message by its clinical words, with its file.
        JsonNode answer = await(t.owner(), "q=" + enc("bed 14 K+ " + tag), a -> a.get("messages").size() == 1);
        JsonNode hit = answer.get("messages").get(0);
        assertThat(hit.get("id").asText()).isEqualTo(messageId);
        assertThat(hit.get("hasFiles").asBoolean()).isTrue();
        assertThat(hit.at("/files/0/id").asText()).isEqualTo(file.get("id").asText());
        assertThat(hit.at("/files/0/name").asText()).isEqualTo(fileName);
        assertThat(hit.at("/files/0/contentType").asText()).isEqualTo("image/png");

        // By the file's name, as a file and as a message (file names are indexed with the text).
        JsonNode byName = search(t.owner(), "types=files&q=" + enc(fileName));
        assertThat(byName.get("files")).hasSize(1);
        assertThat(byName.at("/files/0/id").asText()).isEqualTo(file.get("id").asText());
        assertThat(byName.at("/files/0/messageId").asText()).isEqualTo(messageId);
        assertThat(byName.at("/files/0/conversationId").asText()).isEqualTo(t.privateChannel());
        await(t.owner(), "types=messages&q=" + enc("ecg " + tag), a -> a.get("messages").size() == 1);

        // has=file narrows messages to those carrying files, and answers the files of the conversation.
        JsonNode withFiles = await(t.owner(), "has=file&in=" + t.privateChannel(), a -> a.get("messages").size() == 1);
        assertThat(withFiles.get("files")).extracting(f -> f.get("name").asText()).containsExactly(fileName);

        // A team member outside the private channel finds neither.
        JsonNode outsider = search(t.teammate(), "q=" + enc(tag));
        assertThat(outsider.get("messages")).isEmpty();
        assertThat(search(t.teammate(), "types=files&q=" + enc(fileName)).get("files")).isEmpty();

        // Deleted: the message and its file are gone from search at once.
        Api.Response deleted = api.delete("/api/v1/conversations/" + t.privateChannel() + "/messages/" + messageId, t.member().token());
        assertThat(deleted.status()).as(deleted.toString()).isIn(200, 204);
        assertThat(search(t.owner(), "types=files&q=" + enc(fileName)).get("files")).isEmpty();
        assertThat(search(t.owner(), "types=messages&q=" + enc("bed 14 K+ " + tag)).get("messages")).isEmpty();
    }

    private JsonNode search(Person who, String query) {
        Api.Response r = api.get("/api/v1/search?" + query, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** Polls until the answer satisfies {@code done}: indexing is after commit, on its own thread. */
    private JsonNode await(Person who, String query, Predicate<JsonNode> done) {
        return Eventually.answer(WAIT, () -> search(who, query), done, "search for " + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
