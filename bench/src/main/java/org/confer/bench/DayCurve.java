package org.confer.bench;

/**
 * When messages arrive during a working day: a rate per hour of the day, relative to the mean.
 * Quiet night (about a tenth of the mean), a morning peak at 10:00 and an early-afternoon peak
 * at 14:00 about 3x the mean, a lunchtime dip and a long evening tail (wards work around the
 * clock). Within an hour the rate is constant.
 */
final class DayCurve {
    static final int SECONDS_PER_DAY = 86_400;
    /** Relative rate for each hour 00-23 (normalised to a mean of 1 by the constructor). */
    private static final double[] HOURLY = {
        0.10, 0.08, 0.07, 0.07, 0.08, 0.12, 0.25, 0.60, 1.50, 2.60, 3.20, 2.40,
        1.50, 2.20, 3.10, 2.40, 1.60, 0.90, 0.70, 0.50, 0.40, 0.30, 0.20, 0.15,
    };
    private final double[] rate = new double[24];
    private final double[] cumulative = new double[25];

    DayCurve() {
        double sum = 0;
        for (double h : HOURLY) {
            sum += h;
        }
        for (int h = 0; h < 24; h++) {
            rate[h] = HOURLY[h] * 24 / sum;
            cumulative[h + 1] = cumulative[h] + rate[h] / 24;
        }
    }

    /** The busiest hour's rate divided by the day's mean rate. */
    double peakToMean() {
        double max = 0;
        for (double r : rate) {
            max = Math.max(max, r);
        }
        return max;
    }

    /** The second of the day (0 to 86,400) by which a fraction {@code u} (0 to 1) of the day's messages has arrived. */
    double secondOfDay(double u) {
        int h = 0;
        while (h < 23 && cumulative[h + 1] <= u) {
            h++;
        }
        double within = (u - cumulative[h]) / (cumulative[h + 1] - cumulative[h]);
        return (h + Math.max(0, Math.min(1, within))) * 3600;
    }
}
