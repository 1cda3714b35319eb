package org.confer.retention;

import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.FILES;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.MESSAGE_FILES;
import static org.confer.db.schema.Tables.MESSAGE_VERSIONS;
import static org.confer.db.schema.Tables.REACTIONS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The reads of a compliance export, a page at a time (docs/retention.md, "Compliance export"). */
final class ExportStore {
    record Conversation(UUID id, String kind, String name, OffsetDateTime createdAt, OffsetDateTime archivedAt) {}

    record Person(UUID id, UUID organisationId, String email, String displayName, String jobTitle, String status) {}

    record Edit(int version, String text, OffsetDateTime replacedAt, UUID replacedBy) {}

    record Reaction(String emoji, UUID userId, OffsetDateTime createdAt) {}

    record FileMeta(UUID id, String name, String contentType, long size, String sha256, String status) {}

    record Message(UUID id, UUID conversationId, long seq, UUID authorId, String authorName, UUID threadRootId, String text,
                   boolean urgent, OffsetDateTime createdAt, OffsetDateTime editedAt, OffsetDateTime deletedAt, String retained) {}

    /** A page of messages with what hangs off them. */
    record Page(List<Message> messages, Map<UUID, List<Edit>> edits, Map<UUID, List<Reaction>> reactions,
                Map<UUID, List<FileMeta>> files) {}

    /** Which messages an export covers: a conversation's, or everything a person wrote. */
    record Scope(UUID conversationId, UUID authorId) {
        Condition condition() {
            return conversationId != null ? MESSAGES.CONVERSATION_ID.eq(conversationId) : MESSAGES.AUTHOR_ID.eq(authorId);
        }
    }

    Optional<Conversation> conversation(DSLContext db, UUID id) {
        return db.select(CONVERSATIONS.ID, CONVERSATIONS.KIND, CONVERSATIONS.NAME, CONVERSATIONS.CREATED_AT, CONVERSATIONS.ARCHIVED_AT)
                .from(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id))
                .fetchOptional(r -> new Conversation(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    List<Person> members(DSLContext db, UUID conversationId) {
        return db.select(USERS.ID, USERS.ORGANISATION_ID, USERS.EMAIL, USERS.DISPLAY_NAME, USERS.JOB_TITLE, USERS.STATUS)
                .from(CONVERSATION_MEMBERS).join(USERS).on(USERS.ID.eq(CONVERSATION_MEMBERS.USER_ID))
                .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversationId)).orderBy(USERS.DISPLAY_NAME, USERS.ID)
                .fetch(r -> new Person(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    /** The conversations a person is in now. */
    List<Conversation> conversationsOf(DSLContext db, UUID userId) {
        return db.select(CONVERSATIONS.ID, CONVERSATIONS.KIND, CONVERSATIONS.NAME, CONVERSATIONS.CREATED_AT, CONVERSATIONS.ARCHIVED_AT)
                .from(CONVERSATION_MEMBERS).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID))
                .where(CONVERSATION_MEMBERS.USER_ID.eq(userId)).orderBy(CONVERSATIONS.CREATED_AT, CONVERSATIONS.ID)
                .fetch(r -> new Conversation(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    int count(DSLContext db, Scope scope) {
        return db.fetchCount(MESSAGES, scope.condition());
    }

    /** The bytes of the files the scope's messages carry (what the zip's attachments will weigh). */
    long fileBytes(DSLContext db, Scope scope) {
        Long sum = db.select(DSL.sum(FILES.SIZE)).from(MESSAGE_FILES).join(MESSAGES).on(MESSAGES.ID.eq(MESSAGE_FILES.MESSAGE_ID))
                .join(FILES).on(FILES.ID.eq(MESSAGE_FILES.FILE_ID)).where(scope.condition())
                .fetchOne(r -> r.value1() == null ? 0L : r.value1().longValue());
        return sum == null ? 0 : sum;
    }

    /** Messages after the keyset (created_at, id), oldest first, with their edits, reactions and files. */
    Page page(DSLContext db, Scope scope, OffsetDateTime afterTime, UUID afterId, int limit) {
        Condition after = afterTime == null ? DSL.noCondition()
                : MESSAGES.CREATED_AT.gt(afterTime).or(MESSAGES.CREATED_AT.eq(afterTime).and(MESSAGES.ID.gt(afterId)));
        List<Message> messages = db.select(MESSAGES.ID, MESSAGES.CONVERSATION_ID, MESSAGES.SEQ, MESSAGES.AUTHOR_ID, USERS.DISPLAY_NAME,
                        MESSAGES.THREAD_ROOT_ID, MESSAGES.TEXT, MESSAGES.URGENT, MESSAGES.CREATED_AT, MESSAGES.EDITED_AT,
                        MESSAGES.DELETED_AT, MESSAGES.RETAINED)
                .from(MESSAGES).join(USERS).on(USERS.ID.eq(MESSAGES.AUTHOR_ID))
                .where(scope.condition()).and(after).orderBy(MESSAGES.CREATED_AT, MESSAGES.ID).limit(limit)
                .fetch(r -> new Message(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8(), r.value9(), r.value10(), r.value11(), r.value12()));
        List<UUID> ids = messages.stream().map(Message::id).toList();
        return new Page(messages, edits(db, ids), reactions(db, ids), files(db, ids));
    }

    private Map<UUID, List<Edit>> edits(DSLContext db, Collection<UUID> ids) {
        Map<UUID, List<Edit>> out = new LinkedHashMap<>();
        db.selectFrom(MESSAGE_VERSIONS).where(MESSAGE_VERSIONS.MESSAGE_ID.in(ids)).orderBy(MESSAGE_VERSIONS.VERSION)
                .forEach(r -> out.computeIfAbsent(r.getMessageId(), k -> new ArrayList<>())
                        .add(new Edit(r.getVersion(), r.getText(), r.getReplacedAt(), r.getReplacedBy())));
        return out;
    }

    private Map<UUID, List<Reaction>> reactions(DSLContext db, Collection<UUID> ids) {
        Map<UUID, List<Reaction>> out = new LinkedHashMap<>();
        db.selectFrom(REACTIONS).where(REACTIONS.MESSAGE_ID.in(ids)).orderBy(REACTIONS.CREATED_AT, REACTIONS.USER_ID)
                .forEach(r -> out.computeIfAbsent(r.getMessageId(), k -> new ArrayList<>())
                        .add(new Reaction(r.getEmoji(), r.getUserId(), r.getCreatedAt())));
        return out;
    }

    private Map<UUID, List<FileMeta>> files(DSLContext db, Collection<UUID> ids) {
        Map<UUID, List<FileMeta>> out = new LinkedHashMap<>();
        db.select(MESSAGE_FILES.MESSAGE_ID, FILES.ID, FILES.NAME, FILES.CONTENT_TYPE, FILES.SIZE, FILES.SHA256, FILES.STATUS)
                .from(MESSAGE_FILES).join(FILES).on(FILES.ID.eq(MESSAGE_FILES.FILE_ID))
                .where(MESSAGE_FILES.MESSAGE_ID.in(ids)).orderBy(MESSAGE_FILES.MESSAGE_ID, MESSAGE_FILES.POSITION)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new FileMeta(r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7())));
        return out;
    }

    /** Display names of these people, for the readable page. */
    Map<UUID, String> names(DSLContext db, Collection<UUID> ids) {
        Map<UUID, String> out = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            db.select(USERS.ID, USERS.DISPLAY_NAME).from(USERS).where(USERS.ID.in(ids)).forEach(r -> out.put(r.value1(), r.value2()));
        }
        return out;
    }
}
