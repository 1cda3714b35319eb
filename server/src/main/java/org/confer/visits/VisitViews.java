package org.confer.visits;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.visits.VisitCalendar.ExceptionDay;
import org.confer.visits.VisitCalendar.Host;
import org.confer.visits.VisitCalendar.OpeningHours;

/** What the API answers about calendars and visits (docs/virtual-visits.md, "HTTP API"). */
public final class VisitViews {
    private VisitViews() {}

    public record Items<T>(List<T> items) {}

    /** A calendar as its team sees it; {@code canManage} says whether the Settings dialog may save. */
    public record CalendarView(UUID id, UUID teamId, String teamName, UUID channelId, String slug, String name, String timeZone,
                               int durationMinutes, int bufferMinutes, int placesPerSlot, int bookAheadDays, int minNoticeMinutes,
                               List<OpeningHours> hours, List<ExceptionDay> exceptions, List<VisitField> fields,
                               String privacyNotice, String consentText, boolean published, List<Host> hosts, List<UUID> managers,
                               boolean canManage, String bookingUrl, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static CalendarView of(VisitCalendar c, String teamName, boolean canManage, String bookingUrl) {
            return new CalendarView(c.id(), c.teamId(), teamName, c.channelId(), c.slug(), c.name(), c.zone().getId(),
                    c.durationMinutes(), c.bufferMinutes(), c.placesPerSlot(), c.bookAheadDays(), c.minNoticeMinutes(), c.hours(),
                    c.exceptions(), c.fields(), c.privacyNotice(), c.consentText(), c.published(), c.hosts(), c.managers(),
                    canManage, bookingUrl, c.createdAt(), c.updatedAt());
        }
    }

    /** A field of the public form. */
    public record PublicField(String name, String label, boolean required) {}

    /** A published calendar's public face: nothing about the team beyond the ward's name. */
    public record PublicCalendar(String slug, String name, String wardName, int durationMinutes, List<PublicField> fields,
                                 String privacyNotice, String consentText) {}

    /** A bookable slot; times are instants (UTC) and the local date and time in Europe/London. */
    public record SlotView(String start, String end, String localDate, String localTime, int placesLeft) {}

    /** 201 to a booking: what the confirmation page shows. */
    public record Booked(String reference, OffsetDateTime start, OffsetDateTime end, String calendarName) {}

    /** The visit behind a manage link. */
    public record Managed(String reference, OffsetDateTime start, OffsetDateTime end, String status, String calendarName, String slug) {}

    /** The visit behind a join link, and whether it is open now. */
    public record JoinInfo(OffsetDateTime start, OffsetDateTime end, OffsetDateTime opensAt, OffsetDateTime closesAt,
                           String calendarName, String state) {}

    /** A visit as the ward's team sees it. Patient name and bed come from the visitor, unverified. */
    public record StaffVisit(UUID id, UUID calendarId, String reference, OffsetDateTime start, OffsetDateTime end, int place,
                             String status, String visitorName, String visitorEmail, String visitorMobile, String patientName,
                             Map<String, String> answers, OffsetDateTime bookedAt, OffsetDateTime cancelledAt, String cancelReason,
                             OffsetDateTime outcomeAt, @JsonInclude(JsonInclude.Include.ALWAYS) UUID callId,
                             List<VisitCalls.WaitingGuest> waiting, int inCall) {
        static StaffVisit of(Visit v) {
            return of(v, VisitCalls.CallState.NONE);
        }

        static StaffVisit of(Visit v, VisitCalls.CallState call) {
            return new StaffVisit(v.id(), v.calendarId(), v.reference(), utc(v.start()), utc(v.end()), v.place(), v.status().code(),
                    v.visitorName(), v.visitorEmail(), v.visitorMobile(), v.patientName(), v.answers(), v.bookedAt(), v.cancelledAt(),
                    v.cancelReason(), v.outcomeAt(), call.callId(), call.waiting(), call.inCall());
        }
    }

    /** The figures of one calendar on one local day. */
    public record UsageDay(String date, UUID calendarId, String calendarName, UUID organisationId, int booked, int attended,
                           int noShow, int cancelled) {}

    public record Usage(String from, String to, List<UsageDay> items) {}

    static OffsetDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    static String date(LocalDate d) {
        return d.toString();
    }
}
