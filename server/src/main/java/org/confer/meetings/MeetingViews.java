package org.confer.meetings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The REST shapes of meetings (docs/calls-and-meetings.md, "Scheduled meetings"; docs/api/openapi.json). */
public final class MeetingViews {
    private MeetingViews() {}

    /** One occurrence in the calendar (GET /api/v1/meetings?from=&to=). */
    public record OccurrenceView(UUID meetingId, Instant occurrenceStart, Instant occurrenceEnd, String title, UUID organiserId,
                                 UUID conversationId, UUID channelId, String myRole, String myRsvp, String lobby, String media,
                                 String timeZone, boolean recurring, Instant canJoinFrom) {}

    public record InviteeView(UUID userId, boolean presenter, String rsvp, OffsetDateTime respondedAt) {}

    /** A meeting's details (GET /api/v1/meetings/{id}). */
    public record MeetingView(UUID id, String title, String description, UUID organiserId, UUID conversationId, UUID channelId,
                              LocalDateTime start, LocalDateTime end, String timeZone, Instant startsAt, Instant endsAt,
                              String recurrence, List<LocalDate> exceptions, String lobby, String media, int sequence,
                              boolean cancelled, String myRole, String myRsvp, String joinUrl, List<InviteeView> invitees,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

    /** The person's relation to a meeting: who organises it, who is invited by name, who may join as a member of its chat. */
    static String role(Meeting m, UUID userId, List<Invitee> invitees) {
        if (m.organiserId().equals(userId)) {
            return "organiser";
        }
        return invitees.stream().anyMatch(i -> i.userId().equals(userId)) ? "invitee" : "member";
    }

    static MeetingView view(Meeting m, List<Invitee> invitees, UUID viewer, String joinUrl) {
        Schedule s = m.schedule();
        String myRsvp = invitees.stream().filter(i -> i.userId().equals(viewer)).map(Invitee::rsvp).findFirst().orElse(null);
        return new MeetingView(m.id(), m.title(), m.description(), m.organiserId(), m.conversationId(), m.channelId(),
                s.start(), s.end(), s.zone().getId(), s.firstStart().toInstant(), s.firstEnd().toInstant(), s.rrule(),
                List.copyOf(s.exceptions()), m.lobby().code(), m.media(), m.sequence(), m.cancelled(), role(m, viewer, invitees),
                myRsvp, joinUrl,
                invitees.stream().map(i -> new InviteeView(i.userId(), i.presenter(), i.rsvp(), i.respondedAt())).toList(),
                m.createdAt(), m.updatedAt());
    }
}
