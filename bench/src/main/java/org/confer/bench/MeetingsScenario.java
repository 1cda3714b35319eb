package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * meetings: the server's share of calls, signalling only (no media). --meetings calls of --size
 * people (2 to 4: a mesh, docs/calls-and-meetings.md) run at once, each in its own group chat
 * (a direct chat for two). In each, the first person starts the call and everyone joins in turn;
 * then every pair exchanges an offer, an answer and --candidates ICE candidates each way over
 * the stream; then everyone leaves and the call ends.
 *
 * <p>Measured: join-to-roster latency — from sending POST …/join until each person already in
 * the call, and the joiner, sees the new peer in a {@code call.roster} frame (p50/p99 over all
 * those sightings); every signalling frame delivered exactly once (lost and duplicates); every
 * call's {@code call.ended} line seen by its starter; and server CPU per participant visit
 * (join, signalling, leave) from /proc over the measured window.
 */
final class MeetingsScenario {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.url, o.intValue("source-addresses", 8))) {
            return run(o, server, api);
        }
    }

    private static Report run(Options o, ServerUnderTest server, Api api) throws Exception {
        int meetings = o.intValue("meetings", 50);
        int size = o.intValue("size", 4);
        int candidates = o.intValue("candidates", 4);
        if (size < 2 || size > 4) {
            throw new IllegalArgumentException("--size must be 2 to 4 (a mesh); larger calls go through Janus, whose media is not measured here");
        }
        String admin = api.login(ServerUnderTest.ADMIN, server.adminPassword);
        List<People.Person> people = People.create(api, admin, "caller", meetings * size);
        List<String> conversations = new ArrayList<>();
        for (int m = 0; m < meetings; m++) {
            List<String> others = new ArrayList<>();
            for (int k = 1; k < size; k++) {
                others.add(people.get(m * size + k).id());
            }
            Map<String, Object> body = size == 2 ? Map.of("kind", "direct", "memberIds", others)
                    : Map.of("kind", "group", "memberIds", others);
            conversations.add(api.setUp(m, "/api/v1/conversations", body, people.get(m * size).token()).get("id").asText());
        }
        List<CallClient> clients = new ArrayList<>();
        List<CompletableFuture<Void>> connected = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            CallClient c = new CallClient();
            clients.add(c);
            connected.add(c.connect(api, i, people.get(i).token()));
        }
        CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

        Usage usage = new Usage(server.stats());
        long start = System.nanoTime();
        List<Future<Visit>> visits = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int m = 0; m < meetings; m++) {
                int first = m * size;
                String conversation = conversations.get(m);
                visits.add(pool.submit(() -> meeting(api, people.subList(first, first + size), clients.subList(first, first + size),
                        conversation, first, candidates)));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Usage.Figures figures = usage.stop();

        long[] latencies = new long[meetings * size * size];
        int n = 0;
        long expected = 0;
        long delivered = 0;
        long duplicates = 0;
        long unended = 0;
        for (Future<Visit> f : visits) {
            Visit v = f.get();
            for (long l : v.latencies()) {
                latencies[n++] = l;
            }
            expected += v.expectedSignals();
            delivered += v.deliveredSignals();
            duplicates += v.duplicateSignals();
            unended += v.ended() ? 0 : 1;
        }
        for (CallClient c : clients) {
            c.close();
        }
        Report report = new Report("meetings", Map.of("meetings", "" + meetings, "size", "" + size, "candidates", "" + candidates,
                "database", o.get("start", "external")));
        report.json.put("expected", expected);
        report.json.put("delivered", delivered);
        report.json.put("lost", expected - delivered + unended);
        report.json.put("duplicates", duplicates);
        report.json.put("outOfOrder", 0);
        report.json.put("callsNotEnded", unended);
        report.json.put("deliveriesPerSec", Math.round(delivered / seconds));
        report.json.put("joins", meetings * size);
        report.json.put("seconds", Math.round(seconds * 1000) / 1000.0);
        report.latencies(latencies, n);
        figures.into(report);
        if (figures.serverCpuPct() >= 0) {
            double cpuSeconds = figures.serverCpuPct() / 100 * seconds * Runtime.getRuntime().availableProcessors();
            // Per participant's whole visit: the join, their share of the signalling, the leave.
            report.json.put("serverCpuMsPerJoin", Math.round(cpuSeconds * 1e6 / (meetings * size)) / 1000.0);
        }
        return report;
    }

    /** What one meeting measured. */
    private record Visit(List<Long> latencies, long expectedSignals, long deliveredSignals, long duplicateSignals, boolean ended) {}

    private static Visit meeting(Api api, List<People.Person> people, List<CallClient> clients, String conversation, int client,
                                 int candidates) throws Exception {
        String callId = api.post("/api/v1/conversations/" + conversation + "/calls", Map.of("media", "video"),
                people.getFirst().token()).get("id").asText();
        List<String> peers = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            long sent = System.nanoTime();
            JsonNode grant = api.post("/api/v1/calls/" + callId + "/join", Map.of(), people.get(i).token());
            String peer = grant.get("peerId").asText();
            peers.add(peer);
            for (int k = 0; k <= i; k++) {
                Long seen = awaitSeen(clients.get(k), peer);
                latencies.add(seen == null ? WAIT_NANOS : seen - sent);
            }
        }
        // Every pair negotiates: the earlier peer offers, the later answers; both trickle candidates.
        long expected = 0;
        for (int i = 0; i < people.size(); i++) {
            for (int j = i + 1; j < people.size(); j++) {
                signal(clients.get(i), callId, peers.get(i), peers.get(j), "offer", 0);
                signal(clients.get(j), callId, peers.get(j), peers.get(i), "answer", 0);
                for (int c = 1; c <= candidates; c++) {
                    signal(clients.get(i), callId, peers.get(i), peers.get(j), "candidate", c);
                    signal(clients.get(j), callId, peers.get(j), peers.get(i), "candidate", c);
                }
                expected += 2L * (1 + candidates);
            }
        }
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (received(clients) < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long delivered = received(clients);
        long duplicates = clients.stream().mapToLong(CallClient::duplicateSignals).sum();
        for (int i = 0; i < people.size(); i++) {
            api.post("/api/v1/calls/" + callId + "/leave", Map.of("peerId", peers.get(i)), people.get(i).token());
        }
        while (!clients.getFirst().sawEnd(callId) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return new Visit(latencies, expected, delivered, duplicates, clients.getFirst().sawEnd(callId));
    }

    private static long received(List<CallClient> clients) {
        return clients.stream().mapToLong(CallClient::signalsReceived).sum();
    }

    private static void signal(CallClient from, String callId, String fromPeer, String toPeer, String what, int n) {
        String body = what.equals("candidate")
                ? "{\"candidate\":{\"candidate\":\"candidate:" + n + " 1 udp 2122260223 10.0.0.1 5" + (1000 + n)
                        + " typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0},\"n\":\"" + what + n + "\"}"
                : "{\"description\":{\"type\":\"" + what + "\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\n\"},\"n\":\"" + what + "\"}";
        from.send("{\"type\":\"call.signal\",\"callId\":\"" + callId + "\",\"fromPeer\":\"" + fromPeer + "\",\"toPeer\":\""
                + toPeer + "\",\"signal\":" + body + "}");
    }

    private static Long awaitSeen(CallClient c, String peer) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        Long seen;
        while ((seen = c.peerSeenAt(peer)) == null && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return seen;
    }
}
