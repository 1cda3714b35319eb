package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read receipts in real Chromium: Alice's message to Bob shows "Seen" as soon as Bob reads it
 * (live, from the stream's read frame), and in a group chat "Seen by" names who has read it.
 */
class ReadReceiptsTest extends BrowserTest {
    private ChatFixtures fixtures;
    private Person alice;
    private Person bob;
    private Person chloe;

    @BeforeAll
    void people() {
        fixtures = new ChatFixtures(server);
        alice = fixtures.demo("alice");
        bob = fixtures.demo("bob");
        chloe = fixtures.demo("chloe");
    }

    private static void open(Page page, String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^" + name))).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1)).waitFor();
    }

    private static void send(Page page, String text) {
        Locator composer = page.locator("#composer-text");
        composer.fill(text);
        composer.press("Enter");
        page.locator("ol.message-list > li.message:not(.pending)").filter(new Locator.FilterOptions().setHasText(text)).waitFor();
    }

    @Test
    void alice_sees_seen_live_when_bob_reads_her_direct_message() {
        fixtures.direct(alice, bob);
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alice = signedIn(aliceContext, "alice");
            Page bob = signedIn(bobContext, "bob");
            open(alice, "Dr Bob Adeyemi");
            send(alice, "Bed 12 potassium is 6.1, please review");
            Locator seen = alice.locator("ol.message-list > li.seen-by");
            assertThat(seen).hasCount(0);

            open(bob, "Alice Moreno");
            bob.locator("ol.message-list").getByText("potassium is 6.1").waitFor();
            assertThat(seen).hasText("Seen");
            // Under the message Bob read: the receipt is the next item after it.
            assertThat(alice.locator("ol.message-list > li.message:has-text('potassium is 6.1') + li.seen-by")).hasCount(1);
            alice.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("read-receipt-direct-1280.png")));

            // A newer message is not seen until Bob reads it, then the receipt moves under it.
            bobContext.setOffline(true);
            send(alice, "Repeat sample sent");
            assertThat(alice.locator("ol.message-list > li.message:has-text('potassium is 6.1') + li.seen-by")).hasCount(1);
            bobContext.setOffline(false);
            bob.locator("ol.message-list").getByText("Repeat sample sent").waitFor();
            assertThat(alice.locator("ol.message-list > li.message:has-text('Repeat sample sent') + li.seen-by")).hasText("Seen");
            assertThat(seen).hasCount(1);
        }
    }

    @Test
    void a_group_chat_names_who_has_seen_the_message() {
        org.confer.testing.Api.Response r = server.api.post("/api/v1/conversations",
                java.util.Map.of("kind", "group", "memberIds", java.util.List.of(bob.id(), chloe.id()), "topic", "Receipts group"), alice.token());
        fixtures.post(alice, r.json().get("id").asText(), "Group receipts check");
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext chloeContext = browser.newContext()) {
            Page alice = signedIn(aliceContext, "alice");
            Page chloe = signedIn(chloeContext, "chloe");
            open(alice, "Receipts group");
            alice.locator("ol.message-list").getByText("Group receipts check").waitFor();
            open(chloe, "Receipts group");
            chloe.locator("ol.message-list").getByText("Group receipts check").waitFor();
            assertThat(alice.locator("ol.message-list > li.seen-by")).hasText("Seen by Dr Chloe Turner");
            alice.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("read-receipt-group-1280.png")));
        }
    }
}
