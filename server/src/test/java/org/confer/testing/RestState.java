package org.confer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.confer.testing.ClientModel.Conversation;
import org.confer.testing.ClientModel.Message;
import org.confer.testing.ClientModel.Pin;
import org.confer.testing.ClientModel.Recipient;
import org.confer.testing.ClientModel.Saved;
import org.confer.events.MessageCard;
import org.confer.http.Json;

/**
 * Reads a {@link ClientState} over REST (docs/protocol.md section 4): the conversation list,
 * each conversation's members and whole history (paged), the acknowledgements of its urgent
 * messages, the person's settings, and the last userSeq of their own log.
 */
final class RestState {
    /** Cards are compared as records, so field order and absent values in the JSON do not matter. */
    private static final ObjectMapper CARDS = Json.newMapper();

    private static final int PAGE = 200;

    private RestState() {}

    static ClientState read(ClientState s) {
        for (JsonNode item : s.get("/api/v1/conversations").get("items")) {
            Conversation c = new Conversation(item.get("id").asText());
            c.kind = text(item, "kind");
            c.teamId = text(item, "teamId");
            c.name = text(item, "name");
            c.visibility = text(item, "visibility");
            c.createdBy = text(item, "createdBy");
            c.lastSeq = item.get("lastSeq").asLong();
            c.readSeq = item.get("readSeq").asLong();
            c.unreadCount = item.get("unreadCount").asInt();
            c.mentionCount = item.get("mentionCount").asInt();
            c.archived = item.get("archived").asBoolean();
            // The list names the members of chats only; the conversation itself names everyone's.
            s.get("/api/v1/conversations/" + c.id).get("memberIds").forEach(m -> c.memberIds.add(m.asText()));
            history(s, c);
            for (JsonNode pin : s.get("/api/v1/conversations/" + c.id + "/pins").get("items")) {
                c.pins.put(pin.get("messageId").asText(), new Pin(pin.get("pinnedBy").asText(), instant(pin, "pinnedAt")));
            }
            s.conversations.put(c.id, c);
        }
        s.preferences = ClientState.asMap(s.get("/api/v1/me/preferences"));
        for (JsonNode item : s.get("/api/v1/me/saved").get("items")) {
            s.saved.put(item.get("messageId").asText(), new Saved(item.get("conversationId").asText(), instant(item, "savedAt")));
        }
        for (List<JsonNode> page = userEvents(s, 0); !page.isEmpty(); page = userEvents(s, s.userSeq)) {
            s.userSeq = page.getLast().get("userSeq").asLong();
        }
        return s;
    }

    private static void history(ClientState s, Conversation c) {
        String before = "";
        while (true) {
            JsonNode items = s.get("/api/v1/conversations/" + c.id + "/messages?limit=" + PAGE + before).get("items");
            for (JsonNode m : items) {
                Message x = message(m);
                if (x.urgent) {
                    for (JsonNode a : s.get("/api/v1/conversations/" + c.id + "/messages/" + x.id + "/acknowledgements").get("items")) {
                        String user = a.get("userId").asText();
                        x.recipients.put(user, new Recipient(instant(a, "acknowledgedAt"),
                                user.equals(s.me.id()) ? a.get("notifiedCount").asInt() : null));
                    }
                }
                c.messages.put(x.id, x);
            }
            if (items.size() < PAGE) {
                return;
            }
            before = "&before=" + items.get(items.size() - 1).get("seq").asLong();
        }
    }

    private static Message message(JsonNode m) {
        Message x = new Message();
        x.id = m.get("id").asText();
        x.seq = m.get("seq").asLong();
        x.authorId = text(m, "authorId");
        x.clientMsgId = text(m, "clientMsgId");
        x.threadRootId = text(m, "threadRootId");
        x.text = text(m, "text");
        x.urgent = m.get("urgent").asBoolean();
        m.get("mentions").forEach(u -> x.mentions.add(u.asText()));
        x.mentionsChannel = m.get("mentionsChannel").asBoolean();
        x.createdAt = instant(m, "createdAt");
        x.editedAt = instant(m, "editedAt");
        x.deleted = m.hasNonNull("deletedAt");
        for (JsonNode r : m.get("reactions")) {
            SortedSet<String> who = new TreeSet<>();
            r.get("userIds").forEach(u -> who.add(u.asText()));
            assertThat(r.get("count").asInt()).as("the count of %s on %s", r.get("emoji"), x.id).isEqualTo(who.size());
            x.reactions.put(r.get("emoji").asText(), who);
        }
        x.replyCount = m.has("replyCount") ? m.get("replyCount").asInt() : null;
        x.card = m.hasNonNull("card") ? CARDS.convertValue(m.get("card"), MessageCard.class).toString() : null;
        for (JsonNode f : m.path("files")) {
            x.files.add(f.get("id").asText() + " " + f.get("status").asText());
        }
        return x;
    }

    private static List<JsonNode> userEvents(ClientState s, long after) {
        return ClientState.items(s.get("/api/v1/me/events?limit=1000&after=" + after));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? OffsetDateTime.parse(node.get(field).asText()).toInstant() : null;
    }
}
