package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * fanout: one channel with --members connected members; one sender posts --messages as fast as
 * acknowledgements return, with --window requests in flight. Every member must receive every
 * message exactly once, in seq order. With several nodes member i's stream is on node i mod nodes
 * and message i is sent through node i mod nodes (the one sender's requests spread as by a load
 * balancer without affinity), so the messages of one channel are written through every node.
 */
final class FanoutScenario {
    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.urls, o.intValue("source-addresses", 8))) {
            return measure("fanout", o, api, setUp(o, server, api), server::usage, server.urls);
        }
    }

    /** A team whose General channel has --members people (and the admin, who sends). */
    static Target setUp(Options o, ServerUnderTest server, Api api) throws Exception {
        int members = o.intValue("members", 200);
        String admin = api.login(ServerUnderTest.ADMIN, server.adminPassword);

        // Set-up through the public API: a team, its General channel, the members.
        JsonNode team = api.post("/api/v1/teams", Map.of("name", "Bench " + UUID.randomUUID().toString().substring(0, 6)), admin);
        String teamId = team.get("id").asText();
        List<String> tokens = new ArrayList<>();
        for (People.Person p : People.create(api, admin, "member", members)) {
            api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", p.id()), admin);
            tokens.add(p.token());
        }
        String channel = null;
        long cursor = 0;
        for (JsonNode c : api.get(0, "/api/v1/teams/" + teamId + "/channels", admin).get("items")) {
            if (c.get("name").asText().equals("General")) {
                channel = c.get("id").asText();
                cursor = c.get("lastSeq").asLong();
            }
        }

        return new Target(channel, cursor, tokens, admin);
    }

    /** Where a fan-out is measured: the channel, the members' tokens, who sends. */
    record Target(String channel, long cursor, List<String> tokens, String senderToken) {}

    /**
     * The measured part, shared with the ceiling scenario: connects one receiver per token, posts
     * --messages to the channel with --window in flight, checks every delivery.
     *
     * @param usage opens the measuring window over the nodes of {@code urls} (and their database)
     */
    static Report measure(String scenario, Options o, Api api, Target t, java.util.function.Supplier<Usage> usage, List<String> urls)
            throws Exception {
        int members = t.tokens().size();
        int messages = o.intValue("messages", 2000);
        int window = o.intValue("window", 32);
        String channel = t.channel();
        String admin = t.senderToken();
        CountDownLatch delivered = new CountDownLatch(members * messages);
        List<Receiver> receivers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            Receiver r = new Receiver(channel, messages, delivered);
            r.connect(api, i, t.tokens().get(i), t.cursor());
            receivers.add(r);
        }
        Thread.sleep(500); // let every hello's replay finish before measuring

        Usage measuring = usage.get();
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        AtomicLongArray ackedByNode = new AtomicLongArray(api.nodes());
        Semaphore inFlight = new Semaphore(window);
        long start = System.nanoTime();
        String path = "/api/v1/conversations/" + channel + "/messages";
        for (int i = 0; i < messages; i++) {
            inFlight.acquire();
            String text = "t=" + System.nanoTime() + "; fan-out message " + i;
            int node = api.node(i);
            api.postAsync(i, path, Map.of("text", text, "clientMsgId", "b" + i + "-" + start), admin).whenComplete((r, e) -> {
                if (e == null) {
                    acked.add(r.get("seq").asLong());
                    ackedByNode.incrementAndGet(node);
                } else {
                    System.err.println("send failed: " + e.getMessage());
                }
                // Released only after the acknowledgement is recorded, so the final acquire sees every one.
                inFlight.release();
            });
        }
        inFlight.acquire(window);
        boolean complete = delivered.await(o.intValue("drain-seconds", 60), TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        Usage.Figures usageFigures = measuring.stop();

        // Delivery checks: every receiver, every acknowledged seq, once, in order.
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long total = 0;
        long frameChars = 0;
        long[] deliveredByNode = new long[api.nodes()];
        long[] lostByNode = new long[api.nodes()];
        long[] latencies = new long[members * messages];
        int n = 0;
        for (Receiver r : receivers) {
            Set<Long> seen = new HashSet<>();
            long last = -1;
            for (int i = 0; i < Math.min(r.count(), messages * 2); i++) {
                long seq = r.seq(i);
                if (!seen.add(seq)) {
                    duplicates++;
                }
                if (seq < last) {
                    outOfOrder++;
                }
                last = seq;
                if (n < latencies.length) {
                    latencies[n++] = r.latency(i);
                }
                total++;
                deliveredByNode[r.node()]++;
            }
            for (Long s : acked) {
                if (!seen.contains(s)) {
                    lost++;
                    lostByNode[r.node()]++;
                }
            }
            frameChars += r.frameChars();
            r.close();
        }
        double seconds = elapsed / 1e9;
        Report report = new Report(scenario, Map.of("members", "" + members, "messages", "" + messages, "window", "" + window,
                "database", o.get("start", "external"), "nodes", "" + urls.size()));
        report.json.put("expected", (long) members * messages);
        report.json.put("delivered", total);
        report.json.put("lost", lost + (long) members * (messages - acked.size()));
        report.json.put("duplicates", duplicates);
        report.json.put("outOfOrder", outOfOrder);
        report.json.put("complete", complete);
        report.json.put("seconds", Math.round(seconds * 1000) / 1000.0);
        report.json.put("messagesPerSec", Math.round(acked.size() / seconds));
        report.json.put("deliveriesPerSec", Math.round(total / seconds));
        report.latencies(latencies, n);
        report.json.put("frameBytes", total == 0 ? 0 : frameChars / total);
        usageFigures.into(report);
        long[] sendsByNode = new long[api.nodes()];
        for (int k = 0; k < sendsByNode.length; k++) {
            sendsByNode[k] = ackedByNode.get(k);
        }
        usageFigures.perMessage(report, urls, sendsByNode, deliveredByNode);
        if (lostByNode.length > 1) {
            var byNode = report.json.putArray("lostByNode");
            for (long l : lostByNode) {
                byNode.add(l);
            }
        }
        return report;
    }
}
