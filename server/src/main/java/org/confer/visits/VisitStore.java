package org.confer.visits;

import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.TEAMS;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;
import static org.confer.db.schema.Tables.VISITS;
import static org.confer.db.schema.Tables.VISIT_CALENDARS;
import static org.confer.db.schema.Tables.VISIT_EXCEPTIONS;
import static org.confer.db.schema.Tables.VISIT_HOSTS;
import static org.confer.db.schema.Tables.VISIT_HOURS;
import static org.confer.db.schema.Tables.VISIT_LINKS;
import static org.confer.db.schema.Tables.VISIT_MANAGERS;
import static org.confer.db.schema.Tables.VISIT_PLACES;
import static org.confer.db.schema.Tables.VISIT_REMINDERS;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.confer.db.schema.tables.records.VisitCalendarsRecord;
import org.confer.db.schema.tables.records.VisitsRecord;
import org.confer.http.JsonColumns;
import org.confer.visits.VisitCalendar.ExceptionDay;
import org.confer.visits.VisitCalendar.Host;
import org.confer.visits.VisitCalendar.Hours;
import org.confer.visits.VisitCalendar.OpeningHours;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The SQL of calendars, visits, places, links and reminders. Like RequestStore it reads the team
 * tables (membership, channels) itself, so the checks run in the caller's transaction.
 */
public final class VisitStore {
    private static final TypeReference<List<VisitField>> FIELDS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {};
    private final JsonColumns json = new JsonColumns("a stored visits column");

    // --- calendars

    public void insertCalendar(DSLContext tx, VisitCalendar c) {
        VisitCalendarsRecord r = tx.newRecord(VISIT_CALENDARS);
        r.setId(c.id());
        r.setOrganisationId(c.organisationId());
        r.setTeamId(c.teamId());
        r.setCreatedBy(c.createdBy());
        r.setCreatedAt(c.createdAt());
        fill(r, c);
        r.insert();
        writeChildren(tx, c);
    }

    public void updateCalendar(DSLContext tx, VisitCalendar c) {
        VisitCalendarsRecord r = tx.fetchSingle(VISIT_CALENDARS, VISIT_CALENDARS.ID.eq(c.id()));
        fill(r, c);
        r.update();
        tx.deleteFrom(VISIT_HOURS).where(VISIT_HOURS.CALENDAR_ID.eq(c.id())).execute();
        tx.deleteFrom(VISIT_EXCEPTIONS).where(VISIT_EXCEPTIONS.CALENDAR_ID.eq(c.id())).execute();
        tx.deleteFrom(VISIT_HOSTS).where(VISIT_HOSTS.CALENDAR_ID.eq(c.id())).execute();
        tx.deleteFrom(VISIT_MANAGERS).where(VISIT_MANAGERS.CALENDAR_ID.eq(c.id())).execute();
        writeChildren(tx, c);
    }

    private void fill(VisitCalendarsRecord r, VisitCalendar c) {
        r.setChannelId(c.channelId());
        r.setSlug(c.slug());
        r.setName(c.name());
        r.setTimeZone(c.zone().getId());
        r.setDurationMinutes(c.durationMinutes());
        r.setBufferMinutes(c.bufferMinutes());
        r.setPlacesPerSlot(c.placesPerSlot());
        r.setBookAheadDays(c.bookAheadDays());
        r.setMinNoticeMinutes(c.minNoticeMinutes());
        r.setFields(json.write(c.fields()));
        r.setPrivacyNotice(c.privacyNotice());
        r.setConsentText(c.consentText());
        r.setPublished(c.published());
        r.setUpdatedAt(c.updatedAt());
    }

    private void writeChildren(DSLContext tx, VisitCalendar c) {
        for (OpeningHours h : c.hours()) {
            tx.insertInto(VISIT_HOURS).set(VISIT_HOURS.CALENDAR_ID, c.id()).set(VISIT_HOURS.WEEKDAY, h.weekday())
                    .set(VISIT_HOURS.OPENS, minutes(h.opens())).set(VISIT_HOURS.CLOSES, minutes(h.closes())).execute();
        }
        for (ExceptionDay e : c.exceptions()) {
            if (e.hours().isEmpty()) {
                tx.insertInto(VISIT_EXCEPTIONS).set(VISIT_EXCEPTIONS.CALENDAR_ID, c.id()).set(VISIT_EXCEPTIONS.ON_DATE, e.date())
                        .execute();
            }
            for (Hours h : e.hours()) {
                tx.insertInto(VISIT_EXCEPTIONS).set(VISIT_EXCEPTIONS.CALENDAR_ID, c.id()).set(VISIT_EXCEPTIONS.ON_DATE, e.date())
                        .set(VISIT_EXCEPTIONS.OPENS, minutes(h.opens())).set(VISIT_EXCEPTIONS.CLOSES, minutes(h.closes())).execute();
            }
        }
        for (Host h : c.hosts()) {
            tx.insertInto(VISIT_HOSTS).set(VISIT_HOSTS.CALENDAR_ID, c.id()).set(VISIT_HOSTS.USER_ID, h.userId())
                    .set(VISIT_HOSTS.DEVICE, h.device()).execute();
        }
        for (UUID m : c.managers()) {
            tx.insertInto(VISIT_MANAGERS).set(VISIT_MANAGERS.CALENDAR_ID, c.id()).set(VISIT_MANAGERS.USER_ID, m).execute();
        }
    }

    public Optional<VisitCalendar> calendar(DSLContext db, UUID id) {
        return db.selectFrom(VISIT_CALENDARS).where(VISIT_CALENDARS.ID.eq(id)).fetchOptional().map(r -> calendar(db, r));
    }

    public Optional<VisitCalendar> calendarBySlug(DSLContext db, String slug) {
        return db.selectFrom(VISIT_CALENDARS).where(VISIT_CALENDARS.SLUG.eq(slug)).fetchOptional().map(r -> calendar(db, r));
    }

    /**
     * The calendars someone may see: those of the teams they belong to, those they host or
     * manage, and (for an organisation admin) all of their organisation's; by name.
     */
    public List<VisitCalendar> calendarsFor(DSLContext db, UUID userId, UUID adminOf) {
        var c = VISIT_CALENDARS.TEAM_ID.in(db.select(TEAM_MEMBERS.TEAM_ID).from(TEAM_MEMBERS).where(TEAM_MEMBERS.USER_ID.eq(userId)))
                .or(VISIT_CALENDARS.ID.in(db.select(VISIT_MANAGERS.CALENDAR_ID).from(VISIT_MANAGERS).where(VISIT_MANAGERS.USER_ID.eq(userId))))
                .or(VISIT_CALENDARS.ID.in(db.select(VISIT_HOSTS.CALENDAR_ID).from(VISIT_HOSTS).where(VISIT_HOSTS.USER_ID.eq(userId))));
        if (adminOf != null) {
            c = c.or(VISIT_CALENDARS.ORGANISATION_ID.eq(adminOf));
        }
        return db.selectFrom(VISIT_CALENDARS).where(c).orderBy(VISIT_CALENDARS.NAME, VISIT_CALENDARS.SLUG)
                .fetch().map(r -> calendar(db, r));
    }

    /** Every calendar of the organisation (null: all), for the figures. */
    public List<VisitCalendar> calendarsOf(DSLContext db, UUID organisationId) {
        return db.selectFrom(VISIT_CALENDARS)
                .where(organisationId == null ? org.jooq.impl.DSL.noCondition() : VISIT_CALENDARS.ORGANISATION_ID.eq(organisationId))
                .fetch().map(r -> calendar(db, r));
    }

    private VisitCalendar calendar(DSLContext db, VisitCalendarsRecord r) {
        UUID id = r.getId();
        List<OpeningHours> hours = db.selectFrom(VISIT_HOURS).where(VISIT_HOURS.CALENDAR_ID.eq(id))
                .orderBy(VISIT_HOURS.WEEKDAY, VISIT_HOURS.OPENS)
                .fetch(h -> new OpeningHours(h.getWeekday(), time(h.getOpens()), time(h.getCloses())));
        Map<LocalDate, List<Hours>> days = new LinkedHashMap<>();
        db.selectFrom(VISIT_EXCEPTIONS).where(VISIT_EXCEPTIONS.CALENDAR_ID.eq(id))
                .orderBy(VISIT_EXCEPTIONS.ON_DATE, VISIT_EXCEPTIONS.OPENS.nullsFirst())
                .forEach(e -> {
                    List<Hours> list = days.computeIfAbsent(e.getOnDate(), d -> new ArrayList<>());
                    if (e.getOpens() != null) {
                        list.add(new Hours(time(e.getOpens()), time(e.getCloses())));
                    }
                });
        List<ExceptionDay> exceptions = days.entrySet().stream().map(e -> new ExceptionDay(e.getKey(), List.copyOf(e.getValue()))).toList();
        List<Host> hosts = db.selectFrom(VISIT_HOSTS).where(VISIT_HOSTS.CALENDAR_ID.eq(id)).orderBy(VISIT_HOSTS.USER_ID)
                .fetch(h -> new Host(h.getUserId(), h.getDevice()));
        List<UUID> managers = db.select(VISIT_MANAGERS.USER_ID).from(VISIT_MANAGERS).where(VISIT_MANAGERS.CALENDAR_ID.eq(id))
                .orderBy(VISIT_MANAGERS.USER_ID).fetch(VISIT_MANAGERS.USER_ID);
        return new VisitCalendar(id, r.getOrganisationId(), r.getTeamId(), r.getChannelId(), r.getSlug(), r.getName(),
                ZoneId.of(r.getTimeZone()), r.getDurationMinutes(), r.getBufferMinutes(), r.getPlacesPerSlot(), r.getBookAheadDays(),
                r.getMinNoticeMinutes(), hours, exceptions, json.read(r.getFields(), FIELDS), r.getPrivacyNotice(), r.getConsentText(),
                r.getPublished(), hosts, managers, r.getCreatedBy(), r.getCreatedAt(), r.getUpdatedAt());
    }

    public boolean isManager(DSLContext db, UUID calendarId, UUID userId) {
        return db.fetchExists(VISIT_MANAGERS, VISIT_MANAGERS.CALENDAR_ID.eq(calendarId).and(VISIT_MANAGERS.USER_ID.eq(userId)));
    }

    // --- teams (read only)

    /** "owner" or "member" when the person belongs to the team. */
    public Optional<String> teamRole(DSLContext db, UUID teamId, UUID userId) {
        return db.select(TEAM_MEMBERS.ROLE).from(TEAM_MEMBERS)
                .where(TEAM_MEMBERS.TEAM_ID.eq(teamId).and(TEAM_MEMBERS.USER_ID.eq(userId)))
                .fetchOptional(TEAM_MEMBERS.ROLE);
    }

    public Optional<String> teamName(DSLContext db, UUID teamId) {
        return db.select(TEAMS.NAME).from(TEAMS).where(TEAMS.ID.eq(teamId).and(TEAMS.ARCHIVED_AT.isNull())).fetchOptional(TEAMS.NAME);
    }

    public Set<UUID> teamMembers(DSLContext db, UUID teamId) {
        return Set.copyOf(db.select(TEAM_MEMBERS.USER_ID).from(TEAM_MEMBERS).where(TEAM_MEMBERS.TEAM_ID.eq(teamId))
                .fetch(TEAM_MEMBERS.USER_ID));
    }

    /** Whether the conversation is a channel of the team that is not archived. */
    public boolean isOpenChannelOf(DSLContext db, UUID conversationId, UUID teamId) {
        return db.fetchExists(CONVERSATIONS, CONVERSATIONS.ID.eq(conversationId).and(CONVERSATIONS.TEAM_ID.eq(teamId))
                .and(CONVERSATIONS.KIND.eq("channel")).and(CONVERSATIONS.ARCHIVED_AT.isNull()));
    }

    // --- visits and places

    public void insertVisit(DSLContext tx, Visit v) {
        VisitsRecord r = tx.newRecord(VISITS);
        r.setId(v.id());
        r.setCalendarId(v.calendarId());
        r.setOrganisationId(v.organisationId());
        r.setReference(v.reference());
        r.setSlotStart(v.start());
        r.setSlotEnd(v.end());
        r.setPlace(v.place());
        r.setStatus(v.status().code());
        r.setVisitorName(v.visitorName());
        r.setVisitorEmail(v.visitorEmail());
        r.setVisitorMobile(v.visitorMobile());
        r.setPatientName(v.patientName());
        r.setAnswers(json.write(v.answers()));
        r.setBookedAt(v.bookedAt());
        r.setSequence(v.sequence());
        r.insert();
    }

    /** Places taken in a slot. */
    public Set<Integer> placesTaken(DSLContext db, UUID calendarId, OffsetDateTime slotStart) {
        return Set.copyOf(db.select(VISIT_PLACES.PLACE).from(VISIT_PLACES)
                .where(VISIT_PLACES.CALENDAR_ID.eq(calendarId).and(VISIT_PLACES.SLOT_START.eq(slotStart))).fetch(VISIT_PLACES.PLACE));
    }

    /** How many places are taken per slot start in [from, to). */
    public Map<java.time.Instant, Integer> takenBetween(DSLContext db, UUID calendarId, OffsetDateTime from, OffsetDateTime to) {
        Map<java.time.Instant, Integer> out = new java.util.HashMap<>();
        for (Record2<OffsetDateTime, Integer> r : db.select(VISIT_PLACES.SLOT_START, org.jooq.impl.DSL.count()).from(VISIT_PLACES)
                .where(VISIT_PLACES.CALENDAR_ID.eq(calendarId).and(VISIT_PLACES.SLOT_START.ge(from)).and(VISIT_PLACES.SLOT_START.lt(to)))
                .groupBy(VISIT_PLACES.SLOT_START).fetch()) {
            out.put(r.value1().toInstant(), r.value2());
        }
        return out;
    }

    /** Takes a place; a primary-key violation (someone else's place) is thrown to the caller. */
    public void insertPlace(DSLContext tx, UUID calendarId, OffsetDateTime slotStart, int place, UUID visitId) {
        tx.insertInto(VISIT_PLACES).set(VISIT_PLACES.CALENDAR_ID, calendarId).set(VISIT_PLACES.SLOT_START, slotStart)
                .set(VISIT_PLACES.PLACE, place).set(VISIT_PLACES.VISIT_ID, visitId).execute();
    }

    /** Frees the visit's place in the slot starting at {@code slotStart} (its other place, mid-reschedule, stays). */
    public void releasePlace(DSLContext tx, UUID visitId, OffsetDateTime slotStart) {
        tx.deleteFrom(VISIT_PLACES).where(VISIT_PLACES.VISIT_ID.eq(visitId).and(VISIT_PLACES.SLOT_START.eq(slotStart))).execute();
    }

    public int countPlaces(DSLContext db, UUID calendarId, OffsetDateTime slotStart) {
        return db.fetchCount(VISIT_PLACES, VISIT_PLACES.CALENDAR_ID.eq(calendarId).and(VISIT_PLACES.SLOT_START.eq(slotStart)));
    }

    public Optional<Visit> visit(DSLContext db, UUID id) {
        return db.selectFrom(VISITS).where(VISITS.ID.eq(id)).fetchOptional(this::visit);
    }

    /** The visit with its row locked until the transaction ends: one change at a time. */
    public Optional<Visit> visitForUpdate(DSLContext tx, UUID id) {
        return tx.selectFrom(VISITS).where(VISITS.ID.eq(id)).forUpdate().fetchOptional(this::visit);
    }

    public boolean referenceExists(DSLContext db, String reference) {
        return db.fetchExists(VISITS, VISITS.REFERENCE.eq(reference));
    }

    /** A calendar's visits starting in [from, to), by start. */
    public List<Visit> visitsBetween(DSLContext db, UUID calendarId, OffsetDateTime from, OffsetDateTime to) {
        return db.selectFrom(VISITS).where(VISITS.CALENDAR_ID.eq(calendarId).and(VISITS.SLOT_START.ge(from)).and(VISITS.SLOT_START.lt(to)))
                .orderBy(VISITS.SLOT_START, VISITS.PLACE, VISITS.BOOKED_AT).fetch(this::visit);
    }

    /** The visits of the calendars given, starting in [from, to) (the figures). */
    public List<Visit> visitsOf(DSLContext db, java.util.Collection<UUID> calendarIds, OffsetDateTime from, OffsetDateTime to) {
        return db.selectFrom(VISITS).where(VISITS.CALENDAR_ID.in(calendarIds).and(VISITS.SLOT_START.ge(from)).and(VISITS.SLOT_START.lt(to)))
                .fetch(this::visit);
    }

    public void cancel(DSLContext tx, UUID id, OffsetDateTime at, String reason, UUID by) {
        tx.update(VISITS).set(VISITS.STATUS, VisitStatus.CANCELLED.code()).set(VISITS.CANCELLED_AT, at)
                .set(VISITS.CANCEL_REASON, reason).set(VISITS.CANCELLED_BY, by).set(VISITS.SEQUENCE, VISITS.SEQUENCE.plus(1))
                .where(VISITS.ID.eq(id)).execute();
    }

    public void move(DSLContext tx, UUID id, OffsetDateTime start, OffsetDateTime end, int place) {
        tx.update(VISITS).set(VISITS.SLOT_START, start).set(VISITS.SLOT_END, end).set(VISITS.PLACE, place)
                .set(VISITS.SEQUENCE, VISITS.SEQUENCE.plus(1)).where(VISITS.ID.eq(id)).execute();
    }

    public void setOutcome(DSLContext tx, UUID id, VisitStatus status, OffsetDateTime at, UUID by) {
        tx.update(VISITS).set(VISITS.STATUS, status.code()).set(VISITS.OUTCOME_AT, at).set(VISITS.OUTCOME_BY, by)
                .where(VISITS.ID.eq(id)).execute();
    }

    public void markNoticePosted(DSLContext db, UUID id, OffsetDateTime at) {
        db.update(VISITS).set(VISITS.NOTICE_POSTED_AT, at).where(VISITS.ID.eq(id).and(VISITS.NOTICE_POSTED_AT.isNull())).execute();
    }

    /** Visits booked before {@code before} whose ward notice is still owed. */
    public List<Visit> noticesOwed(DSLContext db, OffsetDateTime before, int limit) {
        return db.selectFrom(VISITS).where(VISITS.NOTICE_POSTED_AT.isNull().and(VISITS.BOOKED_AT.le(before)))
                .orderBy(VISITS.BOOKED_AT).limit(limit).fetch(this::visit);
    }

    private Visit visit(VisitsRecord r) {
        return new Visit(r.getId(), r.getCalendarId(), r.getOrganisationId(), r.getReference(), r.getSlotStart(), r.getSlotEnd(),
                r.getPlace(), VisitStatus.parse(r.getStatus()).orElseThrow(), r.getVisitorName(), r.getVisitorEmail(),
                r.getVisitorMobile(), r.getPatientName(), json.read(r.getAnswers(), ANSWERS), r.getBookedAt(), r.getCancelledAt(),
                r.getCancelReason(), r.getCancelledBy(), r.getOutcomeAt(), r.getOutcomeBy(), r.getSequence(), r.getNoticePostedAt());
    }

    // --- links

    public void insertLink(DSLContext tx, String tokenHash, UUID visitId, String purpose, String role, OffsetDateTime at) {
        tx.insertInto(VISIT_LINKS).set(VISIT_LINKS.TOKEN_HASH, tokenHash).set(VISIT_LINKS.VISIT_ID, visitId)
                .set(VISIT_LINKS.PURPOSE, purpose).set(VISIT_LINKS.ROLE, role).set(VISIT_LINKS.CREATED_AT, at).execute();
    }

    /** The visit a live link of this purpose opens. */
    public Optional<UUID> visitByLink(DSLContext db, String tokenHash, String purpose) {
        return db.select(VISIT_LINKS.VISIT_ID).from(VISIT_LINKS)
                .where(VISIT_LINKS.TOKEN_HASH.eq(tokenHash).and(VISIT_LINKS.PURPOSE.eq(purpose)).and(VISIT_LINKS.REVOKED_AT.isNull()))
                .fetchOptional(VISIT_LINKS.VISIT_ID);
    }

    public void revokeLinks(DSLContext tx, UUID visitId, OffsetDateTime at) {
        tx.update(VISIT_LINKS).set(VISIT_LINKS.REVOKED_AT, at).where(VISIT_LINKS.VISIT_ID.eq(visitId).and(VISIT_LINKS.REVOKED_AT.isNull()))
                .execute();
    }

    // --- reminders

    public void insertReminder(DSLContext tx, UUID visitId, String kind, OffsetDateTime dueAt) {
        tx.insertInto(VISIT_REMINDERS).set(VISIT_REMINDERS.VISIT_ID, visitId).set(VISIT_REMINDERS.KIND, kind)
                .set(VISIT_REMINDERS.DUE_AT, dueAt).execute();
    }

    /** Deletes the visit's reminders not yet sent (a sent one stays, as the record that it went). */
    public void deletePendingReminders(DSLContext tx, UUID visitId) {
        tx.deleteFrom(VISIT_REMINDERS).where(VISIT_REMINDERS.VISIT_ID.eq(visitId).and(VISIT_REMINDERS.SENT_AT.isNull())).execute();
    }

    /** A reminder that is due: the visit and the kind. */
    public record DueReminder(UUID visitId, String kind) {}

    public List<DueReminder> dueReminders(DSLContext db, OffsetDateTime now, int limit) {
        return db.select(VISIT_REMINDERS.VISIT_ID, VISIT_REMINDERS.KIND).from(VISIT_REMINDERS)
                .where(VISIT_REMINDERS.SENT_AT.isNull().and(VISIT_REMINDERS.DUE_AT.le(now)))
                .orderBy(VISIT_REMINDERS.DUE_AT).limit(limit)
                .fetch(r -> new DueReminder(r.value1(), r.value2()));
    }

    /**
     * Claims a reminder: true for exactly one caller however many nodes try at once, because the
     * update's condition ({@code sent_at} still null) is re-checked under the row lock.
     */
    public boolean claimReminder(DSLContext tx, DueReminder due, OffsetDateTime now) {
        return tx.update(VISIT_REMINDERS).set(VISIT_REMINDERS.SENT_AT, now)
                .where(VISIT_REMINDERS.VISIT_ID.eq(due.visitId()).and(VISIT_REMINDERS.KIND.eq(due.kind()))
                        .and(VISIT_REMINDERS.SENT_AT.isNull()))
                .execute() == 1;
    }

    // --- JSON columns

    private static int minutes(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    /** Minutes after midnight; 1440 is the end of the day, which LocalTime cannot say: 23:59:59. */
    private static LocalTime time(int minutes) {
        return minutes >= 1440 ? LocalTime.MAX.withNano(0) : LocalTime.of(minutes / 60, minutes % 60);
    }
}
