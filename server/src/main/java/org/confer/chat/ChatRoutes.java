package org.confer.chat;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;
import static org.confer.http.Route.put;

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
import org.confer.events.EventLog;
import org.confer.events.MessageCard;
import org.confer.identity.BotGrant;
import org.confer.identity.Principal;

/** HTTP routes for conversations, messages, reactions, acknowledgements, read state and the event logs. Thin: parse, call a service, map. */
public final class ChatRoutes {

    record NewMember(UUID userId, String role) {}

    record NewChat(String kind, List<UUID> memberIds, String topic) {}

    record Rename(String name) {}

    /** {@code card}: bots only (docs/bots-and-results.md, "Cards"). */
    record NewMessage(String text, String clientMsgId, UUID threadRootId, Boolean urgent, MessageCard card, List<UUID> files) {}

    record NewCard(MessageCard card) {}

    record ReadMarker(Long seq) {}

    record EventItem(long seq, @JsonRawValue String event) {}

    record UserEventItem(long userSeq, @JsonRawValue String event) {}

    record Items<T>(List<T> items) {}

    /** A history page: messages newest first, and the system events (membership, name) among them, ascending. */
    record HistoryPage(List<MessageView> items, List<EventItem> events) {}

    /** {@code createdBy}: who started it (in a group chat, the one person who may remove others). */
    record ConversationDetail(UUID id, String kind, UUID teamId, String name, String visibility, long lastSeq,
                              boolean archived, List<UUID> memberIds, UUID createdBy) {}

    record EditMessage(String text) {}

    record NewReaction(String emoji) {}

    private final ConversationService conversations;
    private final MessageService messages;
    private final ReactionService reactions;
    private final AcknowledgementService acknowledgements;
    private final ReadStateService reading;
    private final EventLog log;
    private final ObjectMapper mapper;

    public ChatRoutes(ConversationService conversations, MessageService messages, ReactionService reactions,
                      AcknowledgementService acknowledgements, ReadStateService reading, EventLog log, ObjectMapper mapper) {
        this.conversations = conversations;
        this.messages = messages;
        this.reactions = reactions;
        this.acknowledgements = acknowledgements;
        this.reading = reading;
        this.log = log;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/conversations", Access.SIGNED_IN, "Start a direct or group chat", this::createChat),
                get("/api/v1/conversations", Access.SIGNED_IN, "The caller's conversations with lastSeq, readSeq, unread and mention counts", this::myConversations),
                get("/api/v1/conversations/{conversationId}", Access.SIGNED_IN, "One conversation with its members", this::conversation),
                patch("/api/v1/conversations/{conversationId}", Access.SIGNED_IN, "Rename a group chat or channel", this::rename),
                post("/api/v1/conversations/{conversationId}/archive", Access.SIGNED_IN, "Archive (read-only from then on)", this::archive),
                post("/api/v1/conversations/{conversationId}/members", Access.SIGNED_IN, "Add a member to a group chat or private channel", this::addMember),
                delete("/api/v1/conversations/{conversationId}/members/{userId}", Access.SIGNED_IN, "Remove a member, or leave", this::removeMember),
                post("/api/v1/conversations/{conversationId}/messages", Access.SIGNED_IN, "Send a message (idempotent by clientMsgId)", this::postMessage)
                        .withBotScope(BotGrant.MESSAGES_WRITE),
                get("/api/v1/conversations/{conversationId}/messages", Access.SIGNED_IN, "Message history, newest first, paging backwards", this::history)
                        .withBotScope(BotGrant.MENTIONS_READ),
                patch("/api/v1/conversations/{conversationId}/messages/{messageId}", Access.SIGNED_IN, "Edit own message (earlier text kept for audit)", this::editMessage),
                put("/api/v1/conversations/{conversationId}/messages/{messageId}/card", Access.SIGNED_IN, "A bot replaces the card of its own message", this::updateCard)
                        .withBotScope(BotGrant.MESSAGES_WRITE),
                delete("/api/v1/conversations/{conversationId}/messages/{messageId}", Access.SIGNED_IN, "Delete a message (author or team owner); a tombstone remains", this::deleteMessage),
                post("/api/v1/conversations/{conversationId}/messages/{messageId}/reactions", Access.SIGNED_IN, "Add an emoji reaction", this::react),
                delete("/api/v1/conversations/{conversationId}/messages/{messageId}/reactions/{emoji}", Access.SIGNED_IN, "Remove own emoji reaction", this::unreact),
                get("/api/v1/conversations/{conversationId}/messages/{messageId}/thread", Access.SIGNED_IN, "A thread: its first message and the replies in order", this::thread)
                        .withBotScope(BotGrant.MENTIONS_READ),
                post("/api/v1/conversations/{conversationId}/messages/{messageId}/acknowledge", Access.SIGNED_IN, "Acknowledge an urgent message (stops its reminders)", this::acknowledge),
                get("/api/v1/conversations/{conversationId}/messages/{messageId}/acknowledgements", Access.SIGNED_IN, "Who has acknowledged an urgent message and who has not", this::acknowledgements),
                get("/api/v1/conversations/{conversationId}/events", Access.SIGNED_IN, "Stored events after a seq, ascending (gap fill, resume)", this::events)
                        .withBotScope(BotGrant.MENTIONS_READ),
                get("/api/v1/me/events", Access.SIGNED_IN, "The caller's stored user events after a userSeq, ascending (gap fill)", this::userEvents),
                post("/api/v1/conversations/{conversationId}/read", Access.SIGNED_IN, "Move the caller's read marker forward", this::markRead),
                get("/api/v1/conversations/{conversationId}/read-markers", Access.SIGNED_IN, "Every member's read marker (seen-by receipts)", this::readMarkers));
    }

    private static UUID conversationId(Context ctx) {
        return Requests.uuidPath(ctx, "conversationId", "Conversation");
    }

    private void createChat(Context ctx) {
        NewChat req = Requests.body(ctx, mapper, NewChat.class);
        Principal p = SignedIn.principal(ctx);
        ConversationService.Opened opened = conversations.createChat(p, req.kind(), req.memberIds(), req.topic());
        Conversation c = opened.conversation();
        ctx.status(opened.created() ? 201 : 200).json(detail(c, conversations.members(p, c.id())));
    }

    private void myConversations(Context ctx) {
        ctx.json(new Items<>(reading.myConversations(SignedIn.principal(ctx))));
    }

    private void conversation(Context ctx) {
        Principal p = SignedIn.principal(ctx);
        Conversation c = conversations.conversation(p, conversationId(ctx));
        ctx.json(detail(c, conversations.members(p, c.id())));
    }

    private void rename(Context ctx) {
        Rename req = Requests.body(ctx, mapper, Rename.class);
        Principal p = SignedIn.principal(ctx);
        Conversation c = conversations.rename(p, conversationId(ctx), req.name());
        ctx.json(ConversationView.of(c));
    }

    private void archive(Context ctx) {
        ctx.json(ConversationView.of(conversations.archive(SignedIn.principal(ctx), conversationId(ctx))));
    }

    private void addMember(Context ctx) {
        NewMember req = Requests.body(ctx, mapper, NewMember.class);
        if (req.userId() == null) {
            throw ApiException.invalid("userId", "'userId' is required");
        }
        conversations.addMember(SignedIn.principal(ctx), conversationId(ctx), req.userId());
        ctx.status(204);
    }

    private void removeMember(Context ctx) {
        conversations.removeMember(SignedIn.principal(ctx), conversationId(ctx), Requests.uuidPath(ctx, "userId", "Member"));
        ctx.status(204);
    }

    private void postMessage(Context ctx) {
        NewMessage req = Requests.body(ctx, mapper, NewMessage.class);
        MessageService.Posted posted = messages.post(SignedIn.principal(ctx), conversationId(ctx), req.text(), req.card(),
                req.clientMsgId(), req.threadRootId(), Boolean.TRUE.equals(req.urgent()), req.files() == null ? List.of() : req.files());
        ctx.status(posted.created() ? 201 : 200).json(MessageView.of(posted.message(), posted.files()));
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
        int limit = Requests.intQuery(ctx, "limit", 50);
        Principal p = SignedIn.principal(ctx);
        List<Message> page = messages.history(p, conversationId(ctx), beforeSeq, limit);
        List<EventItem> lines = messages.systemLines(p, conversationId(ctx), beforeSeq, page, limit).stream()
                .map(e -> new EventItem(e.seq(), e.payload())).toList();
        ctx.json(new HistoryPage(enrich(page), lines));
    }

    private static UUID messageId(Context ctx) {
        return Requests.uuidPath(ctx, "messageId", "Message");
    }

    private void editMessage(Context ctx) {
        EditMessage req = Requests.body(ctx, mapper, EditMessage.class);
        Message m = messages.edit(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx), req.text());
        ctx.json(MessageView.of(m, messages.files(List.of(m.id())).get(m.id())));
    }

    private void updateCard(Context ctx) {
        NewCard req = Requests.body(ctx, mapper, NewCard.class);
        ctx.json(MessageView.of(messages.updateCard(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx), req.card())));
    }

    private void deleteMessage(Context ctx) {
        messages.delete(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx));
        ctx.status(204);
    }

    private void react(Context ctx) {
        NewReaction req = Requests.body(ctx, mapper, NewReaction.class);
        reactions.react(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx), req.emoji());
        ctx.status(204);
    }

    private void unreact(Context ctx) {
        reactions.unreact(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx), ctx.pathParam("emoji"));
        ctx.status(204);
    }

    private void thread(Context ctx) {
        ctx.json(new Items<>(enrich(messages.thread(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx)))));
    }

    private void acknowledge(Context ctx) {
        ctx.json(Map.of("acknowledgedAt", acknowledgements.acknowledge(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx))));
    }

    private void acknowledgements(Context ctx) {
        ctx.json(new Items<>(acknowledgements.acknowledgements(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx))));
    }

    /** Adds reactions, reply counts and files to messages for display (one query each for the page). */
    private List<MessageView> enrich(List<Message> page) {
        List<UUID> ids = page.stream().map(Message::id).toList();
        var reactionsOf = reactions.reactions(ids);
        var replies = messages.replyCounts(ids);
        var files = messages.files(ids);
        return page.stream().map(m -> MessageView.of(m, files.get(m.id())).with(reactionsOf.getOrDefault(m.id(), List.of()),
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
        List<UserEventItem> items = log.userEvents(SignedIn.principal(ctx).userId(), after(ctx), Requests.intQuery(ctx, "limit", 500)).stream()
                .map(e -> new UserEventItem(e.userSeq(), e.payload())).toList();
        ctx.json(new Items<>(items));
    }

    private void events(Context ctx) {
        long after = after(ctx);
        UUID id = conversationId(ctx);
        List<EventItem> items = messages.events(SignedIn.principal(ctx), id, after, Requests.intQuery(ctx, "limit", 500)).stream()
                .map(e -> new EventItem(e.seq(), e.payload())).toList();
        ctx.json(new Items<>(items));
    }

    private void markRead(Context ctx) {
        ReadMarker req = Requests.body(ctx, mapper, ReadMarker.class);
        if (req.seq() == null) {
            throw ApiException.invalid("seq", "'seq' is required");
        }
        long readSeq = reading.markRead(SignedIn.principal(ctx), conversationId(ctx), req.seq());
        ctx.json(Map.of("readSeq", readSeq));
    }

    private void readMarkers(Context ctx) {
        ctx.json(Map.of("readSeqs", reading.readMarkers(SignedIn.principal(ctx), conversationId(ctx))));
    }

    private static ConversationDetail detail(Conversation c, List<UUID> members) {
        return new ConversationDetail(c.id(), c.kind().code(), c.teamId(), c.name(), c.visibility(), c.lastSeq(), c.archived(),
                members, c.createdBy());
    }
}
