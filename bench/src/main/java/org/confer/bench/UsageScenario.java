package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * usage (issue 17, docs/analytics.md): reading a year of national usage figures. With --start the
 * server is started with CONFER_USAGE_SYNTHETIC_ORGS=--orgs (200), which seeds a SYNTHETIC year of
 * daily counters for that many organisations and their total (about 500,000 messages and 90,250
 * meetings a day, 132,000 people a month); with --url the server must have been started so. Then
 * --reads (1,000) GET /api/v1/admin/usage of the 365 days ending yesterday for the total across
 * organisations, one at a time after --warmup (100) reads: p50/p95/p99/max. Also --reads/10 each
 * of the same year by ISO week and by month, of one organisation's year, and of the CSV.
 */
final class UsageScenario {
    private UsageScenario() {}

    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.url, 1)) {
            return run(o, server, api);
        }
    }

    private static Report run(Options o, ServerUnderTest server, Api api) throws Exception {
        int reads = o.intValue("reads", 1_000);
        int warmup = o.intValue("warmup", 100);
        String admin = api.login(ServerUnderTest.ADMIN, server.adminPassword);
        LocalDate to = LocalDate.now(ZoneId.of(o.get("time-zone", "Europe/London"))).minusDays(1);
        LocalDate from = to.minusDays(364);
        String year = "/api/v1/admin/usage?from=" + from + "&to=" + to;
        // The server seeds its synthetic year at start, after it already answers: wait for it (at most 5 minutes).
        JsonNode first = api.get(0, year, admin);
        for (long deadline = System.nanoTime() + 300_000_000_000L; !first.path("synthetic").asBoolean(); ) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server holds no synthetic year: start it with CONFER_USAGE_SYNTHETIC_ORGS=200");
            }
            Thread.sleep(500);
            first = api.get(0, year, admin);
        }
        for (int i = 0; i < warmup; i++) {
            api.get(0, year, admin);
        }
        Usage usage = new Usage(server.stats());
        long[] nanos = new long[reads];
        for (int i = 0; i < reads; i++) {
            long s = System.nanoTime();
            api.get(0, year, admin);
            nanos[i] = System.nanoTime() - s;
        }
        Usage.Figures figures = usage.stop();
        int few = Math.max(1, reads / 10);
        String org = first.get("organisations").isEmpty() ? null : first.get("organisations").get(0).get("id").asText();
        long[] weeks = time(api, admin, year + "&granularity=week", few);
        long[] months = time(api, admin, year + "&granularity=month&since=" + from, few);
        long[] oneOrg = org == null ? new long[0] : time(api, admin, year + "&organisation=" + org, few);
        long[] csv = new long[few];
        for (int i = 0; i < few; i++) {
            long s = System.nanoTime();
            api.getText(0, year.replace("/usage?", "/usage.csv?"), admin);
            csv[i] = System.nanoTime() - s;
        }

        JsonNode h = first.get("headline");
        Report report = new Report("usage", Map.of("reads", "" + reads, "warmup", "" + warmup, "days", "365",
                "orgs", o.get("orgs", server.measurable() ? "200" : "external"), "database", o.get("start", "external")));
        report.json.put("expected", reads);
        report.json.put("delivered", reads);
        report.json.put("lost", 0);
        report.json.put("duplicates", 0);
        report.json.put("outOfOrder", 0);
        report.json.put("messagesPerDay", h.get("messagesPerDay").asLong());
        report.json.put("meetingsPerDay", h.get("meetingsPerDay").asLong());
        report.json.put("activeUsersMonth", h.get("activeUsersMonth").asLong());
        report.json.put("yearMessages", first.get("totals").get("messages").asLong());
        report.latencies(nanos, reads);
        report.latencies("week", weeks, weeks.length);
        report.latencies("month", months, months.length);
        report.latencies("organisation", oneOrg, oneOrg.length);
        report.latencies("csv", csv, csv.length);
        figures.into(report);
        return report;
    }

    private static long[] time(Api api, String token, String path, int n) throws Exception {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            api.get(0, path, token);
            out[i] = System.nanoTime() - s;
        }
        return out;
    }
}
