package org.confer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.confer.events.ConversationEvent;
import org.confer.events.ConversationEvent.ConversationArchived;
import org.confer.events.ConversationEvent.ConversationCreated;
import org.confer.events.ConversationEvent.ConversationRenamed;
import org.confer.events.ConversationEvent.ConversationSnapshot;
import org.confer.events.ConversationEvent.MemberAdded;
import org.confer.events.ConversationEvent.MemberRemoved;
import org.confer.events.ConversationEvent.MessageAcknowledged;
import org.confer.events.ConversationEvent.MessageDeleted;
import org.confer.events.ConversationEvent.MessageEdited;
import org.confer.events.ConversationEvent.MessagePinned;
import org.confer.events.ConversationEvent.MessagePosted;
import org.confer.events.ConversationEvent.MessageSnapshot;
import org.confer.events.ConversationEvent.MessageUnpinned;
import org.confer.events.ConversationEvent.ReactionAdded;
import org.confer.events.ConversationEvent.ReactionRemoved;
import org.confer.events.UserEvent;
import org.confer.events.UserEvent.ConversationAdded;
import org.confer.events.UserEvent.ConversationRemoved;
import org.confer.events.UserEvent.MessageSaved;
import org.confer.events.UserEvent.MessageUnsaved;
import org.confer.events.UserEvent.PreferencesChanged;
import org.confer.events.UserEvent.ReadMoved;
import org.confer.events.UserEvent.UrgentNotice;
import org.confer.http.Json;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ClientModel.Conversation;
import org.confer.testing.ClientModel.Message;
import org.confer.testing.ClientModel.Pin;
import org.confer.testing.ClientModel.Recipient;
import org.confer.testing.ClientModel.Saved;

/**
 * One person's client state, the Java twin of the web client's stores (web/src/store/
 * conversations.ts, messages.ts, reactions.ts, urgent.ts): their conversations with read state
 * and members, every message with its reactions, edit and deletion, and who must acknowledge
 * each urgent message. {@link #fetch} reads it over REST; {@link #apply} changes it by one stream
 * frame as docs/protocol.md section 3 tells a client to, switching exhaustively over the event
 * records. {@link VerifyAction} checks that the two agree. The values themselves (conversation,
 * message, recipient, pin, saved item) are in {@link ClientModel}.
 *
 * <p>Left out, because no event carries it: when a message was deleted (a client shows a
 * tombstone, so {@code deleted} is kept), the order of reactions (the tests' clock stands still,
 * so every reaction has the same time and the server breaks the tie by user id; each emoji's
 * people are kept as a set) and other people's reminder counts (message.urgent goes to its
 * recipient alone, so only the client's own person's count is kept).
 */
public final class ClientState {
    private static final ObjectMapper MAPPER = mapper();

    /** What is compared: the conversations, the person's settings, saved messages and how far their own log has got. */
    public record View(long userSeq, SortedMap<String, Conversation> conversations, Map<String, Object> preferences,
                       SortedMap<String, Saved> saved) {}

    final Api api;
    final Person me;
    final SortedMap<String, Conversation> conversations = new TreeMap<>();
    long userSeq;
    /** The person's settings, as JSON reads them (GET /api/v1/me/preferences, or the last preferences.changed). */
    Map<String, Object> preferences = Map.of();
    /** The person's saved messages in conversations they are in: message id → saved item (GET /api/v1/me/saved). */
    final SortedMap<String, Saved> saved = new TreeMap<>();

    private ClientState(Api api, Person me) {
        this.api = api;
        this.me = me;
    }

    public View view() {
        return new View(userSeq, conversations, preferences, saved);
    }

    public Conversation conversation(String id) {
        return conversations.get(id);
    }

    public Message message(String conversationId, String messageId) {
        Conversation c = conversations.get(conversationId);
        return c == null ? null : c.messages.get(messageId);
    }

    public long userSeq() {
        return userSeq;
    }

    /** The cursors of a hello that resumes from this state. */
    public Map<String, Long> cursors() {
        Map<String, Long> out = new LinkedHashMap<>();
        conversations.forEach((id, c) -> out.put(id, c.lastSeq));
        return out;
    }

    // ---- REST ----

    /** {@code me}'s state as REST shows it now. */
    public static ClientState fetch(Api api, Person me) {
        return RestState.read(new ClientState(api, me));
    }

    /** A value as a map of what its JSON holds, so a record and a REST answer compare alike. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return MAPPER.convertValue(value, Map.class);
    }

    JsonNode get(String path) {
        Api.Response r = api.get(path, me.token());
        assertThat(r.status()).as("GET %s: %s", path, r).isEqualTo(200);
        return r.json();
    }

    // ---- frames ----

    /** The event record a stream frame carries, or null for a frame that is not an event. */
    public static Object eventOf(JsonNode frame) {
        return switch (frame.path("type").asText()) {
            case "event" -> read(frame.get("event"), ConversationEvent.class);
            case "user-event" -> read(frame.get("event"), UserEvent.class);
            default -> null;
        };
    }

    /** Applies one stream frame; frames that are not events (ready, pong, presence, typing, read) change nothing here. */
    public void apply(JsonNode frame) {
        switch (eventOf(frame)) {
            case ConversationEvent e -> applyEvent(frame.get("conversationId").asText(), frame.get("seq").asLong(), e);
            case UserEvent e -> {
                long seq = frame.get("userSeq").asLong();
                assertThat(seq).as("user event %s follows userSeq %d (the server fills gaps on the stream)", e, userSeq)
                        .isEqualTo(userSeq + 1);
                userSeq = seq;
                applyUserEvent(e);
            }
            case null, default -> {
                // Not an event.
            }
        }
    }

    private void applyEvent(String conversationId, long seq, ConversationEvent event) {
        if (!conversations.containsKey(conversationId)) {
            // A conversation the client has no state for shows up with its first event (members of a new one).
            assertThat(event).as("event %d of a conversation unknown to the client", seq).isInstanceOf(ConversationCreated.class);
            conversations.put(conversationId, new Conversation(conversationId));
        }
        Conversation c = conversations.get(conversationId);
        if (seq <= c.lastSeq) {
            return; // a duplicate: the client rule is to ignore it
        }
        assertThat(seq).as("event %s of %s follows its cursor (the server fills gaps on the stream)", event, conversationId)
                .isEqualTo(c.lastSeq + 1);
        c.lastSeq = seq;
        switch (event) {
            case ConversationCreated e -> {
                snapshot(c, e.conversation());
                e.memberIds().forEach(u -> c.memberIds.add(u.toString()));
                c.createdBy = e.by().toString();
            }
            case ConversationRenamed e -> c.name = e.name();
            case ConversationArchived _ -> c.archived = true;
            case MemberAdded e -> c.memberIds.add(e.userId().toString());
            case MemberRemoved e -> c.memberIds.remove(e.userId().toString());
            case MessagePosted e -> posted(c, e.message());
            case MessageEdited e -> onMessage(c, e.message().id(), m -> copyText(e.message(), m));
            case ConversationEvent.MessageCardUpdated e -> onMessage(c, e.messageId(), m -> m.card = e.card().toString());
            case ConversationEvent.MessageFilesUpdated e -> onMessage(c, e.messageId(), m -> m.files = files(e.files()));
            case MessageDeleted e -> onMessage(c, e.messageId(), m -> {
                m.deleted = true;
                m.card = null;
                m.text = null;
                m.mentions.clear();
                m.mentionsChannel = false;
                m.reactions.clear();
            });
            case ReactionAdded e -> onMessage(c, e.messageId(),
                    m -> m.reactions.computeIfAbsent(e.emoji(), k -> new TreeSet<>()).add(e.userId().toString()));
            case ReactionRemoved e -> onMessage(c, e.messageId(), m -> {
                SortedSet<String> who = m.reactions.get(e.emoji());
                if (who != null && who.remove(e.userId().toString()) && who.isEmpty()) {
                    m.reactions.remove(e.emoji());
                }
            });
            case MessageAcknowledged e -> onMessage(c, e.messageId(), m -> m.recipients.computeIfPresent(e.userId().toString(),
                    (k, r) -> new Recipient(e.acknowledgedAt().toInstant(), r.notices())));
            case MessagePinned e -> c.pins.put(e.messageId().toString(), new Pin(e.by().toString(), e.pinnedAt().toInstant()));
            case MessageUnpinned e -> c.pins.remove(e.messageId().toString());
            // Call lines change nothing this model compares with REST (messages, members, pins, unread).
            case ConversationEvent.CallStarted _, ConversationEvent.CallEnded _, ConversationEvent.CallMissed _ -> {}
        }
        if (event instanceof MessageDeleted e) {
            c.pins.remove(e.messageId().toString()); // a deleted message is no longer listed as pinned
        }
        recount(c);
    }

    private void applyUserEvent(UserEvent event) {
        switch (event) {
            case ConversationAdded e -> added(e.conversation());
            case ConversationRemoved e -> {
                conversations.remove(e.conversationId().toString());
                // Saved items of a conversation one has left are not shown (they come back on rejoining).
                saved.values().removeIf(item -> item.conversationId().equals(e.conversationId().toString()));
            }
            case MessageSaved e -> saved.put(e.messageId().toString(),
                    new Saved(e.conversationId().toString(), e.savedAt().toInstant()));
            case MessageUnsaved e -> saved.remove(e.messageId().toString());
            case UrgentNotice e -> {
                Message m = message(e.conversationId().toString(), e.messageId().toString());
                if (m != null) {
                    m.recipients.computeIfPresent(me.id(), (k, r) -> new Recipient(r.acknowledgedAt(),
                            Math.max(r.notices() == null ? 0 : r.notices(), e.attempt())));
                }
            }
            case PreferencesChanged e -> preferences = asMap(e.preferences());
            case ReadMoved e -> {
                Conversation c = conversations.get(e.conversationId().toString());
                if (c != null) {
                    c.readSeq = Math.max(c.readSeq, e.readSeq());
                    recount(c);
                }
            }
            // Invitations change nothing this model compares with REST.
            case UserEvent.MeetingInvited _, UserEvent.MeetingUpdated _, UserEvent.MeetingCancelled _ -> {}
            // A command's private answer and a request's change are notices: nothing here mirrors them.
            case UserEvent.CommandReplied _, UserEvent.ServiceRequestUpdated _ -> {}
        }
    }

    /**
     * Added to a conversation. A new one is already known from its conversation.created. One
     * with a past is tracked from cursor 0 and caught up from its event log, as the web client's
     * sequencer fills a gap from /events; the read marker is the one thing the log does not
     * hold, and the web client reloads the conversation list for it on conversation.added.
     */
    private void added(ConversationSnapshot s) {
        String id = s.id().toString();
        Conversation c = conversations.get(id);
        if (c == null) {
            c = new Conversation(id);
            conversations.put(id, c);
            for (List<JsonNode> page = events(c); !page.isEmpty(); page = events(c)) {
                for (JsonNode item : page) {
                    applyEvent(id, item.get("seq").asLong(), read(item.get("event"), ConversationEvent.class));
                }
            }
            for (JsonNode item : get("/api/v1/conversations").get("items")) {
                if (id.equals(item.get("id").asText())) {
                    c.readSeq = item.get("readSeq").asLong();
                }
            }
            // Saved items of a conversation one rejoins show again: the web client reloads its saved list.
            for (JsonNode item : get("/api/v1/me/saved").get("items")) {
                if (id.equals(item.get("conversationId").asText())) {
                    saved.put(item.get("messageId").asText(), new Saved(id, Instant.parse(item.get("savedAt").asText())));
                }
            }
        }
        snapshot(c, s);
        c.lastSeq = Math.max(c.lastSeq, s.lastSeq());
        recount(c);
    }

    private List<JsonNode> events(Conversation c) {
        return items(get("/api/v1/conversations/" + c.id + "/events?limit=1000&after=" + c.lastSeq));
    }

    private static void snapshot(Conversation c, ConversationSnapshot s) {
        c.kind = s.kind();
        c.teamId = s.teamId() == null ? null : s.teamId().toString();
        c.name = s.name();
        c.visibility = s.visibility();
        c.archived = s.archived();
    }

    private void posted(Conversation c, MessageSnapshot s) {
        Message m = c.messages.get(s.id().toString());
        if (m != null) {
            copyText(s, m);
            return;
        }
        m = new Message();
        m.id = s.id().toString();
        m.seq = s.seq();
        m.authorId = s.authorId().toString();
        m.clientMsgId = s.clientMsgId();
        m.threadRootId = s.threadRootId() == null ? null : s.threadRootId().toString();
        m.urgent = s.urgent();
        m.createdAt = s.createdAt().toInstant();
        m.replyCount = m.threadRootId == null ? 0 : null;
        m.card = s.card() == null ? null : s.card().toString();
        copyText(s, m);
        c.messages.put(m.id, m);
        Message root = m.threadRootId == null ? null : c.messages.get(m.threadRootId);
        if (root != null) {
            root.replyCount = root.replyCount + 1;
        }
        if (m.urgent) {
            // Its recipients are the other members when it was posted; each has had the first notice.
            for (String member : c.memberIds) {
                if (!member.equals(m.authorId)) {
                    m.recipients.put(member, new Recipient(null, member.equals(me.id()) ? 0 : null));
                }
            }
        }
    }

    private static List<String> files(List<ConversationEvent.FileSnapshot> files) {
        return files == null ? new ArrayList<>() : new ArrayList<>(files.stream().map(f -> f.id() + " " + f.status()).toList());
    }

    /** What an edit changes; a stored event of a deleted message carries its tombstone (and no files). */
    private static void copyText(MessageSnapshot s, Message m) {
        m.files = files(s.files());
        m.text = s.text();
        m.mentions = new TreeSet<>(s.mentions().stream().map(UUID::toString).toList());
        m.mentionsChannel = s.mentionsChannel();
        m.editedAt = s.editedAt() == null ? null : s.editedAt().toInstant();
        m.deleted = m.deleted || s.deletedAt() != null;
    }

    private static void onMessage(Conversation c, UUID messageId, Consumer<Message> change) {
        Message m = c.messages.get(messageId.toString());
        if (m != null) {
            change.accept(m);
        }
    }

    /** Unread: messages by others after the read marker, not deleted; mentions: those that name me or everyone. */
    private void recount(Conversation c) {
        int unread = 0;
        int mentions = 0;
        for (Message m : c.messages.values()) {
            if (m.seq > c.readSeq && !m.authorId.equals(me.id()) && !m.deleted) {
                unread++;
                if (m.mentionsChannel || m.mentions.contains(me.id())) {
                    mentions++;
                }
            }
        }
        c.unreadCount = unread;
        c.mentionCount = mentions;
    }

    // ---- JSON ----

    private static ObjectMapper mapper() {
        ObjectMapper m = Json.newMapper();
        m.registerSubtypes(ConversationEvent.class.getPermittedSubclasses());
        m.registerSubtypes(UserEvent.class.getPermittedSubclasses());
        return m;
    }

    private static <T> T read(JsonNode json, Class<T> type) {
        try {
            return MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + json, e);
        }
    }

    static List<JsonNode> items(JsonNode answer) {
        List<JsonNode> out = new ArrayList<>();
        answer.get("items").forEach(out::add);
        return out;
    }

}
