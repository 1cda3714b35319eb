package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.Backend;
import org.confer.testing.Browser;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 4, in real Chromium: Alice sets "Do not disturb: In resus" with an expiry from
 * the status picker; the server restarts (same database, same address); after a reload Bob still
 * sees it on their chat, and so does Alice on her own status button. Before status was stored,
 * both saw "Available" after the restart.
 */
@ResourceLock(Browser.LOCK)
class StatusSurvivesRestartBrowserTest {

    private static Page signIn(BrowserContext context, String base, String localPart) {
        Page page = context.newPage();
        page.navigate(base + "/");
        page.getByLabel("Email").fill(localPart + "@demo.confer.test");
        page.getByLabel("Password").fill(TestServer.DEMO_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
        return page;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Locator chatWith(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile(name)));
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(name)));
    }

    @Test
    void do_not_disturb_in_resus_is_still_seen_by_bob_after_the_server_restarts() throws IOException {
        Files.createDirectories(Browser.SCREENSHOTS);
        // The same port after the restart: the pages reload at the same address, with their sessions.
        Map<String, String> settings = Map.of("CONFER_PORT", String.valueOf(freePort()));
        try (TestStorage storage = TestStorage.create(Backend.H2); Browser browser = Browser.launch();
             BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alice;
            Page bob;
            try (TestServer first = TestServer.start(storage, settings)) {
                String base = first.api.base();
                String aliceToken = first.login("alice");
                String bobId = first.api.get("/api/v1/me", first.login("bob")).json().get("id").asText();
                Api.Response dm = first.api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(bobId)), aliceToken);
                assertThat(dm.status()).as(dm.toString()).isIn(200, 201);

                alice = signIn(aliceContext, base, "alice");
                bob = signIn(bobContext, base, "bob");
                chatWith(bob, "Alice Moreno").first().click();
                Locator bobSees = bob.locator(".conversation-head .head-sub");
                bobSees.getByText("Available").waitFor();

                alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Status:"))).click();
                alice.getByLabel("Your status").selectOption("dnd");
                alice.getByLabel("Status note (optional)").fill("In resus");
                alice.getByLabel("Clear after").selectOption("4h");
                shot(alice, "status-picker-1280.png");
                Axe.assertNoSeriousViolations(alice, "the status picker with an expiry");
                alice.setViewportSize(768, 900);
                shot(alice, "status-picker-768.png");
                alice.setViewportSize(390, 844);
                shot(alice, "status-picker-390.png");
                Axe.assertNoSeriousViolations(alice, "the status picker on a 390 px phone");
                alice.setViewportSize(1280, 800);
                alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save status")).click();
                alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                        Pattern.compile("Status: Do not disturb — In resus \\(until "))).waitFor();
                bobSees.getByText(Pattern.compile("^Do not disturb: In resus \\(until ")).waitFor();
            }

            try (TestServer again = TestServer.start(storage, settings)) {
                alice.reload();
                bob.reload();
                alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                        Pattern.compile("Status: Do not disturb — In resus \\(until "))).waitFor();
                chatWith(bob, "Alice Moreno").first().click();
                Locator bobSees = bob.locator(".conversation-head .head-sub");
                bobSees.getByText(Pattern.compile("^Do not disturb: In resus \\(until ")).waitFor();
                assertThat(bobSees.textContent()).doesNotContain("Available");
                shot(bob, "status-after-restart-1280.png");
                bob.setViewportSize(390, 844);
                shot(bob, "status-after-restart-390.png");
            }
        }
    }
}
