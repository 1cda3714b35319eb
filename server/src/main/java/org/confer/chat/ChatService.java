package org.confer.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.confer.app.ApiException;
import org.confer.app.ProblemType;
import org.confer.chat.ChatViews.ConversationAdded;
import org.confer.chat.ChatViews.ConversationCreated;
import org.confer.chat.ChatViews.ConversationRemoved;
import org.confer.chat.ChatViews.ConversationSummary;
import org.confer.chat.ChatViews.ConversationView;
import org.confer.chat.ChatViews.MemberChanged;
import org.confer.chat.ChatViews.MessagePosted;
import org.confer.chat.ChatViews.MessageView;
import org.confer.chat.ChatViews.ReadMoved;
import org.confer.chat.ChatViews.TeamView;
import org.confer.db.Database;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.identity.UserDirectory;
import org.confer.realtime.ConversationFrame;
import org.confer.realtime.EventSource;
import org.confer.realtime.UserFrame;
import org.jooq.exception.DataAccessException;

/**
 * The rules of teams, conversations and messages. Every read and write checks membership: a
 * conversation the caller is not a member of answers 404, exactly like one that does not exist.
 */
public final class ChatService implements EventSource {
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    public static final int MAX_EVENTS_PAGE = 1000;
    private static final Pattern MENTION = Pattern.compile("<@([0-9a-fA-F-]{36})>");
    private static final Pattern CLIENT_MSG_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    /** The outcome of a send: the message, and whether this request created it (201) or found it (200). */
    public record Posted(Message message, boolean created) {}

    /** A chat that was started, or (for a direct chat) found. */
    public record Opened(Conversation conversation, boolean created) {}

    /** Who may join a team: kept in one place so organisation policy can restrict it later. */
    public interface MembershipPolicy {
        /** Empty when allowed, else the reason. */
        Optional<String> mayJoin(User user, Team team);
    }

    private final Database db;
    private final ChatWriter writer;
    private final TeamStore teams;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final EventStore events;
    private final UserEventStore userEvents;
    private final UserDirectory users;
    private final MembershipPolicy policy;
    private final PostThrottle throttle;
    private final UrgentStore urgentRecipients;

    public ChatService(Database db, ChatWriter writer, TeamStore teams, ConversationStore conversations, MessageStore messages,
                       EventStore events, UserEventStore userEvents, UserDirectory users, MembershipPolicy policy,
                       PostThrottle throttle, UrgentStore urgent) {
        this.throttle = throttle;
        this.urgentRecipients = urgent;
        this.db = db;
        this.writer = writer;
        this.teams = teams;
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
        this.userEvents = userEvents;
        this.users = users;
        this.policy = policy;
    }

    // ---- teams ----

    public Team createTeam(Principal who, String name, String description) {
        String n = ChatValidation.name("name", name);
        String d = ChatValidation.optional("description", description, 1000);
        return writer.write(tx -> {
            Team t = new Team(UUID.randomUUID(), n, d, who.userId(), tx.now, null);
            teams.insert(tx.dsl(), t);
            teams.addMember(tx.dsl(), t.id(), who.userId(), TeamRole.OWNER, tx.now);
            createConversation(tx, ConversationKind.CHANNEL, t.id(), "General", "standard", who.userId(), List.of(who.userId()), null);
            return t;
        });
    }

    public List<TeamView> myTeams(Principal who) {
        List<TeamView> out = new ArrayList<>();
        for (Team t : teams.forUser(db.dsl(), who.userId())) {
            String role = teams.role(db.dsl(), t.id(), who.userId()).map(TeamRole::code).orElse("member");
            out.add(new TeamView(t.id(), t.name(), t.description(), role, t.createdAt()));
        }
        return out;
    }

    public Team team(Principal who, UUID teamId) {
        Team t = teams.byId(db.dsl(), teamId).orElseThrow(() -> ApiException.notFound("Team"));
        if (teams.role(db.dsl(), teamId, who.userId()).isEmpty()) {
            throw ApiException.notFound("Team");
        }
        return t;
    }

    /** Adds a person to the team and to every standard channel of it. Team owners only. */
    public void addTeamMember(Principal who, UUID teamId, UUID userId, TeamRole role) {
        Team t = team(who, teamId);
        requireOwner(who, teamId);
        User u = users.activeUser(userId).orElseThrow(() -> ApiException.invalid("userId", "No such active user"));
        policy.mayJoin(u, t).ifPresent(reason -> {
            throw ApiException.forbidden(reason);
        });
        writer.write(tx -> {
            if (!teams.addMember(tx.dsl(), teamId, userId, role, tx.now)) {
                return null;
            }
            for (Conversation c : conversations.channelsOfTeam(tx.dsl(), teamId)) {
                if ("standard".equals(c.visibility()) && !c.archived()) {
                    addToConversation(tx, c, userId, who.userId());
                }
            }
            return null;
        });
    }

    /** Removes a person from the team and all its channels; owners remove others, anyone may leave. */
    public void removeTeamMember(Principal who, UUID teamId, UUID userId) {
        team(who, teamId);
        if (!who.userId().equals(userId)) {
            requireOwner(who, teamId);
        }
        writer.write(tx -> {
            Optional<TeamRole> role = teams.role(tx.dsl(), teamId, userId);
            if (role.isEmpty()) {
                throw ApiException.notFound("Team member");
            }
            if (role.get() == TeamRole.OWNER && teams.ownerCount(tx.dsl(), teamId) == 1) {
                throw new ApiException(ProblemType.CONFLICT, "A team needs at least one owner: make someone else owner first");
            }
            teams.removeMember(tx.dsl(), teamId, userId);
            for (Conversation c : conversations.channelsOfTeam(tx.dsl(), teamId)) {
                removeFromConversation(tx, c, userId, who.userId());
            }
            return null;
        });
    }

    public List<UUID> teamMembers(Principal who, UUID teamId) {
        team(who, teamId);
        return teams.memberIds(db.dsl(), teamId);
    }

    /** Standard channels of the team plus the private ones the caller belongs to. */
    public List<Conversation> channels(Principal who, UUID teamId) {
        team(who, teamId);
        return conversations.channelsOfTeam(db.dsl(), teamId).stream()
                .filter(c -> "standard".equals(c.visibility()) || conversations.isMember(db.dsl(), c.id(), who.userId()))
                .toList();
    }

    public Conversation createChannel(Principal who, UUID teamId, String name, String visibility, List<UUID> memberIds) {
        team(who, teamId);
        String n = ChatValidation.name("name", name);
        String v = visibility == null ? "standard" : visibility;
        if (!v.equals("standard") && !v.equals("private")) {
            throw ApiException.invalid("visibility", "'visibility' must be standard or private");
        }
        Set<UUID> teamMembers = new HashSet<>(teams.memberIds(db.dsl(), teamId));
        List<UUID> members;
        if (v.equals("standard")) {
            members = List.copyOf(teamMembers);
        } else {
            LinkedHashSet<UUID> m = new LinkedHashSet<>();
            m.add(who.userId());
            if (memberIds != null) {
                for (UUID id : memberIds) {
                    if (!teamMembers.contains(id)) {
                        throw ApiException.invalid("memberIds", "Private channel members must be members of the team");
                    }
                    m.add(id);
                }
            }
            members = List.copyOf(m);
        }
        return writer.write(tx -> createConversation(tx, ConversationKind.CHANNEL, teamId, n, v, who.userId(), members, null));
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
            try {
                return new Opened(writer.write(tx -> createConversation(tx, ConversationKind.DIRECT, null, null, null, who.userId(),
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
            List<UUID> members = new ArrayList<>();
            members.add(who.userId());
            members.addAll(others);
            return new Opened(writer.write(tx -> createConversation(tx, ConversationKind.GROUP, null, name, null, who.userId(), members, null)), true);
        }
        throw ApiException.invalid("kind", "'kind' must be direct or group");
    }

    private static String directKey(UUID a, UUID b) {
        return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
    }

    // ---- conversation membership ----

    public Conversation conversation(Principal who, UUID conversationId) {
        Conversation c = conversations.byId(db.dsl(), conversationId).orElseThrow(() -> ApiException.notFound("Conversation"));
        if (!conversations.isMember(db.dsl(), conversationId, who.userId())) {
            throw ApiException.notFound("Conversation");
        }
        return c;
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
        writer.inConversation(conversationId, tx -> {
            addToConversation(tx, c, userId, who.userId());
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
        writer.inConversation(conversationId, tx -> {
            if (!removeFromConversation(tx, c, userId, who.userId())) {
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
        Optional<Message> earlier = messages.byClientMsgId(db.dsl(), conversationId, who.userId(), clientMsgId);
        if (earlier.isPresent()) {
            return new Posted(earlier.get(), false);
        }
        throttle.take(who.userId());
        requireWritable(c);
        try {
            return writer.inConversation(conversationId, tx -> {
                Optional<Message> raced = messages.byClientMsgId(tx.dsl(), conversationId, who.userId(), clientMsgId);
                if (raced.isPresent()) {
                    return new Posted(raced.get(), false);
                }
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
                    .map(m -> new Posted(m, false)).orElseThrow(() -> duplicate);
        }
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
                    mv.readSeq(), unread, mentions, c.archived(), memberIds));
        }
        return out;
    }

    /** Moves the caller's read marker forward (never back); other devices hear of it through userSeq. */
    public long markRead(Principal who, UUID conversationId, long seq) {
        Conversation c = conversation(who, conversationId);
        if (seq < 0 || seq > c.lastSeq()) {
            throw ApiException.invalid("seq", "'seq' must be from 0 to the conversation's lastSeq (" + c.lastSeq() + ")");
        }
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

    public Map<UUID, Long> readMarkers(Principal who, UUID conversationId) {
        conversation(who, conversationId);
        Map<UUID, Long> out = new java.util.LinkedHashMap<>();
        conversations.readMarkers(db.dsl(), conversationId).forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    // ---- EventSource (for the stream gateway) ----

    @Override
    public Set<UUID> memberIds(UUID conversationId) {
        return new HashSet<>(conversations.memberIds(db.dsl(), conversationId));
    }

    @Override
    public List<Cursor> conversationsOf(UUID userId) {
        return conversations.forUser(db.dsl(), userId).stream()
                .map(mv -> new Cursor(mv.conversation().id(), mv.conversation().lastSeq())).toList();
    }

    @Override
    public List<ConversationFrame> frames(UUID conversationId, long after, long upTo, int limit) {
        return events.range(db.dsl(), conversationId, after, upTo, limit).stream()
                .map(e -> new ConversationFrame(conversationId, e.seq(),
                        org.confer.realtime.Frames.event(conversationId, e.seq(), e.payload())))
                .toList();
    }

    @Override
    public List<UserFrame> userFrames(UUID userId, long afterUserSeq, int limit) {
        return userEvents.after(db.dsl(), userId, afterUserSeq, limit);
    }

    @Override
    public long lastUserSeq(UUID userId) {
        return userEvents.lastSeq(db.dsl(), userId);
    }

    // ---- helpers ----

    private Conversation createConversation(ChatWriter.Tx tx, ConversationKind kind, UUID teamId, String name, String visibility,
                                            UUID by, List<UUID> memberIds, String directKey) {
        Conversation c = new Conversation(UUID.randomUUID(), kind, teamId, name, visibility, 0, by, tx.now, null);
        conversations.insert(tx.dsl(), c, directKey);
        for (UUID m : memberIds) {
            conversations.addMember(tx.dsl(), c.id(), m, 0, tx.now);
        }
        long seq = tx.append(c.id(), "conversation.created", new ConversationCreated(ConversationView.of(c), memberIds, by));
        Conversation created = new Conversation(c.id(), kind, teamId, name, visibility, seq, by, tx.now, null);
        for (UUID m : memberIds) {
            tx.toUser(m, "conversation.added", new ConversationAdded(ConversationView.of(created)));
            tx.membershipChanged(c.id(), m, true);
        }
        return created;
    }

    private void addToConversation(ChatWriter.Tx tx, Conversation c, UUID userId, UUID by) {
        long current = conversations.byId(tx.dsl(), c.id()).orElseThrow().lastSeq();
        if (!conversations.addMember(tx.dsl(), c.id(), userId, current, tx.now)) {
            return;
        }
        tx.append(c.id(), "member.added", new MemberChanged("member.added", userId, by));
        Conversation now = conversations.byId(tx.dsl(), c.id()).orElseThrow();
        tx.toUser(userId, "conversation.added", new ConversationAdded(ConversationView.of(now)));
        tx.membershipChanged(c.id(), userId, true);
    }

    private boolean removeFromConversation(ChatWriter.Tx tx, Conversation c, UUID userId, UUID by) {
        if (!conversations.removeMember(tx.dsl(), c.id(), userId)) {
            return false;
        }
        urgentRecipients.stopFor(tx.dsl(), c.id(), userId);
        tx.append(c.id(), "member.removed", new MemberChanged("member.removed", userId, by));
        tx.toUser(userId, "conversation.removed", new ConversationRemoved(c.id()));
        tx.membershipChanged(c.id(), userId, false);
        return true;
    }

    private void requireOwner(Principal who, UUID teamId) {
        if (teams.role(db.dsl(), teamId, who.userId()).orElse(null) != TeamRole.OWNER) {
            throw ApiException.forbidden("Only team owners can do this");
        }
    }

    private static void requireWritable(Conversation c) {
        if (c.archived()) {
            throw new ApiException(ProblemType.CONFLICT, "This conversation is archived and read-only");
        }
    }
}
