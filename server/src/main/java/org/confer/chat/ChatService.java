package org.confer.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.chat.ChatViews.ConversationSummary;
import org.confer.chat.ChatViews.MessagePosted;
import org.confer.chat.ChatViews.MessageView;
import org.confer.chat.ChatViews.ReadMoved;
import org.confer.db.Database;
import org.confer.identity.Principal;
import org.confer.identity.UserDirectory;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The rules of teams, conversations and messages. Every read and write checks membership: a
 * conversation the caller is not a member of answers 404, exactly like one that does not exist.
 */
public final class ChatService {
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    public static final int MAX_EVENTS_PAGE = 1000;
    private static final Pattern MENTION = Pattern.compile("<@([0-9a-fA-F-]{36})>");
    private static final Pattern CLIENT_MSG_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    /** The outcome of a send: the message, and whether this request created it (201) or found it (200). */
    public record Posted(Message message, boolean created) {}

    /** A chat that was started, or (for a direct chat) found. */
    public record Opened(Conversation conversation, boolean created) {}

    private final Database db;
    private final ChatWriter writer;
    private final TeamStore teams;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final EventStore events;
    private final UserDirectory users;
    private final ConversationMembership membership;
    private final WriteBudgets budgets;
    private final UrgentStore urgentRecipients;

    public ChatService(Database db, ChatWriter writer, TeamStore teams, ConversationStore conversations, MessageStore messages,
                       EventStore events, UserDirectory users, ConversationMembership membership, WriteBudgets budgets,
                       UrgentStore urgent) {
        this.db = db;
        this.writer = writer;
        this.teams = teams;
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
        this.users = users;
        this.membership = membership;
        this.budgets = budgets;
        this.urgentRecipients = urgent;
    }

    // ---- direct and group chats ----

    /** Direct: exactly one other person (the same pair always gets the same chat). Group: two or more others. */
    public Opened createChat(Principal who, String kind, List<UUID> memberIds, String topic) {
        if (memberIds == null) {
            throw ApiException.invalid("memberIds", "'memberIds' is required");
        }
        LinkedHashSet<UUID> others = new LinkedHashSet<>(memberIds);
        others.remove(who.userId());
        for (UUID id : others) {
            if (users.activeUser(id).isEmpty()) {
                throw ApiException.invalid("memberIds", "No such active user: " + id);
            }
        }
        if ("direct".equals(kind)) {
            if (others.size() != 1) {
                throw ApiException.invalid("memberIds", "A direct chat is between you and exactly one other person");
            }
            UUID other = others.getFirst();
            String key = directKey(who.userId(), other);
            Optional<Conversation> existing = conversations.byDirectKey(db.dsl(), key);
            if (existing.isPresent()) {
                return new Opened(existing.get(), false);
            }
            budgets.take(who.userId(), WriteBudgets.Kind.CREATE);
            try {
                return new Opened(writer.write(tx -> membership.create(tx, ConversationKind.DIRECT, null, null, null, who.userId(),
                        List.of(who.userId(), other), key)), true);
            } catch (DataAccessException raced) {
                // The other person opened the same chat at the same moment: theirs is ours.
                return new Opened(conversations.byDirectKey(db.dsl(), key).orElseThrow(() -> raced), false);
            }
        }
        if ("group".equals(kind)) {
            if (others.size() < 2) {
                throw ApiException.invalid("memberIds", "A group chat needs at least two other people (use a direct chat for one)");
            }
            if (others.size() > 250) {
                throw ApiException.invalid("memberIds", "A group chat has at most 250 people; use a team for more");
            }
            String name = ChatValidation.optional("topic", topic, 120);
            budgets.take(who.userId(), WriteBudgets.Kind.CREATE);
            List<UUID> members = new ArrayList<>();
            members.add(who.userId());
            members.addAll(others);
            return new Opened(writer.write(tx -> membership.create(tx, ConversationKind.GROUP, null, name, null, who.userId(), members, null)), true);
        }
        throw ApiException.invalid("kind", "'kind' must be direct or group");
    }

    private static String directKey(UUID a, UUID b) {
        return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
    }

    // ---- conversation membership ----

    public Conversation conversation(Principal who, UUID conversationId) {
        return conversations.byIdForMember(db.dsl(), conversationId, who.userId())
                .orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    public List<UUID> members(Principal who, UUID conversationId) {
        conversation(who, conversationId);
        return conversations.memberIds(db.dsl(), conversationId);
    }

    /** Adds someone to a group chat or private channel (any member may add; team channels need team members). */
    public void addMember(Principal who, UUID conversationId, UUID userId) {
        Conversation c = conversation(who, conversationId);
        requireWritable(c);
        if (c.kind() == ConversationKind.DIRECT) {
            throw new ApiException(ProblemType.CONFLICT, "A direct chat is always two people; start a group chat instead");
        }
        if (users.activeUser(userId).isEmpty()) {
            throw ApiException.invalid("userId", "No such active user");
        }
        if (c.kind() == ConversationKind.CHANNEL) {
            if ("standard".equals(c.visibility())) {
                throw new ApiException(ProblemType.CONFLICT, "Everyone in the team is in a standard channel; add them to the team");
            }
            if (teams.role(db.dsl(), c.teamId(), userId).isEmpty()) {
                throw ApiException.invalid("userId", "Private channel members must be members of the team");
            }
        }
        budgets.take(who.userId(), WriteBudgets.Kind.ADD_PEOPLE);
        writer.inConversation(conversationId, tx -> {
            membership.add(tx, c, userId, who.userId());
            return null;
        });
    }

    /** Removes someone (or leaves, when it is the caller). Standard channels follow team membership. */
    public void removeMember(Principal who, UUID conversationId, UUID userId) {
        Conversation c = conversation(who, conversationId);
        if (c.kind() == ConversationKind.DIRECT) {
            throw new ApiException(ProblemType.CONFLICT, "You cannot leave a direct chat");
        }
        if (c.kind() == ConversationKind.CHANNEL && "standard".equals(c.visibility())) {
            throw new ApiException(ProblemType.CONFLICT, "Standard channel membership follows the team: leave or remove from the team");
        }
        if (!who.userId().equals(userId) && c.kind() == ConversationKind.CHANNEL) {
            requireOwner(who, c.teamId());
        }
        if (!who.userId().equals(userId) && c.kind() == ConversationKind.GROUP && !who.userId().equals(c.createdBy())) {
            // docs/decisions.md: anyone may add and anyone may leave, but only the person who
            // started a group chat removes others — a member cannot quietly drop a colleague (or
            // the chat's creator) from a conversation about a patient.
            throw ApiException.forbidden("Only the person who started this group chat can remove others; anyone can leave");
        }
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            if (!membership.remove(tx, c, userId, who.userId())) {
                throw ApiException.notFound("Member");
            }
            return null;
        });
    }

    public Conversation rename(Principal who, UUID conversationId, String name) {
        Conversation c = conversation(who, conversationId);
        requireWritable(c);
        if (c.kind() == ConversationKind.DIRECT) {
            throw new ApiException(ProblemType.CONFLICT, "Direct chats have no name");
        }
        if (c.kind() == ConversationKind.CHANNEL) {
            requireOwner(who, c.teamId());
        }
        String n = ChatValidation.name("name", name);
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            conversations.rename(tx.dsl(), conversationId, n);
            return tx.append(conversationId, "conversation.renamed", new ChatViews.Renamed(n, who.userId()));
        });
        return conversations.byId(db.dsl(), conversationId).orElseThrow();
    }

    /** Archived conversations are read-only. Channels: team owners; group chats: any member. */
    public Conversation archive(Principal who, UUID conversationId) {
        Conversation c = conversation(who, conversationId);
        if (c.kind() == ConversationKind.CHANNEL) {
            requireOwner(who, c.teamId());
        }
        if (c.archived()) {
            return c;
        }
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            conversations.setArchived(tx.dsl(), conversationId, tx.now);
            return tx.append(conversationId, "conversation.archived", new ChatViews.Archived(who.userId()));
        });
        return conversations.byId(db.dsl(), conversationId).orElseThrow();
    }

    // ---- messages ----

    public Posted post(Principal who, UUID conversationId, String text, String clientMsgId, UUID threadRootId, boolean urgent) {
        String body = ChatValidation.messageText(text, MAX_TEXT_BYTES);
        if (clientMsgId == null || !CLIENT_MSG_ID.matcher(clientMsgId).matches()) {
            throw ApiException.invalid("clientMsgId", "'clientMsgId' is required: 1-64 letters, digits or ._:- (a UUID is ideal)");
        }
        Conversation c = conversation(who, conversationId);
        try {
            return writer.inConversation(conversationId, tx -> {
                // A retry of a stored send is answered with the stored message, before the rate
                // limit and the archive check: what was accepted once stays accepted. Checked
                // only here, under the conversation's lock, where no other send can race it.
                Optional<Message> earlier = messages.byClientMsgId(tx.dsl(), conversationId, who.userId(), clientMsgId);
                if (earlier.isPresent()) {
                    return retried(tx.dsl(), earlier.get(), body, threadRootId, urgent);
                }
                budgets.take(who.userId(), WriteBudgets.Kind.POST);
                requireWritable(c);
                if (threadRootId != null) {
                    Message root = messages.byId(tx.dsl(), threadRootId)
                            .filter(m -> m.conversationId().equals(conversationId))
                            .orElseThrow(() -> ApiException.invalid("threadRootId", "No such message in this conversation"));
                    if (root.threadRootId() != null) {
                        throw ApiException.invalid("threadRootId", "Reply to the thread's first message, not to a reply");
                    }
                }
                // The member list is read only when needed: a 300-member channel costs 300 rows per send.
                Set<UUID> memberSet = urgent || body.contains("<@")
                        ? new HashSet<>(conversations.memberIds(tx.dsl(), conversationId)) : Set.of();
                List<UUID> mentions = mentionsIn(body, memberSet);
                long seq = tx.writableSeq(conversationId);
                Message m = new Message(UUID.randomUUID(), conversationId, seq, who.userId(), clientMsgId, threadRootId, body,
                        urgent, mentions, body.contains("@channel") || body.contains("@team"), tx.now, null, null);
                messages.insert(tx.dsl(), m);
                appendAt(tx, conversationId, seq, "message.posted", new MessagePosted(MessageView.of(m)));
                if (urgent) {
                    List<UUID> recipients = memberSet.stream().filter(u -> !u.equals(who.userId())).sorted().toList();
                    urgentRecipients.insert(tx.dsl(), m.id(), recipients, UrgentReminders.firstReminder(tx.now));
                    for (UUID r : recipients) {
                        tx.toUser(r, "message.urgent", new ChatViews.UrgentNotice(conversationId, m.id(), 1));
                    }
                }
                return new Posted(m, true);
            });
        } catch (DataAccessException duplicate) {
            // Another node stored the same clientMsgId first: answer with that message.
            return messages.byClientMsgId(db.dsl(), conversationId, who.userId(), clientMsgId)
                    .map(m -> retried(db.dsl(), m, body, threadRootId, urgent)).orElseThrow(() -> duplicate);
        }
    }

    /**
     * A send whose clientMsgId is already stored: a true retry gets the stored message; the same
     * key with another text, thread or urgency is a client bug that would otherwise lose the new
     * message without a word, so it is refused.
     */
    private Posted retried(DSLContext dsl, Message earlier, String text, UUID threadRootId, boolean urgent) {
        String posted = earlier.editedAt() == null && earlier.deletedAt() == null
                ? earlier.text() : messages.postedText(dsl, earlier.id()).orElse(earlier.text());
        if (!text.equals(posted) || !Objects.equals(threadRootId, earlier.threadRootId()) || urgent != earlier.urgent()) {
            throw new ApiException(ProblemType.CLIENT_MSG_ID_REUSED,
                    "This clientMsgId already names another message in this conversation; use a new one for a new message",
                    Map.of("field", "clientMsgId", "messageId", earlier.id().toString()));
        }
        return new Posted(earlier, false);
    }

    private void appendAt(ChatWriter.Tx tx, UUID conversationId, long seq, String kind, Object payload) {
        tx.appendWithSeq(conversationId, seq, kind, payload);
    }

    static List<UUID> mentionsIn(String text, Set<UUID> members) {
        LinkedHashSet<UUID> out = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            try {
                UUID id = UUID.fromString(m.group(1));
                if (members.contains(id)) {
                    out.add(id);
                }
            } catch (IllegalArgumentException notAUuid) {
                // Text that merely looks like a mention.
            }
        }
        return List.copyOf(out);
    }

    /** Messages before {@code beforeSeq} (exclusive; null = latest), newest first. */
    public List<Message> history(Principal who, UUID conversationId, Long beforeSeq, int limit) {
        conversation(who, conversationId);
        if (limit < 1 || limit > 200) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to 200");
        }
        return messages.before(db.dsl(), conversationId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit);
    }

    /** Stored events after {@code after}, ascending: gap fill and catch-up over REST. */
    public List<StoredEvent> events(Principal who, UUID conversationId, long after, int limit) {
        conversation(who, conversationId);
        if (limit < 1 || limit > MAX_EVENTS_PAGE) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to " + MAX_EVENTS_PAGE);
        }
        if (after < 0) {
            throw ApiException.invalid("after", "'after' must be 0 or more");
        }
        return events.range(db.dsl(), conversationId, after, Long.MAX_VALUE, limit);
    }

    // ---- read state ----

    public List<ConversationSummary> myConversations(Principal who) {
        List<ConversationSummary> out = new ArrayList<>();
        for (ConversationStore.MemberView mv : conversations.forUser(db.dsl(), who.userId())) {
            Conversation c = mv.conversation();
            int unread = c.lastSeq() > mv.readSeq() ? messages.unreadCount(db.dsl(), c.id(), who.userId(), mv.readSeq()) : 0;
            int mentions = unread > 0 ? messages.mentionCount(db.dsl(), c.id(), who.userId(), mv.readSeq()) : 0;
            List<UUID> memberIds = c.kind() == ConversationKind.CHANNEL ? List.of() : conversations.memberIds(db.dsl(), c.id());
            out.add(new ConversationSummary(c.id(), c.kind().code(), c.teamId(), c.name(), c.visibility(), c.lastSeq(),
                    mv.readSeq(), unread, mentions, c.archived(), memberIds, c.createdBy()));
        }
        return out;
    }

    /** Moves the caller's read marker forward (never back); other devices hear of it through userSeq. */
    public long markRead(Principal who, UUID conversationId, long seq) {
        Conversation c = conversation(who, conversationId);
        if (seq < 0 || seq > c.lastSeq()) {
            throw ApiException.invalid("seq", "'seq' must be from 0 to the conversation's lastSeq (" + c.lastSeq() + ")");
        }
        budgets.take(who.userId(), WriteBudgets.Kind.READ_STATE);
        return writer.write(tx -> {
            if (conversations.advanceRead(tx.dsl(), conversationId, who.userId(), seq)) {
                tx.toUser(who.userId(), "read.moved", new ReadMoved(conversationId, seq));
                if (c.kind() != ConversationKind.CHANNEL) {
                    // "Seen by" in direct and group chats: the others learn it live (GET read-markers after a reconnect).
                    tx.ephemeral(conversationId, who.userId(), "{\"type\":\"read\",\"conversationId\":\"" + conversationId
                            + "\",\"userId\":\"" + who.userId() + "\",\"readSeq\":" + seq + "}");
                }
                return seq;
            }
            return conversations.readSeq(tx.dsl(), conversationId, who.userId()).orElse(seq);
        });
    }

    /**
     * Read markers ("seen by"): everyone's in direct and group chats; in channels only the
     * caller's own, since how far each colleague has read a team channel is not theirs to
     * monitor (docs/decisions.md).
     */
    public Map<UUID, Long> readMarkers(Principal who, UUID conversationId) {
        Conversation c = conversation(who, conversationId);
        Map<UUID, Long> out = new java.util.LinkedHashMap<>();
        conversations.readMarkers(db.dsl(), conversationId).forEach(r -> {
            if (c.kind() != ConversationKind.CHANNEL || r.value1().equals(who.userId())) {
                out.put(r.value1(), r.value2());
            }
        });
        return out;
    }

    // ---- helpers ----

    private void requireOwner(Principal who, UUID teamId) {
        if (!teams.isOwner(db.dsl(), teamId, who.userId())) {
            throw ApiException.forbidden("Only team owners can do this");
        }
    }

    private static void requireWritable(Conversation c) {
        if (c.archived()) {
            throw new ApiException(ProblemType.CONFLICT, "This conversation is archived and read-only");
        }
    }
}
