package org.confer.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.confer.analytics.UsageViews.Figures;
import org.confer.analytics.UsageViews.Growth;
import org.confer.analytics.UsageViews.Headline;
import org.confer.analytics.UsageViews.Point;
import org.confer.analytics.UsageViews.Ratios;
import org.confer.analytics.UsageViews.Report;
import org.confer.analytics.UsageViews.Totals;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Principal;
import org.jooq.DSLContext;

/**
 * Reads the counters for administrators (docs/analytics.md): an organisation's admins see their
 * own organisation; platform admins any organisation and the total across organisations. A read
 * touches one row per day of the range (and one per week or month), never the features' tables.
 */
public final class UsageReports {
    /** Three years of days: a report beside the same period two years before, and a bound on one read's work. */
    static final int MAX_DAYS = 3 * 366 + 31;
    static final int DEFAULT_DAYS = 30;

    /** What a request asked, checked: {@code organisation} null for the total across organisations. */
    record Query(UUID organisation, Granularity granularity, LocalDate from, LocalDate to, LocalDate since) {}

    private final Database db;
    private final UsageStore store;
    private final AuditTrail audit;
    private final ZoneId zone;
    private final Clock clock;

    UsageReports(Database db, UsageStore store, AuditTrail audit, ZoneId zone, Clock clock) {
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    /** Parses and authorises a request's parameters (any of them null or blank for their default). */
    Query query(Principal who, String organisation, String granularity, String from, String to, String since) {
        UUID org = organisation(who, organisation);
        Granularity g = granularity(granularity);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate last = date("to", to, today);
        LocalDate first = date("from", from, last.minusDays(DEFAULT_DAYS - 1));
        if (first.isAfter(last)) {
            throw ApiException.invalid("from", "'from' must not be after 'to'");
        }
        LocalDate start = g.start(first);
        LocalDate end = g.next(g.start(last)).minusDays(1);
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw ApiException.invalid("to", "at most " + MAX_DAYS + " days per request");
        }
        return new Query(org, g, start, end, since == null || since.isBlank() ? null : date("since", since, null));
    }

    private UUID organisation(Principal who, String value) {
        if (value == null || value.isBlank()) {
            return who.isPlatformAdmin() ? null : who.organisationId();
        }
        UUID id;
        try {
            id = UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("organisation", "'organisation' must be an organisation's id");
        }
        // Another organisation's figures answer exactly as a missing organisation does.
        if (!who.administers(id)) {
            throw ApiException.notFound("Organisation");
        }
        return id;
    }

    private static Granularity granularity(String value) {
        if (value == null || value.isBlank()) {
            return Granularity.DAY;
        }
        try {
            return Granularity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("granularity", "'granularity' must be day, week or month");
        }
    }

    private static LocalDate date(String name, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "'" + name + "' must be a date like 2026-12-07");
        }
    }

    public Report report(Principal who, Query q) {
        DSLContext dsl = db.dsl();
        UUID key = q.organisation() == null ? UsageStore.NATIONAL : q.organisation();
        String name = q.organisation() == null ? null
                : store.organisation(dsl, q.organisation()).map(UsageStore.Organisation::name).orElse(null);
        Map<LocalDate, UsageStore.Day> days = byDay(store.days(dsl, key, q.from(), q.to()));
        Map<LocalDate, Long> periods = q.granularity() == Granularity.DAY ? Map.of()
                : store.periods(dsl, key, q.granularity().periodCode(), q.from(), q.to());
        List<Point> series = new ArrayList<>();
        long[] sum = new long[5];
        for (LocalDate p = q.from(); !p.isAfter(q.to()); p = q.granularity().next(p)) {
            Figures f = figures(q.granularity(), p, days, periods);
            series.add(new Point(q.granularity().label(p), p.toString(), q.granularity().next(p).minusDays(1).toString(), f));
            sum[0] += f.messages();
            sum[1] += f.meetings();
            sum[2] += f.participantMinutes();
            sum[3] += f.virtualVisits();
            sum[4] += f.resultsDelivered();
        }
        int n = (int) ChronoUnit.DAYS.between(q.from(), q.to()) + 1;
        Totals totals = new Totals(n, sum[0], sum[1], sum[2], sum[3], sum[4]);
        UsageStore.State state = store.state(dsl);
        List<UsageViews.Organisation> choices = who.isPlatformAdmin()
                ? store.organisations(dsl).stream().map(o -> new UsageViews.Organisation(o.id(), o.name())).toList() : List.of();
        return new Report(q.organisation(), name, q.granularity().code(), q.from().toString(), q.to().toString(), zone.getId(),
                state.watermark().equals(UsageRollup.NEVER) ? null : state.watermark().toString(), state.synthetic(),
                headline(dsl, key, q, days), totals, series, growth(dsl, key, q), choices);
    }

    private static Map<LocalDate, UsageStore.Day> byDay(List<UsageStore.Day> rows) {
        Map<LocalDate, UsageStore.Day> m = new HashMap<>();
        rows.forEach(d -> m.put(d.day(), d));
        return m;
    }

    private static Figures figures(Granularity g, LocalDate start, Map<LocalDate, UsageStore.Day> days, Map<LocalDate, Long> periods) {
        long msg = 0;
        long meet = 0;
        long secs = 0;
        long visits = 0;
        long results = 0;
        long active = 0;
        for (LocalDate d = start; d.isBefore(g.next(start)); d = d.plusDays(1)) {
            UsageStore.Day x = days.get(d);
            if (x != null) {
                msg += x.messages();
                meet += x.meetings();
                secs += x.participantSeconds();
                visits += x.visits();
                results += x.results();
                active = g == Granularity.DAY ? x.activeUsers() : active;
            }
        }
        if (g != Granularity.DAY) {
            active = periods.getOrDefault(start, 0L);
        }
        return new Figures(msg, meet, Math.round(secs / 60.0), visits, results, active);
    }

    private Figures figuresOf(DSLContext dsl, UUID key, Granularity g, LocalDate start) {
        LocalDate end = g.next(start).minusDays(1);
        Map<LocalDate, Long> periods = g == Granularity.DAY ? Map.of() : store.periods(dsl, key, g.periodCode(), start, start);
        return figures(g, start, byDay(store.days(dsl, key, start, end)), periods);
    }

    private Headline headline(DSLContext dsl, UUID key, Query q, Map<LocalDate, UsageStore.Day> days) {
        LocalDate yesterday = LocalDate.now(clock.withZone(zone)).minusDays(1);
        LocalDate last = q.to().isAfter(yesterday) ? yesterday : q.to();
        if (last.isBefore(q.from())) {
            last = q.to();
        }
        long msg = 0;
        long meet = 0;
        int n = 0;
        for (LocalDate d = q.from(); !d.isAfter(last); d = d.plusDays(1), n++) {
            UsageStore.Day x = days.get(d);
            msg += x == null ? 0 : x.messages();
            meet += x == null ? 0 : x.meetings();
        }
        UsageStore.Day lastDay = days.get(last);
        long week = store.periods(dsl, key, "w", Tally.week(last), Tally.week(last)).getOrDefault(Tally.week(last), 0L);
        long month = store.periods(dsl, key, "m", Tally.month(last), Tally.month(last)).getOrDefault(Tally.month(last), 0L);
        return new Headline(last.toString(), n == 0 ? 0 : Math.round((double) msg / n), n == 0 ? 0 : Math.round((double) meet / n),
                lastDay == null ? 0 : lastDay.activeUsers(), week, month);
    }

    private Growth growth(DSLContext dsl, UUID key, Query q) {
        if (q.since() == null) {
            return null;
        }
        Granularity g = q.granularity();
        LocalDate a = g.start(q.since());
        LocalDate b = g.start(q.to());
        Figures from = figuresOf(dsl, key, g, a);
        Figures to = figuresOf(dsl, key, g, b);
        Figures diff = new Figures(to.messages() - from.messages(), to.meetings() - from.meetings(),
                to.participantMinutes() - from.participantMinutes(), to.virtualVisits() - from.virtualVisits(),
                to.resultsDelivered() - from.resultsDelivered(), to.activeUsers() - from.activeUsers());
        Ratios ratio = new Ratios(ratio(to.messages(), from.messages()), ratio(to.meetings(), from.meetings()),
                ratio(to.participantMinutes(), from.participantMinutes()), ratio(to.virtualVisits(), from.virtualVisits()),
                ratio(to.resultsDelivered(), from.resultsDelivered()), ratio(to.activeUsers(), from.activeUsers()));
        return new Growth(q.since().toString(), g.label(a), g.label(b), from, to, diff, ratio);
    }

    private static Double ratio(long to, long from) {
        return from == 0 ? null : Math.round(to * 10_000.0 / from) / 10_000.0;
    }

    /** The CSV of a report, after recording the export in the audit trail (its own transaction). */
    public String export(Principal who, Query q) {
        Report r = report(who, q);
        db.dsl().transaction(cfg -> audit.record(cfg.dsl(), q.organisation() == null ? who.organisationId() : q.organisation(),
                who.userId(), "usage.exported", "usage", q.organisation() == null ? UsageStore.NATIONAL : q.organisation(),
                Map.of("organisation", q.organisation() == null ? "all" : q.organisation().toString(), "from", r.from(), "to", r.to(),
                        "granularity", r.granularity(), "rows", r.series().size()),
                java.time.OffsetDateTime.now(clock)));
        return UsageCsv.write(r);
    }
}
