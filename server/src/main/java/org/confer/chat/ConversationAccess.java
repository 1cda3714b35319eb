package org.confer.chat;

import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;

/**
 * The one guarded path to a conversation. A person who is not a member gets 404, exactly as for
 * a conversation that does not exist, so ids cannot be probed (docs/security.md). Every chat
 * read and write starts here; the IDOR sweep tests every route that takes an id.
 */
public final class ConversationAccess {
    private final Database db;
    private final ConversationStore conversations;
    private final TeamStore teams;

    public ConversationAccess(Database db, ConversationStore conversations, TeamStore teams) {
        this.db = db;
        this.conversations = conversations;
        this.teams = teams;
    }

    /** The conversation, if {@code who} is a member now (and a bot's token allows it); 404 otherwise. */
    public Conversation requireMember(Principal who, UUID conversationId) {
        // A bot token limited to some conversations sees no other, even one its bot is in.
        if (who.isBot() && !who.bot().allows(conversationId)) {
            throw ApiException.notFound("Conversation");
        }
        return conversations.byIdForMember(db.dsl(), conversationId, who.userId())
                .orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    /** 403 unless {@code who} owns the team. */
    public void requireTeamOwner(Principal who, UUID teamId) {
        if (!teams.isOwner(db.dsl(), teamId, who.userId())) {
            throw ApiException.forbidden("Only team owners can do this");
        }
    }

    /** 409 when the conversation is archived (read-only). */
    public static void requireWritable(Conversation c) {
        if (c.archived()) {
            throw new ApiException(ProblemType.CONFLICT, "This conversation is archived and read-only");
        }
    }
}
