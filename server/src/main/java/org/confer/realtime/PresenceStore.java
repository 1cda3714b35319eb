package org.confer.realtime;

import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;
import static org.confer.db.schema.Tables.USER_STATUS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.confer.db.schema.tables.ConversationMembers;
import org.confer.db.schema.tables.TeamMembers;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Who may see whose presence: people who share a team or a conversation. It reads the chat
 * feature's membership tables itself because presence needs the whole set in one query, not a
 * call per team and conversation. It also keeps each person's chosen status, note and expiry
 * (table user_status), so that they survive a restart.
 */
public final class PresenceStore {

    /** A person's stored choice; {@code note} and {@code until} may be null. */
    public record Choice(UUID userId, String status, String note, Instant until) {}

    /** Every stored choice (one row per person who chose something other than available without a note). */
    public List<Choice> choices(DSLContext db) {
        return db.select(USER_STATUS.USER_ID, USER_STATUS.STATUS, USER_STATUS.NOTE, USER_STATUS.UNTIL).from(USER_STATUS)
                .fetch(r -> new Choice(r.get(USER_STATUS.USER_ID), r.get(USER_STATUS.STATUS), r.get(USER_STATUS.NOTE),
                        r.get(USER_STATUS.UNTIL) == null ? null : r.get(USER_STATUS.UNTIL).toInstant()));
    }

    /** One person's stored choice, if any (another node changed it). */
    public java.util.Optional<Choice> choice(DSLContext db, UUID userId) {
        return db.select(USER_STATUS.USER_ID, USER_STATUS.STATUS, USER_STATUS.NOTE, USER_STATUS.UNTIL).from(USER_STATUS)
                .where(USER_STATUS.USER_ID.eq(userId))
                .fetchOptional(r -> new Choice(r.get(USER_STATUS.USER_ID), r.get(USER_STATUS.STATUS), r.get(USER_STATUS.NOTE),
                        r.get(USER_STATUS.UNTIL) == null ? null : r.get(USER_STATUS.UNTIL).toInstant()));
    }

    /** Keeps the choice (replacing any earlier one). */
    public void save(DSLContext db, Choice c, Instant now) {
        OffsetDateTime until = c.until() == null ? null : c.until().atOffset(ZoneOffset.UTC);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        db.insertInto(USER_STATUS)
                .set(USER_STATUS.USER_ID, c.userId()).set(USER_STATUS.STATUS, c.status()).set(USER_STATUS.NOTE, c.note())
                .set(USER_STATUS.UNTIL, until).set(USER_STATUS.UPDATED_AT, at)
                .onConflict(USER_STATUS.USER_ID).doUpdate()
                .set(USER_STATUS.STATUS, c.status()).set(USER_STATUS.NOTE, c.note())
                .set(USER_STATUS.UNTIL, until).set(USER_STATUS.UPDATED_AT, at)
                .execute();
    }

    /** Back to the default (available, no note): no row. */
    public void clear(DSLContext db, UUID userId) {
        db.deleteFrom(USER_STATUS).where(USER_STATUS.USER_ID.eq(userId)).execute();
    }

    /**
     * The choice that expired at {@code until} is gone; a newer choice (another until, or none)
     * is left alone, so an expiry never undoes a status chosen since.
     */
    public void clearExpired(DSLContext db, UUID userId, Instant until) {
        db.deleteFrom(USER_STATUS).where(USER_STATUS.USER_ID.eq(userId)
                .and(USER_STATUS.UNTIL.eq(until.atOffset(ZoneOffset.UTC)))).execute();
    }

    /** Everyone who shares a team or a conversation with {@code userId} (them too, when they belong to anything). */
    public Set<UUID> sharingWith(DSLContext db, UUID userId) {
        return sharing(db, userId, null);
    }

    /** Those of {@code candidates} who share a team or a conversation with {@code userId}. */
    public Set<UUID> sharingWith(DSLContext db, UUID userId, Collection<UUID> candidates) {
        return candidates.isEmpty() ? Set.of() : sharing(db, userId, candidates);
    }

    private static Set<UUID> sharing(DSLContext db, UUID userId, Collection<UUID> candidates) {
        TeamMembers mine = TEAM_MEMBERS.as("my_tm");
        TeamMembers theirs = TEAM_MEMBERS.as("their_tm");
        ConversationMembers myConv = CONVERSATION_MEMBERS.as("my_cm");
        ConversationMembers theirConv = CONVERSATION_MEMBERS.as("their_cm");
        // UNION, not UNION ALL: someone sharing many teams and conversations is one row.
        return new HashSet<>(db.select(theirs.USER_ID).from(mine)
                .join(theirs).on(theirs.TEAM_ID.eq(mine.TEAM_ID))
                .where(mine.USER_ID.eq(userId))
                .and(candidates == null ? DSL.noCondition() : theirs.USER_ID.in(candidates))
                .union(db.select(theirConv.USER_ID).from(myConv)
                        .join(theirConv).on(theirConv.CONVERSATION_ID.eq(myConv.CONVERSATION_ID))
                        .where(myConv.USER_ID.eq(userId))
                        .and(candidates == null ? DSL.noCondition() : theirConv.USER_ID.in(candidates)))
                .fetch(0, UUID.class));
    }
}
