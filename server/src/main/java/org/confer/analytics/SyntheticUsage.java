package org.confer.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * A synthetic national year for demonstrations and the benchmark (CONFER_USAGE_SYNTHETIC_ORGS,
 * docs/analytics.md "Synthetic figures"): NOT real use, and marked so (usage_daily.synthetic,
 * usage_state.synthetic, "synthetic": true in every report). Its shape follows the figures NHS
 * Digital published for the whole service in 2020: use grew about 7× in the first eight weeks,
 * then held at almost half a million messages a day, 90,250 meetings a day and 132,000 people.
 * The total across organisations carries exactly those plateau figures; each organisation gets a
 * share weighted 1/√rank (a few large trusts, many small ones), the remainder to the largest.
 */
final class SyntheticUsage {
    static final long MESSAGES = 496_000;
    static final long MEETINGS = 90_250;
    /** Participant time per meeting: four people for 40 minutes (assumed; not a published figure). */
    static final long SECONDS_PER_MEETING = 4 * 40 * 60;
    static final long VISITS = 3_100;
    static final long RESULTS = 41_000;
    static final long ACTIVE_DAY = 78_000;
    static final long ACTIVE_WEEK = 112_000;
    static final long ACTIVE_MONTH = 132_000;
    static final int DAYS = 365;
    /** Eight weeks of growth to the plateau, from a seventh of it. */
    static final int RAMP_DAYS = 56;

    private final UsageStore store;

    SyntheticUsage(UsageStore store) {
        this.store = store;
    }

    /** Seeds {@code DAYS} days ending {@code lastDay} for these organisations and their total. */
    void seed(DSLContext tx, List<UUID> organisations, LocalDate lastDay) {
        LocalDate first = lastDay.minusDays(DAYS - 1);
        double[] weights = new double[organisations.size()];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1 / Math.sqrt(i + 1);
            sum += weights[i];
        }
        List<List<UsageStore.Day>> perOrg = new ArrayList<>();
        organisations.forEach(o -> perOrg.add(new ArrayList<>()));
        List<UsageStore.Day> national = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(lastDay); d = d.plusDays(1)) {
            double s = scale(first, d);
            // A small weekly swing (busier midweek) that averages out over a week.
            double w = 1 + 0.02 * Math.sin(2 * Math.PI * d.getDayOfWeek().getValue() / 7.0);
            long[] total = {Math.round(MESSAGES * s * w), Math.round(MEETINGS * s * w), 0, Math.round(VISITS * s),
                Math.round(RESULTS * s), Math.round(ACTIVE_DAY * s)};
            total[2] = total[1] * SECONDS_PER_MEETING;
            national.add(day(d, total));
            long[][] shares = split(total, weights, sum);
            for (int i = 0; i < shares.length; i++) {
                perOrg.get(i).add(day(d, shares[i]));
            }
        }
        store.insertDays(tx, UsageStore.NATIONAL, national, true);
        for (int i = 0; i < organisations.size(); i++) {
            store.insertDays(tx, organisations.get(i), perOrg.get(i), true);
        }
        List<UsageStore.PeriodRow> periods = new ArrayList<>();
        for (LocalDate w = Tally.week(first); !w.isAfter(lastDay); w = w.plusWeeks(1)) {
            addPeriod(periods, organisations, weights, sum, "w", w, Math.round(ACTIVE_WEEK * scale(first, w.plusDays(6))));
        }
        for (LocalDate m = Tally.month(first); !m.isAfter(lastDay); m = m.plusMonths(1)) {
            addPeriod(periods, organisations, weights, sum, "m", m, Math.round(ACTIVE_MONTH * scale(first, m.plusMonths(1).minusDays(1))));
        }
        store.insertPeriods(tx, periods, true);
        store.markSynthetic(tx);
    }

    /** Growth from a seventh to the whole over the first eight weeks, then the plateau. */
    private static double scale(LocalDate first, LocalDate d) {
        long n = ChronoUnit.DAYS.between(first, d);
        return n >= RAMP_DAYS ? 1 : Math.pow(7, (double) n / RAMP_DAYS) / 7;
    }

    private static void addPeriod(List<UsageStore.PeriodRow> out, List<UUID> orgs, double[] weights, double sum, String period,
                                  LocalDate start, long total) {
        out.add(new UsageStore.PeriodRow(UsageStore.NATIONAL, period, start, total));
        long[][] shares = split(new long[] {total}, weights, sum);
        for (int i = 0; i < orgs.size(); i++) {
            out.add(new UsageStore.PeriodRow(orgs.get(i), period, start, shares[i][0]));
        }
    }

    /** Each figure split by weight; rounding's remainder goes to the first (largest) share, so shares add up to the total. */
    private static long[][] split(long[] total, double[] weights, double sum) {
        long[][] out = new long[weights.length][total.length];
        for (int f = 0; f < total.length; f++) {
            long given = 0;
            for (int i = 0; i < weights.length; i++) {
                out[i][f] = (long) Math.floor(total[f] * weights[i] / sum);
                given += out[i][f];
            }
            if (weights.length > 0) {
                out[0][f] += total[f] - given;
            }
        }
        return out;
    }

    private static UsageStore.Day day(LocalDate d, long[] f) {
        return new UsageStore.Day(d, f[0], f[1], f[2], f[3], f[4], f[5]);
    }
}
