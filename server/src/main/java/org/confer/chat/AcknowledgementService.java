package org.confer.chat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.events.ConversationEvent.MessageAcknowledged;
import org.confer.events.ConversationWriter;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;

/**
 * Acknowledging urgent messages: clinical teams need an explicit "seen", not a read marker.
 * An acknowledgement stops that person's reminders ({@link UrgentReminders}) and tells the
 * sender, who can see who has and has not acknowledged.
 */
public final class AcknowledgementService {

    /** A recipient's acknowledgement state, for the sender's "who has seen this" view. */
    public record Acknowledgement(UUID userId, OffsetDateTime acknowledgedAt, int notifiedCount) {}

    private final Database db;
    private final ConversationWriter writer;
    private final ConversationAccess access;
    private final MessageStore messages;
    private final UrgentStore urgent;
    private final WriteBudgets budgets;

    public AcknowledgementService(Database db, ConversationWriter writer, ConversationAccess access, MessageStore messages,
                                  UrgentStore urgent, WriteBudgets budgets) {
        this.db = db;
        this.writer = writer;
        this.access = access;
        this.messages = messages;
        this.urgent = urgent;
        this.budgets = budgets;
    }

    /** Records that the caller has seen an urgent message; idempotent. Stops their reminders. */
    public OffsetDateTime acknowledge(Principal who, UUID conversationId, UUID messageId) {
        access.requireMember(who, conversationId);
        budgets.take(who.userId(), WriteBudgets.Kind.READ_STATE);
        return writer.inConversation(conversationId, tx -> {
            requireUrgent(MessageService.find(messages, tx.dsl(), conversationId, messageId));
            if (!urgent.isRecipient(tx.dsl(), messageId, who.userId())) {
                throw new ApiException(ProblemType.CONFLICT, "You are not a recipient of this urgent message");
            }
            if (urgent.acknowledge(tx.dsl(), messageId, who.userId(), tx.now())) {
                // Allowed in an archived conversation too: acknowledging is a safety action, not a change.
                tx.append(conversationId, new MessageAcknowledged(messageId, who.userId(), tx.now()));
                return tx.now();
            }
            return urgent.recipients(tx.dsl(), messageId).stream().filter(r -> r.userId().equals(who.userId()))
                    .findFirst().orElseThrow().acknowledgedAt();
        });
    }

    public List<Acknowledgement> acknowledgements(Principal who, UUID conversationId, UUID messageId) {
        access.requireMember(who, conversationId);
        requireUrgent(MessageService.find(messages, db.dsl(), conversationId, messageId));
        return urgent.recipients(db.dsl(), messageId).stream()
                .map(r -> new Acknowledgement(r.userId(), r.acknowledgedAt(), r.notifiedCount())).toList();
    }

    /**
     * Stops the reminders of every recipient of an urgent message who has not acknowledged it, as
     * a system action (no membership check: the caller, e.g. the Results bot, has already decided
     * the message is dealt with). Their acknowledgement state is unchanged.
     */
    public int stopReminders(UUID messageId) {
        return db.dsl().transactionResult(cfg -> urgent.stopAll(cfg.dsl(), messageId));
    }

    private static void requireUrgent(Message m) {
        if (!m.urgent()) {
            throw new ApiException(ProblemType.CONFLICT, "Only urgent messages are acknowledged");
        }
    }
}
