package org.confer.calls;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.events.ConversationFrame;
import org.confer.events.UserFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What calls take from the bus: a person removed from a conversation (or leaving it) leaves its
 * live call at once, with every peer, their lobby place and their ringing.
 */
final class CallMembership implements Bus.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallMembership.class);

    private final Database db;
    private final CallStore store;
    private final CallLifecycle lifecycle;
    /** Membership changes arrive on the thread that published them, inside the writer's ordering: handled here instead. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("calls-membership").factory());

    CallMembership(Database db, CallStore store, CallLifecycle lifecycle) {
        this.db = db;
        this.store = store;
        this.lifecycle = lifecycle;
    }

    @Override
    public void onConversationFrame(ConversationFrame frame) {}

    @Override
    public void onUserFrame(UserFrame frame) {}

    @Override
    public void onMembershipChanged(UUID conversationId, UUID userId, boolean added) {
        if (added) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    removed(conversationId, userId);
                } catch (RuntimeException e) {
                    log.warn("{} not dropped from the call of {}: {}", userId, conversationId, e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The server is stopping: every call ends with it.
        }
    }

    void removed(UUID conversationId, UUID userId) {
        store.liveIn(db.dsl(), conversationId).flatMap(lifecycle::live).ifPresent(l -> {
            synchronized (l) {
                if (!l.ended) {
                    lifecycle.dropPerson(l, userId);
                }
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
