package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sender of an urgent message (and any member) opens "Acknowledged by a of b" and sees every
 * recipient by name with the time they acknowledged or "Waiting", updated live as they do.
 */
class AcknowledgementListTest extends BrowserTest {
    private static final String TOPIC = "Resus handover";
    private static final String TEXT = "Bed 2 troponin 850 ng/L: cardiology review now";

    private ChatFixtures fixtures;
    private Person alice;
    private Person bob;
    private Person chloe;
    private Person dan;
    private Person fatima;

    @BeforeAll
    void people() {
        fixtures = new ChatFixtures(server);
        alice = fixtures.demo("alice");
        bob = fixtures.demo("bob");
        chloe = fixtures.demo("chloe");
        dan = fixtures.demo("dan");
        fatima = fixtures.demo("fatima");
    }

    private Page live(BrowserContext context, String who) {
        Page page = signedIn(context, who);
        page.locator(".shell[data-connection=live]").waitFor();
        return page;
    }

    private static Locator row(Locator dialog, String name) {
        return dialog.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
    }

    private static void shot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(file)));
    }

    @Test
    void the_sender_sees_each_recipient_with_the_time_they_acknowledged_or_waiting_live() {
        Api.Response chat = server.api.post("/api/v1/conversations", Map.of("kind", "group",
                "memberIds", List.of(bob.id(), chloe.id(), dan.id(), fatima.id()), "topic", TOPIC), alice.token());
        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        String chatId = chat.json().get("id").asText();
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alicePage = live(aliceContext, "alice");
            Page bobPage = live(bobContext, "bob");
            alicePage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^" + TOPIC))).click();
            alicePage.getByLabel("Urgent").check();
            alicePage.locator("#composer-text").fill(TEXT);
            alicePage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send urgent")).click();

            Locator message = alicePage.locator("ol.message-list li.message.urgent:not(.pending)").filter(new Locator.FilterOptions().setHasText("troponin"));
            message.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledged by 0 of 4")).click();
            Locator list = alicePage.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Acknowledged by 0 of 4"));
            assertThat(list).isVisible();
            for (String name : List.of("Dr Bob Adeyemi", "Dr Chloe Turner", "Dan Kowalski", "Fatima Hussain")) {
                assertThat(row(list, name)).containsText("Waiting");
            }
            assertThat(row(list, "Dr Bob Adeyemi")).containsText("Consultant Respiratory Physician");

            // Bob acknowledges from his alert: Alice's open list shows his time at once.
            bobPage.getByRole(AriaRole.ALERTDIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge")).click();
            Locator updated = alicePage.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Acknowledged by 1 of 4"));
            assertThat(updated).isVisible();
            Locator bobsRow = row(updated, "Dr Bob Adeyemi");
            assertThat(bobsRow.locator("time")).hasText(Pattern.compile("^\\d\\d:\\d\\d$"));
            assertThat(bobsRow).not().containsText("Waiting");
            // Those who acknowledged come first, then those still waiting.
            assertThat(updated.locator("tbody tr").first()).containsText("Dr Bob Adeyemi");

            // Chloe acknowledges on her own device.
            String messageId = server.api.get("/api/v1/conversations/" + chatId + "/messages?limit=1", alice.token()).json()
                    .get("items").get(0).get("id").asText();
            Api.Response ack = server.api.post("/api/v1/conversations/" + chatId + "/messages/" + messageId + "/acknowledge", Map.of(), chloe.token());
            assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
            Locator two = alicePage.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Acknowledged by 2 of 4"));
            assertThat(row(two, "Dr Chloe Turner").locator("time")).hasAttribute("datetime", ack.json().get("acknowledgedAt").asText());
            assertThat(row(two, "Dan Kowalski")).containsText("Waiting");
            assertThat(row(two, "Fatima Hussain")).containsText("Waiting");

            Axe.assertNoSeriousViolations(alicePage, "the acknowledgement list");
            shot(alicePage, "ack-list.png");
            alicePage.setViewportSize(768, 1024);
            shot(alicePage, "ack-list-tablet.png");
            alicePage.setViewportSize(390, 844);
            Axe.assertNoSeriousViolations(alicePage, "the acknowledgement list on a 390 px phone");
            shot(alicePage, "ack-list-phone.png");
            alicePage.setViewportSize(1280, 800);
            two.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
            assertThat(two).isHidden();
            assertThat(message.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledged by 2 of 4"))).isFocused();

            // A member who is a recipient sees the same list.
            bobPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^" + TOPIC))).click();
            bobPage.locator("ol.message-list li.message.urgent").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Acknowledged by 2 of 4")).click();
            Locator bobsList = bobPage.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Acknowledged by 2 of 4"));
            assertThat(row(bobsList, "Dan Kowalski")).containsText("Waiting");
        }
    }

    @Test
    void someone_outside_the_conversation_cannot_read_its_acknowledgements() {
        String chatId = fixtures.group(alice, bob, chloe);
        Api.Response r = server.api.post("/api/v1/conversations/" + chatId + "/messages",
                Map.of("text", "Urgent: bloods", "urgent", true, "clientMsgId", UUID.randomUUID().toString()), alice.token());
        assertThat(r.status()).isEqualTo(201);
        Api.Response forbidden = server.api.get("/api/v1/conversations/" + chatId + "/messages/" + r.json().get("id").asText()
                + "/acknowledgements", dan.token());
        assertThat(forbidden.status()).isEqualTo(404);
    }
}
