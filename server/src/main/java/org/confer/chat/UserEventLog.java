package org.confer.chat;

import java.util.List;
import org.confer.http.ApiException;
import org.confer.db.Database;
import org.confer.identity.Principal;

/**
 * A person's own user events over REST, the same ones the stream delivers: how a client fills a
 * user-event gap without reconnecting. Only ever the caller's own log.
 */
public final class UserEventLog {
    private final Database db;
    private final UserEventStore store;

    public UserEventLog(Database db, UserEventStore store) {
        this.db = db;
        this.store = store;
    }

    public List<UserEventStore.Stored> after(Principal who, long afterUserSeq, int limit) {
        if (limit < 1 || limit > ChatService.MAX_EVENTS_PAGE) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to " + ChatService.MAX_EVENTS_PAGE);
        }
        if (afterUserSeq < 0) {
            throw ApiException.invalid("after", "'after' must be 0 or more");
        }
        return store.storedAfter(db.dsl(), who.userId(), afterUserSeq, limit);
    }
}
