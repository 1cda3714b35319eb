package org.confer.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * idle: --connections authenticated streams that say hello and then do nothing. Reports the
 * server's RSS before and after (per connection), the connect rate, and the server CPU while
 * they sit idle for --hold-seconds (heartbeat cost).
 */
final class IdleScenario {
    private IdleScenario() {}

    static Report run(Options o, ServerUnderTest server) throws Exception {
        try (Api api = new Api(server.url, o.intValue("source-addresses", 8))) {
            return run(o, server, api);
        }
    }

    /**
     * Counts the streams that got their ready frame, and those that closed. One instance listens
     * to every stream: it keeps no per-stream state. Public only because Jetty calls a listener's
     * methods through a public method-handle lookup.
     */
    public static final class StreamCounter implements Session.Listener.AutoDemanding {
        private final AtomicInteger ready = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();

        @Override
        public void onWebSocketPartialText(String payload, boolean last) {
            if (payload.contains("\"ready\"")) {
                ready.incrementAndGet();
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closed.incrementAndGet();
            callback.succeed();
        }
    }

    private static Report run(Options o, ServerUnderTest server, Api api) throws Exception {
        int connections = o.intValue("connections", 10_000);
        int holdSeconds = o.intValue("hold-seconds", 30);
        int parallel = o.intValue("parallel", 200);
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

        List<Session> sockets = new ArrayList<>();
        StreamCounter listener = new StreamCounter();
        AtomicInteger ready = listener.ready;
        Semaphore opening = new Semaphore(parallel);
        long start = System.nanoTime();
        Usage connecting = new Usage(server.stats());
        List<CompletableFuture<Session>> pending = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            opening.acquire();
            String token = tokens.get(i / perUser);
            pending.add(api.openStream(i, listener, token, Duration.ofSeconds(30)).whenComplete((s, e) -> {
                opening.release();
                if (s != null) {
                    s.sendText("{\"type\":\"hello\",\"cursors\":{}}", Callback.NOOP);
                }
            }));
        }
        int failed = 0;
        for (CompletableFuture<Session> f : pending) {
            try {
                sockets.add(f.join());
            } catch (RuntimeException e) {
                // The first few causes, as OpenLoop prints failed sends: a count alone does not say whose fault it was.
                if (++failed <= 5) {
                    System.err.println("connect failed: " + (e.getCause() == null ? e : e.getCause()));
                }
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ready.get() < sockets.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        Usage.Figures connectFigures = connecting.stop();
        Usage idle = new Usage(server.stats());
        Thread.sleep(holdSeconds * 1000L);
        Usage.Figures idleFigures = idle.stop();
        double rssAfter = server.rssMb();
        // Read before the streams are dropped below: any close so far ended a stream that should have been held.
        int closedWhileHeld = listener.closed.get();
        for (Session s : sockets) {
            s.disconnect();
        }

        Report report = new Report("idle", Map.of("connections", "" + connections, "holdSeconds", "" + holdSeconds,
                "database", o.get("start", "external")));
        report.json.put("expected", connections);
        report.json.put("delivered", ready.get());
        report.json.put("lost", connections - ready.get());
        report.json.put("duplicates", 0);
        report.json.put("outOfOrder", 0);
        report.json.put("failedConnects", failed);
        report.json.put("closedWhileHeld", closedWhileHeld);
        report.json.put("connectSeconds", Math.round(connectSeconds * 100) / 100.0);
        report.json.put("connectsPerSec", Math.round(connections / connectSeconds));
        report.json.put("serverRssMbBefore", Math.round(rssBefore));
        idleFigures.into(report);
        report.json.put("serverRssMb", Math.round(rssAfter));
        report.json.put("kibPerConnection", Math.round((rssAfter - rssBefore) * 1024 / connections * 10) / 10.0);
        // serverCpuPct (and generatorCpuPct) are over the idle hold; kept under its old name too.
        report.json.put("idleServerCpuPct", idleFigures.serverCpuPct());
        // Server CPU per connect (handshake, session, hello, conversation list, ready), for docs/capacity.md.
        report.json.put("serverCpuMsPerConnect", connectFigures.serverCpuPct() < 0 || sockets.isEmpty() ? -1
                : Math.round(connectFigures.serverCpuPct() / 100 * Runtime.getRuntime().availableProcessors() * connectFigures.seconds()
                        * 1e3 / sockets.size() * 1000) / 1000.0);
        // Idle server CPU per held stream in micro-cores (pings and the server's own background, so an upper bound).
        report.json.put("idleServerMicroCoresPerConnection", idleFigures.serverCpuPct() < 0 || sockets.isEmpty() ? -1
                : Math.round(idleFigures.serverCpuPct() / 100 * Runtime.getRuntime().availableProcessors() * 1e6 / sockets.size() * 100)
                        / 100.0);
        return report;
    }
}
