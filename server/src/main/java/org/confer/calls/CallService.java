package org.confer.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.confer.calls.CallViews.CallView;
import org.confer.calls.CallViews.JanusGrant;
import org.confer.calls.CallViews.JoinGrant;
import org.confer.calls.CallViews.JoinResult;
import org.confer.calls.CallViews.ParticipantView;
import org.confer.calls.CallViews.Started;
import org.confer.calls.CallViews.Waiting;
import org.confer.chat.Conversation;
import org.confer.chat.ConversationAccess;
import org.confer.chat.ConversationKind;
import org.confer.db.Database;
import org.confer.events.Audience;
import org.confer.events.Bus;
import org.confer.events.FrameWriter;
import org.confer.events.ConversationWriter;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.media.Sfu;
import org.confer.media.SfuGrant;
import org.confer.media.SfuRoom;
import org.confer.realtime.PresenceService;
import org.confer.realtime.StreamHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of calls (docs/calls-and-meetings.md): who may start, see and join one, its topology,
 * one live call per conversation, ringing, joining with a grant, leaving. The lobby of meeting
 * calls is {@link CallLobby}'s; what happens over time (missed calls, dropped peers, the end) is
 * {@link CallLifecycle}'s.
 */
public final class CallService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallService.class);

    /** The most peers a mesh carries: each sends its media N-1 times (docs/performance.md). */
    public static final int MESH_MAX = 4;
    /** SFU grants are short: a browser asks again with join when it needs a new one. */
    static final Duration GRANT_TTL = Duration.ofMinutes(5);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);

    private final Database db;
    private final CallStore store;
    private final ConversationAccess access;
    private final Audience audience;
    private final Sfu sfu;
    private final IceServers ice;
    private final CallLifecycle lifecycle;
    private final CallLobby lobby;
    private final CallSignalling signalling;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("calls-sweep").factory());
    private final CallMembership membership;
    private final CallOpener opener;

    public CallService(Database db, CallStore store, ConversationWriter writer, ConversationAccess access, Audience audience,
                       Bus bus, FrameWriter frames, PresenceService presence, StreamHub streams, Sfu sfu, IceServers ice,
                       Clock clock) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.audience = audience;
        this.sfu = sfu;
        this.ice = ice;
        this.lifecycle = new CallLifecycle(db, store, writer, sfu, new CallNotices(bus, frames, audience),
                presence::setInCall, userId -> streams.connectionsOf(userId) > 0, clock);
        this.lobby = new CallLobby(db, store, lifecycle, this::grant);
        this.signalling = new CallSignalling(lifecycle, clock);
        this.membership = new CallMembership(db, store, lifecycle);
        this.opener = new CallOpener(db, store, writer, sfu, lifecycle);
    }

    /** Ends calls left live by a previous run, then sweeps every few seconds. */
    public void start() {
        int ended = lifecycle.endLeftovers();
        if (ended > 0) {
            log.info("{} calls left from before the restart ended", ended);
        }
        timer.scheduleWithFixedDelay(() -> {
            try {
                lifecycle.sweep();
            } catch (RuntimeException e) {
                log.warn("calls sweep failed; retrying at the next tick", e);
            }
        }, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Missed rings, streamless peers, calls nobody joined (tests call it after moving the clock). */
    public void sweep() {
        lifecycle.sweep();
    }

    // ---- start, list, read ----

    /** Starts a call in a conversation the caller belongs to, or answers the live one (created = false). */
    public Started start(Principal who, UUID conversationId, String media) {
        String m = media(media);
        Conversation c = access.requireMember(who, conversationId);
        ConversationAccess.requireWritable(c);
        Set<UUID> members = audience.memberIds(conversationId);
        boolean small = c.kind() != ConversationKind.CHANNEL && members.size() <= MESH_MAX;
        String topology = small || !sfu.available() ? Call.MESH : Call.SFU;
        CallOpener.Opened o = opener.open(conversationId, null, null, m, topology, who.userId());
        LiveCall l = o.live();
        synchronized (l) {
            if (o.created() && c.kind() != ConversationKind.CHANNEL) {
                // Direct and group chats ring; a channel's "Meet now" only posts call.started.
                Set<UUID> others = new LinkedHashSet<>(members);
                others.remove(who.userId());
                l.rung.addAll(others);
                l.ringing.addAll(others);
                lifecycle.notices().ring(l, others);
            }
            if (o.created()) {
                lifecycle.notices().roster(l);
            }
            return new Started(view(l), o.created());
        }
    }

    /** The live calls of the caller's conversations. */
    public List<CallView> liveCalls(Principal who) {
        List<UUID> mine = audience.conversationsOf(who.userId()).stream().map(Audience.Cursor::conversationId).toList();
        List<CallView> out = new ArrayList<>();
        for (Call c : store.liveIn(db.dsl(), mine)) {
            lifecycle.live(c.id()).ifPresent(l -> {
                synchronized (l) {
                    if (!l.ended) {
                        out.add(view(l));
                    }
                }
            });
        }
        return out;
    }

    /** A call of a conversation the caller belongs to (or is in, or waits for); ended calls too. */
    public CallView call(Principal who, UUID callId) {
        Call c = visible(who, callId);
        Optional<LiveCall> l = lifecycle.live(callId);
        if (l.isPresent()) {
            synchronized (l.get()) {
                if (!l.get().ended) {
                    return view(l.get());
                }
            }
        }
        Call ended = store.byId(db.dsl(), c.id()).orElseThrow();
        return view(ended, List.of());
    }

    // ---- join, leave, decline ----

    /** Joins a call: a grant, or waiting when it is a meeting call whose lobby holds the caller. */
    public JoinResult join(Principal who, UUID callId) {
        visible(who, callId);
        LiveCall l = lifecycle.live(callId).orElseThrow(CallService::ended);
        synchronized (l) {
            if (l.ended) {
                throw ended();
            }
            return l.call.isMeeting() ? lobby.enter(who, l, l.meeting) : grant(who, l);
        }
    }

    /**
     * Joins (starting it when none is live) the call of one meeting occurrence. The meetings
     * feature has checked that the person may join the meeting at all; this applies the lobby.
     */
    public JoinResult joinMeeting(Principal who, MeetingAccess meeting) {
        String media = media(meeting.media());
        String topology = sfu.available() ? Call.SFU : Call.MESH;
        OffsetDateTime occurrence = meeting.occurrenceStart() == null ? null
                : OffsetDateTime.ofInstant(meeting.occurrenceStart(), ZoneOffset.UTC);
        CallOpener.Opened o = opener.open(meeting.conversationId(), meeting.meetingId(), occurrence, media, topology, who.userId());
        LiveCall l = o.live();
        synchronized (l) {
            if (l.ended) {
                throw ended();
            }
            if (meeting.meetingId().equals(l.call.meetingId())) {
                l.meeting = meeting;
            }
            if (o.created()) {
                lifecycle.notices().roster(l);
            }
            return lobby.enter(who, l, meeting);
        }
    }

    /** Leaves with one peer (one device); the last one out ends the call. */
    public void leave(Principal who, UUID callId, UUID peerId) {
        visible(who, callId);
        if (peerId == null) {
            throw ApiException.invalid("peerId", "'peerId' is required: the peer the join answered");
        }
        LiveCall l = lifecycle.live(callId).orElseThrow(CallService::ended);
        synchronized (l) {
            LiveCall.Peer p = l.peers.get(peerId);
            if (p == null || !p.userId.equals(who.userId())) {
                throw ApiException.notFound("Peer");
            }
            lifecycle.drop(l, p);
        }
    }

    /** Stops ringing on all of the caller's devices; nothing else changes. */
    public void decline(Principal who, UUID callId) {
        visible(who, callId);
        lifecycle.live(callId).ifPresent(l -> {
            synchronized (l) {
                if (l.ringing.remove(who.userId())) {
                    l.declined.add(who.userId());
                    lifecycle.notices().ringStopped(callId, Set.of(who.userId()), "declined");
                    lifecycle.settleIfAnswered(l);
                }
            }
        });
    }

    // ---- the lobby (meeting calls) ----

    public void admit(Principal who, UUID callId, UUID userId) {
        decide(who, callId, userId, true);
    }

    public void deny(Principal who, UUID callId, UUID userId) {
        decide(who, callId, userId, false);
    }

    private void decide(Principal who, UUID callId, UUID userId, boolean admit) {
        visible(who, callId);
        LiveCall l = lifecycle.live(callId).orElseThrow(CallService::ended);
        synchronized (l) {
            lobby.decide(who, l, userId, admit);
        }
    }

    /** A host removes someone; they cannot rejoin this meeting occurrence. */
    public void remove(Principal who, UUID callId, UUID userId) {
        visible(who, callId);
        LiveCall l = lifecycle.live(callId).orElseThrow(CallService::ended);
        synchronized (l) {
            if (l.ended) {
                throw ended();
            }
            lobby.remove(who, l, userId);
        }
    }

    /** A new peer for {@code who} in the call, with what the browser needs. Caller holds the call's monitor. */
    JoinGrant grant(Principal who, LiveCall l) {
        if (Call.MESH.equals(l.call.topology()) && l.peers.size() >= MESH_MAX) {
            throw new ApiException(ProblemType.CALL_FULL, "This call is full: without a media server a call carries at most "
                    + MESH_MAX + " people. Ask your administrator about the SFU (docs/operations.md).", Map.of("max", MESH_MAX));
        }
        JanusGrant janus = null;
        if (Call.SFU.equals(l.call.topology())) {
            try {
                SfuGrant g = sfu.grant(new SfuRoom(l.call.sfuRoom()), who.userId(), GRANT_TTL);
                janus = new JanusGrant(g.path(), g.room(), g.token(), g.roomToken(), g.expiresAt());
            } catch (RuntimeException e) {
                log.warn("no SFU grant for call {}: {}", l.call.id(), e.toString());
                throw new ApiException(ProblemType.UNAVAILABLE, "The media server is not answering; try again in a moment",
                        Map.of("retryAfterSeconds", 5));
            }
            l.granted.add(who.userId());
        }
        UUID peerId = UUID.randomUUID();
        java.time.Instant now = lifecycle.now();
        store.joined(db.dsl(), peerId, l.call.id(), who.userId(), who.organisationId(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        l.peers.put(peerId, new LiveCall.Peer(peerId, who.userId(), now));
        l.joinedEver.add(who.userId());
        lifecycle.peerAdded(who.userId());
        if (l.ringing.remove(who.userId())) {
            lifecycle.notices().ringStopped(l.call.id(), Set.of(who.userId()), "answered");
            lifecycle.settleIfAnswered(l);
        }
        lifecycle.notices().roster(l);
        return new JoinGrant("joined", l.call.id(), peerId, l.call.topology(), l.call.media(), ice.forCall(who.userId(), l.call.id()),
                ice.relayOnly() ? "relay" : "all", janus, view(l));
    }

    /** The live call of a conversation as a feature that owns one shows it: who waits (since when) and how many are in. */
    public record LiveSummary(UUID callId, Map<UUID, java.time.Instant> waiting, int people) {}

    /** The live call in a conversation, if any (visits: the ward view's "Waiting" and "In call"). */
    public Optional<LiveSummary> liveIn(UUID conversationId) {
        for (Call c : store.liveIn(db.dsl(), List.of(conversationId))) {
            Optional<LiveCall> l = lifecycle.live(c.id());
            if (l.isPresent()) {
                synchronized (l.get()) {
                    if (!l.get().ended) {
                        return Optional.of(new LiveSummary(c.id(), new java.util.LinkedHashMap<>(l.get().waiting), l.get().people().size()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    // ---- for the media relay ----

    /** Whether the person holds a grant for a live call on this SFU room now (and was not denied or removed). */
    public boolean mayJoinRoom(UUID userId, long room) {
        return lifecycle.mayJoinRoom(userId, room);
    }

    /** Called with (person, room) when a person's grant for a room ends: they left, were removed, or the call ended. */
    public void onRevoked(BiConsumer<UUID, Long> listener) {
        lifecycle.onRevoked(listener);
    }

    // ---- membership ----

    /** What calls take from the bus: a person removed from a conversation leaves its live call. */
    public Bus.Listener membershipListener() {
        return membership;
    }

    /** A feature ends someone's part in the live call of a conversation at once (visits: a cancelled visit's guests). */
    public void dropFrom(UUID conversationId, UUID userId) {
        membership.removed(conversationId, userId);
    }

    /** The stream's handler of call.signal and call.state. */
    public CallSignalling signalling() {
        return signalling;
    }

    // ---- helpers ----

    /** The call, if the caller may see it: a member of its conversation, or in or waiting for it; 404 otherwise. */
    private Call visible(Principal who, UUID callId) {
        Call c = store.byId(db.dsl(), callId).orElseThrow(() -> ApiException.notFound("Call"));
        Optional<LiveCall> l = c.ended() ? Optional.empty() : lifecycle.live(callId);
        if (l.isPresent()) {
            synchronized (l.get()) {
                if (l.get().hasPeersOf(who.userId()) || l.get().waiting.containsKey(who.userId())) {
                    return c;
                }
            }
        }
        try {
            access.requireMember(who, c.conversationId());
        } catch (ApiException notMember) {
            throw ApiException.notFound("Call");
        }
        return c;
    }

    private static String media(String media) {
        if (!"audio".equals(media) && !"video".equals(media)) {
            throw ApiException.invalid("media", "'media' must be audio or video");
        }
        return media;
    }

    private static ApiException ended() {
        return new ApiException(ProblemType.CALL_ENDED, "This call has ended");
    }

    static CallView view(LiveCall l) {
        return view(l.call, l.roster().stream().map(p -> new ParticipantView(p.peerId(), p.userId(), p.joinedAt(), p.muted(),
                p.camera(), p.screen(), p.hand())).toList());
    }

    private static CallView view(Call c, List<ParticipantView> participants) {
        return new CallView(c.id(), c.conversationId(), c.meetingId(), c.occurrenceStart(), c.media(), c.topology(), c.startedBy(),
                c.startedAt(), c.endedAt(), participants);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        membership.close();
    }
}
