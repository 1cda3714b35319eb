package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.confer.testing.Backend;
import org.confer.testing.Browser;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;

/**
 * After a server restart the page comes back as soon as the person presses "Retry now" (issue 12,
 * item 12): the server stays down long enough for the back-off to wait several seconds, comes back
 * on the same port and storage, and the banner's button reconnects within two seconds, long before
 * the back-off's own next attempt.
 */
@ResourceLock(Browser.LOCK)
class ReconnectTest {

    @Test
    void retry_now_reconnects_at_once_after_a_server_restart() throws Exception {
        Files.createDirectories(Browser.SCREENSHOTS);
        try (TestStorage storage = TestStorage.create(Backend.H2); Browser browser = Browser.launch()) {
            TestServer server = TestServer.start(storage, Map.of());
            int port = server.app().port();
            Map<String, String> samePort = new HashMap<>();
            samePort.put("CONFER_PORT", String.valueOf(port));
            try (BrowserContext context = browser.newContext()) {
                Page page = context.newPage();
                page.navigate(server.api.base() + "/");
                page.getByLabel("Email").fill("alice@demo.confer.test");
                page.getByLabel("Password").fill(TestServer.DEMO_PASSWORD);
                button(page, "Sign in").click();
                button(page, "Sign out").waitFor();
                Locator banner = page.locator(".banner").first();
                // Live, not merely hidden: the banner is also hidden for the first 2 s of connecting,
                // and a stream that was never ready says "Connecting…", not "Connection lost".
                page.locator(".shell[data-connection=live]").waitFor();

                server.close();
                banner.getByText(Pattern.compile("^Connection lost")).waitFor();
                Locator retry = button(page, "Retry now");
                retry.waitFor();
                // Down long enough for the waits to grow (0.5, 1, 2, 4 s ...): the next one is seconds away.
                page.waitForFunction("() => /Trying again in ([4-9]|\\d\\d) s/.test(document.querySelector('.banner').textContent)",
                        null, new Page.WaitForFunctionOptions().setTimeout(30_000));
                shot(page, "reconnect-banner.png");

                server = TestServer.start(storage, samePort);
                assertThat(server.app().port()).isEqualTo(port);
                long pressed = System.currentTimeMillis();
                retry.click();
                page.waitForFunction("() => document.querySelector('.banner').classList.contains('banner-hidden')",
                        null, new Page.WaitForFunctionOptions().setTimeout(2_000));
                long took = System.currentTimeMillis() - pressed;
                assertThat(took).as("reconnected after Retry now, ms").isLessThan(2_000);
                // Live again: the page still works (a new chat list loads, sign-out is there).
                page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chat")).waitFor();
            } finally {
                server.close();
            }
        }
    }
}
