package org.confer.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.media.VideoRoomPages.args;
import static org.confer.media.VideoRoomPages.pageOf;
import static org.confer.media.VideoRoomPages.script;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.Browser;
import org.confer.testing.ChatFixtures;
import org.confer.testing.MediaStack;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A measurement, not a test (tag "media-cost": no CI execution runs it; docs/performance.md,
 * "Calls: media cost on Janus", gives the command): for 3 and then 5 people in one channel's
 * SFU call, each in its own context of one Chromium with a fake 320x240 15 fps camera, it waits
 * until everyone decodes everyone else, then samples for 15 s the CPU time of the embedded Janus
 * and of all Chromium processes (/proc/PID/stat), Janus's PSS (/proc/PID/smaps_rollup) and the
 * decoded frame rate of every remote video (getStats deltas). It prints a table and a JSON line
 * and writes target/media-cost.json. CPU-seconds are comparable across machine load; the
 * wall-clock join time is not, so the load average is recorded with the numbers.
 */
@Tag("media-cost")
@ExtendWith(MediaStack.class)
@ResourceLock(Browser.LOCK)
class JanusCostMeasurement {
    private static final Duration SAMPLE = Duration.ofSeconds(15);
    /** Generous: media decodes in about 2 s on an idle 2-core machine, far slower under load. */
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void measure_janus_and_chromium_cost_for_three_and_five_people() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int n : new int[] {3, 5}) {
            runs.add(run(n));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("measuredAt", Instant.now().toString());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("sampleSeconds", SAMPLE.toSeconds());
        out.put("runs", runs);
        String line = JSON.writeValueAsString(out);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n| N | Janus CPU %% of a core | per participant | Chromium CPU %% (all clients) | Janus PSS MiB | fps per stream min/mean/max | join→all decoding s | load avg |%n"
                        + "|---|---|---|---|---|---|---|---|%n"));
        for (Map<String, Object> r : runs) {
            table.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.0f | %.1f | %.1f / %.1f / %.1f | %.1f | %s |%n",
                    r.get("participants"), r.get("janusCpuPercent"), r.get("janusCpuPercentPerParticipant"),
                    r.get("chromiumCpuPercent"), r.get("janusPssMiB"), r.get("fpsMin"), r.get("fpsMean"), r.get("fpsMax"),
                    r.get("joinToAllDecodingSeconds"), r.get("loadAverage")));
        }
        System.out.println(table);
        System.out.println("MEDIA-COST " + line);
        Files.writeString(Path.of("target", "media-cost.json"), line + "\n" + table);
    }

    private Map<String, Object> run(int n) throws Exception {
        try (TestServer server = TestServer.start(Backend.H2, new HashMap<>(MediaStack.conferSettings()));
                Browser browser = Browser.launchForMedia()) {
            ChatFixtures fx = new ChatFixtures(server);
            List<ChatFixtures.Person> people = fx.people("p" + n + "-", n);
            ChatFixtures.Person owner = people.getFirst();
            String general = fx.general(owner, fx.teamWith(owner, people.subList(1, n).toArray(ChatFixtures.Person[]::new)));
            Api.Response started = server.api.post("/api/v1/conversations/" + general + "/calls", Map.of("media", "video"), owner.token());
            assertThat(started.json().path("topology").asText()).as(started.toString()).isEqualTo("sfu");
            String join = "/api/v1/calls/" + started.json().path("id").asText() + "/join";
            String client = script("videoroom-client.js");

            List<BrowserContext> contexts = new ArrayList<>();
            List<Page> pages = new ArrayList<>();
            try {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ChatFixtures.Person p = people.get(i);
                    Api.Response grant = server.api.post(join, Map.of(), p.token());
                    assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
                    BrowserContext c = browser.newContext();
                    contexts.add(c);
                    Page page = pageOf(c, server.api.base(), p.token());
                    pages.add(page);
                    assertThat(page.evaluate(client, args(grant.json().path("janus"), "P" + i))).isEqualTo("joined");
                }
                long lastJoined = System.nanoTime();
                long deadline = lastJoined + MEDIA_WAIT.toNanos();
                while (!allDecoding(pages, n)) {
                    assertThat(System.nanoTime()).as("everyone decodes everyone within " + MEDIA_WAIT + ": " + streams(pages))
                            .isLessThan(deadline);
                    pages.getFirst().waitForTimeout(100); // polling getStats with a deadline
                }
                long allDecoding = System.nanoTime();

                List<ProcessHandle> janus = processes(cmd -> cmd.endsWith("/janus") || cmd.contains("/janus -C") || cmd.startsWith("janus "));
                assertThat(janus).as("the embedded Janus among this JVM's descendants").hasSize(1);
                List<ProcessHandle> chromium = processes(cmd -> cmd.contains("chromium"));
                long pid = janus.getFirst().pid();
                String loadBefore = loadAverage();
                Map<Long, Long> janusTicks0 = ticks(janus);
                Map<Long, Long> chromiumTicks0 = ticks(chromium);
                List<List<Long>> frames0 = streams(pages);
                long s0 = System.nanoTime();
                pages.getFirst().waitForTimeout(SAMPLE.toMillis()); // the sampling window itself
                long pssKb = pssKb(pid);
                Map<Long, Long> janusTicks1 = ticks(janus);
                Map<Long, Long> chromiumTicks1 = ticks(chromium);
                List<List<Long>> frames1 = streams(pages);
                double seconds = (System.nanoTime() - s0) / 1e9;
                String loadAfter = loadAverage();

                List<Double> fps = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < frames1.get(i).size(); j++) {
                        fps.add((frames1.get(i).get(j) - frames0.get(i).get(j)) / seconds);
                    }
                }
                double tick = clockTicks();
                double janusPct = 100 * delta(janusTicks0, janusTicks1) / tick / seconds;
                double chromiumPct = 100 * delta(chromiumTicks0, chromiumTicks1) / tick / seconds;
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("participants", n);
                r.put("janusCpuPercent", round(janusPct));
                r.put("janusCpuPercentPerParticipant", round(janusPct / n));
                r.put("chromiumCpuPercent", round(chromiumPct));
                r.put("chromiumProcesses", chromium.size());
                r.put("janusPssMiB", round(pssKb / 1024.0));
                r.put("streams", fps.size());
                r.put("fpsMin", round(fps.stream().mapToDouble(d -> d).min().orElse(0)));
                r.put("fpsMean", round(fps.stream().mapToDouble(d -> d).average().orElse(0)));
                r.put("fpsMax", round(fps.stream().mapToDouble(d -> d).max().orElse(0)));
                r.put("joinToAllDecodingSeconds", round((allDecoding - t0) / 1e9));
                r.put("lastJoinToAllDecodingSeconds", round((allDecoding - lastJoined) / 1e9));
                r.put("sampledSeconds", round(seconds));
                r.put("loadAverage", loadBefore + " -> " + loadAfter);
                System.out.println("MEDIA-COST N=" + n + " " + JSON.writeValueAsString(r));
                return r;
            } finally {
                for (BrowserContext c : contexts) {
                    c.close();
                }
            }
        }
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }




    /** Frames decoded so far per remote video, per page. */
    private static List<List<Long>> streams(List<Page> pages) {
        List<List<Long>> out = new ArrayList<>();
        for (Page p : pages) {
            List<?> s = (List<?>) p.evaluate("() => window.confer.streams()");
            out.add(s.stream().map(o -> ((Number) o).longValue()).toList());
        }
        return out;
    }

    private static boolean allDecoding(List<Page> pages, int n) {
        return streams(pages).stream().allMatch(s -> s.size() == n - 1 && s.stream().allMatch(f -> f > 0));
    }

    /** Janus and Chromium are children of this JVM (Janus via the test server, Chromium via Playwright's driver). */
    private static List<ProcessHandle> processes(Predicate<String> command) {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().commandLine().or(() -> h.info().command()).map(command::test).orElse(false))
                .toList();
    }

    /** utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat), per process still alive. */
    private static Map<Long, Long> ticks(List<ProcessHandle> handles) {
        Map<Long, Long> out = new HashMap<>();
        for (ProcessHandle h : handles) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(h.pid(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
            } catch (IOException e) {
                // the process ended: it is left out of both ends of the window
            }
        }
        return out;
    }

    private static double delta(Map<Long, Long> before, Map<Long, Long> after) {
        return after.entrySet().stream().filter(e -> before.containsKey(e.getKey()))
                .mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
    }

    private static long pssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no Pss in smaps_rollup of " + pid);
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Double.parseDouble(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return 100; // Linux's USER_HZ on every common architecture
        }
    }
}
