package org.confer.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.events.ConversationEvent.ConversationArchived;
import org.confer.events.ConversationEvent.ConversationRenamed;
import org.confer.events.ConversationWriter;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.identity.UserDirectory;
import org.confer.text.Fields;
import org.jooq.exception.DataAccessException;

/**
 * A conversation's life: starting direct and group chats, who is in them, renaming and
 * archiving. Channels are started by {@link TeamService}.
 */
public final class ConversationService {
    /** Beyond this a group chat should be a team: its members then get channels, owners and roles. */
    static final int MAX_GROUP_MEMBERS = 250;

    /** A chat that was started, or (for a direct chat) found. */
    public record Opened(Conversation conversation, boolean created) {}

    private final Database db;
    private final ConversationWriter writer;
    private final ConversationAccess access;
    private final ConversationStore conversations;
    private final TeamStore teams;
    private final UserDirectory users;
    private final ConversationMembership membership;
    private final WriteBudgets budgets;

    public ConversationService(Database db, ConversationWriter writer, ConversationAccess access, ConversationStore conversations,
                               TeamStore teams, UserDirectory users, ConversationMembership membership, WriteBudgets budgets) {
        this.db = db;
        this.writer = writer;
        this.access = access;
        this.conversations = conversations;
        this.teams = teams;
        this.users = users;
        this.membership = membership;
        this.budgets = budgets;
    }

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
        return switch (kind == null ? "" : kind) {
            case "direct" -> openDirect(who, others);
            case "group" -> createGroup(who, others, topic);
            default -> throw ApiException.invalid("kind", "'kind' must be direct or group");
        };
    }

    private Opened openDirect(Principal who, LinkedHashSet<UUID> others) {
        if (others.size() != 1) {
            throw ApiException.invalid("memberIds", "A direct chat is between you and exactly one other person");
        }
        UUID other = others.getFirst();
        String key = directKey(who.userId(), other);
        Optional<Conversation> existing = conversations.byDirectKey(db.dsl(), key);
        if (existing.isPresent()) {
            return new Opened(existing.get(), false);
        }
        if (!(who.isBot() && who.bot().isInternal())) {
            budgets.take(who.userId(), WriteBudgets.Kind.CREATE);
        }
        try {
            return new Opened(writer.write(tx -> membership.create(tx, ConversationKind.DIRECT, null, null, null, who.userId(),
                    List.of(who.userId(), other), key)), true);
        } catch (DataAccessException raced) {
            // The other person opened the same chat at the same moment: theirs is ours.
            return new Opened(conversations.byDirectKey(db.dsl(), key).orElseThrow(() -> raced), false);
        }
    }

    private Opened createGroup(Principal who, LinkedHashSet<UUID> others, String topic) {
        if (others.size() < 2) {
            throw ApiException.invalid("memberIds", "A group chat needs at least two other people (use a direct chat for one)");
        }
        if (others.size() > MAX_GROUP_MEMBERS) {
            throw ApiException.invalid("memberIds", "A group chat has at most " + MAX_GROUP_MEMBERS + " people; use a team for more");
        }
        String name = Fields.optional("topic", topic, Fields.MAX_NAME);
        budgets.take(who.userId(), WriteBudgets.Kind.CREATE);
        List<UUID> members = new ArrayList<>();
        members.add(who.userId());
        members.addAll(others);
        return new Opened(writer.write(tx -> membership.create(tx, ConversationKind.GROUP, null, name, null, who.userId(), members, null)), true);
    }

    /**
     * The group conversation of a scheduled meeting (org.confer.meetings): the organiser and at
     * least one other person, named by the meeting. Unlike a group started from the chat list
     * it may have just one other person — a meeting of two still has its own chat, apart from
     * their direct one — and, like every group, people of any organisation.
     */
    public Conversation createMeetingChat(Principal who, List<UUID> others, String name) {
        LinkedHashSet<UUID> distinct = new LinkedHashSet<>(others);
        distinct.remove(who.userId());
        if (distinct.isEmpty() || distinct.size() > MAX_GROUP_MEMBERS) {
            throw ApiException.invalid("invitees", "A meeting has from 1 to " + MAX_GROUP_MEMBERS + " invitees");
        }
        for (UUID id : distinct) {
            if (users.activeUser(id).isEmpty()) {
                throw ApiException.invalid("invitees", "No such active user: " + id);
            }
        }
        String topic = Fields.optional("title", name, Fields.MAX_NAME);
        budgets.take(who.userId(), WriteBudgets.Kind.CREATE);
        List<UUID> members = new ArrayList<>();
        members.add(who.userId());
        members.addAll(distinct);
        return writer.write(tx -> membership.create(tx, ConversationKind.GROUP, null, topic, null, who.userId(), members, null));
    }

    /**
     * The group of a feature's call, made by the system (visits: a visit's call, docs/virtual-visits.md):
     * one member is enough, nobody's create budget is spent (the feature limits how many it makes).
     */
    public Conversation createSystemGroup(UUID createdBy, List<UUID> members, String name) {
        LinkedHashSet<UUID> distinct = new LinkedHashSet<>();
        distinct.add(createdBy);
        distinct.addAll(members);
        String topic = Fields.optional("title", name, Fields.MAX_NAME);
        return writer.write(tx -> membership.create(tx, ConversationKind.GROUP, null, topic, null, createdBy, new ArrayList<>(distinct), null));
    }

    private static String directKey(UUID a, UUID b) {
        return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
    }

    public Conversation conversation(Principal who, UUID conversationId) {
        return access.requireMember(who, conversationId);
    }

    public List<UUID> members(Principal who, UUID conversationId) {
        access.requireMember(who, conversationId);
        return conversations.memberIds(db.dsl(), conversationId);
    }

    /** Adds someone to a group chat or private channel (any member may add; team channels need team members). */
    public void addMember(Principal who, UUID conversationId, UUID userId) {
        Conversation c = access.requireMember(who, conversationId);
        ConversationAccess.requireWritable(c);
        if (c.kind() == ConversationKind.DIRECT) {
            throw new ApiException(ProblemType.CONFLICT, "A direct chat is always two people; start a group chat instead");
        }
        org.confer.identity.User added = users.activeUser(userId)
                .orElseThrow(() -> ApiException.invalid("userId", "No such active user"));
        if (added.bot() && !added.organisationId().equals(who.organisationId())) {
            throw ApiException.invalid("userId", "Only bots of your own organisation can be added");
        }
        // A bot is not a team member: it joins any channel of its organisation it is added to.
        if (c.kind() == ConversationKind.CHANNEL && !added.bot()) {
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

    /**
     * A bot joins a channel or group as a system action (BotPoster.join; the built-in bots join
     * the queues and inboxes they serve): no caller membership, no team membership; idempotent
     * (no event when already a member). {@code by} is recorded as who added it.
     */
    public void addBotBySystem(UUID conversationId, UUID botUserId, UUID by) {
        addBySystem(conversationId, botUserId, by);
    }

    /**
     * Someone joins a group as a system action: a feature's own rule let them in (visits: a member
     * of the ward's team joining or admitting in a visit's call). Idempotent, like addBotBySystem.
     */
    public void addBySystem(UUID conversationId, UUID userId, UUID by) {
        Conversation c = conversations.byId(db.dsl(), conversationId).orElseThrow(() -> ApiException.notFound("Conversation"));
        if (c.kind() == ConversationKind.DIRECT) {
            throw new ApiException(ProblemType.CONFLICT, "A direct chat is always two people");
        }
        ConversationAccess.requireWritable(c);
        writer.inConversation(conversationId, tx -> {
            membership.add(tx, c, userId, by);
            return null;
        });
    }

    /** Removes someone (or leaves, when it is the caller). Standard channels follow team membership. */
    public void removeMember(Principal who, UUID conversationId, UUID userId) {
        Conversation c = access.requireMember(who, conversationId);
        if (c.kind() == ConversationKind.DIRECT) {
            throw new ApiException(ProblemType.CONFLICT, "You cannot leave a direct chat");
        }
        if (c.kind() == ConversationKind.CHANNEL && "standard".equals(c.visibility())) {
            throw new ApiException(ProblemType.CONFLICT, "Standard channel membership follows the team: leave or remove from the team");
        }
        if (!who.userId().equals(userId) && c.kind() == ConversationKind.CHANNEL) {
            access.requireTeamOwner(who, c.teamId());
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
        Conversation c = access.requireMember(who, conversationId);
        ConversationAccess.requireWritable(c);
        if (c.kind() == ConversationKind.DIRECT) {
            throw new ApiException(ProblemType.CONFLICT, "Direct chats have no name");
        }
        if (c.kind() == ConversationKind.CHANNEL) {
            access.requireTeamOwner(who, c.teamId());
        }
        String n = Fields.required("name", name, Fields.MAX_NAME);
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            conversations.rename(tx.dsl(), conversationId, n);
            return tx.append(conversationId, new ConversationRenamed(n, who.userId()));
        });
        return conversations.byId(db.dsl(), conversationId).orElseThrow();
    }

    /** Archived conversations are read-only. Channels: team owners; group chats: any member. */
    public Conversation archive(Principal who, UUID conversationId) {
        Conversation c = access.requireMember(who, conversationId);
        if (c.kind() == ConversationKind.CHANNEL) {
            access.requireTeamOwner(who, c.teamId());
        }
        if (c.archived()) {
            return c;
        }
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            conversations.setArchived(tx.dsl(), conversationId, tx.now());
            return tx.append(conversationId, new ConversationArchived(who.userId()));
        });
        return conversations.byId(db.dsl(), conversationId).orElseThrow();
    }
}
