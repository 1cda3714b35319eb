package org.confer.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What this node must hear (docs/cluster.md, "Interest"): the subject of every person with a
 * stream here, and of every conversation one of them is in. Subscriptions change under this
 * object's lock, in the order the decisions are made, so a subscribe and an unsubscribe of the
 * same subject can never be applied in the wrong order.
 */
final class Interest {

    /** Where subscriptions are made: the NATS dispatcher (a recording fake in tests). */
    interface Subscriptions {
        void subscribe(String subject);

        void unsubscribe(String subject);
    }

    private final Subscriptions subscriptions;
    /** A person's open streams on this node. */
    private final Map<UUID, Set<String>> streams = new HashMap<>();
    /** The conversations heard for each person with a stream here. */
    private final Map<UUID, Set<UUID>> conversationsOf = new HashMap<>();
    /** The people on this node each conversation is heard for; a subscription exists while non-empty. */
    private final Map<UUID, Set<UUID>> heardFor = new HashMap<>();

    Interest(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    static String conversationSubject(UUID conversationId) {
        return "confer.c." + conversationId;
    }

    static String userSubject(UUID userId) {
        return "confer.u." + userId;
    }

    /** True when this is the person's first stream here: then call {@link #heardConversations} with their conversations. */
    synchronized boolean opened(UUID userId, String streamId) {
        Set<String> mine = streams.get(userId);
        if (mine != null) {
            mine.add(streamId);
            return false;
        }
        streams.put(userId, new HashSet<>(Set.of(streamId)));
        conversationsOf.put(userId, new HashSet<>());
        subscriptions.subscribe(userSubject(userId));
        return true;
    }

    /**
     * Subscribes to the person's conversations, read after {@link #opened} made them present: a
     * membership change arriving while they were read is applied by {@link #membership}, so
     * none is missed. (One that removed them may be undone here: the extra subscription costs
     * traffic only, since the gateway checks membership before it delivers.)
     */
    void heardConversations(UUID userId, Supplier<List<UUID>> conversations) {
        List<UUID> loaded = conversations.get();
        synchronized (this) {
            if (streams.containsKey(userId)) {
                for (UUID c : loaded) {
                    hear(userId, c);
                }
            }
        }
    }

    /** Returns the conversations no longer heard at all (their cached members are stale from now on). */
    synchronized List<UUID> closed(UUID userId, String streamId) {
        Set<String> mine = streams.get(userId);
        if (mine == null || !mine.remove(streamId) || !mine.isEmpty()) {
            return List.of();
        }
        streams.remove(userId);
        subscriptions.unsubscribe(userSubject(userId));
        List<UUID> forgotten = new ArrayList<>();
        for (UUID c : conversationsOf.remove(userId)) {
            if (stopHearing(userId, c)) {
                forgotten.add(c);
            }
        }
        return forgotten;
    }

    /** A membership change: returns whether the subscription set changed (added: hear it now; removed: forgotten). */
    synchronized boolean membership(UUID conversationId, UUID userId, boolean added) {
        Set<UUID> mine = conversationsOf.get(userId);
        if (mine == null) {
            return false;
        }
        if (added) {
            return mine.add(conversationId) && hear(userId, conversationId);
        }
        return mine.remove(conversationId) && stopHearing(userId, conversationId);
    }

    synchronized Set<UUID> conversations() {
        return Set.copyOf(heardFor.keySet());
    }

    synchronized Set<UUID> users() {
        return Set.copyOf(streams.keySet());
    }

    synchronized boolean hearsConversation(UUID conversationId) {
        return heardFor.containsKey(conversationId);
    }

    /** Returns true when the conversation's subject was newly subscribed. */
    private boolean hear(UUID userId, UUID conversationId) {
        conversationsOf.get(userId).add(conversationId);
        Set<UUID> people = heardFor.computeIfAbsent(conversationId, k -> new HashSet<>());
        boolean first = people.isEmpty();
        people.add(userId);
        if (first) {
            subscriptions.subscribe(conversationSubject(conversationId));
        }
        return first;
    }

    /** Returns true when the conversation's subject was unsubscribed. */
    private boolean stopHearing(UUID userId, UUID conversationId) {
        Set<UUID> people = heardFor.get(conversationId);
        if (people == null || !people.remove(userId) || !people.isEmpty()) {
            return false;
        }
        heardFor.remove(conversationId);
        subscriptions.unsubscribe(conversationSubject(conversationId));
        return true;
    }
}
