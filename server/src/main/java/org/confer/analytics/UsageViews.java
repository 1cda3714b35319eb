package org.confer.analytics;

import java.util.List;
import java.util.UUID;

/** The wire shapes of GET /api/v1/admin/usage (docs/api/openapi.json, docs/analytics.md). */
public final class UsageViews {
    private UsageViews() {}

    /** One period's figures; {@code activeUsers} is the distinct people of the whole period. */
    public record Figures(long messages, long meetings, long participantMinutes, long virtualVisits, long resultsDelivered,
                          long activeUsers) {}

    /** One period of the series: its label (2026-03-29, 2026-W13, 2026-03), first and last day. */
    public record Point(String period, String start, String end, Figures figures) {}

    public record Totals(int days, long messages, long meetings, long participantMinutes, long virtualVisits, long resultsDelivered) {}

    /**
     * The page's headline: means per day over the complete days of the range (today is not over
     * yet), and the distinct people active on the last complete day, in its ISO week and its month.
     */
    public record Headline(String lastCompleteDay, long messagesPerDay, long meetingsPerDay, long activeUsersDay,
                           long activeUsersWeek, long activeUsersMonth) {}

    /** The figures of the period holding {@code since} and of the period holding {@code to}: difference and ratio (null when divided by 0). */
    public record Growth(String since, String sincePeriod, String toPeriod, Figures atSince, Figures atTo, Figures difference,
                         Ratios ratio) {}

    public record Ratios(Double messages, Double meetings, Double participantMinutes, Double virtualVisits, Double resultsDelivered,
                         Double activeUsers) {}

    public record Organisation(UUID id, String name) {}

    /**
     * @param organisationId null for the total across organisations
     * @param organisations  the choices of the organisation picker (platform admins; empty for others)
     * @param rolledUpTo     the rollup's watermark: events up to this instant are counted
     * @param synthetic      a synthetic national history was seeded (CONFER_USAGE_SYNTHETIC_ORGS): not real use
     */
    public record Report(UUID organisationId, String organisationName, String granularity, String from, String to, String timeZone,
                         String rolledUpTo, boolean synthetic, Headline headline, Totals totals, List<Point> series, Growth growth,
                         List<Organisation> organisations) {}
}
