package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitUntilState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tti: time to interactive of the web client's sign-in page in headless Chromium (the machine's
 * own, never a downloaded browser). The page is loaded --runs times with a cold cache (a fresh
 * browser context each time) and --runs times with a warm one (one context, primed by a load
 * that is not counted). Reported as median and p95: navigation timing domInteractive,
 * DOMContentLoaded and load, "ready" (from the navigation request to the email field being
 * visible and enabled, as Playwright waits for it), and the bytes transferred per load.
 */
final class TtiScenario {
    private static final List<String> METRICS = List.of("domInteractive", "domContentLoaded", "load", "ready");

    /** One page load: milliseconds from navigation start, and bytes over the network. */
    record Load(double domInteractive, double domContentLoaded, double load, double ready, long transferredBytes) {
        double metric(String name) {
            return switch (name) {
                case "domInteractive" -> domInteractive;
                case "domContentLoaded" -> domContentLoaded;
                case "load" -> load;
                case "ready" -> ready;
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    static Report run(Options o, ServerUnderTest server) throws Exception {
        int runs = o.intValue("runs", 20);
        Path chromium = Path.of(o.get("chromium", System.getenv().getOrDefault("CONFER_TEST_CHROMIUM", "/usr/bin/chromium")));
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("Chromium not found at " + chromium + " (apt-get install chromium, or pass --chromium PATH)");
        }
        String url = server.url + "/";
        Map<String, List<Load>> loads = new LinkedHashMap<>();
        int failed = 0;
        // Never download a browser: the driver comes from the jar, the browser is the machine's.
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic")))) {
            // One load the numbers leave out: the server's first requests (JIT, file reads) are not the page's cost.
            try (BrowserContext warmUp = newContext(browser)) {
                measure(warmUp.newPage(), url);
            }
            List<Load> cold = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                try (BrowserContext context = newContext(browser)) {
                    cold.add(measure(context.newPage(), url));
                } catch (RuntimeException e) {
                    failed++;
                    System.err.println("cold load " + (i + 1) + " failed: " + e.getMessage());
                }
            }
            loads.put("cold", cold);
            List<Load> warm = new ArrayList<>();
            try (BrowserContext context = newContext(browser)) {
                measure(context.newPage(), url); // fills the cache
                for (int i = 0; i < runs; i++) {
                    Page page = context.newPage();
                    try {
                        warm.add(measure(page, url));
                    } catch (RuntimeException e) {
                        failed++;
                        System.err.println("warm load " + (i + 1) + " failed: " + e.getMessage());
                    } finally {
                        page.close();
                    }
                }
            }
            loads.put("warm", warm);
        }

        Report report = new Report("tti", Map.of("runs", Integer.toString(runs), "url", url, "browser", chromium.toString(),
                "server", o.get("start", "external")));
        report.json.put("expected", 2 * runs);
        report.json.put("delivered", 2 * runs - failed);
        report.json.put("lost", failed);
        report.json.put("duplicates", 0);
        report.json.put("outOfOrder", 0);
        System.out.println();
        System.out.printf("%-18s %12s %12s %12s %12s%n", "sign-in page (ms)", "cold p50", "cold p95", "warm p50", "warm p95");
        for (String metric : METRICS) {
            double[] row = new double[4];
            int c = 0;
            for (var mode : loads.entrySet()) {
                double[] values = mode.getValue().stream().mapToDouble(l -> l.metric(metric)).toArray();
                row[c++] = percentile(values, 0.50);
                row[c++] = percentile(values, 0.95);
                String key = mode.getKey() + Character.toUpperCase(metric.charAt(0)) + metric.substring(1);
                report.json.put(key + "P50Ms", row[c - 2]);
                report.json.put(key + "P95Ms", row[c - 1]);
            }
            System.out.printf("%-18s %12.1f %12.1f %12.1f %12.1f%n", metric, row[0], row[1], row[2], row[3]);
        }
        for (var mode : loads.entrySet()) {
            double[] bytes = mode.getValue().stream().mapToDouble(Load::transferredBytes).toArray();
            double kib = Math.round(percentile(bytes, 0.50) / 1024 * 10) / 10.0;
            report.json.put(mode.getKey() + "TransferredKiB", kib);
            System.out.printf("%-18s %s: %.1f KiB per load (median)%n", "transferred", mode.getKey(), kib);
        }
        return report;
    }

    private static BrowserContext newContext(Browser browser) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    }

    /** Loads the page and waits until a person could type their email; then reads the page's own timings. */
    static Load measure(Page page, String url) {
        long start = System.nanoTime();
        page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
        Locator email = page.getByLabel("Email address");
        email.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        page.waitForCondition(email::isEnabled);
        double ready = (System.nanoTime() - start) / 1e6;
        page.waitForLoadState(LoadState.LOAD);
        page.waitForFunction("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
        JsonNode t = Api.JSON.valueToTree(page.evaluate("""
                () => {
                  const n = performance.getEntriesByType('navigation')[0];
                  const resources = performance.getEntriesByType('resource');
                  return {
                    domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                    transferred: n.transferSize + resources.reduce((sum, r) => sum + (r.transferSize || 0), 0),
                  };
                }"""));
        return new Load(t.get("domInteractive").asDouble(), t.get("domContentLoaded").asDouble(), t.get("load").asDouble(), ready,
                t.get("transferred").asLong());
    }

    /** Nearest-rank percentile, in milliseconds rounded to 0.1 (or bytes). */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double v = sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
        return Math.round(v * 10) / 10.0;
    }
}
