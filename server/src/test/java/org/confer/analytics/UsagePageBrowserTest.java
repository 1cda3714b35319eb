package org.confer.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * The usage page in Chromium as the demo platform admin, on a server seeded with the synthetic
 * national year (CONFER_USAGE_SYNTHETIC_ORGS): the charts are drawn, the headline shows the
 * article's three figures and matches the API, no CSP violation, axe-clean, usable at 1280, 768
 * and 390 px (screenshots in target/screenshots/usage-*.png).
 */
class UsagePageBrowserTest extends BrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_USAGE_SYNTHETIC_ORGS", "20", "CONFER_USAGE_TICK_SECONDS", "3600");
    }

    private static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.UK).format(n);
    }

    @Test
    void thePlatformAdminSeesTheNationalFiguresAsChartsThatMatchTheApi() throws IOException {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "admin");
            List<String> cspViolations = new ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    cspViolations.add(m.text());
                }
            });
            page.navigate(server.api.base() + "/admin#usage");
            page.locator("dd[data-figure=messagesPerDay]").waitFor();
            page.locator(".usage-chart canvas").nth(3).waitFor();

            String csv = page.locator("a.usage-csv").getAttribute("href");
            assertThat(csv).startsWith("/api/v1/admin/usage.csv?");
            APIResponse answer = context.request().get(server.api.base() + csv.replace("/usage.csv?", "/usage?"));
            assertThat(answer.status()).isEqualTo(200);
            JsonNode report = JSON.readTree(answer.text());
            JsonNode h = report.get("headline");
            assertThat(report.get("synthetic").asBoolean()).isTrue();
            assertThat(report.has("organisationId")).as("the total across organisations").isFalse();
            // The article's figures, from the synthetic year's plateau.
            assertThat(h.get("messagesPerDay").asLong()).isBetween(480_000L, 500_000L);
            assertThat(h.get("meetingsPerDay").asLong()).isBetween(88_000L, 92_500L);
            assertThat(h.get("activeUsersMonth").asLong()).isEqualTo(132_000L);
            assertThat(page.locator("dd[data-figure=messagesPerDay]").textContent()).isEqualTo(number(h.get("messagesPerDay").asLong()));
            assertThat(page.locator("dd[data-figure=meetingsPerDay]").textContent()).isEqualTo(number(h.get("meetingsPerDay").asLong()));
            assertThat(page.locator("dd[data-figure=activeUsersMonth]").textContent()).isEqualTo("132,000");
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.NOTE).textContent()).contains("Synthetic figures");
            assertThat(page.locator(".usage-scope").textContent()).startsWith("All organisations");

            // Four charts drawn on canvas, each an image with a summary; the table is the full text alternative.
            assertThat(page.locator(".usage-chart canvas[role=img]").count()).isEqualTo(4);
            for (int i = 0; i < 4; i++) {
                assertThat(page.locator(".usage-chart canvas").nth(i).getAttribute("aria-label")).contains("lowest").contains("highest");
                assertThat(((Number) page.locator(".usage-chart canvas").nth(i).evaluate("c => c.width")).intValue()).isGreaterThan(100);
            }
            page.getByText("All figures as a table").click();
            assertThat(page.locator(".usage-table tbody tr").count()).isEqualTo(report.get("series").size());

            APIResponse file = context.request().get(server.api.base() + csv);
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.headers().get("content-type")).startsWith("text/csv");
            assertThat(file.text()).startsWith(UsageCsv.HEADER + "\r\n");

            Axe.assertNoSeriousViolations(page, "the usage page");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("usage-1280.png")).setFullPage(true));
            for (int width : new int[] {768, 390}) {
                page.setViewportSize(width, 1000);
                page.waitForFunction("w => document.documentElement.clientWidth === w", width);
                // chart.js resizes its canvases after a ResizeObserver's notice: wait for them to fit.
                page.waitForFunction("w => [...document.querySelectorAll('.usage-chart canvas')].every(c => c.getBoundingClientRect().right <= w)",
                        width);
                assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                        .as("no sideways scrolling at %d px", width).isLessThanOrEqualTo(width);
                page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("usage-" + width + ".png")).setFullPage(true));
            }
            Axe.assertNoSeriousViolations(page, "the usage page at 390 px");
            assertThat(cspViolations).isEmpty();
        }
    }
}
