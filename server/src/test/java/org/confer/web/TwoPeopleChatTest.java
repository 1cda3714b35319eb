package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * Two people in two browser contexts of real Chromium: Alice starts a direct chat with Bob from
 * the directory, Bob sees it arrive live with an unread badge, they exchange messages, an XSS
 * payload shows as text, and Bob, back from being offline, sees every missed message once, in order.
 */
class TwoPeopleChatTest extends BrowserTest {

    private static void send(Page page, String text) {
        Locator composer = page.locator("#composer-text");
        composer.fill(text);
        composer.press("Enter");
    }

    private static Locator messages(Page page) {
        return page.locator("ol.message-list");
    }

    @Test
    void alice_and_bob_chat_live_and_bob_catches_up_after_being_offline() {
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alice = signedIn(aliceContext, "alice");
            Page bob = signedIn(bobContext, "bob");

            alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New chat")).click();
            alice.getByLabel("Search people").fill("adeyemi");
            alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Dr Bob Adeyemi"))).click();
            alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start chat")).click();
            send(alice, "Hello Bob, **bed 4** obs are due at 14:00");
            messages(alice).getByText("obs are due").waitFor();

            // Bob sees the new chat arrive live, with an unread badge.
            Locator bobsChat = bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Alice Moreno.*1 unread")));
            bobsChat.waitFor();
            bob.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("bob-unread-badge.png")));
            bobsChat.click();
            messages(bob).getByText("obs are due").waitFor();
            assertThat(messages(bob).locator("strong").first().textContent()).isEqualTo("bed 4");

            send(bob, "<img src=x onerror=\"window.pwned=1\"> on my way");
            messages(alice).getByText("on my way").waitFor();
            assertThat(messages(alice).locator("img").count()).isZero();
            assertThat(alice.evaluate("() => window.pwned === undefined")).isEqualTo(true);

            // Bob goes offline; Alice sends 20; Bob comes back and sees each once, in order.
            bobContext.setOffline(true);
            for (int i = 1; i <= 20; i++) {
                send(alice, "update " + i + " of 20");
                messages(alice).getByText("update " + i + " of 20", new Locator.GetByTextOptions().setExact(true)).waitFor();
            }
            bobContext.setOffline(false);
            messages(bob).getByText("update 20 of 20", new Locator.GetByTextOptions().setExact(true)).waitFor(
                    new Locator.WaitForOptions().setTimeout(60_000));
            var texts = messages(bob).getByText(Pattern.compile("^update \\d+ of 20$")).allTextContents();
            assertThat(texts).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(texts.get(i)).isEqualTo("update " + (i + 1) + " of 20");
            }
            bob.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("bob-caught-up.png")).setFullPage(true));
            alice.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("alice-conversation.png")));
        }
    }
}
