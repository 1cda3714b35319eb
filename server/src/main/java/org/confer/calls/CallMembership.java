package org.confer.calls;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.confer.events.Bus;
import org.confer.events.ConversationFrame;
import org.confer.events.UserFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What calls take from the bus: a person removed from a conversation (or leaving it) leaves its
 * live call at once, with every peer, their lobby place and their ringing. Every node that hears
 * the change passes it on ({@link CallService#dropFrom}, to the node holding the call); dropping
 * someone already gone changes nothing, so hearing it twice does no harm.
 */
final class CallMembership implements Bus.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallMembership.class);

    private final java.util.function.BiConsumer<UUID, UUID> drop;
    /** Membership changes arrive on the thread that published them, inside the writer's ordering: handled here instead. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("calls-membership").factory());

    /** {@code drop} takes (conversation, person). */
    CallMembership(java.util.function.BiConsumer<UUID, UUID> drop) {
        this.drop = drop;
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
                    drop.accept(conversationId, userId);
                } catch (RuntimeException e) {
                    log.warn("{} not dropped from the call of {}: {}", userId, conversationId, e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The server is stopping: every call ends with it.
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
