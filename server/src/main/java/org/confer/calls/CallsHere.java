package org.confer.calls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.confer.calls.CallViews.CallView;
import org.confer.calls.CallViews.JanusGrant;
import org.confer.calls.CallViews.JoinGrant;
import org.confer.calls.CallViews.JoinResult;
import org.confer.calls.CallViews.ParticipantView;
import org.confer.calls.CallViews.Started;
import org.confer.chat.Conversation;
import org.confer.chat.ConversationAccess;
import org.confer.chat.ConversationKind;
import org.confer.db.Database;
import org.confer.events.Audience;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.media.Sfu;
import org.confer.media.SfuGrant;
import org.confer.media.SfuRoom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of calls on the node that holds the call (docs/calls-and-meetings.md): who may start,
 * see and join one, its topology, one live call per conversation, ringing, joining with a grant,
 * leaving. {@link CallService} sends here what concerns a call this node owns, and what concerns
 * a call of another node to that node ({@link CallsElsewhere}), where it arrives here again.
 */
final class CallsHere {
    private static final Logger log = LoggerFactory.getLogger(CallsHere.class);

    /** SFU grants are short: a browser asks again with join when it needs a new one. */
    static final Duration GRANT_TTL = Duration.ofMinutes(5);

    /** The conversation's live call is another node's: what was asked goes there. */
    static final class HeldElsewhere extends RuntimeException {
        final String node;

        HeldElsewhere(String node) {
            super("held by node " + node, null, false, false);
            this.node = node;
        }
    }

    private final Database db;
    private final CallStore store;
    private final ConversationAccess access;
    private final Audience audience;
    private final Sfu sfu;
    private final IceServers ice;
    private final CallLifecycle lifecycle;
    private final CallLobby lobby;
    private final CallOpener opener;

    CallsHere(Database db, CallStore store, ConversationAccess access, Audience audience, Sfu sfu, IceServers ice,
              CallLifecycle lifecycle, CallOpener opener) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.audience = audience;
        this.sfu = sfu;
        this.ice = ice;
        this.lifecycle = lifecycle;
        this.opener = opener;
        this.lobby = new CallLobby(db, store, lifecycle, this::grant);
    }

    /** Starts a call, or answers the live one (created = false); {@link HeldElsewhere} when another node holds it. */
    Started start(Principal who, UUID conversationId, String media) {
        String m = media(media);
        Conversation c = access.requireMember(who, conversationId);
        ConversationAccess.requireWritable(c);
        Set<UUID> members = audience.memberIds(conversationId);
        boolean small = c.kind() != ConversationKind.CHANNEL && members.size() <= CallService.MESH_MAX;
        String topology = small || !sfu.available() ? Call.MESH : Call.SFU;
        CallOpener.Opened o = opened(opener.open(conversationId, null, null, m, topology, who.userId()));
        LiveCall l = o.live();
        synchronized (l) {
            boolean created = o.created();
            if (created && c.kind() != ConversationKind.CHANNEL) {
                // Direct and group chats ring; a channel's "Meet now" only posts call.started.
                Set<UUID> others = new LinkedHashSet<>(members);
                others.remove(who.userId());
                l.rung.addAll(others);
                l.ringing.addAll(others);
                lifecycle.notices().ring(l, others);
            }
            if (created) {
                lifecycle.notices().roster(l);
            }
            return new Started(view(l), created);
        }
    }

    /** The view of a live call this node holds; empty when it is not (any more) here. */
    Optional<CallView> liveView(UUID callId) {
        return lifecycle.existing(callId).flatMap(l -> {
            synchronized (l) {
                return l.ended ? Optional.empty() : Optional.of(view(l));
            }
        });
    }

    /** A call of a conversation the caller belongs to (or is in, or waits for); ended calls too. */
    CallView call(Principal who, UUID callId) {
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

    /** Joins a call: a grant, or waiting when it is a meeting call whose lobby holds the caller. */
    JoinResult join(Principal who, UUID callId) {
        visible(who, callId);
        LiveCall l = lifecycle.live(callId).orElseThrow(CallsHere::ended);
        synchronized (l) {
            if (l.ended) {
                throw ended();
            }
            return l.call.isMeeting() ? lobby.enter(who, l, l.meeting) : grant(who, l);
        }
    }

    /** Joins (starting it when none is live) the call of one meeting occurrence, through its lobby. */
    JoinResult joinMeeting(Principal who, MeetingAccess meeting) {
        String media = media(meeting.media());
        String topology = sfu.available() ? Call.SFU : Call.MESH;
        OffsetDateTime occurrence = meeting.occurrenceStart() == null ? null
                : OffsetDateTime.ofInstant(meeting.occurrenceStart(), ZoneOffset.UTC);
        CallOpener.Opened o = opened(opener.open(meeting.conversationId(), meeting.meetingId(), occurrence, media, topology, who.userId()));
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
    void leave(Principal who, UUID callId, UUID peerId) {
        visible(who, callId);
        if (peerId == null) {
            throw ApiException.invalid("peerId", "'peerId' is required: the peer the join answered");
        }
        LiveCall l = lifecycle.live(callId).orElseThrow(CallsHere::ended);
        synchronized (l) {
            LiveCall.Peer p = l.peers.get(peerId);
            if (p == null || !p.userId.equals(who.userId())) {
                throw ApiException.notFound("Peer");
            }
            lifecycle.drop(l, p);
        }
    }

    /** Stops ringing on all of the caller's devices; nothing else changes. */
    void decline(Principal who, UUID callId) {
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

    /** A host admits or denies someone waiting in the lobby. */
    void decide(Principal who, UUID callId, UUID userId, boolean admit) {
        visible(who, callId);
        LiveCall l = lifecycle.live(callId).orElseThrow(CallsHere::ended);
        synchronized (l) {
            lobby.decide(who, l, userId, admit);
        }
    }

    /** A host removes someone; they cannot rejoin this meeting occurrence. */
    void remove(Principal who, UUID callId, UUID userId) {
        visible(who, callId);
        LiveCall l = lifecycle.live(callId).orElseThrow(CallsHere::ended);
        synchronized (l) {
            if (l.ended) {
                throw ended();
            }
            lobby.remove(who, l, userId);
        }
    }

    /** The live call of a conversation held here, as a feature that owns one shows it. */
    Optional<CallService.LiveSummary> liveIn(UUID callId) {
        return lifecycle.live(callId).flatMap(l -> {
            synchronized (l) {
                return l.ended ? Optional.empty()
                        : Optional.of(new CallService.LiveSummary(callId, new java.util.LinkedHashMap<>(l.waiting), l.people().size()));
            }
        });
    }

    /** Ends someone's part in a call held here: every peer, their lobby place and their ringing. */
    void dropFrom(UUID callId, UUID userId) {
        lifecycle.live(callId).ifPresent(l -> {
            synchronized (l) {
                if (!l.ended) {
                    lifecycle.dropPerson(l, userId);
                }
            }
        });
    }

    /** A new peer for {@code who} in the call, with what the browser needs. Caller holds the call's monitor. */
    JoinGrant grant(Principal who, LiveCall l) {
        if (Call.MESH.equals(l.call.topology()) && l.peers.size() >= CallService.MESH_MAX) {
            throw new ApiException(ProblemType.CALL_FULL, "This call is full: without a media server a call carries at most "
                    + CallService.MESH_MAX + " people. Ask your administrator about the SFU (docs/operations.md).",
                    Map.of("max", CallService.MESH_MAX));
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

    private static CallOpener.Opened opened(CallOpener.Opened o) {
        if (o.elsewhere() != null) {
            throw new HeldElsewhere(o.elsewhere());
        }
        return o;
    }

    private static String media(String media) {
        if (!"audio".equals(media) && !"video".equals(media)) {
            throw ApiException.invalid("media", "'media' must be audio or video");
        }
        return media;
    }

    static ApiException ended() {
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
}
