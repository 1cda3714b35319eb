package org.confer.analytics;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The usage analytics settings (docs/analytics.md, docs/operations.md).
 *
 * @param zone           the local calendar of days, weeks and months (CONFER_USAGE_TIME_ZONE)
 * @param tick           how often the rollup runs (CONFER_USAGE_TICK_SECONDS)
 * @param syntheticOrgs  0, or the number of organisations of a synthetic national year seeded at
 *                       start (CONFER_USAGE_SYNTHETIC_ORGS): for demonstrations and the benchmark only
 */
public record UsageSettings(ZoneId zone, Duration tick, int syntheticOrgs) {
    public static UsageSettings defaults() {
        return new UsageSettings(ZoneId.of("Europe/London"), Duration.ofSeconds(60), 0);
    }
}
