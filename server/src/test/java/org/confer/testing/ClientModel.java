package org.confer.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a {@link ClientState} holds: conversations, messages, pins and saved items as the web
 * client's stores keep them. The values live apart from the two ways of filling them (ClientState
 * applies stream frames, RestState reads REST) because both fill the same values and VerifyAction
 * compares the results field by field. The fields are public so that a test can state what it
 * expects of one in a line.
 */
public final class ClientModel {
    private ClientModel() {}

    /** A conversation as its member's client holds it. */
    public static final class Conversation {
        public final String id;
        public String kind;
        public String teamId;
        public String name;
        public String visibility;
        public String createdBy;
        public long lastSeq;
        public long readSeq;
        public int unreadCount;
        public int mentionCount;
        public boolean archived;
        public final SortedSet<String> memberIds = new TreeSet<>();
        public final SortedMap<String, Message> messages = new TreeMap<>();
        /** Pinned messages still standing: message id → who pinned it and when (web/src/app/pins/pinsStore.ts). */
        public final SortedMap<String, Pin> pins = new TreeMap<>();

        Conversation(String id) {
            this.id = id;
        }
    }

    /** A message as history shows it, with the recipients of an urgent one. */
    public static final class Message {
        public String id;
        public long seq;
        public String authorId;
        public String clientMsgId;
        public String threadRootId;
        public String text;
        public boolean urgent;
        public SortedSet<String> mentions = new TreeSet<>();
        public boolean mentionsChannel;
        public Instant createdAt;
        public Instant editedAt;
        public boolean deleted;
        /** Emoji → who reacted with it. */
        public final SortedMap<String, SortedSet<String>> reactions = new TreeMap<>();
        /** Replies in its thread; null for a reply. */
        public Integer replyCount;
        /** Urgent messages: each recipient's acknowledgement. */
        public final SortedMap<String, Recipient> recipients = new TreeMap<>();
        /** A bot message's card, as its record's text (records print every component), or null. */
        public String card;
        /** The files it carries, in order, each as "id status" (scanning, ready or infected). */
        public List<String> files = new ArrayList<>();
    }

    /** A recipient of an urgent message; {@code notices} (first notice and reminders) is known for oneself only, else null. */
    public record Recipient(Instant acknowledgedAt, Integer notices) {}

    /** A pin: who pinned the message and when. */
    public record Pin(String pinnedBy, Instant pinnedAt) {}

    /** A saved message: its conversation and when it was saved. */
    public record Saved(String conversationId, Instant savedAt) {}
}
