package org.confer.meetings;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The iCalendar (RFC 5545, iTIP RFC 5546) objects of a meeting: METHOD:REQUEST for an invitation
 * or an update (SEQUENCE says which is newer), METHOD:CANCEL with STATUS:CANCELLED when it is
 * cancelled or a person is taken off it. The UID is {@code <meeting id>@<host>}, the same in
 * every message about the meeting, so calendars update the one entry.
 */
public final class Calendars {
    /** Whose calendar entries these are, as calendars show it. */
    private static final String PRODID = "-//Confer//Meetings//EN";

    /** A person in the invitation: their address, name and answer. */
    record Person(String email, String name, String rsvp) {}

    enum Method { REQUEST, CANCEL }

    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
    private final String host;

    public Calendars(String host) {
        this.host = host;
    }

    String uid(Meeting m) {
        return m.id() + "@" + host;
    }

    /**
     * The calendar object for {@code meeting} sent to {@code attendees}. {@code link} opens the
     * meeting in Confer (docs/calls-and-meetings.md, "Scheduled meetings").
     */
    String write(Method method, Meeting meeting, Person organiser, List<Person> attendees, String link, Instant now) {
        Schedule s = meeting.schedule();
        ZonedDateTime start = s.firstStart();
        VEvent event = new VEvent(start, s.firstEnd(), meeting.title());
        // VEvent stamps itself; a fixed DTSTAMP (the change's time) makes the object reproducible.
        event.getProperty("DTSTAMP").ifPresent(event::remove);
        event.add(new DtStamp(now));
        event.add(new Uid(uid(meeting)));
        event.add(new Sequence(meeting.sequence()));
        if (meeting.description() != null && !meeting.description().isBlank()) {
            event.add(new Description(meeting.description()));
        }
        Organizer org = new Organizer(mailto(organiser.email()));
        org.add(new Cn(organiser.name()));
        event.add(org);
        for (Person p : attendees) {
            Attendee a = new Attendee(mailto(p.email()));
            a.add(new Cn(p.name()));
            a.add(Role.REQ_PARTICIPANT);
            a.add(partStat(p.rsvp()));
            a.add(Rsvp.TRUE);
            event.add(a);
        }
        if (s.recurring()) {
            event.add(new RRule<>(s.rrule()));
            if (!s.exceptions().isEmpty()) {
                List<ZonedDateTime> skipped = new ArrayList<>();
                for (LocalDate d : s.exceptions()) {
                    skipped.add(d.atTime(s.start().toLocalTime()).atZone(s.zone()));
                }
                event.add(new ExDate<>(new ParameterList(List.of(new TzId(s.zone().getId()))), new DateList<>(skipped)));
            }
        }
        event.add(new Url(URI.create(link)));
        event.add(method == Method.CANCEL ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(method == Method.CANCEL ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        calendar.add(zones.getTimeZone(s.zone().getId()).getVTimeZone());
        calendar.add(event);
        return calendar.toString();
    }

    private static PartStat partStat(String rsvp) {
        return switch (rsvp) {
            case "accepted" -> PartStat.ACCEPTED;
            case "declined" -> PartStat.DECLINED;
            case "tentative" -> PartStat.TENTATIVE;
            default -> PartStat.NEEDS_ACTION;
        };
    }

    private static URI mailto(String email) {
        return URI.create("mailto:" + email.toLowerCase(Locale.ROOT).replace(" ", ""));
    }
}
