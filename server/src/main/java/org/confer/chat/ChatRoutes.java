package org.confer.chat;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.identity.SignedIn;
import org.confer.http.Route;
import org.confer.chat.ChatViews.ConversationView;
import org.confer.chat.ChatViews.MessageView;
import org.confer.chat.ChatViews.TeamView;
import org.confer.identity.Principal;

/** HTTP routes for teams, channels, chats, messages and read state. Thin: parse, call ChatService, map. */
public final class ChatRoutes {

    record NewTeam(String name, String description) {}

    record NewMember(UUID userId, String role) {}

    record RoleChange(String role) {}

    record NewChannel(String name, String visibility, List<UUID> memberIds) {}

    record NewChat(String kind, List<UUID> memberIds, String topic) {}

    record Rename(String name) {}

    record NewMessage(String text, String clientMsgId, UUID threadRootId, Boolean urgent) {}

    record ReadMarker(Long seq) {}

    record EventItem(long seq, @JsonRawValue String event) {}

    record UserEventItem(long userSeq, @JsonRawValue String event) {}

    record Items<T>(List<T> items) {}

    /** {@code createdBy}: who started it (in a group chat, the one person who may remove others). */
    record ConversationDetail(UUID id, String kind, UUID teamId, String name, String visibility, long lastSeq,
                              boolean archived, List<UUID> memberIds, UUID createdBy) {}

    record EditMessage(String text) {}

    record TeamMemberView(UUID userId, String role) {}

    /** {@code userIds} for existing clients; {@code members} adds each one's role (owner or member). */
    record TeamMembers(List<UUID> userIds, List<TeamMemberView> members) {}

    record NewReaction(String emoji) {}

    private final ChatService chat;
    private final TeamService teams;
    private final MessageService messages;
    private final UserEventLog userEvents;
    private final ObjectMapper mapper;

    public ChatRoutes(ChatService chat, TeamService teams, MessageService messages, UserEventLog userEvents, ObjectMapper mapper) {
        this.chat = chat;
        this.teams = teams;
        this.messages = messages;
        this.userEvents = userEvents;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/teams", Access.SIGNED_IN, "Create a team (with its General channel); the creator is owner", this::createTeam),
                get("/api/v1/teams", Access.SIGNED_IN, "Teams the caller belongs to", this::myTeams),
                get("/api/v1/teams/{teamId}/members", Access.SIGNED_IN, "Members of a team", this::teamMembers),
                post("/api/v1/teams/{teamId}/members", Access.SIGNED_IN, "Add a person to a team (owners)", this::addTeamMember),
                patch("/api/v1/teams/{teamId}/members/{userId}", Access.SIGNED_IN, "Make a member owner, or an owner member (owners)", this::changeTeamRole),
                delete("/api/v1/teams/{teamId}/members/{userId}", Access.SIGNED_IN, "Remove from a team (owners), or leave", this::removeTeamMember),
                get("/api/v1/teams/{teamId}/channels", Access.SIGNED_IN, "Channels of a team visible to the caller", this::channels),
                post("/api/v1/teams/{teamId}/channels", Access.SIGNED_IN, "Create a standard or private channel", this::createChannel),
                post("/api/v1/conversations", Access.SIGNED_IN, "Start a direct or group chat", this::createChat),
                get("/api/v1/conversations", Access.SIGNED_IN, "The caller's conversations with lastSeq, readSeq, unread and mention counts", this::myConversations),
                get("/api/v1/conversations/{conversationId}", Access.SIGNED_IN, "One conversation with its members", this::conversation),
                patch("/api/v1/conversations/{conversationId}", Access.SIGNED_IN, "Rename a group chat or channel", this::rename),
                post("/api/v1/conversations/{conversationId}/archive", Access.SIGNED_IN, "Archive (read-only from then on)", this::archive),
                post("/api/v1/conversations/{conversationId}/members", Access.SIGNED_IN, "Add a member to a group chat or private channel", this::addMember),
                delete("/api/v1/conversations/{conversationId}/members/{userId}", Access.SIGNED_IN, "Remove a member, or leave", this::removeMember),
                post("/api/v1/conversations/{conversationId}/messages", Access.SIGNED_IN, "Send a message (idempotent by clientMsgId)", this::postMessage),
                get("/api/v1/conversations/{conversationId}/messages", Access.SIGNED_IN, "Message history, newest first, paging backwards", this::history),
                patch("/api/v1/conversations/{conversationId}/messages/{messageId}", Access.SIGNED_IN, "Edit own message (earlier text kept for audit)", this::editMessage),
                delete("/api/v1/conversations/{conversationId}/messages/{messageId}", Access.SIGNED_IN, "Delete a message (author or team owner); a tombstone remains", this::deleteMessage),
                post("/api/v1/conversations/{conversationId}/messages/{messageId}/reactions", Access.SIGNED_IN, "Add an emoji reaction", this::react),
                delete("/api/v1/conversations/{conversationId}/messages/{messageId}/reactions/{emoji}", Access.SIGNED_IN, "Remove own emoji reaction", this::unreact),
                get("/api/v1/conversations/{conversationId}/messages/{messageId}/thread", Access.SIGNED_IN, "A thread: its first message and the replies in order", this::thread),
                post("/api/v1/conversations/{conversationId}/messages/{messageId}/acknowledge", Access.SIGNED_IN, "Acknowledge an urgent message (stops its reminders)", this::acknowledge),
                get("/api/v1/conversations/{conversationId}/messages/{messageId}/acknowledgements", Access.SIGNED_IN, "Who has acknowledged an urgent message and who has not", this::acknowledgements),
                get("/api/v1/conversations/{conversationId}/events", Access.SIGNED_IN, "Stored events after a seq, ascending (gap fill, resume)", this::events),
                get("/api/v1/me/events", Access.SIGNED_IN, "The caller's stored user events after a userSeq, ascending (gap fill)", this::userEvents),
                post("/api/v1/conversations/{conversationId}/read", Access.SIGNED_IN, "Move the caller's read marker forward", this::markRead),
                get("/api/v1/conversations/{conversationId}/read-markers", Access.SIGNED_IN, "Every member's read marker (seen-by receipts)", this::readMarkers));
    }

    private static UUID conversationId(Context ctx) {
        return Requests.uuidPath(ctx, "conversationId", "Conversation");
    }

    private static UUID teamId(Context ctx) {
        return Requests.uuidPath(ctx, "teamId", "Team");
    }

    private void createTeam(Context ctx) {
        NewTeam req = Requests.body(ctx, mapper, NewTeam.class);
        Principal p = SignedIn.principal(ctx);
        Team t = teams.createTeam(p, req.name(), req.description());
        ctx.status(201).json(new TeamView(t.id(), t.name(), t.description(), "owner", t.createdAt()));
    }

    private void myTeams(Context ctx) {
        ctx.json(new Items<>(teams.myTeams(SignedIn.principal(ctx))));
    }

    private void teamMembers(Context ctx) {
        List<TeamMember> members = teams.teamMembers(SignedIn.principal(ctx), teamId(ctx));
        ctx.json(new TeamMembers(members.stream().map(TeamMember::userId).toList(),
                members.stream().map(m -> new TeamMemberView(m.userId(), m.role().code())).toList()));
    }

    private void addTeamMember(Context ctx) {
        NewMember req = Requests.body(ctx, mapper, NewMember.class);
        if (req.userId() == null) {
            throw ApiException.invalid("userId", "'userId' is required");
        }
        teams.addTeamMember(SignedIn.principal(ctx), teamId(ctx), req.userId(), role(req.role(), TeamRole.MEMBER));
        ctx.status(204);
    }

    private void changeTeamRole(Context ctx) {
        RoleChange req = Requests.body(ctx, mapper, RoleChange.class);
        teams.changeRole(SignedIn.principal(ctx), teamId(ctx), Requests.uuidPath(ctx, "userId", "Team member"), role(req.role(), null));
        ctx.status(204);
    }

    /** "owner" or "member"; {@code absent} when not given (null: the role is required). */
    private static TeamRole role(String code, TeamRole absent) {
        if (code == null && absent != null) {
            return absent;
        }
        return switch (code == null ? "" : code) {
            case "owner" -> TeamRole.OWNER;
            case "member" -> TeamRole.MEMBER;
            default -> throw ApiException.invalid("role", "'role' must be owner or member");
        };
    }

    private void removeTeamMember(Context ctx) {
        teams.removeTeamMember(SignedIn.principal(ctx), teamId(ctx), Requests.uuidPath(ctx, "userId", "Team member"));
        ctx.status(204);
    }

    private void channels(Context ctx) {
        ctx.json(new Items<>(teams.channels(SignedIn.principal(ctx), teamId(ctx)).stream().map(ConversationView::of).toList()));
    }

    private void createChannel(Context ctx) {
        NewChannel req = Requests.body(ctx, mapper, NewChannel.class);
        Conversation c = teams.createChannel(SignedIn.principal(ctx), teamId(ctx), req.name(), req.visibility(), req.memberIds());
        ctx.status(201).json(ConversationView.of(c));
    }

    private void createChat(Context ctx) {
        NewChat req = Requests.body(ctx, mapper, NewChat.class);
        Principal p = SignedIn.principal(ctx);
        ChatService.Opened opened = chat.createChat(p, req.kind(), req.memberIds(), req.topic());
        Conversation c = opened.conversation();
        ctx.status(opened.created() ? 201 : 200).json(detail(c, chat.members(p, c.id())));
    }

    private void myConversations(Context ctx) {
        ctx.json(new Items<>(chat.myConversations(SignedIn.principal(ctx))));
    }

    private void conversation(Context ctx) {
        Principal p = SignedIn.principal(ctx);
        Conversation c = chat.conversation(p, conversationId(ctx));
        ctx.json(detail(c, chat.members(p, c.id())));
    }

    private void rename(Context ctx) {
        Rename req = Requests.body(ctx, mapper, Rename.class);
        Principal p = SignedIn.principal(ctx);
        Conversation c = chat.rename(p, conversationId(ctx), req.name());
        ctx.json(ConversationView.of(c));
    }

    private void archive(Context ctx) {
        ctx.json(ConversationView.of(chat.archive(SignedIn.principal(ctx), conversationId(ctx))));
    }

    private void addMember(Context ctx) {
        NewMember req = Requests.body(ctx, mapper, NewMember.class);
        if (req.userId() == null) {
            throw ApiException.invalid("userId", "'userId' is required");
        }
        chat.addMember(SignedIn.principal(ctx), conversationId(ctx), req.userId());
        ctx.status(204);
    }

    private void removeMember(Context ctx) {
        chat.removeMember(SignedIn.principal(ctx), conversationId(ctx), Requests.uuidPath(ctx, "userId", "Member"));
        ctx.status(204);
    }

    private void postMessage(Context ctx) {
        NewMessage req = Requests.body(ctx, mapper, NewMessage.class);
        ChatService.Posted posted = chat.post(SignedIn.principal(ctx), conversationId(ctx), req.text(), req.clientMsgId(),
                req.threadRootId(), Boolean.TRUE.equals(req.urgent()));
        ctx.status(posted.created() ? 201 : 200).json(MessageView.of(posted.message()));
    }

    private void history(Context ctx) {
        String before = ctx.queryParam("before");
        Long beforeSeq = null;
        if (before != null && !before.isBlank()) {
            try {
                beforeSeq = Long.parseLong(before);
            } catch (NumberFormatException e) {
                throw ApiException.invalid("before", "'before' must be a seq number");
            }
        }
        List<Message> page = chat.history(SignedIn.principal(ctx), conversationId(ctx), beforeSeq, Requests.intQuery(ctx, "limit", 50));
        ctx.json(new Items<>(enrich(page)));
    }

    private static UUID messageId(Context ctx) {
        return Requests.uuidPath(ctx, "messageId", "Message");
    }

    private void editMessage(Context ctx) {
        EditMessage req = Requests.body(ctx, mapper, EditMessage.class);
        Message m = messages.edit(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx), req.text());
        ctx.json(MessageView.of(m));
    }

    private void deleteMessage(Context ctx) {
        messages.delete(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx));
        ctx.status(204);
    }

    private void react(Context ctx) {
        NewReaction req = Requests.body(ctx, mapper, NewReaction.class);
        messages.react(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx), req.emoji());
        ctx.status(204);
    }

    private void unreact(Context ctx) {
        messages.unreact(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx), ctx.pathParam("emoji"));
        ctx.status(204);
    }

    private void thread(Context ctx) {
        ctx.json(new Items<>(enrich(messages.thread(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx)))));
    }

    private void acknowledge(Context ctx) {
        ctx.json(Map.of("acknowledgedAt", messages.acknowledge(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx))));
    }

    private void acknowledgements(Context ctx) {
        ctx.json(new Items<>(messages.acknowledgements(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx))));
    }

    /** Adds reactions and reply counts to messages for display. */
    private List<MessageView> enrich(List<Message> page) {
        List<UUID> ids = page.stream().map(Message::id).toList();
        var reactions = messages.reactions(ids);
        var replies = messages.replyCounts(ids);
        return page.stream().map(m -> MessageView.of(m).with(reactions.getOrDefault(m.id(), List.of()),
                m.threadRootId() == null ? replies.getOrDefault(m.id(), 0) : null)).toList();
    }

    private static long after(Context ctx) {
        try {
            return Long.parseLong(ctx.queryParamAsClass("after", String.class).getOrDefault("0"));
        } catch (NumberFormatException e) {
            throw ApiException.invalid("after", "'after' must be a seq number");
        }
    }

    private void userEvents(Context ctx) {
        List<UserEventItem> items = userEvents.after(SignedIn.principal(ctx), after(ctx), Requests.intQuery(ctx, "limit", 500)).stream()
                .map(e -> new UserEventItem(e.userSeq(), e.payload())).toList();
        ctx.json(new Items<>(items));
    }

    private void events(Context ctx) {
        long after = after(ctx);
        UUID id = conversationId(ctx);
        List<EventItem> items = chat.events(SignedIn.principal(ctx), id, after, Requests.intQuery(ctx, "limit", 500)).stream()
                .map(e -> new EventItem(e.seq(), e.payload())).toList();
        ctx.json(new Items<>(items));
    }

    private void markRead(Context ctx) {
        ReadMarker req = Requests.body(ctx, mapper, ReadMarker.class);
        if (req.seq() == null) {
            throw ApiException.invalid("seq", "'seq' is required");
        }
        long readSeq = chat.markRead(SignedIn.principal(ctx), conversationId(ctx), req.seq());
        ctx.json(Map.of("readSeq", readSeq));
    }

    private void readMarkers(Context ctx) {
        ctx.json(Map.of("readSeqs", chat.readMarkers(SignedIn.principal(ctx), conversationId(ctx))));
    }

    private static ConversationDetail detail(Conversation c, List<UUID> members) {
        return new ConversationDetail(c.id(), c.kind().code(), c.teamId(), c.name(), c.visibility(), c.lastSeq(), c.archived(),
                members, c.createdBy());
    }
}
