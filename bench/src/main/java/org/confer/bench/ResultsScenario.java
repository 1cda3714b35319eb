package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * results: a laboratory's HL7 v2 feed into the Results bot (docs/bots-and-results.md). An
 * organisation with {@code --requesters} (50) clinicians, each with a GMC number and connected
 * to the stream, and one results feed. One warm-up result per clinician opens each one's direct
 * chat with the Results bot; then ORU^R01 messages are sent over MLLP at a fixed open-loop
 * {@code --rate} (50/s) for {@code --seconds} (30) over {@code --connections} (4) persistent
 * connections, each result ordered by one clinician (round robin), {@code --critical-percent}
 * (10) of them critical.
 *
 * <p>Measured: ACK latency (scheduled send → {@code AA}) and result-to-screen latency
 * (scheduled send → the ordering clinician's stream delivers the Results bot's
 * {@code message.posted}), p50/p95/p99/max; every alert delivered exactly once to exactly its
 * orderer (lost, duplicates, misrouted); every message acknowledged {@code AA} (nacked: AE/AR;
 * unanswered: no ACK within 30 s of the last send); server
 * CPU per result from /proc over the measured window.
 */
final class ResultsScenario {
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);

    private ResultsScenario() {}

    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.url, o.intValue("source-addresses", 8))) {
            return run(o, server, api);
        }
    }

    private static Report run(Options o, ServerUnderTest server, Api api) throws Exception {
        int requesters = o.intValue("requesters", 50);
        int rate = o.intValue("rate", 50);
        int seconds = o.intValue("seconds", 30);
        int connections = o.intValue("connections", 4);
        int criticalPercent = o.intValue("critical-percent", 10);
        int measured = rate * seconds;
        int total = requesters + measured;
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String facility = "BENCH-" + run;

        String admin = orgAdmin(api, server);
        api.post("/api/v1/results/feeds", Map.of("sendingFacility", facility, "name", "Bench laboratory " + run), admin);
        List<People.Person> people = People.create(api, admin, "requester", requesters);
        int gmcBase = 7_000_000 + new SplittableRandom().nextInt(2_000_000);
        for (int r = 0; r < requesters; r++) {
            api.put("/api/v1/users/" + people.get(r).id() + "/identifiers",
                    Map.of("items", List.of(Map.of("system", "GMC", "value", Integer.toString(gmcBase + r)))), admin);
        }
        LongAdder alerts = new LongAdder();
        List<ResultsReceiver> receivers = new ArrayList<>();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int r = 0; r < requesters; r++) {
            ResultsReceiver receiver = new ResultsReceiver(total, alerts);
            receivers.add(receiver);
            ready.add(receiver.connect(api, r, people.get(r).token()));
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

        // Result i is ordered by requester i % requesters; 0 to requesters - 1 are the warm-up.
        SplittableRandom random = new SplittableRandom(42);
        List<byte[]> frames = new ArrayList<>();
        int criticals = 0;
        LocalDateTime now = LocalDateTime.now();
        for (int i = 0; i < total; i++) {
            boolean critical = i >= requesters && random.nextInt(100) < criticalPercent;
            criticals += critical ? 1 : 0;
            frames.add(Hl7Messages.frame(Hl7Messages.oru(new Hl7Messages.Result(facility, run + "-" + i, i,
                    Hl7Messages.nhsNumber(i), Integer.toString(gmcBase + i % requesters), critical), now)));
        }
        long[] dueNanos = new long[total];
        long[] ackNanos = new long[total];
        Map<String, String> ackCodes = new ConcurrentHashMap<>();
        String host = java.net.URI.create(server.url).getHost();
        List<MllpConnection> lines = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            lines.add(new MllpConnection(host, server.mllpPort(o), (code, controlId, at) -> {
                int i = Integer.parseInt(controlId.substring(controlId.lastIndexOf('-') + 1));
                if (ackCodes.putIfAbsent(controlId, code) == null) {
                    ackNanos[i] = at;
                }
            }));
        }

        // Warm-up: one result per requester, the first alert opens each one's chat with the Results bot.
        sendOpenLoop(lines, frames, dueNanos, 0, requesters, rate);
        await(() -> alerts.sum() >= requesters && ackCodes.size() >= requesters);

        Usage usage = new Usage(server.stats());
        long start = System.nanoTime();
        long maxLag = sendOpenLoop(lines, frames, dueNanos, requesters, total, rate);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        await(() -> alerts.sum() >= total && ackCodes.size() >= total);
        double seconds2 = (System.nanoTime() - start) / 1e9;
        Usage.Figures figures = usage.stop();
        for (MllpConnection line : lines) {
            line.close();
        }

        long lost = 0;
        long duplicates = 0;
        long misrouted = 0;
        long delivered = 0;
        long[] screen = new long[measured];
        long[] ack = new long[measured];
        int nScreen = 0;
        int nAck = 0;
        long nacked = 0;
        long unanswered = 0;
        for (int i = 0; i < total; i++) {
            String code = ackCodes.get(run + "-" + i);
            int owner = i % requesters;
            for (int r = 0; r < requesters; r++) {
                int n = receivers.get(r).count(i);
                if (r != owner) {
                    misrouted += n;
                } else if (n > 0) {
                    delivered++;
                    duplicates += n - 1;
                    if (i >= requesters) {
                        screen[nScreen++] = receivers.get(r).firstSeen(i) - dueNanos[i];
                    }
                } else if ("AA".equals(code)) {
                    lost++; // stored and acknowledged, yet its orderer never saw it
                }
            }
            if (code == null) {
                unanswered++; // no ACK before the drain ended (still queued, or dropped): a failure of its own
            } else if (!"AA".equals(code)) {
                nacked++;
            } else if (i >= requesters) {
                ack[nAck++] = ackNanos[i] - dueNanos[i];
            }
        }
        for (ResultsReceiver r : receivers) {
            r.close();
        }

        Report report = new Report("results", Map.of("requesters", "" + requesters, "rate", "" + rate, "seconds", "" + seconds,
                "connections", "" + connections, "criticalPercent", "" + criticalPercent, "database", o.get("start", "external")));
        report.json.put("expected", total);
        report.json.put("delivered", delivered);
        report.json.put("lost", lost);
        report.json.put("duplicates", duplicates);
        report.json.put("outOfOrder", 0);
        report.json.put("misrouted", misrouted);
        report.json.put("nacked", nacked);
        report.json.put("unanswered", unanswered);
        report.json.put("results", measured);
        report.json.put("critical", criticals);
        report.json.put("warmUp", requesters);
        report.json.put("deliveriesPerSec", Math.round(measured / sendSeconds));
        report.json.put("seconds", Math.round(seconds2 * 1000) / 1000.0);
        report.json.put("generatorMaxLagMs", Math.round(maxLag / 10_000.0) / 100.0);
        report.latencies(screen, nScreen);
        report.latencies("ack", ack, nAck);
        figures.into(report);
        if (figures.serverCpuPct() >= 0) {
            double cpuSeconds = figures.serverCpuPct() / 100 * seconds2 * Runtime.getRuntime().availableProcessors();
            report.json.put("serverCpuMsPerResult", Math.round(cpuSeconds * 1e6 / measured) / 1000.0);
        }
        report.json.put("setUpRetries", api.setUpRetries());
        return report;
    }

    /**
     * The organisation admin of the demo organisation the bench's people are made in. The
     * platform admin may not be one; the demo's Clinical Systems Lead is, with the same password.
     */
    private static String orgAdmin(Api api, ServerUnderTest server) throws Exception {
        return api.login("priya@demo.confer.test", server.adminPassword);
    }

    /**
     * Writes frames {@code from} to {@code to} at {@code rate} a second, round robin over the
     * connections, one sender thread per connection; each frame's scheduled time goes into
     * {@code dueNanos}. Returns how late the latest send was (the generator's own lag).
     */
    private static long sendOpenLoop(List<MllpConnection> lines, List<byte[]> frames, long[] dueNanos, int from, int to, int rate)
            throws Exception {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long[] lag = new long[lines.size()];
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < lines.size(); c++) {
            int line = c;
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = from + line; i < to; i += lines.size()) {
                    long due = start + (long) (i - from) * 1_000_000_000L / rate;
                    dueNanos[i] = due;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    lag[line] = Math.max(lag[line], System.nanoTime() - due);
                    try {
                        lines.get(line).send(frames.get(i));
                    } catch (java.io.IOException e) {
                        System.err.println("MLLP send failed: " + e.getMessage());
                        return;
                    }
                }
            }));
        }
        for (Thread t : senders) {
            t.join();
        }
        return java.util.Arrays.stream(lag).max().orElse(0);
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
