package org.confer.meetings;

import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Principal;

/**
 * The one guarded path to a meeting, in the manner of chat's ConversationAccess: a person who may
 * not see it (not its organiser, not invited by name, not a member of its conversation now) gets
 * 404 exactly as for a meeting that does not exist, so ids cannot be probed. Changing it is the
 * organiser's: anyone else who can see it gets 403.
 */
public final class MeetingGuard {
    private final Database db;
    private final MeetingStore store;

    public MeetingGuard(Database db, MeetingStore store) {
        this.db = db;
        this.store = store;
    }

    /** The meeting, if {@code who} may see it; 404 otherwise. */
    public Meeting requireVisible(Principal who, UUID meetingId) {
        return store.visible(db.dsl(), meetingId, who.userId()).orElseThrow(MeetingGuard::notFound);
    }

    /** The meeting, if {@code who} organises it; 404 if they may not see it, 403 if they may but do not organise it. */
    public Meeting requireOrganiser(Principal who, UUID meetingId) {
        Meeting m = requireVisible(who, meetingId);
        if (!m.organiserId().equals(who.userId())) {
            throw ApiException.forbidden("Only the organiser changes or cancels a meeting");
        }
        return m;
    }

    static ApiException notFound() {
        return ApiException.notFound("Meeting");
    }
}
