package org.confer.pins;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.events.ConversationEvent.MessagePinned;
import org.confer.events.ConversationEvent.MessageUnpinned;
import org.confer.events.ConversationWriter;
import org.confer.events.UserEvent.MessageSaved;
import org.confer.events.UserEvent.MessageUnsaved;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.http.RateLimitedException;
import org.confer.identity.Principal;
import org.confer.limits.KeyedBudget;

/**
 * Pinned messages (any member pins or unpins a message for everyone in the conversation: the
 * {@code message.pinned} / {@code message.unpinned} events) and saved messages (one person's
 * own list, announced to their other devices as {@code message.saved} / {@code message.unsaved}).
 * docs/decisions.md, "Pinned and saved messages", says why.
 */
public final class PinService {
    /**
     * Pins per conversation: a pinned list is for the few things everyone must find (the rota,
     * the escalation numbers); Teams and Slack stop at a few dozen (Slack 100, Teams channels
     * 15). Fifty keeps the panel readable and bounds what every member downloads.
     */
    public static final int MAX_PINS = 50;
    /** Saved messages per person: far more than a person reads back; bounds the list's one page. */
    public static final int MAX_SAVED = 500;
    /** Pins, unpins, saves and unsaves per person per minute: one per click; a script sends far more. */
    static final int CHANGES_PER_MINUTE = 60;

    private final Database db;
    private final ConversationWriter writer;
    private final PinAccess access;
    private final PinStore store;
    private final KeyedBudget<UUID> changes;

    public PinService(Database db, ConversationWriter writer, PinAccess access, PinStore store, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.access = access;
        this.store = store;
        this.changes = new KeyedBudget<>(CHANGES_PER_MINUTE, Duration.ofMinutes(1), clock, 500_000);
    }

    public List<Pin> pins(Principal who, UUID conversationId) {
        access.requireMember(who, conversationId);
        return store.pins(db.dsl(), conversationId);
    }

    public void pin(Principal who, UUID conversationId, UUID messageId) {
        access.requireMember(who, conversationId);
        take(who);
        inConversation(conversationId, tx -> {
            PinnedMessage m = access.requireMessage(tx.dsl(), conversationId, messageId);
            if (m.deletedAt() != null) {
                throw new ApiException(ProblemType.GONE, "The message was deleted");
            }
            // The conversation's row is locked first (its next seq), so the count cannot race another node.
            long seq = tx.writableSeq(conversationId);
            if (store.pinCount(tx.dsl(), conversationId) >= MAX_PINS) {
                throw new ApiException(ProblemType.PIN_LIMIT, "A conversation holds at most " + MAX_PINS
                        + " pinned messages; unpin one first");
            }
            if (!store.pin(tx.dsl(), conversationId, messageId, who.userId(), tx.now())) {
                // Already pinned: nothing changes. The seq taken is given back by the rollback.
                throw new AlreadyDone();
            }
            tx.appendWithSeq(conversationId, seq, new MessagePinned(messageId, who.userId(), tx.now()));
            return null;
        });
    }

    public void unpin(Principal who, UUID conversationId, UUID messageId) {
        access.requireMember(who, conversationId);
        take(who);
        inConversation(conversationId, tx -> {
            access.requireMessage(tx.dsl(), conversationId, messageId);
            long seq = tx.writableSeq(conversationId);
            if (!store.unpin(tx.dsl(), conversationId, messageId)) {
                throw new AlreadyDone();
            }
            tx.appendWithSeq(conversationId, seq, new MessageUnpinned(messageId, who.userId()));
            return null;
        });
    }

    public List<SavedItem> saved(Principal who) {
        return store.saved(db.dsl(), who.userId(), MAX_SAVED);
    }

    public void save(Principal who, UUID conversationId, UUID messageId) {
        access.requireMember(who, conversationId);
        take(who);
        writer.write(tx -> {
            PinnedMessage m = access.requireMessage(tx.dsl(), conversationId, messageId);
            if (m.deletedAt() != null) {
                throw new ApiException(ProblemType.GONE, "The message was deleted");
            }
            if (store.savedCount(tx.dsl(), who.userId()) >= MAX_SAVED) {
                throw new ApiException(ProblemType.SAVED_LIMIT, "You can keep at most " + MAX_SAVED
                        + " saved messages; remove some first");
            }
            if (store.save(tx.dsl(), who.userId(), conversationId, messageId, tx.now())) {
                tx.toUser(who.userId(), new MessageSaved(conversationId, messageId, tx.now()));
            }
            return null;
        });
    }

    public void unsave(Principal who, UUID conversationId, UUID messageId) {
        access.requireMember(who, conversationId);
        take(who);
        writer.write(tx -> {
            access.requireMessage(tx.dsl(), conversationId, messageId);
            if (store.unsave(tx.dsl(), who.userId(), messageId)) {
                tx.toUser(who.userId(), new MessageUnsaved(conversationId, messageId));
            }
            return null;
        });
    }

    /**
     * A pin or unpin that changes nothing (already so) throws {@link AlreadyDone} inside the write,
     * so its savepoint rolls back the seq it took (the log stays gapless) and the caller gets 204.
     */
    private void inConversation(UUID conversationId, java.util.function.Function<org.confer.events.Outbox, Void> work) {
        try {
            writer.inConversation(conversationId, work);
        } catch (AlreadyDone nothingToChange) {
            // Idempotent: pinned (or unpinned) already.
        }
    }

    private static final class AlreadyDone extends RuntimeException {
        AlreadyDone() {
            super("already done", null, false, false);
        }
    }

    private void take(Principal who) {
        changes.tryTake(who.userId()).ifPresent(seconds -> {
            throw new RateLimitedException("Too many pins and saves: at most " + CHANGES_PER_MINUTE
                    + " a minute; try again in " + seconds + " s", seconds);
        });
    }
}
