package org.confer.bench;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * idle: --connections authenticated streams that say hello and then do nothing. Reports the
 * server's RSS before and after (per connection), the connect rate, and the server CPU while
 * they sit idle for --hold-seconds (heartbeat cost).
 */
final class IdleScenario {

    static Report run(Options o, ServerUnderTest server) throws Exception {
        int connections = o.intValue("connections", 10_000);
        int holdSeconds = o.intValue("hold-seconds", 30);
        int parallel = o.intValue("parallel", 200);
        Api api = new Api(server.url, o.intValue("source-addresses", 8));
        // Streams per user are limited (20), so spread the connections over enough sessions of enough people.
        int perUser = 20;
        int users = (connections + perUser - 1) / perUser;
        String admin = api.login(ServerUnderTest.ADMIN, server.adminPassword);
        List<String> tokens = new ArrayList<>();
        for (People.Person p : People.create(api, admin, "idle", users)) {
            tokens.add(p.token());
        }
        System.gc();
        Thread.sleep(2000);
        double rssBefore = server.rssMb();

        List<WebSocket> sockets = new ArrayList<>();
        AtomicInteger ready = new AtomicInteger();
        Semaphore opening = new Semaphore(parallel);
        long start = System.nanoTime();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            opening.acquire();
            String token = tokens.get(i / perUser);
            CompletableFuture<WebSocket> f = api.client(i).newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(server.url.replace("http://", "ws://") + "/api/v1/stream"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            if (data.toString().contains("\"ready\"")) {
                                ready.incrementAndGet();
                            }
                            ws.request(1);
                            return null;
                        }
                    });
            pending.add(f.whenComplete((ws, e) -> {
                opening.release();
                if (ws != null) {
                    ws.sendText("{\"type\":\"hello\",\"cursors\":{}}", true);
                }
            }));
        }
        int failed = 0;
        for (CompletableFuture<WebSocket> f : pending) {
            try {
                sockets.add(f.join());
            } catch (RuntimeException e) {
                failed++;
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ready.get() < sockets.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        Usage idle = new Usage(server.stats());
        Thread.sleep(holdSeconds * 1000L);
        Usage.Figures idleFigures = idle.stop();
        double rssAfter = server.rssMb();
        for (WebSocket ws : sockets) {
            ws.abort();
        }

        Report report = new Report("idle", Map.of("connections", "" + connections, "holdSeconds", "" + holdSeconds,
                "database", o.get("start", "external")));
        report.json.put("expected", connections);
        report.json.put("delivered", ready.get());
        report.json.put("lost", connections - ready.get());
        report.json.put("duplicates", 0);
        report.json.put("outOfOrder", 0);
        report.json.put("failedConnects", failed);
        report.json.put("connectSeconds", Math.round(connectSeconds * 100) / 100.0);
        report.json.put("connectsPerSec", Math.round(connections / connectSeconds));
        report.json.put("serverRssMbBefore", Math.round(rssBefore));
        idleFigures.into(report);
        report.json.put("serverRssMb", Math.round(rssAfter));
        report.json.put("kibPerConnection", Math.round((rssAfter - rssBefore) * 1024 / connections * 10) / 10.0);
        // serverCpuPct (and generatorCpuPct) are over the idle hold; kept under its old name too.
        report.json.put("idleServerCpuPct", idleFigures.serverCpuPct());
        return report;
    }
}
