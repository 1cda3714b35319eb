package org.confer.realtime;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** One person's state on this node. Guarded by its own monitor. */
final class PresenceTracker {
    final UUID userId;
    final Set<String> connections = new HashSet<>();
    PresenceStatus chosen = PresenceStatus.AVAILABLE;
    String note;
    /** When chosen and note revert to automatic; null: never. */
    Instant until;
    Instant lastActiveAt;
    PresenceStatus announcedStatus = PresenceStatus.OFFLINE;
    String announcedNote;
    Instant announcedUntil;
    /** Set by calls: a participant of a call now. */
    boolean inCall;
    boolean announcedInCall;

    PresenceTracker(UUID userId) {
        this.userId = userId;
    }

    boolean expired(Instant now) {
        return until != null && !now.isBefore(until);
    }

    /** Exact at any time: a choice whose time is up shows as automatic before the sweep forgets it. */
    Presence view(Instant now, PresenceElsewhere.Seen elsewhere) {
        boolean expired = expired(now);
        PresenceStatus chosen = expired ? PresenceStatus.AVAILABLE : this.chosen;
        Instant lastActive = lastActiveAt;
        if (elsewhere.lastActiveAt() != null && (lastActive == null || elsewhere.lastActiveAt().isAfter(lastActive))) {
            lastActive = elsewhere.lastActiveAt();
        }
        PresenceStatus status;
        if (connections.isEmpty() && !elsewhere.online()) {
            status = PresenceStatus.OFFLINE;
        } else if (chosen == PresenceStatus.AVAILABLE && lastActive != null
                && !now.isBefore(lastActive.plus(PresenceService.AUTO_AWAY_AFTER))) {
            status = PresenceStatus.AWAY;
        } else {
            status = chosen;
        }
        return new Presence(userId, status, expired ? null : note, lastActive, expired ? null : until, inCall || elsewhere.inCall());
    }

    /** Records {@code v} as what was last announced (so it is not announced again). */
    void markAnnounced(Presence v) {
        announcedInCall = v.inCall();
        announcedStatus = v.status();
        announcedNote = v.note();
        announcedUntil = v.until();
    }

    /**
     * Whether this node's part changed since last told to the other nodes (connected or not, in a
     * call or not, and activity at most every {@code activityEvery}, enough for the automatic
     * "away"); when it did, it is recorded as told.
     */
    boolean partChanged(boolean always, java.time.Duration activityEvery) {
        boolean online = !connections.isEmpty();
        boolean activityMoved = lastActiveAt != null
                && (publishedActiveAt == null || lastActiveAt.isAfter(publishedActiveAt.plus(activityEvery)));
        if (!always && online == publishedOnline && inCall == publishedInCall && !(online && activityMoved)) {
            return false;
        }
        publishedOnline = online;
        publishedInCall = inCall;
        publishedActiveAt = lastActiveAt;
        return true;
    }

    /** This node's own part, as told to the other nodes. */
    boolean publishedOnline;
    boolean publishedInCall;
    Instant publishedActiveAt;
}
