package org.confer.realtime;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the other nodes of a cluster say of who is connected to them (docs/cluster.md, "Presence
 * across nodes"): a person is online when connected to any node, in a call when any node says
 * so, and last active at the latest time any node saw. Empty on a single node.
 */
final class PresenceElsewhere {

    /** One node's word on one person. */
    record Seen(boolean online, Instant lastActiveAt, boolean inCall) {
        static final Seen NOWHERE = new Seen(false, null, false);
    }

    private final Map<UUID, Map<String, Seen>> byPerson = new ConcurrentHashMap<>();

    void put(String node, UUID userId, Seen seen) {
        if (!seen.online() && !seen.inCall()) {
            byPerson.computeIfPresent(userId, (k, nodes) -> {
                nodes.remove(node);
                return nodes.isEmpty() ? null : nodes;
            });
            return;
        }
        byPerson.computeIfAbsent(userId, k -> new ConcurrentHashMap<>()).put(node, seen);
    }

    /** Forgets a node; returns the people it had (their presence may have changed). */
    Set<UUID> nodeGone(String node) {
        Set<UUID> affected = new HashSet<>();
        for (UUID user : Set.copyOf(byPerson.keySet())) {
            byPerson.computeIfPresent(user, (k, nodes) -> {
                if (nodes.remove(node) != null) {
                    affected.add(user);
                }
                return nodes.isEmpty() ? null : nodes;
            });
        }
        return affected;
    }

    /** The other nodes' word on a person, merged; {@link Seen#NOWHERE} when none has any. */
    Seen of(UUID userId) {
        Map<String, Seen> nodes = byPerson.get(userId);
        if (nodes == null) {
            return Seen.NOWHERE;
        }
        boolean online = false;
        boolean inCall = false;
        Instant last = null;
        for (Seen s : nodes.values()) {
            online |= s.online();
            inCall |= s.inCall();
            if (s.lastActiveAt() != null && (last == null || s.lastActiveAt().isAfter(last))) {
                last = s.lastActiveAt();
            }
        }
        return new Seen(online, last, inCall);
    }
}
