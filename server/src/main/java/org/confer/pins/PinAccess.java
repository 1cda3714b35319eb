package org.confer.pins;

import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Principal;

/**
 * The one guarded path to pins and saved messages, in the manner of chat's ConversationAccess:
 * a person who is not a member of the conversation now gets 404, exactly as for one that does
 * not exist, and a message is found only in its own conversation.
 */
public final class PinAccess {
    private final Database db;
    private final PinStore store;

    public PinAccess(Database db, PinStore store) {
        this.db = db;
        this.store = store;
    }

    /** Whether the conversation is archived, if {@code who} is a member now; 404 otherwise. */
    public boolean requireMember(Principal who, UUID conversationId) {
        return store.archivedIfMember(db.dsl(), conversationId, who.userId())
                .orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    /** The message, if it belongs to this conversation; 404 otherwise (the caller checked membership). */
    public PinnedMessage requireMessage(org.jooq.DSLContext dsl, UUID conversationId, UUID messageId) {
        return store.message(dsl, conversationId, messageId).orElseThrow(() -> ApiException.notFound("Message"));
    }
}
