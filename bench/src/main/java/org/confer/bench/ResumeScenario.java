package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * resume: --clients people in group chats of --group-size; they go offline, --messages are
 * posted across their conversations, then all reconnect with their cursors. Measures the time
 * until every client has caught up, and checks each received exactly its conversation's
 * missed messages, once, in order.
 */
final class ResumeScenario {
    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.url, o.intValue("source-addresses", 8))) {
            return run(o, server, api);
        }
    }

    private static Report run(Options o, ServerUnderTest server, Api api) throws Exception {
        int clients = o.intValue("clients", 500);
        int groupSize = o.intValue("group-size", 10);
        int messages = o.intValue("messages", 20_000);
        int window = o.intValue("window", 32);
        if (clients % groupSize != 0 || groupSize < 3) {
            throw new IllegalArgumentException("--clients must be a multiple of --group-size (at least 3)");
        }
        String admin = api.login(ServerUnderTest.ADMIN, server.adminPassword);

        List<String[]> people = new ArrayList<>(); // {id, token}
        for (People.Person p : People.create(api, admin, "resumer", clients)) {
            people.add(new String[] {p.id(), p.token()});
        }
        int groups = clients / groupSize;
        String[] conversation = new String[groups];
        long[] cursor = new long[groups];
        for (int g = 0; g < groups; g++) {
            List<String> others = new ArrayList<>();
            for (int k = 1; k < groupSize; k++) {
                others.add(people.get(g * groupSize + k)[0]);
            }
            JsonNode c = api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", others), people.get(g * groupSize)[1]);
            conversation[g] = c.get("id").asText();
            cursor[g] = c.get("lastSeq").asLong();
        }

        // Everyone is offline while the messages are posted (by each group's creator).
        Set<Long>[] acked = new Set[groups];
        for (int g = 0; g < groups; g++) {
            acked[g] = ConcurrentHashMap.newKeySet();
        }
        Semaphore inFlight = new Semaphore(window);
        long runId = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            int g = i % groups;
            inFlight.acquire();
            api.postAsync(i, "/api/v1/conversations/" + conversation[g] + "/messages",
                    Map.of("text", "t=" + System.nanoTime() + "; missed " + i, "clientMsgId", "r" + runId + "-" + i),
                    people.get(g * groupSize)[1]).whenComplete((r, e) -> {
                        if (e == null) {
                            acked[g].add(r.get("seq").asLong());
                        } else {
                            System.err.println("send failed: " + e.getMessage());
                        }
                        // Released only after the acknowledgement is recorded, so the final acquire sees every one.
                        inFlight.release();
                    });
        }
        inFlight.acquire(window);
        long expected = 0;
        for (int g = 0; g < groups; g++) {
            expected += (long) acked[g].size() * groupSize;
        }

        CountDownLatch caughtUp = new CountDownLatch((int) expected);
        List<Receiver> receivers = new ArrayList<>();
        Usage usage = new Usage(server.stats());
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int g = i / groupSize;
            Receiver r = new Receiver(conversation[g], acked[g].size(), caughtUp);
            r.connect(api, i, people.get(i)[1], cursor[g]);
            receivers.add(r);
        }
        boolean complete = caughtUp.await(o.intValue("drain-seconds", 120), TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        Usage.Figures figures = usage.stop();

        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long delivered = 0;
        for (int i = 0; i < clients; i++) {
            Receiver r = receivers.get(i);
            Set<Long> seen = new HashSet<>();
            long last = -1;
            for (int k = 0; k < Math.min(r.count(), acked[i / groupSize].size() * 2); k++) {
                long seq = r.seq(k);
                if (!seen.add(seq)) {
                    duplicates++;
                }
                if (seq < last) {
                    outOfOrder++;
                }
                last = seq;
                delivered++;
            }
            for (Long s : acked[i / groupSize]) {
                if (!seen.contains(s)) {
                    lost++;
                }
            }
            r.close();
        }
        double seconds = elapsed / 1e9;
        Report report = new Report("resume", Map.of("clients", "" + clients, "groupSize", "" + groupSize, "messages", "" + messages,
                "database", o.get("start", "external")));
        report.json.put("expected", expected);
        report.json.put("delivered", delivered);
        report.json.put("lost", lost + ((long) messages - java.util.Arrays.stream(acked).mapToLong(Set::size).sum()) * groupSize);
        report.json.put("duplicates", duplicates);
        report.json.put("outOfOrder", outOfOrder);
        report.json.put("complete", complete);
        report.json.put("catchUpSeconds", Math.round(seconds * 1000) / 1000.0);
        report.json.put("deliveriesPerSec", Math.round(delivered / seconds));
        figures.into(report);
        return report;
    }
}
