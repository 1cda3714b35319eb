package org.confer.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * ceiling: how close Confer's fan-out comes to what Jetty alone can do on this machine. Runs
 * Confer's fanout (--members, --messages, --window) and then the same fan-out, with the same
 * receivers and frames of the same size, against {@link CeilingServer} (a bare Jetty broadcaster,
 * own process). Confer runs first because the ceiling's frames are padded to the average size of
 * the frames Confer just sent; the generator is then also warmer for the ceiling, so the
 * percentage errs on Confer's side of modest.
 */
final class CeilingScenario {
    private CeilingScenario() {}

    static Report run(Options o, ServerUnderTest server) throws Exception {
        Report confer = FanoutScenario.run(o, server);
        int frameBytes = confer.json.get("frameBytes").asInt();
        int members = o.intValue("members", 200);

        Report ceiling;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("confer-ceiling", ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + o.get("server-heap", "2g"), "-cp", System.getProperty("java.class.path"),
                CeilingServer.class.getName(), Integer.toString(port), Integer.toString(frameBytes))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitListening(p, port, log);
            try (Api api = new Api("http://127.0.0.1:" + port, o.intValue("source-addresses", 8))) {
                // The bare endpoint checks no credentials; the receivers send theirs anyway.
                List<String> tokens = new ArrayList<>(Collections.nCopies(members, "none"));
                ceiling = FanoutScenario.measure("ceiling-jetty", o, api,
                        new FanoutScenario.Target("00000000-0000-4000-8000-00000000ce11", 0, tokens, "none"),
                        () -> new Usage(new ProcessStats(p.pid())), List.of("http://127.0.0.1:" + port));
            }
        } finally {
            p.destroy();
            p.waitFor();
            Files.deleteIfExists(log);
        }

        Report report = new Report("ceiling", Map.of("members", "" + members, "messages", "" + o.intValue("messages", 2000),
                "window", "" + o.intValue("window", 32), "database", o.get("start", "external"), "frameBytes", "" + frameBytes));
        for (String k : List.of("expected", "delivered", "lost", "duplicates", "outOfOrder")) {
            report.json.put(k, confer.json.get(k).asLong() + ceiling.json.get(k).asLong());
        }
        long conferRate = confer.json.get("deliveriesPerSec").asLong();
        long ceilingRate = ceiling.json.get("deliveriesPerSec").asLong();
        report.json.put("deliveriesPerSec", conferRate);
        for (String k : List.of("p50Ms", "p95Ms", "p99Ms", "maxMs", "serverRssMb", "serverCpuPct", "generatorCpuPct")) {
            report.json.set(k, confer.json.get(k));
        }
        report.json.put("conferDeliveriesPerSec", conferRate);
        report.json.put("ceilingDeliveriesPerSec", ceilingRate);
        report.json.put("percentOfCeiling", ceilingRate == 0 ? 0 : Math.round(1000.0 * conferRate / ceilingRate) / 10.0);
        report.json.put("target", "conferDeliveriesPerSec >= 60000 at 200 members and percentOfCeiling >= 60");
        report.json.set("confer", confer.json);
        report.json.set("ceiling", ceiling.json);
        return report;
    }

    private static void awaitListening(Process p, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("ceiling server exited: " + Files.readString(log));
            }
            try {
                new Socket("127.0.0.1", port).close();
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("ceiling server not listening within 30 s");
    }
}
