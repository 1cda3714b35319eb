package org.confer.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.http.ApiException;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.events.FrameWriter;
import org.confer.events.ServerFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence rules: who is online (has a stream on this node), what status they chose, and when
 * an idle "available" turns into "away". Who is online is kept in memory only; the chosen
 * status, note and expiry are also stored (PresenceStore, table user_status) and loaded at
 * start, so "Do not disturb: In resus" survives a restart (docs/decisions.md, "Status survives
 * a restart"). Every change of what others see (status, note or expiry) is pushed to the
 * people who share a team or conversation with the person.
 */
public final class PresenceService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    public static final Duration AUTO_AWAY_AFTER = Duration.ofMinutes(10);
    public static final int MAX_NOTE_CHARS = 200;
    public static final int MAX_LOOKUP_IDS = 200;
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    /**
     * The furthest ahead a status may be set to clear itself: a month covers "On leave until
     * the 28th"; beyond that a date is more likely a typo (the wrong year) than a plan.
     */
    public static final Duration MAX_UNTIL = Duration.ofDays(31);
    /** How stale another node may see this node's activity of a person: far below the automatic away's ten minutes. */
    private static final Duration ACTIVITY_TOLD_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final PresenceStore store;
    private final Bus bus;
    private final Clock clock;
    private final FrameWriter frames;
    private final Map<UUID, PresenceTracker> people = new ConcurrentHashMap<>();
    /** In a cluster, who is connected to the other nodes (empty on one node). */
    private final PresenceElsewhere elsewhere = new PresenceElsewhere();
    /**
     * Status changes per person: each is announced to everyone who shares a conversation, so a
     * script toggling its status would flood every one of them. A person changes status a few
     * times a shift; 30 a minute is far beyond that.
     */
    private final org.confer.limits.KeyedBudget<UUID> choices;
    // One thread, so that one person's announcements reach the bus in the order they happened;
    // the watcher query runs here rather than on the caller (which may be the bus thread of a post).
    private final ExecutorService announcer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("presence-announce").factory());
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("presence-sweep").factory());

    public PresenceService(Database db, PresenceStore store, Bus bus, Clock clock, FrameWriter frames) {
        this.db = db;
        this.store = store;
        this.bus = bus;
        this.clock = clock;
        this.choices = new org.confer.limits.KeyedBudget<>(30, java.time.Duration.ofMinutes(1), clock, 500_000);
        this.frames = frames;
    }

    /**
     * Loads the stored choices, then starts the periodic sweep (auto-away and expiry; reads are
     * evaluated lazily, the sweep is what pushes the change and forgets an expired choice).
     */
    public void start() {
        for (PresenceStore.Choice c : store.choices(db.dsl())) {
            PresenceTracker t = people.computeIfAbsent(c.userId(), PresenceTracker::new);
            synchronized (t) {
                t.chosen = PresenceStatus.choosable(c.status()).orElse(PresenceStatus.AVAILABLE);
                t.note = c.note();
                t.until = c.until();
                // Nobody is connected yet: nothing to announce until someone is.
                t.announcedNote = t.note;
                t.announcedUntil = t.until;
            }
        }
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("presence sweep failed", e);
            }
        }, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Announces everyone whose effective status changed by itself since last announced (idle
     * into auto-away, or a chosen status whose time is up), and forgets expired choices.
     */
    public void sweep() {
        Instant now = now();
        for (PresenceTracker t : people.values()) {
            synchronized (t) {
                if (t.expired(now)) {
                    try {
                        store.clearExpired(db.dsl(), t.userId, t.until);
                    } catch (RuntimeException e) {
                        // Kept in memory as expired (view() already shows it reverted); tried again next sweep.
                        log.warn("expired status of {} not cleared: {}", t.userId, e.toString());
                        announceIfChanged(t, now);
                        continue;
                    }
                    t.chosen = PresenceStatus.AVAILABLE;
                    t.note = null;
                    t.until = null;
                }
                announceIfChanged(t, now);
            }
        }
    }

    // ---- stream events (called by the gateway) ----

    void connected(UUID userId, String connectionId) {
        PresenceTracker t = people.computeIfAbsent(userId, PresenceTracker::new);
        Instant now = now();
        synchronized (t) {
            t.connections.add(connectionId);
            t.lastActiveAt = now;
            announceIfChanged(t, now);
        }
    }

    /** Idempotent: a connection may be reported closed both by the server and by the peer. */
    void disconnected(UUID userId, String connectionId) {
        PresenceTracker t = people.get(userId);
        if (t == null) {
            return;
        }
        synchronized (t) {
            if (t.connections.remove(connectionId)) {
                announceIfChanged(t, now());
            }
        }
    }

    /** Any frame from the client: the person is at their device. */
    void activity(UUID userId) {
        PresenceTracker t = people.get(userId);
        if (t == null) {
            return;
        }
        Instant now = now();
        synchronized (t) {
            t.lastActiveAt = now;
            announceIfChanged(t, now);
        }
    }

    /**
     * Calls tell presence whether the person is a participant of any call now (an overlay on
     * the status: "Available, in a call"); a change is announced like any other.
     */
    public void setInCall(UUID userId, boolean inCall) {
        PresenceTracker t = people.computeIfAbsent(userId, PresenceTracker::new);
        synchronized (t) {
            t.inCall = inCall;
            announceIfChanged(t, now());
        }
    }

    // ---- REST ----

    /**
     * Sets the caller's chosen status and note (blank or null clears the note), until a time
     * when both revert to automatic (null: until changed); returns what others now see. The
     * choice is stored before it is shown, so what anyone sees survives a restart.
     */
    public Presence choose(UUID userId, String status, String note, Instant until) {
        if (status == null) {
            throw ApiException.invalid("status", "'status' is required");
        }
        PresenceStatus chosen = PresenceStatus.choosable(status).orElseThrow(() ->
                ApiException.invalid("status", "'status' must be available, busy, dnd or away"));
        String cleanNote = note(note);
        Instant now = now();
        Instant clearAt = until(until, now);
        if (chosen == PresenceStatus.AVAILABLE && cleanNote == null) {
            clearAt = null; // automatic already: nothing to revert
        }
        choices.tryTake(userId).ifPresent(seconds -> {
            throw new org.confer.http.RateLimitedException("Too many status changes: at most 30 a minute; try again in "
                    + seconds + " s", seconds);
        });
        PresenceTracker t = people.computeIfAbsent(userId, PresenceTracker::new);
        synchronized (t) {
            if (chosen == PresenceStatus.AVAILABLE && cleanNote == null) {
                store.clear(db.dsl(), userId);
            } else {
                store.save(db.dsl(), new PresenceStore.Choice(userId, chosen.code(), cleanNote, clearAt), now);
            }
            t.chosen = chosen;
            t.note = cleanNote;
            t.until = clearAt;
            // Choosing is activity too: otherwise choosing "available" after an idle spell would show "away" at once.
            t.lastActiveAt = now;
            announceIfChanged(t, now);
            bus.presenceChoiceChanged(userId);
            return t.view(now, elsewhere.of(t.userId));
        }
    }

    /**
     * The presence of those of {@code userIds} who share a team or conversation with the caller
     * (and the caller's own), in the order asked. Others are left out without a trace, so the
     * answer does not reveal whether they exist.
     */
    public List<Presence> lookup(UUID caller, List<UUID> userIds) {
        if (userIds.size() > MAX_LOOKUP_IDS) {
            throw ApiException.invalid("userIds", "at most " + MAX_LOOKUP_IDS + " userIds per request");
        }
        Set<UUID> others = new HashSet<>(userIds);
        others.remove(caller);
        Set<UUID> visible = new HashSet<>(store.sharingWith(db.dsl(), caller, others));
        visible.add(caller);
        Instant now = now();
        List<Presence> out = new ArrayList<>();
        for (UUID id : userIds.stream().distinct().toList()) {
            if (visible.contains(id)) {
                out.add(current(id, now));
            }
        }
        return out;
    }

    private Presence current(UUID userId, Instant now) {
        PresenceTracker t = people.get(userId);
        if (t == null) {
            return new Presence(userId, PresenceStatus.OFFLINE, null, null, null, false);
        }
        synchronized (t) {
            return t.view(now, elsewhere.of(t.userId));
        }
    }

    /** Null, or a time in the future no further ahead than {@link #MAX_UNTIL}, to the millisecond. */
    private static Instant until(Instant until, Instant now) {
        if (until == null) {
            return null;
        }
        Instant at = until.truncatedTo(ChronoUnit.MILLIS);
        if (!at.isAfter(now)) {
            throw ApiException.invalid("until", "'until' must be in the future (it is when the status clears itself)");
        }
        if (at.isAfter(now.plus(MAX_UNTIL))) {
            throw ApiException.invalid("until", "'until' must be at most " + MAX_UNTIL.toDays() + " days ahead");
        }
        return at;
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String n = note.strip();
        if (n.codePointCount(0, n.length()) > MAX_NOTE_CHARS) {
            throw ApiException.invalid("note", "'note' must be at most " + MAX_NOTE_CHARS + " characters");
        }
        if (n.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("note", "'note' must not contain control characters (it is shown on one line)");
        }
        org.confer.text.FormatCharacters.refuse("note", n);
        return n;
    }

    /** Whether the person has a stream on this node or, in a cluster, on any other (calls drop peers who have none). */
    public boolean connectedAnywhere(UUID userId) {
        PresenceTracker t = people.get(userId);
        if (t != null) {
            synchronized (t) {
                if (!t.connections.isEmpty()) {
                    return true;
                }
            }
        }
        return elsewhere.of(userId).online();
    }

    // ---- a cluster's other nodes (PresenceAcrossNodes) ----

    /** Another node says whether the person is connected there; that node announced any change itself. */
    void heardElsewhere(String node, UUID userId, PresenceElsewhere.Seen seen) {
        elsewhere.put(node, userId, seen);
        PresenceTracker t = people.computeIfAbsent(userId, PresenceTracker::new);
        synchronized (t) {
            t.markAnnounced(t.view(now(), elsewhere.of(userId)));
        }
    }

    /** A node is gone without a word: its people may be offline now, and nobody else will say so. */
    void nodeGone(String node) {
        Instant now = now();
        for (UUID userId : elsewhere.nodeGone(node)) {
            PresenceTracker t = people.get(userId);
            if (t != null) {
                synchronized (t) {
                    announceIfChanged(t, now);
                }
            }
        }
    }

    /** The person chose a status on another node: the stored choice is the truth. */
    void choiceChangedElsewhere(UUID userId) {
        java.util.Optional<PresenceStore.Choice> c = store.choice(db.dsl(), userId);
        PresenceTracker t = people.computeIfAbsent(userId, PresenceTracker::new);
        synchronized (t) {
            t.chosen = c.flatMap(x -> PresenceStatus.choosable(x.status())).orElse(PresenceStatus.AVAILABLE);
            t.note = c.map(PresenceStore.Choice::note).orElse(null);
            t.until = c.map(PresenceStore.Choice::until).orElse(null);
            t.markAnnounced(t.view(now(), elsewhere.of(userId)));
        }
    }

    /** A node joined or came back: tells it who is connected here. */
    void tellAgain() {
        for (PresenceTracker t : people.values()) {
            synchronized (t) {
                if (!t.connections.isEmpty() || t.inCall) {
                    tellOtherNodes(t, true);
                }
            }
        }
    }

    /** Caller holds the tracker's lock. Tells the other nodes of this node's part when it changed. */
    private void tellOtherNodes(PresenceTracker t, boolean always) {
        if (bus.clustered() && t.partChanged(always, ACTIVITY_TOLD_EVERY)) {
            bus.presenceHere(t.userId, t.publishedOnline, t.lastActiveAt == null ? 0 : t.lastActiveAt.toEpochMilli(), t.inCall);
        }
    }

    // ---- announcing ----

    /** Caller holds the tracker's lock, so announcements of one person are queued in order. */
    private void announceIfChanged(PresenceTracker t, Instant now) {
        tellOtherNodes(t, false);
        Presence v = t.view(now, elsewhere.of(t.userId));
        if (v.status() == t.announcedStatus && Objects.equals(v.note(), t.announcedNote)
                && Objects.equals(v.until(), t.announcedUntil) && v.inCall() == t.announcedInCall) {
            return;
        }
        t.markAnnounced(v);
        String frame = frame(v);
        try {
            announcer.execute(() -> deliver(v.userId(), frame));
        } catch (RejectedExecutionException stopping) {
            // The server is stopping and every stream is closing: nobody is left to tell.
        }
    }

    private void deliver(UUID userId, String frame) {
        try {
            Set<UUID> watchers = new HashSet<>(store.sharingWith(db.dsl(), userId));
            // Their own other devices follow too (a status set on the phone shows on the desktop).
            watchers.add(userId);
            bus.ephemeralToUsers(watchers, frame);
        } catch (RuntimeException e) {
            log.warn("presence of {} not announced: {}", userId, e.toString());
        }
    }

    private String frame(Presence p) {
        return frames.write(new ServerFrame.Presence(p.userId(), p.status().code(), p.note(), p.lastActiveAt(), p.until(),
                p.inCall()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Stops the sweep and drops pending announcements: at shutdown every stream is closing anyway. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        announcer.shutdownNow();
    }
}
