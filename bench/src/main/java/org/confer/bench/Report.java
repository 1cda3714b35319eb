package org.confer.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;

/** Delivery checks and latency percentiles of one run, printed as a table and a final JSON line. */
final class Report {
    final ObjectNode json = Api.JSON.createObjectNode();

    Report(String scenario, Map<String, String> params) {
        json.put("scenario", scenario);
        ObjectNode p = json.putObject("params");
        params.forEach(p::put);
    }

    void latencies(long[] nanos, int n) {
        latencies("", nanos, n);
    }

    /** p50/p95/p99/max of the first {@code n} latencies as {@code <prefix>P50Ms} and so on ({@code p50Ms} without a prefix). */
    void latencies(String prefix, long[] nanos, int n) {
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        String p = prefix.isEmpty() ? "p" : prefix + "P";
        json.put(p + "50Ms", ms(pct(sorted, 0.50)));
        json.put(p + "95Ms", ms(pct(sorted, 0.95)));
        json.put(p + "99Ms", ms(pct(sorted, 0.99)));
        json.put(prefix.isEmpty() ? "maxMs" : prefix + "MaxMs", ms(n == 0 ? 0 : sorted[n - 1]));
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Fields every scenario's JSON line has; a scenario that does not measure one reports it as null. */
    static final java.util.List<String> REQUIRED = java.util.List.of("scenario", "params", "expected", "delivered", "lost",
            "duplicates", "outOfOrder", "deliveriesPerSec", "p50Ms", "p95Ms", "p99Ms", "maxMs", "serverRssMb", "serverCpuPct",
            "generatorCpuPct");

    void print() {
        for (String k : REQUIRED) {
            if (!json.has(k)) {
                json.putNull(k);
            }
        }
        System.out.println();
        System.out.printf("%-20s %s%n", "scenario", json.get("scenario").asText());
        json.properties().forEach(e -> {
            if (!e.getKey().equals("scenario") && !e.getKey().equals("nodes")) {
                System.out.printf("%-20s %s%n", e.getKey(), e.getValue());
            }
        });
        if (json.has("nodes")) {
            // Per node: CPU, memory, the sends it accepted and the deliveries to its clients (Usage.Figures.perMessage).
            System.out.printf("%-5s %-24s %9s %7s %7s %9s %11s %12s %14s%n", "node", "url", "cpu s", "cpu %", "rss MiB", "sends",
                    "deliveries", "cpu ms/send", "cpu us/deliv.");
            for (var n : json.get("nodes")) {
                System.out.printf("%-5s %-24s %9s %7s %7s %9s %11s %12s %14s%n", n.get("node").asText(), n.get("url").asText(),
                        n.get("cpuSeconds").asText(), n.get("cpuPct").asText(), n.get("rssMb").asText(), n.get("sends").asText(),
                        n.get("deliveries").asText(), n.get("cpuMsPerSend").asText(), n.get("cpuUsPerDelivery").asText());
            }
        }
        System.out.println(json.toString());
    }
}
