package org.confer.visits;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;
import org.confer.mail.Mail;

/**
 * The mails to a visitor (docs/virtual-visits.md, "On booking"): the confirmation with its
 * links, an update after a move, a cancellation, the reminders and a message from the ward.
 * Each says the ward, the time in Europe/London and the reference; the confirmation and update
 * carry the links, which exist only in these mails (the database keeps their hashes).
 */
final class VisitMail {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    /** The visitor's two links, as sent. */
    record Links(String join, String manage) {}

    private final VisitIcs ics;
    private final Supplier<String> baseUrl;

    VisitMail(VisitIcs ics, Supplier<String> baseUrl) {
        this.ics = ics;
        this.baseUrl = baseUrl;
    }

    /** The join page without a token: what the calendar entry links to. */
    String joinPage() {
        return baseUrl.get() + "/visit/join";
    }

    Links links(String joinToken, String manageToken) {
        // In the fragment: never sent to a server, so never in an access log or a Referer header.
        return new Links(joinPage() + "#" + joinToken, baseUrl.get() + "/visit/manage#" + manageToken);
    }

    Mail booked(Visit v, VisitCalendar c, Links links, Instant now) {
        StringBuilder b = new StringBuilder();
        b.append("Dear ").append(v.visitorName()).append(",\n\n");
        b.append("Your virtual visit with ").append(c.name()).append(" is booked.\n\n");
        details(b, v, c);
        b.append("\nWhat to have ready: a phone, tablet or computer with a camera and microphone, a quiet place, ")
                .append("and this email.\n");
        linkLines(b, links);
        privacy(b, c);
        return new Mail(v.visitorEmail(), null, c.organisationId(), "Visit booked: " + c.name() + ", " + when(v, c),
                b.toString(), ics.write(false, v, c, joinPage(), now));
    }

    /** After a move: the links of the confirmation still work (only their hashes are kept, so they cannot be sent again). */
    Mail moved(Visit v, VisitCalendar c, Instant now) {
        StringBuilder b = new StringBuilder();
        b.append("Dear ").append(v.visitorName()).append(",\n\n");
        b.append("Your virtual visit with ").append(c.name()).append(" has moved to a new time.\n\n");
        details(b, v, c);
        b.append("\nThe join and manage links in your confirmation email still work.\n");
        privacy(b, c);
        return new Mail(v.visitorEmail(), null, c.organisationId(), "Visit moved: " + c.name() + ", " + when(v, c),
                b.toString(), ics.write(false, v, c, joinPage(), now));
    }

    Mail cancelled(Visit v, VisitCalendar c, String reason, Instant now) {
        StringBuilder b = new StringBuilder();
        b.append("Dear ").append(v.visitorName()).append(",\n\n");
        b.append("Your virtual visit with ").append(c.name()).append(" on ").append(when(v, c)).append(" is cancelled.\n");
        if (reason != null) {
            b.append("\nThe ward says: ").append(reason).append("\n");
        }
        b.append("\nReference: ").append(v.reference()).append("\n");
        b.append("\nYou are welcome to book another visit: ").append(baseUrl.get()).append("/book/").append(c.slug()).append("\n");
        return new Mail(v.visitorEmail(), null, c.organisationId(), "Visit cancelled: " + c.name() + ", " + when(v, c),
                b.toString(), ics.write(true, v, c, joinPage(), now));
    }

    Mail reminder(Visit v, VisitCalendar c, String kind) {
        String soon = "24h".equals(kind) ? "tomorrow" : "in an hour";
        StringBuilder b = new StringBuilder();
        b.append("Dear ").append(v.visitorName()).append(",\n\n");
        b.append("A reminder: your virtual visit with ").append(c.name()).append(" is ").append(soon).append(".\n\n");
        details(b, v, c);
        b.append("\nUse the join link in your confirmation email; it opens 15 minutes before the start.\n");
        return new Mail(v.visitorEmail(), null, c.organisationId(), "Reminder: visit " + soon + ", " + when(v, c), b.toString(), null);
    }

    /** The reminder as a text message: short, and without the links (a text can be read over a shoulder). */
    String reminderSms(Visit v, VisitCalendar c, String kind) {
        return "Reminder: your virtual visit with " + c.name() + " is " + when(v, c) + " (ref " + v.reference()
                + "). Use the join link in your email.";
    }

    Mail fromWard(Visit v, VisitCalendar c, String text) {
        StringBuilder b = new StringBuilder();
        b.append("Dear ").append(v.visitorName()).append(",\n\n").append(text).append("\n\n");
        b.append("About your visit on ").append(when(v, c)).append(" (reference ").append(v.reference()).append(").\n");
        b.append("— ").append(c.name()).append("\n");
        return new Mail(v.visitorEmail(), null, c.organisationId(), "A message about your visit: " + c.name(), b.toString(), null);
    }

    /** An interpreter's invitation: their own join link (they wait in the lobby like the visitor). */
    Mail interpreter(Visit v, VisitCalendar c, String name, String email, String joinToken) {
        StringBuilder b = new StringBuilder();
        b.append("Dear ").append(name).append(",\n\n");
        b.append(c.name()).append(" asks you to interpret at a virtual visit.\n\n");
        b.append("When: ").append(when(v, c)).append(" (UK time)\n");
        b.append("Reference: ").append(v.reference()).append("\n");
        b.append("\nJoin the visit (opens 15 minutes before the start): ").append(joinPage()).append("#").append(joinToken).append("\n");
        b.append("You will wait in a lobby until the ward lets you in.\n");
        b.append("\nKeep this link to yourself: anyone with it can join the visit.\n");
        privacy(b, c);
        return new Mail(email, null, c.organisationId(), "Interpreting at a virtual visit: " + c.name() + ", " + when(v, c),
                b.toString(), null); // no .ics: the visit's calendar entry names the visitor as its attendee
    }

    /** "Tuesday 12 January 2027, 14:00–14:30" in the calendar's zone. */
    static String when(Visit v, VisitCalendar c) {
        ZonedDateTime start = v.start().atZoneSameInstant(c.zone());
        return WHEN.format(start) + "–" + TIME.format(v.end().atZoneSameInstant(c.zone()));
    }

    private static void details(StringBuilder b, Visit v, VisitCalendar c) {
        b.append("When: ").append(when(v, c)).append(" (UK time)\n");
        b.append("Patient: ").append(v.patientName()).append("\n");
        b.append("Reference: ").append(v.reference()).append("\n");
    }

    private static void linkLines(StringBuilder b, Links links) {
        b.append("\nJoin the visit (opens 15 minutes before the start): ").append(links.join()).append("\n");
        b.append("Cancel or change the visit: ").append(links.manage()).append("\n");
        b.append("\nKeep these links to yourself: anyone with them can join or change the visit.\n");
    }

    private static void privacy(StringBuilder b, VisitCalendar c) {
        if (!c.privacyNotice().isBlank()) {
            b.append("\nPrivacy: ").append(c.privacyNotice()).append("\n");
        }
    }
}
