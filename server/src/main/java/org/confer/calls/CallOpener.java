package org.confer.calls;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.events.ConversationEvent.CallStarted;
import org.confer.events.ConversationWriter;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.media.Sfu;
import org.confer.media.SfuRoom;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting a call, or finding the live one: at most one call is live per conversation, and two
 * people starting one at once end up in the same call (docs/calls-and-meetings.md, "Model").
 */
final class CallOpener {
    private static final Logger log = LoggerFactory.getLogger(CallOpener.class);
    /** Publishers per SFU room: more video senders than any ward meeting has (Janus's own default is 3). */
    static final int SFU_PUBLISHERS = 100;

    /** The live call, and whether this start created it; or only the node that holds it ({@code elsewhere}). */
    record Opened(LiveCall live, boolean created, String elsewhere) {
        static Opened here(LiveCall live, boolean created) {
            return new Opened(live, created, null);
        }
    }

    private final Database db;
    private final CallStore store;
    private final ConversationWriter writer;
    private final Sfu sfu;
    private final CallLifecycle lifecycle;
    private final String node;

    CallOpener(Database db, CallStore store, ConversationWriter writer, Sfu sfu, CallLifecycle lifecycle, String node) {
        this.node = node;
        this.db = db;
        this.store = store;
        this.writer = writer;
        this.sfu = sfu;
        this.lifecycle = lifecycle;
    }

    /**
     * The live call of the conversation, or a new one owned by this node; two starters at once
     * (on one node or two) get the same call, and the one whose node lost is told where it is.
     */
    Opened open(UUID conversationId, UUID meetingId, OffsetDateTime occurrence, String media, String topology, UUID by) {
        Optional<Opened> existing = existing(conversationId);
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID id = UUID.randomUUID();
        SfuRoom room = null;
        if (Call.SFU.equals(topology)) {
            try {
                room = sfu.openRoom(id, SFU_PUBLISHERS);
            } catch (RuntimeException e) {
                log.warn("SFU room for call {} not opened: {}", id, e.toString());
                throw new ApiException(ProblemType.UNAVAILABLE, "The media server is not answering; try again in a moment",
                        Map.of("retryAfterSeconds", 5));
            }
        }
        Long roomId = room == null ? null : room.id();
        Call created;
        try {
            created = writer.inConversation(conversationId, tx -> {
                if (store.liveIn(tx.dsl(), conversationId).isPresent()) {
                    return null; // lost the race on this node: the other starter's call is the one
                }
                Call c = new Call(id, conversationId, meetingId, occurrence, media, topology, roomId, by, tx.now(), null, node);
                store.insert(tx.dsl(), c);
                tx.appendIfWritable(conversationId, new CallStarted(id, by, media, topology, meetingId));
                return c;
            });
        } catch (DataAccessException raced) {
            created = null; // lost the race to another node: the live_calls key said so
        } catch (RuntimeException refused) {
            if (room != null) {
                sfu.closeRoom(room); // an archived conversation, say: the room would be left behind
            }
            throw refused;
        }
        if (created == null) {
            if (room != null) {
                sfu.closeRoom(room);
            }
            return existing(conversationId)
                    .orElseThrow(() -> new ApiException(ProblemType.CONFLICT, "The call was started and ended at once; try again"));
        }
        return Opened.here(lifecycle.register(created), true);
    }

    /** The conversation's live call: held here, or the node that holds it. */
    private Optional<Opened> existing(UUID conversationId) {
        Optional<UUID> callId = store.liveIn(db.dsl(), conversationId);
        if (callId.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> owner = lifecycle.ownerElsewhere(callId.get());
        if (owner.isPresent()) {
            return Optional.of(new Opened(null, false, owner.get()));
        }
        return lifecycle.live(callId.get()).map(l -> Opened.here(l, false));
    }
}
