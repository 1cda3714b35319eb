package org.confer.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.confer.chat.Attachments;
import org.confer.events.ConversationEvent.MessageDeleted;
import org.confer.events.ConversationEvent.MessageEdited;
import org.confer.events.ConversationEvent.MessageSnapshot;
import org.confer.events.ConversationWriter;
import org.confer.events.Outbox;

/**
 * Applies a policy's action to some messages of one conversation, in one write transaction of
 * that conversation (so it queues behind, and orders with, the conversation's other writes).
 * Each message is looked at again under the lock: one already reached, or held since the batch
 * was chosen, is left alone. Every copy goes with it: the row, earlier texts, reactions, the
 * stored events' payloads, and — after the commit — file contents and thumbnails; the appended
 * event tells clients and the search indexer (docs/retention.md).
 */
final class Eraser {
    /**
     * The {@code by} of a {@code message.deleted} that retention appends: nobody, the all-zero id
     * (docs/retention.md). Clients show the tombstone as for any deletion.
     */
    static final UUID SYSTEM = new UUID(0, 0);

    /** What one conversation's batch did. */
    record Done(int messages, int files, int held) {}

    private final RetentionStore store;
    private final ErasureStore erasure;
    private final ConversationWriter writer;
    private final Attachments attachments;
    private final ObjectMapper mapper;

    Eraser(RetentionStore store, ErasureStore erasure, ConversationWriter writer, Attachments attachments, ObjectMapper mapper) {
        this.store = store;
        this.erasure = erasure;
        this.writer = writer;
        this.attachments = attachments;
        this.mapper = mapper;
    }

    Done apply(RetentionPolicy.Action action, UUID conversationId, List<UUID> messageIds, UUID placeholder) {
        List<String> blobs = new ArrayList<>();
        Done done = writer.inConversation(conversationId, tx -> {
            int messages = 0;
            int files = 0;
            int held = 0;
            for (UUID id : messageIds) {
                RetentionStore.Row row = store.row(tx.dsl(), id).orElse(null);
                if (row == null || action.done().equals(row.retained())
                        || (action == RetentionPolicy.Action.ANONYMISE && row.retained() != null)) {
                    continue;
                }
                if (store.isHeld(tx.dsl(), id)) {
                    held++;
                    continue;
                }
                if (action == RetentionPolicy.Action.DELETE) {
                    files += store.filesOf(tx.dsl(), id);
                    blobs.addAll(attachments.detach(tx.dsl(), id));
                    delete(tx, row);
                } else {
                    anonymise(tx, row, placeholder);
                }
                messages++;
            }
            return new Done(messages, files, held);
        });
        if (!blobs.isEmpty()) {
            attachments.release(blobs);
        }
        return done;
    }

    private void delete(Outbox tx, RetentionStore.Row row) {
        OffsetDateTime deletedAt = row.deletedAt() != null ? row.deletedAt() : tx.now();
        erasure.tombstone(tx.dsl(), row.id(), deletedAt);
        for (ErasureStore.Stored e : erasure.carrying(tx.dsl(), row.conversationId(), row.seq(), row.id())) {
            ObjectNode payload = parse(e.payload());
            ObjectNode message = carried(payload, e, row);
            if (message != null) {
                message.putNull("text");
                message.putArray("mentions");
                message.put("mentionsChannel", false);
                message.putNull("card");
                message.remove("files");
                message.put("deletedAt", deletedAt.toString());
            } else if (row.id().toString().equals(payload.path("messageId").asText())) {
                // A bot's card or the files' status: nothing of them may outlive the message.
                if (payload.has("card")) {
                    payload.putNull("card");
                }
                if (payload.has("files")) {
                    payload.putArray("files");
                }
            } else {
                continue;
            }
            erasure.rewrite(tx.dsl(), row.conversationId(), e.seq(), write(payload));
        }
        if (row.deletedAt() == null) {
            tx.append(row.conversationId(), new MessageDeleted(row.id(), SYSTEM));
        }
    }

    private void anonymise(Outbox tx, RetentionStore.Row row, UUID placeholder) {
        erasure.anonymise(tx.dsl(), row.id(), row.authorId(), placeholder);
        ObjectNode latest = null;
        for (ErasureStore.Stored e : erasure.carrying(tx.dsl(), row.conversationId(), row.seq(), row.id())) {
            ObjectNode payload = parse(e.payload());
            ObjectNode message = carried(payload, e, row);
            if (message == null) {
                continue;
            }
            message.put("authorId", placeholder.toString());
            message.put("clientMsgId", row.id().toString());
            erasure.rewrite(tx.dsl(), row.conversationId(), e.seq(), write(payload));
            latest = message;
        }
        if (latest != null && row.deletedAt() == null) {
            // Clients and the search index take the new author from this snapshot.
            try {
                tx.append(row.conversationId(), new MessageEdited(mapper.treeToValue(latest, MessageSnapshot.class)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored message snapshot could not be read", e);
            }
        }
    }

    /** The message object of a posted (at its own seq) or edited event of this message; null for other events. */
    private static ObjectNode carried(ObjectNode payload, ErasureStore.Stored e, RetentionStore.Row row) {
        boolean posted = e.kind().equals("message.posted") && e.seq() == row.seq();
        boolean edited = e.kind().equals("message.edited");
        if ((posted || edited) && payload.path("message") instanceof ObjectNode m && row.id().toString().equals(m.path("id").asText())) {
            return m;
        }
        return null;
    }

    private ObjectNode parse(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event is not valid JSON", e);
        }
    }

    private String write(ObjectNode payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written", e);
        }
    }
}
