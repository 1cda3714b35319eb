package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.confer.testing.Api;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Confer installs as an app: a valid web app manifest with 192 and 512 px PNG icons (one
 * maskable), and a service worker that caches the app's shell — index.html, the hashed bundles,
 * icons — and never an /api/ answer: message text must not stay on a shared ward PC.
 */
class InstallableAppTest extends BrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "Bed 14 HIV result positive: tell the consultant only";

    private Person alice;
    private Person bob;

    @BeforeAll
    void people() {
        ChatFixtures fixtures = new ChatFixtures(server);
        alice = fixtures.demo("alice");
        bob = fixtures.demo("bob");
        String chat = fixtures.direct(alice, bob);
        Api.Response r = server.api.post("/api/v1/conversations/" + chat + "/messages",
                Map.of("clientMsgId", java.util.UUID.randomUUID().toString(), "text", SECRET), bob.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void the_page_links_a_valid_manifest_with_192_512_and_maskable_png_icons() throws IOException {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(server.api.base() + "/");
            String href = page.locator("link[rel=manifest]").getAttribute("href");
            assertThat(href).isEqualTo("/manifest.webmanifest");
            assertThat(page.locator("meta[name=viewport]").getAttribute("content")).contains("interactive-widget=resizes-content");

            APIResponse manifest = context.request().get(server.api.base() + href);
            assertThat(manifest.status()).isEqualTo(200);
            assertThat(manifest.headers().get("content-type")).startsWith("application/manifest+json");
            JsonNode m = JSON.readTree(manifest.body());
            assertThat(m.get("name").asText()).isEqualTo("Confer");
            assertThat(m.get("short_name").asText()).isEqualTo("Confer");
            assertThat(m.get("start_url").asText()).isEqualTo("/");
            assertThat(m.get("scope").asText()).isEqualTo("/");
            assertThat(m.get("display").asText()).isEqualTo("standalone");
            assertThat(m.get("theme_color").asText()).matches("#[0-9a-f]{6}");

            List<String> found = new ArrayList<>();
            for (JsonNode icon : m.get("icons")) {
                String sizes = icon.get("sizes").asText();
                int size = Integer.parseInt(sizes.substring(0, sizes.indexOf('x')));
                APIResponse png = context.request().get(server.api.base() + icon.get("src").asText());
                assertThat(png.status()).as(icon.toString()).isEqualTo(200);
                assertThat(png.headers().get("content-type")).isEqualTo("image/png");
                assertThat(icon.get("type").asText()).isEqualTo("image/png");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
                assertThat(image).as(icon + " is a PNG").isNotNull();
                assertThat(image.getWidth()).as(icon.toString()).isEqualTo(size);
                assertThat(image.getHeight()).as(icon.toString()).isEqualTo(size);
                found.add(size + " " + icon.get("purpose").asText());
            }
            assertThat(found).contains("192 any", "512 any", "512 maskable");
        }
    }

    @Test
    void the_service_worker_is_same_origin_javascript_revalidated_on_every_load_under_the_strict_policy() {
        try (BrowserContext context = browser.newContext()) {
            APIResponse sw = context.request().get(server.api.base() + "/sw.js");
            assertThat(sw.status()).isEqualTo(200);
            assertThat(sw.headers().get("content-type")).contains("javascript");
            assertThat(sw.headers().get("cache-control")).isEqualTo("no-cache");
            assertThat(sw.headers().get("content-security-policy")).contains("script-src 'self'").doesNotContain("unsafe");
        }
    }

    @Test
    void the_service_worker_caches_the_app_shell_and_never_an_api_answer_or_message_text() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            Object scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope");
            assertThat(scope).isEqualTo(server.api.base() + "/");
            // Controlled from the next load on: then every request of the app goes past the worker.
            page.reload();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
            assertThat(page.evaluate("() => navigator.serviceWorker.controller !== null")).isEqualTo(true);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Dr Bob Adeyemi"))).click();
            page.locator("ol.message-list").getByText("Bed 14").waitFor();
            Locator composer = page.locator("#composer-text");
            composer.fill("Noted, I will tell Dr Adeyemi's team at 14:00");
            composer.press("Enter");
            page.locator("ol.message-list li.message:not(.pending)").filter(new Locator.FilterOptions().setHasText("Noted, I will tell")).waitFor();

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cached = (List<Map<String, Object>>) page.evaluate("""
                    async () => {
                      const out = [];
                      for (const name of await caches.keys()) {
                        const cache = await caches.open(name);
                        for (const req of await cache.keys()) {
                          const res = await cache.match(req);
                          const type = res.headers.get('content-type') || '';
                          out.push({ url: req.url, text: type.startsWith('image/') ? '' : await res.text() });
                        }
                      }
                      return out;
                    }""");
            List<String> paths = cached.stream().map(e -> java.net.URI.create((String) e.get("url")).getPath()).toList();
            assertThat(paths).contains("/", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/maskable-512.png");
            assertThat(paths).anyMatch(p -> p.startsWith("/assets/") && p.endsWith(".js"));
            assertThat(paths).anyMatch(p -> p.startsWith("/assets/") && p.endsWith(".css"));
            assertThat(paths).as("nothing from the API is ever cached").noneMatch(p -> p.startsWith("/api/"));
            assertThat(paths).as("only the shell").allMatch(p -> p.equals("/") || p.startsWith("/assets/") || p.startsWith("/icons/")
                    || p.equals("/manifest.webmanifest") || p.equals("/favicon.svg"));
            for (Map<String, Object> e : cached) {
                assertThat((String) e.get("text")).as(e.get("url") + " holds no message text").doesNotContain("Bed 14", "Noted, I will tell");
            }

            // Offline, the shell still loads from the cache: the app opens and says it cannot reach Confer.
            context.setOffline(true);
            page.reload();
            page.getByText("Cannot reach Confer right now.").waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("installable-offline-shell.png")));
            context.setOffline(false);
        }
    }
}
