package org.confer.meetings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.confer.calls.MeetingAccess;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.identity.UserDirectory;
import org.confer.meetings.MeetingViews.MeetingView;
import org.confer.meetings.MeetingViews.OccurrenceView;

/**
 * Reading meetings: the calendar (occurrences in a range, expanded from each meeting's rule in
 * its own time zone), one meeting's details, its .ics, and the check before joining one
 * occurrence (who, and whether it is open yet).
 */
public final class MeetingQueries {
    /** The calendar shows at most two months at a time (a month view and its edges); it bounds expansion. */
    static final Duration MAX_RANGE = Duration.ofDays(62);
    /** Joining opens this long before an occurrence starts (people arrive early; the lobby fills). */
    public static final Duration JOIN_EARLY = Duration.ofMinutes(10);
    /** Meetings looked at per range query: more than anyone holds in two months. */
    private static final int MAX_MEETINGS = 2000;

    private final Database db;
    private final MeetingStore store;
    private final MeetingGuard guard;
    private final UserDirectory users;
    private final MeetingMail mails;
    private final Clock clock;

    public MeetingQueries(Database db, MeetingStore store, MeetingGuard guard, UserDirectory users, MeetingMail mails, Clock clock) {
        this.db = db;
        this.store = store;
        this.guard = guard;
        this.users = users;
        this.mails = mails;
        this.clock = clock;
    }

    /** Occurrences overlapping [from, to) of the meetings {@code who} may see, by start. */
    public List<OccurrenceView> between(Principal who, Instant from, Instant to) {
        if (from == null || to == null) {
            throw ApiException.invalid(from == null ? "from" : "to", "'from' and 'to' are required instants such as 2026-12-07T00:00:00Z");
        }
        if (!to.isAfter(from)) {
            throw ApiException.invalid("to", "'to' must be after 'from'");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiException.invalid("to", "A range is at most " + MAX_RANGE.toDays() + " days");
        }
        List<Meeting> meetings = store.visibleBetween(db.dsl(), who.userId(), from, to, MAX_MEETINGS);
        Map<UUID, String> rsvps = store.rsvps(db.dsl(), who.userId(), meetings.stream().map(Meeting::id).toList());
        List<OccurrenceView> out = new ArrayList<>();
        for (Meeting m : meetings) {
            String role = m.organiserId().equals(who.userId()) ? "organiser" : rsvps.containsKey(m.id()) ? "invitee" : "member";
            for (Occurrence o : m.schedule().between(from, to)) {
                out.add(new OccurrenceView(m.id(), o.start().toInstant(), o.end().toInstant(), m.title(), m.organiserId(),
                        m.conversationId(), m.channelId(), role, rsvps.get(m.id()), m.lobby().code(), m.media(),
                        m.schedule().zone().getId(), m.schedule().recurring(), o.start().toInstant().minus(JOIN_EARLY)));
            }
        }
        out.sort(Comparator.comparing(OccurrenceView::occurrenceStart).thenComparing(OccurrenceView::meetingId));
        return out;
    }

    public MeetingView meeting(Principal who, UUID meetingId) {
        Meeting m = guard.requireVisible(who, meetingId);
        return MeetingViews.view(m, store.invitees(db.dsl(), meetingId), who.userId(), mails.link(meetingId));
    }

    /** The meeting's iCalendar object as it stands (METHOD:CANCEL once cancelled). */
    public String ics(Principal who, UUID meetingId) {
        Meeting m = guard.requireVisible(who, meetingId);
        List<Invitee> invitees = store.invitees(db.dsl(), meetingId);
        Map<UUID, User> people = new HashMap<>();
        for (Invitee i : invitees) {
            users.activeUser(i.userId()).ifPresent(u -> people.put(u.id(), u));
        }
        User organiser = users.activeUser(m.organiserId()).orElseThrow(MeetingGuard::notFound);
        return mails.ics(m, organiser, invitees, people, m.updatedAt().toInstant());
    }

    /**
     * What calls needs to let {@code who} into one occurrence: 404 unless they may see the
     * meeting, 410 once it is cancelled, 400 for a time that is not one of its occurrences, and
     * 409 {@code meeting-not-open} outside [start − 10 min, end).
     */
    public MeetingAccess joinable(Principal who, UUID meetingId, Instant occurrenceStart) {
        Meeting m = guard.requireVisible(who, meetingId);
        if (m.cancelled()) {
            throw new ApiException(ProblemType.GONE, "This meeting was cancelled");
        }
        if (occurrenceStart == null) {
            throw ApiException.invalid("occurrence", "'occurrence' is required: the start of the occurrence to join");
        }
        Occurrence o = m.schedule().occurrenceAt(occurrenceStart)
                .orElseThrow(() -> ApiException.invalid("occurrence", "No occurrence of this meeting starts at " + occurrenceStart));
        Instant now = clock.instant();
        Instant opens = o.start().toInstant().minus(JOIN_EARLY);
        if (now.isBefore(opens) || !now.isBefore(o.end().toInstant())) {
            throw new ApiException(ProblemType.MEETING_NOT_OPEN, now.isBefore(opens)
                    ? "This meeting opens at " + opens + ", 10 minutes before it starts" : "This occurrence of the meeting has ended",
                    Map.of("opensAt", opens.toString(), "endsAt", o.end().toInstant().toString()));
        }
        List<Invitee> invitees = store.invitees(db.dsl(), meetingId);
        Set<UUID> presenters = invitees.stream().filter(Invitee::presenter).map(Invitee::userId).collect(Collectors.toUnmodifiableSet());
        Set<UUID> named = invitees.stream().map(Invitee::userId).collect(Collectors.toUnmodifiableSet());
        return new MeetingAccess(m.id(), o.start().toInstant(), m.conversationId(), m.title(), m.media(), m.lobby(),
                m.organiserId(), m.organisationId(), presenters, named);
    }
}
