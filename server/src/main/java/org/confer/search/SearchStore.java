package org.confer.search;

import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.FILES;
import static org.confer.db.schema.Tables.MENTIONS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.MESSAGE_FILES;
import static org.confer.db.schema.Tables.TEAMS;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.db.schema.tables.ConversationMembers;
import org.confer.db.schema.tables.Users;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The SQL of search that is the same on both engines: whose conversations a person is in now,
 * the current rows of matched messages (deleted ones left out, members only), the messages an
 * index must catch up or be rebuilt from, and conversations and teams by name. It reads chat's
 * and identity's generated tables; it never imports their stores.
 */
public final class SearchStore {

    /** A matched message as the answer shows it, read when the search runs. */
    public record MessageRow(UUID id, UUID conversationId, String conversationName, String conversationKind, UUID teamId,
                             String teamName, long seq, UUID threadRootId, UUID authorId, String authorName, String text,
                             OffsetDateTime createdAt, OffsetDateTime editedAt) {}

    /** A message to index, or to remove when deleted. */
    public record Change(IndexedMessage message, boolean deleted) {}

    public record ConversationRow(UUID id, String kind, String name, UUID teamId, String teamName) {}

    public record TeamRow(UUID id, String name) {}

    /** A file as a standing message carries it. */
    public record FileRow(UUID messageId, UUID id, String name, String contentType, long size, UUID conversationId,
                          OffsetDateTime sharedAt) {}

    /** The conversations {@code userId} is a member of now. */
    public Set<UUID> memberOf(DSLContext db, UUID userId) {
        return new HashSet<>(db.select(CONVERSATION_MEMBERS.CONVERSATION_ID).from(CONVERSATION_MEMBERS)
                .where(CONVERSATION_MEMBERS.USER_ID.eq(userId)).fetch(CONVERSATION_MEMBERS.CONVERSATION_ID));
    }

    /** The current rows of these messages that {@code userId} may see now: not deleted, in a conversation they are in. */
    public Map<UUID, MessageRow> visible(DSLContext db, UUID userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Users authors = USERS.as("author");
        // A direct chat has no name: the caller sees it by the other person's.
        ConversationMembers other = CONVERSATION_MEMBERS.as("other");
        Users otherUser = USERS.as("other_user");
        Map<UUID, MessageRow> out = new HashMap<>();
        db.select(MESSAGES.ID, MESSAGES.CONVERSATION_ID, CONVERSATIONS.NAME, CONVERSATIONS.KIND, CONVERSATIONS.TEAM_ID, TEAMS.NAME,
                        MESSAGES.SEQ, MESSAGES.THREAD_ROOT_ID, MESSAGES.AUTHOR_ID, authors.DISPLAY_NAME, MESSAGES.TEXT,
                        MESSAGES.CREATED_AT, MESSAGES.EDITED_AT, otherUser.DISPLAY_NAME)
                .from(MESSAGES)
                .join(CONVERSATION_MEMBERS).on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(MESSAGES.CONVERSATION_ID)
                        .and(CONVERSATION_MEMBERS.USER_ID.eq(userId)))
                .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(MESSAGES.CONVERSATION_ID))
                .leftJoin(TEAMS).on(TEAMS.ID.eq(CONVERSATIONS.TEAM_ID))
                .join(authors).on(authors.ID.eq(MESSAGES.AUTHOR_ID))
                .leftJoin(other).on(other.CONVERSATION_ID.eq(CONVERSATIONS.ID).and(CONVERSATIONS.KIND.eq("direct"))
                        .and(other.USER_ID.ne(userId)))
                .leftJoin(otherUser).on(otherUser.ID.eq(other.USER_ID))
                .where(MESSAGES.ID.in(ids).and(MESSAGES.DELETED_AT.isNull()))
                .forEach(r -> out.put(r.get(MESSAGES.ID), new MessageRow(r.get(MESSAGES.ID), r.get(MESSAGES.CONVERSATION_ID),
                        r.get(CONVERSATIONS.NAME) != null ? r.get(CONVERSATIONS.NAME) : r.get(otherUser.DISPLAY_NAME),
                        r.get(CONVERSATIONS.KIND), r.get(CONVERSATIONS.TEAM_ID), r.get(TEAMS.NAME),
                        r.get(MESSAGES.SEQ), r.get(MESSAGES.THREAD_ROOT_ID), r.get(MESSAGES.AUTHOR_ID), r.get(authors.DISPLAY_NAME),
                        r.get(MESSAGES.TEXT), r.get(MESSAGES.CREATED_AT), r.get(MESSAGES.EDITED_AT))));
        return out;
    }

    /** Up to {@code limit} messages created, edited or deleted at or after {@code since}, by id after {@code afterId}. */
    public List<Change> changedSince(DSLContext db, OffsetDateTime since, UUID afterId, int limit) {
        Condition changed = MESSAGES.CREATED_AT.ge(since).or(MESSAGES.EDITED_AT.ge(since)).or(MESSAGES.DELETED_AT.ge(since));
        return changes(db, changed, afterId, limit);
    }

    /** Up to {@code limit} messages that stand (not deleted), by id after {@code afterId}: a rebuild's pages. */
    public List<Change> standing(DSLContext db, UUID afterId, int limit) {
        return changes(db, MESSAGES.DELETED_AT.isNull(), afterId, limit);
    }

    private List<Change> changes(DSLContext db, Condition where, UUID afterId, int limit) {
        Condition page = afterId == null ? where : where.and(MESSAGES.ID.gt(afterId));
        List<Record> rows = new ArrayList<>(db.select(MESSAGES.ID, MESSAGES.CONVERSATION_ID, MESSAGES.AUTHOR_ID, MESSAGES.CREATED_AT,
                        MESSAGES.TEXT, MESSAGES.MENTIONS_CHANNEL, MESSAGES.DELETED_AT)
                .from(MESSAGES).where(page).orderBy(MESSAGES.ID).limit(limit).fetch());
        Map<UUID, List<UUID>> mentions = new HashMap<>();
        if (!rows.isEmpty()) {
            db.select(MENTIONS.MESSAGE_ID, MENTIONS.USER_ID).from(MENTIONS)
                    .where(MENTIONS.MESSAGE_ID.in(rows.stream().map(r -> r.get(MESSAGES.ID)).toList()))
                    .forEach(r -> mentions.computeIfAbsent(r.get(MENTIONS.MESSAGE_ID), k -> new ArrayList<>()).add(r.get(MENTIONS.USER_ID)));
        }
        Map<UUID, List<FileRow>> files = filesOf(db, rows.stream().map(r -> r.get(MESSAGES.ID)).toList());
        return rows.stream().map(r -> new Change(new IndexedMessage(r.get(MESSAGES.ID), r.get(MESSAGES.CONVERSATION_ID),
                r.get(MESSAGES.AUTHOR_ID), r.get(MESSAGES.CREATED_AT), r.get(MESSAGES.TEXT),
                mentions.getOrDefault(r.get(MESSAGES.ID), List.of()), r.get(MESSAGES.MENTIONS_CHANNEL),
                files.getOrDefault(r.get(MESSAGES.ID), List.of()).stream().map(FileRow::name).toList()),
                r.get(MESSAGES.DELETED_AT) != null)).toList();
    }

    /** The files each of these messages carries, in the order they were attached (one query for a page). */
    public Map<UUID, List<FileRow>> filesOf(DSLContext db, List<UUID> messageIds) {
        Map<UUID, List<FileRow>> out = new HashMap<>();
        if (messageIds.isEmpty()) {
            return out;
        }
        db.select(MESSAGE_FILES.MESSAGE_ID, FILES.ID, FILES.NAME, FILES.CONTENT_TYPE, FILES.SIZE, MESSAGES.CONVERSATION_ID,
                        MESSAGES.CREATED_AT)
                .from(MESSAGE_FILES).join(FILES).on(FILES.ID.eq(MESSAGE_FILES.FILE_ID))
                .join(MESSAGES).on(MESSAGES.ID.eq(MESSAGE_FILES.MESSAGE_ID))
                .where(MESSAGE_FILES.MESSAGE_ID.in(messageIds))
                .orderBy(MESSAGE_FILES.MESSAGE_ID, MESSAGE_FILES.POSITION)
                .forEach(r -> out.computeIfAbsent(r.get(MESSAGE_FILES.MESSAGE_ID), k -> new ArrayList<>()).add(fileRow(r)));
        return out;
    }

    /**
     * Files whose name holds {@code name}, shared by a standing message in a conversation {@code userId}
     * is in now, newest first; the message filters (in, from, after, before) apply to the sharing message.
     */
    public List<FileRow> filesNamed(DSLContext db, UUID userId, String name, SearchQuery q) {
        Condition where = MESSAGES.DELETED_AT.isNull();
        if (name != null && !name.isBlank()) {
            where = where.and(DSL.lower(FILES.NAME).like(containsPattern(name.strip()), '\\'));
        }
        if (q.in() != null) {
            where = where.and(MESSAGES.CONVERSATION_ID.eq(q.in()));
        }
        if (q.from() != null) {
            where = where.and(MESSAGES.AUTHOR_ID.eq(q.from()));
        }
        if (q.after() != null) {
            where = where.and(MESSAGES.CREATED_AT.ge(q.after().atOffset(java.time.ZoneOffset.UTC)));
        }
        if (q.before() != null) {
            where = where.and(MESSAGES.CREATED_AT.lt(q.before().atOffset(java.time.ZoneOffset.UTC)));
        }
        return db.select(MESSAGE_FILES.MESSAGE_ID, FILES.ID, FILES.NAME, FILES.CONTENT_TYPE, FILES.SIZE, MESSAGES.CONVERSATION_ID,
                        MESSAGES.CREATED_AT)
                .from(MESSAGE_FILES).join(FILES).on(FILES.ID.eq(MESSAGE_FILES.FILE_ID))
                .join(MESSAGES).on(MESSAGES.ID.eq(MESSAGE_FILES.MESSAGE_ID))
                .join(CONVERSATION_MEMBERS).on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(MESSAGES.CONVERSATION_ID)
                        .and(CONVERSATION_MEMBERS.USER_ID.eq(userId)))
                .where(where)
                .orderBy(MESSAGES.CREATED_AT.desc(), FILES.ID)
                .limit(q.limit())
                .fetch(SearchStore::fileRow);
    }

    private static FileRow fileRow(Record r) {
        return new FileRow(r.get(MESSAGE_FILES.MESSAGE_ID), r.get(FILES.ID), r.get(FILES.NAME), r.get(FILES.CONTENT_TYPE),
                r.get(FILES.SIZE), r.get(MESSAGES.CONVERSATION_ID), r.get(MESSAGES.CREATED_AT));
    }

    /**
     * Conversations by name for {@code userId}: those they are in (a direct chat by the other
     * person's name), and the standard channels of their teams, which they may open and join.
     */
    public List<ConversationRow> conversations(DSLContext db, UUID userId, String text, int limit) {
        String like = containsPattern(text);
        ConversationMembers other = CONVERSATION_MEMBERS.as("other");
        Users otherUser = USERS.as("other_user");
        Map<UUID, ConversationRow> out = new java.util.LinkedHashMap<>();
        db.select(CONVERSATIONS.ID, CONVERSATIONS.KIND, CONVERSATIONS.NAME, CONVERSATIONS.TEAM_ID, TEAMS.NAME, otherUser.DISPLAY_NAME)
                .from(CONVERSATIONS)
                .join(CONVERSATION_MEMBERS).on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(CONVERSATIONS.ID)
                        .and(CONVERSATION_MEMBERS.USER_ID.eq(userId)))
                .leftJoin(TEAMS).on(TEAMS.ID.eq(CONVERSATIONS.TEAM_ID))
                .leftJoin(other).on(other.CONVERSATION_ID.eq(CONVERSATIONS.ID).and(CONVERSATIONS.KIND.eq("direct"))
                        .and(other.USER_ID.ne(userId)))
                .leftJoin(otherUser).on(otherUser.ID.eq(other.USER_ID))
                .where(DSL.lower(CONVERSATIONS.NAME).like(like, '\\').or(DSL.lower(otherUser.DISPLAY_NAME).like(like, '\\')))
                .orderBy(CONVERSATIONS.NAME, CONVERSATIONS.ID)
                .limit(limit)
                .forEach(r -> out.put(r.get(CONVERSATIONS.ID), new ConversationRow(r.get(CONVERSATIONS.ID), r.get(CONVERSATIONS.KIND),
                        r.get(CONVERSATIONS.NAME) != null ? r.get(CONVERSATIONS.NAME) : r.get(otherUser.DISPLAY_NAME),
                        r.get(CONVERSATIONS.TEAM_ID), r.get(TEAMS.NAME))));
        if (out.size() < limit) {
            db.select(CONVERSATIONS.ID, CONVERSATIONS.KIND, CONVERSATIONS.NAME, CONVERSATIONS.TEAM_ID, TEAMS.NAME)
                    .from(CONVERSATIONS)
                    .join(TEAMS).on(TEAMS.ID.eq(CONVERSATIONS.TEAM_ID))
                    .join(TEAM_MEMBERS).on(TEAM_MEMBERS.TEAM_ID.eq(TEAMS.ID).and(TEAM_MEMBERS.USER_ID.eq(userId)))
                    .where(CONVERSATIONS.KIND.eq("channel").and(CONVERSATIONS.VISIBILITY.eq("standard"))
                            .and(CONVERSATIONS.ARCHIVED_AT.isNull()).and(DSL.lower(CONVERSATIONS.NAME).like(like, '\\')))
                    .orderBy(CONVERSATIONS.NAME, CONVERSATIONS.ID)
                    .limit(limit)
                    .forEach(r -> out.putIfAbsent(r.get(CONVERSATIONS.ID), new ConversationRow(r.get(CONVERSATIONS.ID),
                            r.get(CONVERSATIONS.KIND), r.get(CONVERSATIONS.NAME), r.get(CONVERSATIONS.TEAM_ID), r.get(TEAMS.NAME))));
        }
        return out.values().stream().limit(limit).toList();
    }

    /** Teams {@code userId} belongs to whose name holds {@code text}. */
    public List<TeamRow> teams(DSLContext db, UUID userId, String text, int limit) {
        return db.select(TEAMS.ID, TEAMS.NAME).from(TEAMS)
                .join(TEAM_MEMBERS).on(TEAM_MEMBERS.TEAM_ID.eq(TEAMS.ID).and(TEAM_MEMBERS.USER_ID.eq(userId)))
                .where(TEAMS.ARCHIVED_AT.isNull().and(DSL.lower(TEAMS.NAME).like(containsPattern(text), '\\')))
                .orderBy(TEAMS.NAME, TEAMS.ID).limit(limit)
                .fetch(r -> new TeamRow(r.get(TEAMS.ID), r.get(TEAMS.NAME)));
    }

    /** A LIKE pattern matching {@code text} anywhere, lower-cased, with its wildcards taken literally. */
    private static String containsPattern(String text) {
        return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
