package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A message still being sent, and a file attached to one not yet sent, live only in the page's
 * memory: closing or reloading the page then asks first, so neither is lost without a word.
 * Once the server has stored the message, the page closes without asking.
 */
class UnsentMessageGuardTest extends BrowserTest {
    private static final Pattern POST_MESSAGE = Pattern.compile(".*/api/v1/conversations/[^/]+/messages$");

    @BeforeAll
    void aliceAndBobHaveAChat() {
        ChatFixtures fx = new ChatFixtures(server);
        Person alice = fx.demo("alice");
        Person bob = fx.demo("bob");
        assertThat(fx.post(bob, fx.direct(alice, bob), "Bed 9 needs a review").status()).isEqualTo(201);
        fx.namedGroup(alice, "Ward 7 huddle", bob, fx.demo("fatima"));
    }

    @Test
    void a_file_attached_to_an_unsent_message_stays_when_the_person_looks_elsewhere_and_closing_the_page_asks_first() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            Locator bobChat = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Dr Bob Adeyemi"))).first();
            bobChat.click();
            page.locator("ol.message-list").getByText("Bed 9 needs a review").waitFor();
            page.locator("#composer-text").fill("ECG from bed 9");
            page.locator("input[type=file]").first().setInputFiles(new FilePayload("ecg-bed-9.txt", "text/plain",
                    "sinus rhythm, rate 72".getBytes(StandardCharsets.UTF_8)));
            page.locator(".upload-chip").getByText("Ready to send").waitFor();

            // Another conversation, and back: the file is still attached to the message being written.
            page.locator(".conversation-list button.conversation").filter(new Locator.FilterOptions().setHasText("Ward 7 huddle")).click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ward 7 huddle").setLevel(1)).waitFor();
            PlaywrightAssertions.assertThat(page.locator(".upload-chip")).hasCount(0);
            bobChat.click();
            page.locator(".upload-chip").filter(new Locator.FilterOptions().setHasText("ecg-bed-9.txt")).getByText("Ready to send").waitFor();

            List<String> dialogs = new ArrayList<>();
            page.onDialog(d -> {
                dialogs.add(d.type());
                d.dismiss();
            });
            page.close(new Page.CloseOptions().setRunBeforeUnload(true));
            page.waitForCondition(() -> !dialogs.isEmpty());
            assertThat(dialogs).containsExactly("beforeunload");
            assertThat(page.isClosed()).isFalse();

            // Sent, the file is the message's: the page now closes without asking.
            page.locator("#composer-text").press("Enter");
            page.locator("ol.message-list li.message:not(.pending)").filter(new Locator.FilterOptions().setHasText("ECG from bed 9"))
                    .getByText("ecg-bed-9.txt").first().waitFor();
            PlaywrightAssertions.assertThat(page.locator(".upload-chip")).hasCount(0);
            dialogs.clear();
            page.reload();
            page.locator("ol.message-list").getByText("ECG from bed 9").waitFor();
            assertThat(dialogs).isEmpty();
        }
    }

    @Test
    void closing_the_page_with_an_unsent_message_asks_first_and_reloading_once_it_is_stored_does_not() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Dr Bob Adeyemi")))
                    .first().click();
            page.locator("ol.message-list").getByText("Bed 9 needs a review").waitFor();

            // The network is down for sends: the message stays in the outbox, retrying.
            page.route(POST_MESSAGE, route -> {
                if ("POST".equals(route.request().method())) route.abort("internetdisconnected");
                else route.resume();
            });
            page.locator("#composer-text").fill("Reviewed bed 9, plan in notes");
            page.locator("#composer-text").press("Enter");
            page.locator("li.message.pending").getByText("Reviewed bed 9, plan in notes").waitFor();

            List<String> dialogs = new ArrayList<>();
            page.onDialog(d -> {
                dialogs.add(d.type());
                d.dismiss(); // stay on the page
            });
            page.close(new Page.CloseOptions().setRunBeforeUnload(true));
            page.waitForCondition(() -> !dialogs.isEmpty());
            assertThat(dialogs).containsExactly("beforeunload");
            assertThat(page.isClosed()).isFalse();
            PlaywrightAssertions.assertThat(page.locator("li.message.pending")).hasCount(1);

            // The network is back; the retry stores it.
            page.unroute(POST_MESSAGE);
            PlaywrightAssertions.assertThat(page.locator("li.message.pending")).hasCount(0,
                    new LocatorAssertions.HasCountOptions().setTimeout(20_000));
            dialogs.clear();
            // Reloading (which runs the same handlers) now goes ahead without asking.
            page.reload();
            page.locator("ol.message-list").getByText("Reviewed bed 9, plan in notes").waitFor();
            assertThat(dialogs).isEmpty();
        }
    }
}
