package org.confer.meetings;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.confer.identity.User;
import org.confer.mail.Mail;

/**
 * The mails of a meeting: an invitation, an update or a cancellation, each with its iCalendar
 * object (docs/calls-and-meetings.md, "Scheduled meetings"). The text says what the calendar
 * entry says, for mail readers that show no calendar, and where to answer and join in Confer.
 */
public final class MeetingMail {
    /** What a mail tells of. */
    enum Kind { INVITED, UPDATED, CANCELLED }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private final Calendars calendars;
    private final Supplier<String> baseUrl;

    public MeetingMail(Calendars calendars, Supplier<String> baseUrl) {
        this.calendars = calendars;
        this.baseUrl = baseUrl;
    }

    /** The web client's page of a meeting: {@code <base>/#/meetings/<id>} (the route the calendar opens). */
    String link(UUID meetingId) {
        return baseUrl.get() + "/#/meetings/" + meetingId;
    }

    String ics(Meeting m, User organiser, List<Invitee> invitees, Map<UUID, User> people, Instant now) {
        Calendars.Method method = m.cancelled() ? Calendars.Method.CANCEL : Calendars.Method.REQUEST;
        return calendars.write(method, m, person(organiser, null), attendees(invitees, people), link(m.id()), now);
    }

    /** The mail to {@code to} (one of the invitees, or one taken off the meeting for a cancellation). */
    Mail mail(Kind kind, Meeting m, User organiser, User to, List<Invitee> attendees, Map<UUID, User> people, Instant now) {
        Calendars.Method method = kind == Kind.CANCELLED ? Calendars.Method.CANCEL : Calendars.Method.REQUEST;
        String ics = calendars.write(method, m, person(organiser, null), attendees(attendees, people), link(m.id()), now);
        String prefix = switch (kind) {
            case INVITED -> "Invitation: ";
            case UPDATED -> "Updated: ";
            case CANCELLED -> "Cancelled: ";
        };
        Schedule s = m.schedule();
        String when = WHEN.format(s.firstStart()) + "–" + TIME.format(s.firstEnd()) + " (" + s.zone().getId() + ")"
                + (s.recurring() ? ", repeating: " + s.rrule() : "");
        StringBuilder body = new StringBuilder();
        body.append(switch (kind) {
            case INVITED -> organiser.displayName() + " invited you to a meeting in Confer.";
            case UPDATED -> organiser.displayName() + " changed a meeting you are invited to.";
            case CANCELLED -> "This meeting was cancelled, or you were taken off it, by " + organiser.displayName() + ".";
        }).append("\n\n");
        body.append(m.title()).append("\n").append(when).append("\n");
        if (!s.exceptions().isEmpty()) {
            body.append("Not on: ").append(s.exceptions()).append("\n");
        }
        if (m.description() != null) {
            body.append("\n").append(m.description()).append("\n");
        }
        if (kind != Kind.CANCELLED) {
            body.append("\nAnswer and join in Confer (joining opens 10 minutes before the start): ").append(link(m.id())).append("\n");
        }
        body.append("\nThis meeting is not recorded.\n");
        return new Mail(to.email(), to.id(), to.organisationId(), prefix + m.title(), body.toString(), ics);
    }

    private static List<Calendars.Person> attendees(List<Invitee> invitees, Map<UUID, User> people) {
        return invitees.stream().filter(i -> people.containsKey(i.userId()))
                .map(i -> person(people.get(i.userId()), i.rsvp())).toList();
    }

    private static Calendars.Person person(User u, String rsvp) {
        return new Calendars.Person(u.email(), u.displayName(), rsvp == null ? Invitee.NEEDS_ACTION : rsvp);
    }
}
