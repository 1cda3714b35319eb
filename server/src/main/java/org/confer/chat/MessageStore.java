package org.confer.chat;

import static org.confer.db.schema.Tables.MENTIONS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.MESSAGE_VERSIONS;
import static org.confer.db.schema.Tables.REACTIONS;
import static org.confer.db.schema.Tables.URGENT_RECIPIENTS;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.confer.db.PreRendered;
import org.confer.db.schema.tables.records.MessagesRecord;
import org.jooq.DSLContext;

/** SQL for messages and their mentions. */
public final class MessageStore {
    private final CardJson cards = new CardJson();
    // The two statements of every send, rendered once (see PreRendered).
    private final PreRendered insert = new PreRendered(dsl -> dsl.insertInto(MESSAGES)
            .set(MESSAGES.ID, DSL.param("id", MESSAGES.ID))
            .set(MESSAGES.CONVERSATION_ID, DSL.param("conversation", MESSAGES.CONVERSATION_ID))
            .set(MESSAGES.SEQ, DSL.param("seq", MESSAGES.SEQ))
            .set(MESSAGES.AUTHOR_ID, DSL.param("author", MESSAGES.AUTHOR_ID))
            .set(MESSAGES.CLIENT_MSG_ID, DSL.param("clientMsgId", MESSAGES.CLIENT_MSG_ID))
            .set(MESSAGES.THREAD_ROOT_ID, DSL.param("threadRoot", MESSAGES.THREAD_ROOT_ID))
            .set(MESSAGES.TEXT, DSL.param("text", MESSAGES.TEXT))
            .set(MESSAGES.URGENT, DSL.param("urgent", MESSAGES.URGENT))
            .set(MESSAGES.MENTIONS_CHANNEL, DSL.param("mentionsChannel", MESSAGES.MENTIONS_CHANNEL))
            .set(MESSAGES.CREATED_AT, DSL.param("createdAt", MESSAGES.CREATED_AT))
            .set(MESSAGES.CARD, DSL.param("card", MESSAGES.CARD)));
    private final PreRendered byClientMsgId = new PreRendered(dsl -> dsl.select(MESSAGES.fields()).from(MESSAGES)
            .where(MESSAGES.CONVERSATION_ID.eq(DSL.param("conversation", MESSAGES.CONVERSATION_ID))
                    .and(MESSAGES.AUTHOR_ID.eq(DSL.param("author", MESSAGES.AUTHOR_ID)))
                    .and(MESSAGES.CLIENT_MSG_ID.eq(DSL.param("clientMsgId", MESSAGES.CLIENT_MSG_ID)))));

    public void insert(DSLContext tx, Message m) {
        insert.execute(tx, DSL.val(m.id(), MESSAGES.ID), DSL.val(m.conversationId(), MESSAGES.CONVERSATION_ID),
                DSL.val(m.seq(), MESSAGES.SEQ), DSL.val(m.authorId(), MESSAGES.AUTHOR_ID),
                DSL.val(m.clientMsgId(), MESSAGES.CLIENT_MSG_ID), DSL.val(m.threadRootId(), MESSAGES.THREAD_ROOT_ID),
                DSL.val(m.text(), MESSAGES.TEXT), DSL.val(m.urgent(), MESSAGES.URGENT),
                DSL.val(m.mentionsChannel(), MESSAGES.MENTIONS_CHANNEL),
                DSL.val(m.createdAt(), MESSAGES.CREATED_AT), DSL.val(cards.write(m.card()), MESSAGES.CARD));
        if (!m.mentions().isEmpty()) {
            var insert = tx.insertInto(MENTIONS, MENTIONS.MESSAGE_ID, MENTIONS.USER_ID);
            for (UUID u : m.mentions()) {
                insert = insert.values(m.id(), u);
            }
            insert.execute();
        }
    }

    public Optional<Message> byId(DSLContext db, UUID id) {
        return db.selectFrom(MESSAGES).where(MESSAGES.ID.eq(id)).fetchOptional().map(r -> map(r, mentionsOf(db, List.of(r.getId()))));
    }

    public Optional<Message> byClientMsgId(DSLContext db, UUID conversationId, UUID authorId, String clientMsgId) {
        return byClientMsgId.fetchOptional(db, MESSAGES.fields(), DSL.val(conversationId, MESSAGES.CONVERSATION_ID),
                        DSL.val(authorId, MESSAGES.AUTHOR_ID), DSL.val(clientMsgId, MESSAGES.CLIENT_MSG_ID))
                .map(r -> r.into(MESSAGES))
                .map(r -> map(r, mentionsOf(db, List.of(r.getId()))));
    }

    /** Messages of a conversation with seq below {@code beforeSeq}, newest first, at most {@code limit}. */
    public List<Message> before(DSLContext db, UUID conversationId, long beforeSeq, int limit) {
        List<MessagesRecord> rows = db.selectFrom(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(conversationId).and(MESSAGES.SEQ.lt(beforeSeq)))
                .orderBy(MESSAGES.SEQ.desc()).limit(limit).fetch();
        Map<UUID, List<UUID>> mentions = mentionsOf(db, rows.stream().map(MessagesRecord::getId).toList());
        List<Message> out = new ArrayList<>(rows.size());
        for (MessagesRecord r : rows) {
            out.add(map(r, mentions));
        }
        return out;
    }

    private Map<UUID, List<UUID>> mentionsOf(DSLContext db, List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        return db.select(MENTIONS.MESSAGE_ID, MENTIONS.USER_ID).from(MENTIONS).where(MENTIONS.MESSAGE_ID.in(messageIds))
                .fetch().stream().collect(Collectors.groupingBy(r -> r.value1(), Collectors.mapping(r -> r.value2(), Collectors.toList())));
    }

    /**
     * Messages after {@code afterSeq} by someone else that mention me, by id or through
     * {@code @channel} / {@code @team} as a whole token (the stored {@link EveryoneMention}
     * result): the mention badge.
     */
    public int mentionCount(DSLContext db, UUID conversationId, UUID userId, long afterSeq) {
        return db.fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversationId)
                .and(MESSAGES.SEQ.gt(afterSeq))
                .and(MESSAGES.AUTHOR_ID.ne(userId))
                .and(MESSAGES.DELETED_AT.isNull())
                .and(MESSAGES.ID.in(db.select(MENTIONS.MESSAGE_ID).from(MENTIONS).where(MENTIONS.USER_ID.eq(userId)))
                        .or(MESSAGES.MENTIONS_CHANNEL.isTrue())));
    }

    /** Messages (not other events) after {@code afterSeq} written by someone else: the unread count. */
    public int unreadCount(DSLContext db, UUID conversationId, UUID userId, long afterSeq) {
        return db.fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversationId).and(MESSAGES.SEQ.gt(afterSeq))
                .and(MESSAGES.AUTHOR_ID.ne(userId)).and(MESSAGES.DELETED_AT.isNull()));
    }

    // ---- edits and deletion ----

    /** Keeps the text being replaced as the next version (1, 2, ...) for audit. */
    public void saveVersion(DSLContext tx, UUID messageId, String text, UUID replacedBy, OffsetDateTime at) {
        int next = tx.fetchCount(MESSAGE_VERSIONS, MESSAGE_VERSIONS.MESSAGE_ID.eq(messageId)) + 1;
        tx.insertInto(MESSAGE_VERSIONS)
                .set(MESSAGE_VERSIONS.MESSAGE_ID, messageId)
                .set(MESSAGE_VERSIONS.VERSION, next)
                .set(MESSAGE_VERSIONS.TEXT, text)
                .set(MESSAGE_VERSIONS.REPLACED_AT, at)
                .set(MESSAGE_VERSIONS.REPLACED_BY, replacedBy)
                .execute();
    }

    /** The text the message was posted with, when it has been edited or deleted since. */
    public Optional<String> postedText(DSLContext db, UUID messageId) {
        return db.select(MESSAGE_VERSIONS.TEXT).from(MESSAGE_VERSIONS)
                .where(MESSAGE_VERSIONS.MESSAGE_ID.eq(messageId).and(MESSAGE_VERSIONS.VERSION.eq(1)))
                .fetchOptional(MESSAGE_VERSIONS.TEXT);
    }

    public int versionCount(DSLContext db, UUID messageId) {
        return db.fetchCount(MESSAGE_VERSIONS, MESSAGE_VERSIONS.MESSAGE_ID.eq(messageId));
    }

    public void updateText(DSLContext tx, UUID messageId, String text, List<UUID> mentions, OffsetDateTime at) {
        tx.update(MESSAGES).set(MESSAGES.TEXT, text).set(MESSAGES.MENTIONS_CHANNEL, EveryoneMention.in(text))
                .set(MESSAGES.EDITED_AT, at).where(MESSAGES.ID.eq(messageId)).execute();
        tx.deleteFrom(MENTIONS).where(MENTIONS.MESSAGE_ID.eq(messageId)).execute();
        for (UUID u : mentions) {
            tx.insertInto(MENTIONS).set(MENTIONS.MESSAGE_ID, messageId).set(MENTIONS.USER_ID, u).execute();
        }
    }

    public void updateCard(DSLContext tx, UUID messageId, org.confer.events.MessageCard card) {
        tx.update(MESSAGES).set(MESSAGES.CARD, cards.write(card)).where(MESSAGES.ID.eq(messageId)).execute();
    }

    /** Removes the text, mentions and reactions; the row stays as a tombstone in its place. */
    public void tombstone(DSLContext tx, UUID messageId, OffsetDateTime at) {
        tx.update(MESSAGES).set(MESSAGES.TEXT, (String) null).set(MESSAGES.MENTIONS_CHANNEL, false).set(MESSAGES.DELETED_AT, at).where(MESSAGES.ID.eq(messageId)).execute();
        tx.deleteFrom(MENTIONS).where(MENTIONS.MESSAGE_ID.eq(messageId)).execute();
        tx.deleteFrom(REACTIONS).where(REACTIONS.MESSAGE_ID.eq(messageId)).execute();
        tx.update(URGENT_RECIPIENTS).set(URGENT_RECIPIENTS.NEXT_NOTIFY_AT, (OffsetDateTime) null)
                .where(URGENT_RECIPIENTS.MESSAGE_ID.eq(messageId)).execute();
    }

    // ---- reactions ----

    /** One emoji on one message: how many and who, in the order they reacted. */
    public record Reaction(String emoji, int count, List<UUID> userIds) {}

    public boolean addReaction(DSLContext tx, UUID messageId, UUID userId, String emoji, OffsetDateTime at) {
        if (tx.fetchExists(REACTIONS, REACTIONS.MESSAGE_ID.eq(messageId).and(REACTIONS.USER_ID.eq(userId)).and(REACTIONS.EMOJI.eq(emoji)))) {
            return false;
        }
        tx.insertInto(REACTIONS).set(REACTIONS.MESSAGE_ID, messageId).set(REACTIONS.USER_ID, userId)
                .set(REACTIONS.EMOJI, emoji).set(REACTIONS.CREATED_AT, at).execute();
        return true;
    }

    public boolean removeReaction(DSLContext tx, UUID messageId, UUID userId, String emoji) {
        return tx.deleteFrom(REACTIONS)
                .where(REACTIONS.MESSAGE_ID.eq(messageId).and(REACTIONS.USER_ID.eq(userId)).and(REACTIONS.EMOJI.eq(emoji)))
                .execute() == 1;
    }

    public int distinctReactionCount(DSLContext db, UUID messageId) {
        return db.fetchCount(db.selectDistinct(REACTIONS.EMOJI).from(REACTIONS).where(REACTIONS.MESSAGE_ID.eq(messageId)));
    }

    public Map<UUID, List<Reaction>> reactionsOf(DSLContext db, List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Map<String, List<UUID>>> grouped = new LinkedHashMap<>();
        db.select(REACTIONS.MESSAGE_ID, REACTIONS.EMOJI, REACTIONS.USER_ID).from(REACTIONS)
                .where(REACTIONS.MESSAGE_ID.in(messageIds))
                .orderBy(REACTIONS.CREATED_AT, REACTIONS.USER_ID)
                .forEach(r -> grouped.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.value2(), k -> new ArrayList<>()).add(r.value3()));
        Map<UUID, List<Reaction>> out = new LinkedHashMap<>();
        grouped.forEach((id, byEmoji) -> out.put(id, byEmoji.entrySet().stream()
                .map(e -> new Reaction(e.getKey(), e.getValue().size(), List.copyOf(e.getValue()))).toList()));
        return out;
    }

    // ---- threads ----

    public List<Message> replies(DSLContext db, UUID rootId, int limit) {
        List<MessagesRecord> rows = db.selectFrom(MESSAGES).where(MESSAGES.THREAD_ROOT_ID.eq(rootId))
                .orderBy(MESSAGES.SEQ).limit(limit).fetch();
        Map<UUID, List<UUID>> mentions = mentionsOf(db, rows.stream().map(MessagesRecord::getId).toList());
        return rows.stream().map(r -> map(r, mentions)).toList();
    }

    public Map<UUID, Integer> replyCounts(DSLContext db, List<UUID> rootIds) {
        if (rootIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Integer> out = new LinkedHashMap<>();
        db.select(MESSAGES.THREAD_ROOT_ID, DSL.count()).from(MESSAGES).where(MESSAGES.THREAD_ROOT_ID.in(rootIds))
                .groupBy(MESSAGES.THREAD_ROOT_ID).forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    private Message map(MessagesRecord r, Map<UUID, List<UUID>> mentions) {
        String text = r.getText();
        return new Message(r.getId(), r.getConversationId(), r.getSeq(), r.getAuthorId(), r.getClientMsgId(),
                r.getThreadRootId(), text, r.getUrgent(), mentions.getOrDefault(r.getId(), List.of()),
                text != null && r.getMentionsChannel(),
                r.getCreatedAt(), r.getEditedAt(), r.getDeletedAt(), cards.read(r.getCard()));
    }
}
