package org.confer.visits;

import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.function.Supplier;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The iCalendar object of a visit (RFC 5545, iTIP RFC 5546): METHOD:REQUEST for the booking and
 * each move (SEQUENCE says which is newer), METHOD:CANCEL when it is cancelled. The UID is
 * {@code visit-<id>@<host>} in every message, so the visitor's calendar updates one entry. The
 * URL is the join page without its token: the token must not reach calendar servers.
 */
final class VisitIcs {
    private static final String PRODID = "-//Confer//Virtual visits//EN";

    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
    /** The public address, whose host names the UIDs; read when used (a test server's port is known only once it listens). */
    private final Supplier<String> baseUrl;

    VisitIcs(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    private String host() {
        return URI.create(baseUrl.get()).getHost();
    }

    String uid(Visit v) {
        return "visit-" + v.id() + "@" + host();
    }

    String write(boolean cancel, Visit v, VisitCalendar c, String joinPage, Instant now) {
        ZonedDateTime start = v.start().atZoneSameInstant(c.zone());
        ZonedDateTime end = v.end().atZoneSameInstant(c.zone());
        VEvent event = new VEvent(start, end, "Virtual visit: " + c.name());
        event.getProperty("DTSTAMP").ifPresent(event::remove);
        event.add(new DtStamp(now));
        event.add(new Uid(uid(v)));
        event.add(new Sequence(v.sequence()));
        event.add(new Description("Reference " + v.reference() + ". Open the join link in your confirmation email "
                + "from 15 minutes before the start."));
        Organizer organizer = new Organizer(URI.create("mailto:visits@" + host()));
        organizer.add(new Cn(c.name()));
        event.add(organizer);
        Attendee attendee = new Attendee(URI.create("mailto:" + v.visitorEmail().toLowerCase(Locale.ROOT).replace(" ", "")));
        attendee.add(new Cn(v.visitorName()));
        attendee.add(Role.REQ_PARTICIPANT);
        event.add(attendee);
        event.add(new Url(URI.create(joinPage)));
        event.add(cancel ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        calendar.add(zones.getTimeZone(c.zone().getId()).getVTimeZone());
        calendar.add(event);
        return calendar.toString();
    }
}
