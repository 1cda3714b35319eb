package org.confer.realtime;

import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.confer.db.schema.tables.ConversationMembers;
import org.confer.db.schema.tables.TeamMembers;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Who may see whose presence: people who share a team or a conversation. It reads the chat
 * feature's membership tables itself because presence needs the whole set in one query, not a
 * call per team and conversation.
 */
public final class PresenceStore {

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
