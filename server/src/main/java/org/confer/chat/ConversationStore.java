package org.confer.chat;

import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.PreRendered;
import org.confer.db.schema.tables.records.ConversationsRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL for conversations, their members and read markers. */
public final class ConversationStore {

    /** A conversation as one member sees it: with their read marker. */
    public record MemberView(Conversation conversation, long readSeq) {}

    // Every send runs this, rendered once (see PreRendered); the seq is taken by org.confer.events.ConversationSeqs.
    private final PreRendered byIdForMember = new PreRendered(dsl -> dsl.select(CONVERSATIONS.fields()).from(CONVERSATIONS)
            .where(CONVERSATIONS.ID.eq(DSL.param("id", CONVERSATIONS.ID)))
            .andExists(dsl.selectOne().from(CONVERSATION_MEMBERS)
                    .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(DSL.param("conversation", CONVERSATION_MEMBERS.CONVERSATION_ID))
                            .and(CONVERSATION_MEMBERS.USER_ID.eq(DSL.param("user", CONVERSATION_MEMBERS.USER_ID))))));

    public void insert(DSLContext tx, Conversation c, String directKey) {
        tx.insertInto(CONVERSATIONS)
                .set(CONVERSATIONS.ID, c.id())
                .set(CONVERSATIONS.KIND, c.kind().code())
                .set(CONVERSATIONS.TEAM_ID, c.teamId())
                .set(CONVERSATIONS.NAME, c.name())
                .set(CONVERSATIONS.VISIBILITY, c.visibility())
                .set(CONVERSATIONS.DIRECT_KEY, directKey)
                .set(CONVERSATIONS.LAST_SEQ, 0L)
                .set(CONVERSATIONS.CREATED_BY, c.createdBy())
                .set(CONVERSATIONS.CREATED_AT, c.createdAt())
                .execute();
    }

    public Optional<Conversation> byId(DSLContext db, UUID id) {
        return db.selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id)).fetchOptional().map(ConversationStore::map);
    }

    /** The conversation if {@code userId} is a member of it: one query for the check every conversation route makes. */
    public Optional<Conversation> byIdForMember(DSLContext db, UUID id, UUID userId) {
        return byIdForMember.fetchOptional(db, CONVERSATIONS.fields(), DSL.val(id, CONVERSATIONS.ID),
                        DSL.val(id, CONVERSATION_MEMBERS.CONVERSATION_ID), DSL.val(userId, CONVERSATION_MEMBERS.USER_ID))
                .map(r -> map(r.into(CONVERSATIONS)));
    }

    public Optional<Conversation> byDirectKey(DSLContext db, String key) {
        return db.selectFrom(CONVERSATIONS).where(CONVERSATIONS.DIRECT_KEY.eq(key)).fetchOptional().map(ConversationStore::map);
    }

    public List<Conversation> channelsOfTeam(DSLContext db, UUID teamId) {
        return db.selectFrom(CONVERSATIONS).where(CONVERSATIONS.TEAM_ID.eq(teamId)).orderBy(CONVERSATIONS.CREATED_AT)
                .fetch().map(ConversationStore::map);
    }

    /**
     * Takes the next seq of a conversation. The UPDATE locks the row until the transaction ends,
     * so concurrent writers to one conversation queue here and seqs are contiguous.
     */
    public void setArchived(DSLContext tx, UUID id, OffsetDateTime at) {
        tx.update(CONVERSATIONS).set(CONVERSATIONS.ARCHIVED_AT, at).where(CONVERSATIONS.ID.eq(id)).execute();
    }

    public void rename(DSLContext tx, UUID id, String name) {
        tx.update(CONVERSATIONS).set(CONVERSATIONS.NAME, name).where(CONVERSATIONS.ID.eq(id)).execute();
    }

    public boolean isMember(DSLContext db, UUID conversationId, UUID userId) {
        return db.fetchExists(CONVERSATION_MEMBERS,
                CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversationId).and(CONVERSATION_MEMBERS.USER_ID.eq(userId)));
    }

    /** Adds a member whose read marker starts at {@code seq}; false when already a member. */
    public boolean addMember(DSLContext tx, UUID conversationId, UUID userId, long seq, OffsetDateTime now) {
        if (isMember(tx, conversationId, userId)) {
            return false;
        }
        tx.insertInto(CONVERSATION_MEMBERS)
                .set(CONVERSATION_MEMBERS.CONVERSATION_ID, conversationId)
                .set(CONVERSATION_MEMBERS.USER_ID, userId)
                .set(CONVERSATION_MEMBERS.JOINED_SEQ, seq)
                .set(CONVERSATION_MEMBERS.READ_SEQ, seq)
                .set(CONVERSATION_MEMBERS.JOINED_AT, now)
                .execute();
        return true;
    }

    public boolean removeMember(DSLContext tx, UUID conversationId, UUID userId) {
        return tx.deleteFrom(CONVERSATION_MEMBERS)
                .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversationId).and(CONVERSATION_MEMBERS.USER_ID.eq(userId)))
                .execute() == 1;
    }

    /** The distinct organisations of a conversation's members (the cross-organisation policy's "present"). */
    public java.util.Set<UUID> memberOrganisations(DSLContext db, UUID conversationId) {
        return new java.util.LinkedHashSet<>(db.selectDistinct(USERS.ORGANISATION_ID).from(CONVERSATION_MEMBERS)
                .join(USERS).on(USERS.ID.eq(CONVERSATION_MEMBERS.USER_ID))
                .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversationId)).fetch(USERS.ORGANISATION_ID));
    }

    public List<UUID> memberIds(DSLContext db, UUID conversationId) {
        return db.select(CONVERSATION_MEMBERS.USER_ID).from(CONVERSATION_MEMBERS)
                .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversationId))
                .fetch(CONVERSATION_MEMBERS.USER_ID);
    }

    public List<MemberView> forUser(DSLContext db, UUID userId) {
        return db.select(CONVERSATIONS.fields()).select(CONVERSATION_MEMBERS.READ_SEQ)
                .from(CONVERSATIONS).join(CONVERSATION_MEMBERS).on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(CONVERSATIONS.ID))
                .where(CONVERSATION_MEMBERS.USER_ID.eq(userId))
                .orderBy(CONVERSATIONS.CREATED_AT)
                .fetch(r -> new MemberView(map(r.into(CONVERSATIONS)), r.get(CONVERSATION_MEMBERS.READ_SEQ)));
    }

    public Optional<Long> readSeq(DSLContext db, UUID conversationId, UUID userId) {
        return db.select(CONVERSATION_MEMBERS.READ_SEQ).from(CONVERSATION_MEMBERS)
                .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversationId).and(CONVERSATION_MEMBERS.USER_ID.eq(userId)))
                .fetchOptional(CONVERSATION_MEMBERS.READ_SEQ);
    }

    /** Moves the read marker forward only (a stale device cannot move it back); true when it moved. */
    public boolean advanceRead(DSLContext tx, UUID conversationId, UUID userId, long seq) {
        return tx.update(CONVERSATION_MEMBERS).set(CONVERSATION_MEMBERS.READ_SEQ, seq)
                .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversationId)
                        .and(CONVERSATION_MEMBERS.USER_ID.eq(userId))
                        .and(CONVERSATION_MEMBERS.READ_SEQ.lt(seq)))
                .execute() == 1;
    }

    /** Read markers of every member, for "seen by" receipts. */
    public List<org.jooq.Record2<UUID, Long>> readMarkers(DSLContext db, UUID conversationId) {
        return db.select(CONVERSATION_MEMBERS.USER_ID, CONVERSATION_MEMBERS.READ_SEQ).from(CONVERSATION_MEMBERS)
                .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversationId)).fetch();
    }

    static Conversation map(ConversationsRecord r) {
        return new Conversation(r.getId(), ConversationKind.fromCode(r.getKind()), r.getTeamId(), r.getName(), r.getVisibility(),
                r.getLastSeq(), r.getCreatedBy(), r.getCreatedAt(), r.getArchivedAt());
    }
}
