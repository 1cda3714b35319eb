package org.confer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shape of the simulated day and of its conversations, as docs/performance.md describes them. */
class NhsDayModelTest {
    private final DayCurve day = new DayCurve();

    @Test
    void the_busiest_hour_is_about_three_times_the_mean() {
        assertThat(day.peakToMean()).isBetween(2.8, 3.2);
    }

    @Test
    void nights_are_quiet_and_the_peaks_are_in_the_morning_and_early_afternoon() {
        // Share of the day's messages arriving in each hour, from the inverse of the curve.
        double[] share = new double[24];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            share[(int) (day.secondOfDay((i + 0.5) / n) / 3600)] += 1.0 / n;
        }
        double mean = 1.0 / 24;
        assertThat(share[3]).isLessThan(0.15 * mean);
        assertThat(share[10]).isCloseTo(day.peakToMean() * mean, within(0.002));
        assertThat(share[14]).isGreaterThan(2.5 * mean);
        assertThat(share[12]).as("lunchtime dip").isLessThan(share[10]).isLessThan(share[14]);
    }

    @Test
    void arrival_times_never_go_backwards_and_stay_within_the_day() {
        double previous = 0;
        for (int i = 0; i <= 1000; i++) {
            double t = day.secondOfDay(i / 1000.0);
            assertThat(t).isGreaterThanOrEqualTo(previous).isBetween(0.0, (double) DayCurve.SECONDS_PER_DAY);
            previous = t;
        }
    }

    @Test
    void most_conversations_are_small_and_a_few_reach_hundreds() {
        Random random = new Random(7);
        int n = 100_000;
        int direct = 0;
        int small = 0;
        int hundreds = 0;
        int max = 0;
        for (int i = 0; i < n; i++) {
            int size = NhsDayScenario.conversationSize(random);
            assertThat(size).isBetween(2, 300);
            direct += size == 2 ? 1 : 0;
            small += size <= 4 ? 1 : 0;
            hundreds += size >= 100 ? 1 : 0;
            max = Math.max(max, size);
        }
        assertThat(direct / (double) n).isCloseTo(0.55, within(0.01));
        assertThat(small / (double) n).isGreaterThan(0.7);
        assertThat(hundreds).isPositive().isLessThan(n / 50);
        assertThat(max).isGreaterThan(250);
    }
}
