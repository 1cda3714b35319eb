package org.confer.visits;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.confer.calls.CallService;
import org.confer.calls.CallViews.JanusGrant;
import org.confer.calls.CallViews.JoinGrant;
import org.confer.calls.CallViews.JoinResult;
import org.confer.calls.CallViews.Waiting;
import org.confer.calls.LobbyPolicy;
import org.confer.calls.MeetingAccess;
import org.confer.chat.ConversationService;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.media.JanusRelay;

/**
 * The call of a visit (docs/virtual-visits.md, "Joining"): the visit is the meeting — a lobby call
 * whose meeting id is the visit's and whose occurrence is its slot — in a group conversation made
 * with its first join. The calendar's hosts and its team's members host it (they go straight in and
 * admit); its guests always wait in the lobby. Only inside the visit's window, never once cancelled.
 */
public final class VisitCalls {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** Who waits for a visit, as the ward view shows them. */
    public record WaitingGuest(UUID guestId, String name, String role, Instant since) {}

    /** A visit's call as the ward view shows it: its id, who waits, how many are in. */
    public record CallState(UUID callId, List<WaitingGuest> waiting, int inCall) {
        static final CallState NONE = new CallState(null, List.of(), 0);
    }

    /** What the guest page shows of its visit. */
    public record GuestVisit(UUID visitId, UUID guestId, String displayName, String role, String calendarName,
                             OffsetDateTime start, OffsetDateTime end, OffsetDateTime opensAt, OffsetDateTime closesAt,
                             String state, UUID callId) {}

    private final Database db;
    private final VisitStore store;
    private final GuestStore guests;
    private final VisitAccess access;
    private final ConversationService conversations;
    private final CallService calls;
    private final Clock clock;
    private final WardNotices notices;

    VisitCalls(Database db, VisitStore store, GuestStore guests, VisitAccess access, ConversationService conversations,
               CallService calls, WardNotices notices, Clock clock) {
        this.notices = notices;
        this.db = db;
        this.store = store;
        this.guests = guests;
        this.access = access;
        this.conversations = conversations;
        this.calls = calls;
        this.clock = clock;
    }

    // ---- staff ----

    /** A member of the ward's team (or a host) joins the visit's call, starting it: hosts go straight in. */
    public JoinResult hostJoin(Principal who, UUID visitId) {
        Visit v = access.visit(who, visitId);
        requireJoinable(v);
        VisitCalendar c = store.calendar(db.dsl(), v.calendarId()).orElseThrow();
        GuestStore.CallPlace place = place(v, c, who.userId());
        conversations.addBySystem(place.conversationId(), who.userId(), place.organiserId());
        return calls.joinMeeting(who, meeting(v, c, place));
    }

    /** A member of the ward's team admits (or turns away) a guest waiting for this visit. */
    public void decide(Principal who, UUID visitId, UUID guestId, boolean admit) {
        Visit v = access.visit(who, visitId);
        boolean ours = guestId != null && guests.guestsOf(db.dsl(), v.id()).stream().anyMatch(g -> g.userId().equals(guestId));
        GuestStore.CallPlace place = guests.callPlace(db.dsl(), v.id()).orElse(null);
        CallService.LiveSummary live = place == null ? null : calls.liveIn(place.conversationId()).orElse(null);
        if (!ours || live == null || !live.waiting().containsKey(guestId)) {
            throw ApiException.notFound("Waiting guest");
        }
        // The call's routes see members of its conversation: whoever admits joins the visit's group.
        conversations.addBySystem(place.conversationId(), who.userId(), place.organiserId());
        if (admit) {
            calls.admit(who, live.callId(), guestId);
        } else {
            calls.deny(who, live.callId(), guestId);
        }
    }

    /** The visit's call for the ward view (none when it has not started or has ended). */
    CallState state(Visit v) {
        Optional<GuestStore.CallPlace> place = guests.callPlace(db.dsl(), v.id());
        if (place.isEmpty()) {
            return CallState.NONE;
        }
        return calls.liveIn(place.get().conversationId()).map(live -> {
            Map<UUID, GuestStore.Guest> byId = guests.guestsOf(db.dsl(), v.id()).stream()
                    .collect(Collectors.toMap(GuestStore.Guest::userId, Function.identity()));
            List<WaitingGuest> waiting = new ArrayList<>();
            live.waiting().forEach((userId, since) -> {
                GuestStore.Guest g = byId.get(userId);
                if (g != null) {
                    waiting.add(new WaitingGuest(userId, g.name(), g.role(), since));
                }
            });
            return new CallState(live.callId(), waiting, live.people());
        }).orElse(CallState.NONE);
    }

    // ---- guests ----

    public GuestVisit guestVisit(Principal guest) {
        Visit v = guestsVisit(guest);
        VisitCalendar c = store.calendar(db.dsl(), v.calendarId()).orElseThrow();
        GuestStore.Guest me = guests.guestsOf(db.dsl(), v.id()).stream().filter(g -> g.userId().equals(guest.userId())).findFirst()
                .orElseThrow(() -> ApiException.notFound("Visit"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        String state = now.isBefore(GuestSessions.opens(v)) ? "early" : now.isAfter(GuestSessions.closes(v)) ? "closed" : "open";
        UUID callId = guests.callPlace(db.dsl(), v.id()).flatMap(p -> calls.liveIn(p.conversationId()))
                .map(CallService.LiveSummary::callId).orElse(null);
        return new GuestVisit(v.id(), me.userId(), me.name(), me.role(), c.name(), VisitViews.utc(v.start()), VisitViews.utc(v.end()),
                GuestSessions.opens(v), GuestSessions.closes(v), state, callId);
    }

    /** A guest asks to join: always the lobby first; once admitted, a grant for the guest relay. */
    public JoinResult guestJoin(Principal guest) {
        Visit v = guestsVisit(guest);
        requireJoinable(v);
        VisitCalendar c = store.calendar(db.dsl(), v.calendarId()).orElseThrow();
        GuestStore.CallPlace place = place(v, c, null);
        JoinResult r = calls.joinMeeting(guest, meeting(v, c, place));
        if (r instanceof Waiting) {
            guests.guestsOf(db.dsl(), v.id()).stream().filter(g -> g.userId().equals(guest.userId())).findFirst()
                    .ifPresent(g -> notices.waiting(c, v, g.userId(), g.name(), g.role()));
        }
        if (r instanceof JoinGrant g && g.janus() != null) {
            // The guest reaches Janus only through the guest relay (its cookie is sent nowhere else).
            JanusGrant j = g.janus();
            return new JoinGrant(g.state(), g.callId(), g.peerId(), g.topology(), g.media(), g.iceServers(), g.iceTransportPolicy(),
                    new JanusGrant(JanusRelay.GUEST_PATH, j.room(), j.token(), j.roomToken(), j.expiresAt()), g.call());
        }
        return r;
    }

    public void guestLeave(Principal guest, UUID peerId) {
        Visit v = guestsVisit(guest);
        GuestStore.CallPlace place = guests.callPlace(db.dsl(), v.id()).orElseThrow(() -> ApiException.notFound("Call"));
        CallService.LiveSummary live = calls.liveIn(place.conversationId()).orElseThrow(() -> ApiException.notFound("Call"));
        calls.leave(guest, live.callId(), peerId);
    }

    /** A cancelled visit's guests leave its call at once (their sessions are revoked in the cancellation). */
    void endGuests(UUID visitId, List<UUID> guestIds) {
        guests.callPlace(db.dsl(), visitId).ifPresent(p -> guestIds.forEach(id -> calls.dropFrom(p.conversationId(), id)));
    }

    // ---- helpers ----

    private Visit guestsVisit(Principal guest) {
        if (!guest.isGuest()) {
            throw ApiException.notFound("Visit");
        }
        return store.visit(db.dsl(), guest.guest().visitId()).filter(v -> v.status() != VisitStatus.CANCELLED)
                .orElseThrow(() -> ApiException.notFound("Visit"));
    }

    private void requireJoinable(Visit v) {
        if (v.status() == VisitStatus.CANCELLED) {
            throw new ApiException(ProblemType.VISIT_STATE, "This visit was cancelled", Map.of("visitStatus", v.status().code()));
        }
        GuestSessions.requireOpen(v, OffsetDateTime.now(clock));
    }

    /** The visit's group conversation, made on its first join (serialised here: one node runs calls). */
    private synchronized GuestStore.CallPlace place(Visit v, VisitCalendar c, UUID staff) {
        Optional<GuestStore.CallPlace> known = guests.callPlace(db.dsl(), v.id());
        if (known.isPresent()) {
            return known.get();
        }
        Set<UUID> members = new LinkedHashSet<>();
        c.hosts().forEach(h -> members.add(h.userId()));
        UUID organiser = staff != null ? staff : members.stream().findFirst().orElse(c.createdBy());
        String title = "Visit " + v.reference() + " · " + TIME.format(v.start().atZoneSameInstant(c.zone()));
        UUID conversationId = conversations.createSystemGroup(organiser, new ArrayList<>(members), title).id();
        GuestStore.CallPlace made = new GuestStore.CallPlace(conversationId, organiser);
        guests.setCallPlace(db.dsl(), v.id(), made);
        return guests.callPlace(db.dsl(), v.id()).orElse(made);
    }

    /** The lobby rules of the visit's call: the calendar's hosts and the team's members host; nobody else bypasses. */
    private MeetingAccess meeting(Visit v, VisitCalendar c, GuestStore.CallPlace place) {
        Set<UUID> hosts = new LinkedHashSet<>(store.teamMembers(db.dsl(), c.teamId()));
        c.hosts().forEach(h -> hosts.add(h.userId()));
        return new MeetingAccess(v.id(), v.start().toInstant(), place.conversationId(), c.name(), "video", LobbyPolicy.INVITEES,
                place.organiserId(), c.organisationId(), hosts, Set.of());
    }
}
