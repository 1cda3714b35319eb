package org.confer.chat;

import static org.confer.db.schema.Tables.MENTIONS;
import static org.confer.db.schema.Tables.MESSAGES;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.confer.db.schema.tables.records.MessagesRecord;
import org.jooq.DSLContext;

/** SQL for messages and their mentions. */
public final class MessageStore {

    public void insert(DSLContext tx, Message m) {
        tx.insertInto(MESSAGES)
                .set(MESSAGES.ID, m.id())
                .set(MESSAGES.CONVERSATION_ID, m.conversationId())
                .set(MESSAGES.SEQ, m.seq())
                .set(MESSAGES.AUTHOR_ID, m.authorId())
                .set(MESSAGES.CLIENT_MSG_ID, m.clientMsgId())
                .set(MESSAGES.THREAD_ROOT_ID, m.threadRootId())
                .set(MESSAGES.TEXT, m.text())
                .set(MESSAGES.URGENT, m.urgent())
                .set(MESSAGES.CREATED_AT, m.createdAt())
                .execute();
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
        return db.selectFrom(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(conversationId)
                        .and(MESSAGES.AUTHOR_ID.eq(authorId))
                        .and(MESSAGES.CLIENT_MSG_ID.eq(clientMsgId)))
                .fetchOptional().map(r -> map(r, mentionsOf(db, List.of(r.getId()))));
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

    /** Mentions-of-me count among messages after {@code afterSeq} written by someone else (like the unread count). */
    public int mentionCount(DSLContext db, UUID conversationId, UUID userId, long afterSeq) {
        return db.fetchCount(db.select(MENTIONS.MESSAGE_ID).from(MENTIONS).join(MESSAGES).on(MESSAGES.ID.eq(MENTIONS.MESSAGE_ID))
                .where(MENTIONS.USER_ID.eq(userId).and(MESSAGES.CONVERSATION_ID.eq(conversationId)).and(MESSAGES.SEQ.gt(afterSeq))
                        .and(MESSAGES.AUTHOR_ID.ne(userId)).and(MESSAGES.DELETED_AT.isNull())));
    }

    /** Messages (not other events) after {@code afterSeq} written by someone else: the unread count. */
    public int unreadCount(DSLContext db, UUID conversationId, UUID userId, long afterSeq) {
        return db.fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversationId).and(MESSAGES.SEQ.gt(afterSeq))
                .and(MESSAGES.AUTHOR_ID.ne(userId)).and(MESSAGES.DELETED_AT.isNull()));
    }

    private static Message map(MessagesRecord r, Map<UUID, List<UUID>> mentions) {
        String text = r.getText();
        return new Message(r.getId(), r.getConversationId(), r.getSeq(), r.getAuthorId(), r.getClientMsgId(),
                r.getThreadRootId(), text, r.getUrgent(), mentions.getOrDefault(r.getId(), List.of()),
                text != null && (text.contains("@channel") || text.contains("@team")),
                r.getCreatedAt(), r.getEditedAt(), r.getDeletedAt());
    }
}
