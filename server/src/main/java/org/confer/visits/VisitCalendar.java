package org.confer.visits;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A ward's booking calendar (docs/virtual-visits.md, "Model"): the team and channel it belongs
 * to, the shape of its slots, its opening hours and exceptions, the public fields and texts, and
 * the people who host and manage it. Checked by {@link CalendarRules} before it is stored.
 */
public record VisitCalendar(UUID id, UUID organisationId, UUID teamId, UUID channelId, String slug, String name, ZoneId zone,
                            int durationMinutes, int bufferMinutes, int placesPerSlot, int bookAheadDays, int minNoticeMinutes,
                            List<OpeningHours> hours, List<ExceptionDay> exceptions, List<VisitField> fields,
                            String privacyNotice, String consentText, boolean published, List<Host> hosts, List<UUID> managers,
                            UUID createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Every calendar is in England today (the column exists for later). */
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** The slot rules of {@link Availability}: the calendar as times and places. */
    public SlotRules slotRules() {
        java.util.Map<java.time.DayOfWeek, List<TimeRange>> weekly = new java.util.EnumMap<>(java.time.DayOfWeek.class);
        for (OpeningHours h : hours) {
            weekly.computeIfAbsent(java.time.DayOfWeek.of(h.weekday()), d -> new java.util.ArrayList<>())
                    .add(new TimeRange(h.opens(), h.closes()));
        }
        List<DayException> days = exceptions.stream().map(e -> new DayException(e.date(),
                e.hours().stream().map(r -> new TimeRange(r.opens(), r.closes())).toList())).toList();
        return new SlotRules(durationMinutes, bufferMinutes, placesPerSlot, bookAheadDays, minNoticeMinutes, weekly, days, zone);
    }

    /** Opening hours of one ISO weekday (1 = Monday): one range; a day may have up to 4. */
    public record OpeningHours(Integer weekday, @JsonFormat(pattern = "HH:mm") LocalTime opens,
                               @JsonFormat(pattern = "HH:mm") LocalTime closes) {}

    /** A range of local times on an exception day. */
    public record Hours(@JsonFormat(pattern = "HH:mm") LocalTime opens, @JsonFormat(pattern = "HH:mm") LocalTime closes) {}

    /** A date with other hours than its weekday's; no hours means closed (a bank holiday). */
    public record ExceptionDay(LocalDate date, List<Hours> hours) {}

    /** A host: a member of staff, or a person account used on the ward's shared device. */
    public record Host(UUID userId, boolean device) {}
}
