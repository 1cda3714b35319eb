package org.confer.analytics;

import static org.confer.db.schema.Tables.ORGANISATIONS;
import static org.confer.db.schema.Tables.USAGE_ACTIVE;
import static org.confer.db.schema.Tables.USAGE_COUNTED;
import static org.confer.db.schema.Tables.USAGE_DAILY;
import static org.confer.db.schema.Tables.USAGE_PERIODS;
import static org.confer.db.schema.Tables.USAGE_STATE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.db.schema.tables.records.UsageDailyRecord;
import org.confer.db.schema.tables.records.UsagePeriodsRecord;
import org.jooq.DSLContext;
import org.jooq.Query;

/** The analytics' own tables (V23__usage.sql): counters, the watermark and lease, what was counted. */
final class UsageStore {
    /** The organisation id of the total across organisations. */
    static final UUID NATIONAL = new UUID(0, 0);
    static final String ROLLUP = "rollup";

    record State(Instant watermark, boolean synthetic) {}

    /** One day's additive figures (participant time in seconds). */
    record Day(LocalDate day, long messages, long meetings, long participantSeconds, long visits, long results, long activeUsers) {}

    /** A person counted active in a period: 'd', 'w' or 'm', and the period's first day. */
    record Active(UUID userId, String period, LocalDate start) {}

    record Organisation(UUID id, String name) {}

    /** Locks the rollup's row until the transaction ends: the lease that makes one node at a time roll up. */
    State lock(DSLContext tx) {
        var r = tx.selectFrom(USAGE_STATE).where(USAGE_STATE.NAME.eq(ROLLUP)).forUpdate().fetchSingle();
        return new State(r.getWatermark().toInstant(), r.getSynthetic());
    }

    State state(DSLContext db) {
        var r = db.selectFrom(USAGE_STATE).where(USAGE_STATE.NAME.eq(ROLLUP)).fetchSingle();
        return new State(r.getWatermark().toInstant(), r.getSynthetic());
    }

    void setWatermark(DSLContext tx, Instant watermark) {
        tx.update(USAGE_STATE).set(USAGE_STATE.WATERMARK, watermark.atOffset(ZoneOffset.UTC))
                .where(USAGE_STATE.NAME.eq(ROLLUP)).execute();
    }

    void markSynthetic(DSLContext tx) {
        tx.update(USAGE_STATE).set(USAGE_STATE.SYNTHETIC, true).where(USAGE_STATE.NAME.eq(ROLLUP)).execute();
    }

    void markCounted(DSLContext tx, String source, Map<UUID, Instant> events) {
        List<Query> inserts = new ArrayList<>();
        events.forEach((id, at) -> inserts.add(tx.insertInto(USAGE_COUNTED)
                .set(USAGE_COUNTED.SOURCE, source).set(USAGE_COUNTED.ID, id).set(USAGE_COUNTED.AT, at.atOffset(ZoneOffset.UTC))));
        batch(tx, inserts);
    }

    void pruneCounted(DSLContext tx, Instant before) {
        tx.deleteFrom(USAGE_COUNTED).where(USAGE_COUNTED.AT.lt(before.atOffset(ZoneOffset.UTC))).execute();
    }

    /** Which of these (person, period) pairs are counted already. */
    Set<Active> existing(DSLContext tx, Set<UUID> users, LocalDate earliest) {
        Set<Active> out = new HashSet<>();
        List<UUID> ids = List.copyOf(users);
        for (int i = 0; i < ids.size(); i += 1000) {
            tx.select(USAGE_ACTIVE.USER_ID, USAGE_ACTIVE.PERIOD, USAGE_ACTIVE.PERIOD_START).from(USAGE_ACTIVE)
                    .where(USAGE_ACTIVE.USER_ID.in(ids.subList(i, Math.min(ids.size(), i + 1000))))
                    .and(USAGE_ACTIVE.PERIOD_START.ge(earliest.minusMonths(1)))
                    .forEach(r -> out.add(new Active(r.value1(), r.value2(), r.value3())));
        }
        return out;
    }

    void insertActive(DSLContext tx, List<Active> rows) {
        batch(tx, rows.stream().<Query>map(a -> tx.insertInto(USAGE_ACTIVE).set(USAGE_ACTIVE.USER_ID, a.userId())
                .set(USAGE_ACTIVE.PERIOD, a.period()).set(USAGE_ACTIVE.PERIOD_START, a.start())).toList());
    }

    /** Forgets who was active in periods that began before these firsts (they can no longer gain anyone). */
    void pruneActive(DSLContext tx, LocalDate day, LocalDate week, LocalDate month) {
        tx.deleteFrom(USAGE_ACTIVE).where(USAGE_ACTIVE.PERIOD.eq("d").and(USAGE_ACTIVE.PERIOD_START.lt(day))
                .or(USAGE_ACTIVE.PERIOD.eq("w").and(USAGE_ACTIVE.PERIOD_START.lt(week)))
                .or(USAGE_ACTIVE.PERIOD.eq("m").and(USAGE_ACTIVE.PERIOD_START.lt(month)))).execute();
    }

    /** Adds to one organisation's day (the caller holds the lease, so update-then-insert cannot race). */
    void addDay(DSLContext tx, UUID organisation, Day d, boolean synthetic) {
        int n = tx.update(USAGE_DAILY)
                .set(USAGE_DAILY.MESSAGES, USAGE_DAILY.MESSAGES.plus(d.messages()))
                .set(USAGE_DAILY.MEETINGS, USAGE_DAILY.MEETINGS.plus(d.meetings()))
                .set(USAGE_DAILY.PARTICIPANT_SECONDS, USAGE_DAILY.PARTICIPANT_SECONDS.plus(d.participantSeconds()))
                .set(USAGE_DAILY.VISITS, USAGE_DAILY.VISITS.plus(d.visits()))
                .set(USAGE_DAILY.RESULTS, USAGE_DAILY.RESULTS.plus(d.results()))
                .set(USAGE_DAILY.ACTIVE_USERS, USAGE_DAILY.ACTIVE_USERS.plus(d.activeUsers()))
                .where(USAGE_DAILY.ORGANISATION_ID.eq(organisation)).and(USAGE_DAILY.ON_DAY.eq(d.day())).execute();
        if (n == 0) {
            tx.insertInto(USAGE_DAILY).set(dayRecord(organisation, d, synthetic)).execute();
        }
    }

    void addPeriod(DSLContext tx, UUID organisation, String period, LocalDate start, long active) {
        int n = tx.update(USAGE_PERIODS).set(USAGE_PERIODS.ACTIVE_USERS, USAGE_PERIODS.ACTIVE_USERS.plus(active))
                .where(USAGE_PERIODS.ORGANISATION_ID.eq(organisation)).and(USAGE_PERIODS.PERIOD.eq(period))
                .and(USAGE_PERIODS.PERIOD_START.eq(start)).execute();
        if (n == 0) {
            tx.insertInto(USAGE_PERIODS).set(new UsagePeriodsRecord(organisation, period, start, active, false)).execute();
        }
    }

    record PeriodRow(UUID organisation, String period, LocalDate start, long active) {}

    /** Plain inserts of new rows (the synthetic history). */
    void insertDays(DSLContext tx, UUID organisation, List<Day> days, boolean synthetic) {
        tx.batchInsert(days.stream().map(d -> dayRecord(organisation, d, synthetic)).toList()).execute();
    }

    /** One prepared statement, many bind sets (a year of 200 organisations is ~15,000 rows). */
    void insertPeriods(DSLContext tx, List<PeriodRow> rows, boolean synthetic) {
        tx.batchInsert(rows.stream().map(p -> new UsagePeriodsRecord(p.organisation(), p.period(), p.start(), p.active(), synthetic))
                .toList()).execute();
    }

    private static UsageDailyRecord dayRecord(UUID organisation, Day d, boolean synthetic) {
        return new UsageDailyRecord(organisation, d.day(), d.messages(), d.meetings(), d.participantSeconds(), d.visits(),
                d.results(), d.activeUsers(), synthetic);
    }

    /** The stored days of one organisation (or {@link #NATIONAL}) in {@code [from, to]}, in order; missing days had nothing. */
    List<Day> days(DSLContext db, UUID organisation, LocalDate from, LocalDate to) {
        return db.selectFrom(USAGE_DAILY).where(USAGE_DAILY.ORGANISATION_ID.eq(organisation))
                .and(USAGE_DAILY.ON_DAY.between(from, to)).orderBy(USAGE_DAILY.ON_DAY)
                .fetch(r -> new Day(r.getOnDay(), r.getMessages(), r.getMeetings(), r.getParticipantSeconds(), r.getVisits(),
                        r.getResults(), r.getActiveUsers()));
    }

    /** Active people per period start ('w' or 'm') of one organisation in {@code [from, to]}. */
    Map<LocalDate, Long> periods(DSLContext db, UUID organisation, String period, LocalDate from, LocalDate to) {
        return db.select(USAGE_PERIODS.PERIOD_START, USAGE_PERIODS.ACTIVE_USERS).from(USAGE_PERIODS)
                .where(USAGE_PERIODS.ORGANISATION_ID.eq(organisation)).and(USAGE_PERIODS.PERIOD.eq(period))
                .and(USAGE_PERIODS.PERIOD_START.between(from, to))
                .fetchMap(USAGE_PERIODS.PERIOD_START, USAGE_PERIODS.ACTIVE_USERS);
    }

    List<Organisation> organisations(DSLContext db) {
        return db.select(ORGANISATIONS.ID, ORGANISATIONS.NAME).from(ORGANISATIONS).orderBy(ORGANISATIONS.NAME)
                .fetch(r -> new Organisation(r.value1(), r.value2()));
    }

    java.util.Optional<Organisation> organisation(DSLContext db, UUID id) {
        return db.select(ORGANISATIONS.ID, ORGANISATIONS.NAME).from(ORGANISATIONS).where(ORGANISATIONS.ID.eq(id))
                .fetchOptional(r -> new Organisation(r.value1(), r.value2()));
    }

    private static void batch(DSLContext tx, List<Query> queries) {
        for (int i = 0; i < queries.size(); i += 500) {
            tx.batch(queries.subList(i, Math.min(queries.size(), i + 500))).execute();
        }
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
