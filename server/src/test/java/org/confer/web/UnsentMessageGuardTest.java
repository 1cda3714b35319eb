package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
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
 * A message still being sent lives only in the page's memory: closing or reloading the page
 * then asks first, so it is never lost without a word. Once the server has stored it, the
 * page closes without asking.
 */
class UnsentMessageGuardTest extends BrowserTest {
    private static final Pattern POST_MESSAGE = Pattern.compile(".*/api/v1/conversations/[^/]+/messages$");

    @BeforeAll
    void aliceAndBobHaveAChat() {
        ChatFixtures fx = new ChatFixtures(server);
        Person alice = fx.demo("alice");
        Person bob = fx.demo("bob");
        assertThat(fx.post(bob, fx.direct(alice, bob), "Bed 9 needs a review").status()).isEqualTo(201);
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
