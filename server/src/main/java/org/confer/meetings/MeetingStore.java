package org.confer.meetings;

import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.MEETINGS;
import static org.confer.db.schema.Tables.MEETING_INVITEES;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.confer.calls.LobbyPolicy;
import org.confer.db.schema.tables.records.MeetingsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * SQL of meetings and their invitees. Who may see a meeting is one condition,
 * {@link #visibleTo}: its organiser, a person invited by name, or a member of its conversation
 * now (the channel for a channel meeting), joined to chat's membership table on every read.
 */
public final class MeetingStore {

    public void insert(DSLContext tx, Meeting m, Optional<Instant> lastEnd) {
        tx.insertInto(MEETINGS)
                .set(MEETINGS.ID, m.id())
                .set(MEETINGS.ORGANISER_ID, m.organiserId())
                .set(MEETINGS.ORGANISATION_ID, m.organisationId())
                .set(MEETINGS.CONVERSATION_ID, m.conversationId())
                .set(MEETINGS.CHANNEL_ID, m.channelId())
                .set(MEETINGS.CREATED_AT, m.createdAt())
                .set(schedule(m, lastEnd))
                .execute();
    }

    /** Writes what a PATCH may change, the new sequence and the time. */
    public void update(DSLContext tx, Meeting m, Optional<Instant> lastEnd) {
        tx.update(MEETINGS).set(schedule(m, lastEnd)).where(MEETINGS.ID.eq(m.id())).execute();
    }

    private static Map<org.jooq.Field<?>, Object> schedule(Meeting m, Optional<Instant> lastEnd) {
        Schedule s = m.schedule();
        Map<org.jooq.Field<?>, Object> v = new java.util.LinkedHashMap<>();
        v.put(MEETINGS.TITLE, m.title());
        v.put(MEETINGS.DESCRIPTION, m.description());
        v.put(MEETINGS.STARTS_AT, s.firstStart().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
        v.put(MEETINGS.ENDS_AT, s.firstEnd().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
        v.put(MEETINGS.LAST_ENDS_AT, lastEnd.map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
        v.put(MEETINGS.TIME_ZONE, s.zone().getId());
        v.put(MEETINGS.LOCAL_START, s.start());
        v.put(MEETINGS.LOCAL_END, s.end());
        v.put(MEETINGS.RRULE, s.rrule());
        v.put(MEETINGS.EXDATES, s.exceptions().isEmpty() ? null
                : s.exceptions().stream().map(LocalDate::toString).collect(Collectors.joining(",")));
        v.put(MEETINGS.LOBBY_POLICY, m.lobby().code());
        v.put(MEETINGS.MEDIA, m.media());
        v.put(MEETINGS.SEQUENCE, m.sequence());
        v.put(MEETINGS.CANCELLED_AT, m.cancelledAt());
        v.put(MEETINGS.UPDATED_AT, m.updatedAt());
        return v;
    }

    /** The meeting if {@code userId} may see it; empty when it does not exist or they may not. */
    public Optional<Meeting> visible(DSLContext db, UUID meetingId, UUID userId) {
        return db.selectFrom(MEETINGS).where(MEETINGS.ID.eq(meetingId)).and(visibleTo(userId))
                .fetchOptional().map(MeetingStore::map);
    }

    /** The meeting, locked for the rest of the transaction (a change raises its sequence exactly once). */
    public Optional<Meeting> lock(DSLContext tx, UUID meetingId) {
        return tx.selectFrom(MEETINGS).where(MEETINGS.ID.eq(meetingId)).forUpdate().fetchOptional().map(MeetingStore::map);
    }

    /** Meetings {@code userId} may see that are not cancelled and may have an occurrence in [from, to). */
    public List<Meeting> visibleBetween(DSLContext db, UUID userId, Instant from, Instant to, int limit) {
        return db.selectFrom(MEETINGS)
                .where(visibleTo(userId))
                .and(MEETINGS.CANCELLED_AT.isNull())
                .and(MEETINGS.STARTS_AT.lt(to.atOffset(ZoneOffset.UTC)))
                .and(MEETINGS.LAST_ENDS_AT.isNull().or(MEETINGS.LAST_ENDS_AT.gt(from.atOffset(ZoneOffset.UTC))))
                .orderBy(MEETINGS.STARTS_AT, MEETINGS.ID)
                .limit(limit)
                .fetch().map(MeetingStore::map);
    }

    private static Condition visibleTo(UUID userId) {
        return MEETINGS.ORGANISER_ID.eq(userId)
                .or(DSL.exists(DSL.selectOne().from(MEETING_INVITEES)
                        .where(MEETING_INVITEES.MEETING_ID.eq(MEETINGS.ID)).and(MEETING_INVITEES.USER_ID.eq(userId))))
                .or(DSL.exists(DSL.selectOne().from(CONVERSATION_MEMBERS)
                        .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(MEETINGS.CONVERSATION_ID))
                        .and(CONVERSATION_MEMBERS.USER_ID.eq(userId))));
    }

    public List<Invitee> invitees(DSLContext db, UUID meetingId) {
        return db.selectFrom(MEETING_INVITEES).where(MEETING_INVITEES.MEETING_ID.eq(meetingId))
                .orderBy(MEETING_INVITEES.USER_ID)
                .fetch(r -> new Invitee(r.getUserId(), r.getPresenter(), r.getRsvp(), r.getRespondedAt()));
    }

    /** {@code userId}'s answers to the invitations of {@code meetingIds}: meeting id → rsvp. */
    public Map<UUID, String> rsvps(DSLContext db, UUID userId, Collection<UUID> meetingIds) {
        if (meetingIds.isEmpty()) {
            return Map.of();
        }
        return db.select(MEETING_INVITEES.MEETING_ID, MEETING_INVITEES.RSVP).from(MEETING_INVITEES)
                .where(MEETING_INVITEES.USER_ID.eq(userId)).and(MEETING_INVITEES.MEETING_ID.in(meetingIds))
                .fetchMap(MEETING_INVITEES.MEETING_ID, MEETING_INVITEES.RSVP);
    }

    public void invite(DSLContext tx, UUID meetingId, UUID userId, boolean presenter) {
        tx.insertInto(MEETING_INVITEES)
                .set(MEETING_INVITEES.MEETING_ID, meetingId)
                .set(MEETING_INVITEES.USER_ID, userId)
                .set(MEETING_INVITEES.PRESENTER, presenter)
                .set(MEETING_INVITEES.RSVP, Invitee.NEEDS_ACTION)
                .execute();
    }

    public void setPresenter(DSLContext tx, UUID meetingId, UUID userId, boolean presenter) {
        tx.update(MEETING_INVITEES).set(MEETING_INVITEES.PRESENTER, presenter)
                .where(MEETING_INVITEES.MEETING_ID.eq(meetingId)).and(MEETING_INVITEES.USER_ID.eq(userId)).execute();
    }

    public void uninvite(DSLContext tx, UUID meetingId, UUID userId) {
        tx.deleteFrom(MEETING_INVITEES)
                .where(MEETING_INVITEES.MEETING_ID.eq(meetingId)).and(MEETING_INVITEES.USER_ID.eq(userId)).execute();
    }

    /** Records an answer; false when {@code userId} is not invited by name. */
    public boolean answer(DSLContext tx, UUID meetingId, UUID userId, String rsvp, OffsetDateTime at) {
        return tx.update(MEETING_INVITEES)
                .set(MEETING_INVITEES.RSVP, rsvp)
                .set(MEETING_INVITEES.RESPONDED_AT, at)
                .where(MEETING_INVITEES.MEETING_ID.eq(meetingId)).and(MEETING_INVITEES.USER_ID.eq(userId))
                .execute() == 1;
    }

    private static Meeting map(MeetingsRecord r) {
        TreeSet<LocalDate> exceptions = new TreeSet<>();
        if (r.getExdates() != null && !r.getExdates().isBlank()) {
            Arrays.stream(r.getExdates().split(",")).map(LocalDate::parse).forEach(exceptions::add);
        }
        Schedule s = new Schedule(ZoneId.of(r.getTimeZone()), r.getLocalStart(), r.getLocalEnd(), r.getRrule(), exceptions);
        return new Meeting(r.getId(), r.getOrganiserId(), r.getOrganisationId(), r.getConversationId(), r.getChannelId(),
                r.getTitle(), r.getDescription(), s, LobbyPolicy.fromCode(r.getLobbyPolicy()), r.getMedia(), r.getSequence(),
                r.getCancelledAt(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
