package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * post: REST send latency at a fixed --rate (messages/s, open loop: sends are scheduled by the
 * clock, not by acknowledgements) for --seconds across --conversations direct chats. Every
 * acknowledged message must be stored (checked by each conversation's lastSeq afterwards).
 */
final class PostScenario {
    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.url, o.intValue("source-addresses", 8))) {
            return run(o, server, api);
        }
    }

    private static Report run(Options o, ServerUnderTest server, Api api) throws Exception {
        int conversations = o.intValue("conversations", 200);
        int rate = o.intValue("rate", 200);
        int seconds = o.intValue("seconds", 20);
        String admin = api.login(ServerUnderTest.ADMIN, server.adminPassword);
        JsonNode me = api.get(0, "/api/v1/me", admin);
        String adminId = me.get("id").asText();

        List<String[]> chats = new ArrayList<>(); // {conversationId, token, lastSeq before}
        for (People.Person p : People.create(api, admin, "poster", conversations)) {
            JsonNode c = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(adminId)), p.token());
            chats.add(new String[] {c.get("id").asText(), p.token(), c.get("lastSeq").asText()});
        }

        int total = rate * seconds;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong[] perConversation = new AtomicLong[conversations];
        for (int i = 0; i < conversations; i++) {
            perConversation[i] = new AtomicLong();
        }
        Usage usage = server.usage();
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<JsonNode>> sends = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * (1e9 / rate));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int c = i % conversations;
            long sent = System.nanoTime();
            sends.add(api.postAsync(i, "/api/v1/conversations/" + chats.get(c)[0] + "/messages",
                    Map.of("text", "post " + i, "clientMsgId", "p" + start + "-" + i), chats.get(c)[1]).whenComplete((r, e) -> {
                        if (e == null) {
                            latencies.add(System.nanoTime() - sent);
                            acked.incrementAndGet();
                            perConversation[c].incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }));
        }
        for (var f : sends) {
            try {
                f.join();
            } catch (RuntimeException ignored) {
                // counted as failed
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Usage.Figures figures = usage.stop();

        // Durability of acknowledgements: every conversation's lastSeq grew by exactly its acknowledged sends.
        long missing = 0;
        for (int i = 0; i < conversations; i++) {
            JsonNode c = api.get(0, "/api/v1/conversations/" + chats.get(i)[0], chats.get(i)[1]);
            long stored = c.get("lastSeq").asLong() - Long.parseLong(chats.get(i)[2]);
            missing += Math.max(0, perConversation[i].get() - stored);
        }
        long[] l = latencies.stream().mapToLong(Long::longValue).toArray();
        Report report = new Report("post", Map.of("conversations", "" + conversations, "rate", "" + rate, "seconds", "" + seconds,
                "database", o.get("start", "external")));
        report.json.put("expected", total);
        report.json.put("delivered", acked.get());
        report.json.put("lost", missing + failed.get());
        report.json.put("duplicates", 0);
        report.json.put("outOfOrder", 0);
        report.json.put("failed", failed.get());
        report.json.put("commitsPerSec", Math.round(acked.get() / elapsed));
        report.json.put("deliveriesPerSec", Math.round(acked.get() / elapsed));
        report.latencies(l, l.length);
        figures.into(report);
        // Nobody is connected: the server's CPU per send is the durable write alone (for docs/capacity.md).
        figures.perMessage(report, server.urls, new long[] {acked.get()}, new long[] {0});
        return report;
    }
}
