package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.HashMap;
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
 * axe-core finds no serious or critical WCAG 2.1 A/AA violation on the screens people use most:
 * the sign-in page (empty and showing an error), a team's General channel with a thread, a
 * reaction, a mention and an urgent message in it (as its sender and as a recipient, with the
 * message toolbar shown), and the thread panel open beside it, on a desktop and a 768 px tablet.
 */
class AccessibilityTest extends BrowserTest {
    private static final String ROOT_TEXT = "Bed 4 obs are due at 14:00, can someone **check** the fluid chart?";
    private static final String REPLY_TEXT = "Checked: running at 80 ml/h as prescribed";

    private Person alice;
    private Person bob;
    private String general;

    @BeforeAll
    void aTeamWithAThreadAReactionAndAnUrgentMessage() {
        ChatFixtures fixtures = new ChatFixtures(server);
        alice = fixtures.demo("alice");
        bob = fixtures.demo("bob");
        general = fixtures.general(alice, fixtures.teamWith(alice, bob));
        String root = post(bob, Map.of("text", ROOT_TEXT));
        post(alice, Map.of("text", REPLY_TEXT, "threadRootId", root));
        Api.Response reacted = server.api.post("/api/v1/conversations/" + general + "/messages/" + root + "/reactions",
                Map.of("emoji", "👍"), alice.token());
        assertThat(reacted.status()).as(reacted.toString()).isEqualTo(204);
        post(alice, Map.of("text", "<@" + bob.id() + "> the potassium result is back, see `K+ 6.1`"));
        post(alice, Map.of("text", "Patient in bed 9 is deteriorating: NEWS2 score 7", "urgent", true));
    }

    private String post(Person who, Map<String, Object> body) {
        Map<String, Object> message = new HashMap<>(body);
        message.put("clientMsgId", UUID.randomUUID().toString());
        Api.Response r = server.api.post("/api/v1/conversations/" + general + "/messages", message, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void the_check_fails_listing_each_serious_violation_with_its_elements() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.setContent("<!doctype html><html lang=en><title>t</title><main><h1>Form</h1>"
                    + "<input id=nameless type=text><p id=faint style='color:#c8c8c8;background:#fff'>faint text</p></main>");
            assertThat(Axe.violations(page)).extracting(Axe.Violation::id).contains("label", "color-contrast");
            assertThatThrownBy(() -> Axe.assertNoSeriousViolations(page, "a broken page"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("on a broken page")
                    .hasMessageContaining("label (critical)").hasMessageContaining("#nameless")
                    .hasMessageContaining("color-contrast (serious)").hasMessageContaining("#faint");
        }
    }

    @Test
    void the_sign_in_page_has_no_serious_or_critical_violations() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(server.api.base() + "/");
            page.getByLabel("Email").waitFor();
            Axe.assertNoSeriousViolations(page, "the sign-in page");

            page.getByLabel("Email").fill("bob@demo.confer.test");
            page.getByLabel("Password").fill("not the password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.getByRole(AriaRole.ALERT).waitFor();
            Axe.assertNoSeriousViolations(page, "the sign-in page showing a wrong password");
        }
    }

    @Test
    void a_channel_and_its_thread_have_no_serious_or_critical_violations_for_the_sender() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            openGeneral(page);
            page.getByText("Acknowledged by 0 of 1").waitFor();
            Axe.assertNoSeriousViolations(page, "a channel view");

            Locator root = page.locator("ol.message-list li.message").filter(new Locator.FilterOptions().setHasText("fluid chart"));
            root.hover();
            root.getByRole(AriaRole.TOOLBAR).waitFor();
            Axe.assertNoSeriousViolations(page, "a channel view with a message's toolbar shown");

            root.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("1 reply")).click();
            Locator thread = page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Thread"));
            thread.getByText(REPLY_TEXT).waitFor();
            Axe.assertNoSeriousViolations(page, "the thread view");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("a11y-thread.png")));

            page.setViewportSize(768, 1024);
            Axe.assertNoSeriousViolations(page, "the thread view on a 768 px tablet");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("a11y-thread-tablet.png")));
        }
    }

    @Test
    void a_channel_has_no_serious_or_critical_violations_for_a_recipient_of_an_urgent_message() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "bob");
            openGeneral(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge")).first().waitFor();
            Axe.assertNoSeriousViolations(page, "a channel view with an urgent message to acknowledge");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("a11y-channel-recipient.png")));
        }
    }

    /**
     * This test's team's General channel, opened by its link: the demo people are in other teams
     * too (Alice is in the demo Phlebotomy team), so "the first General" would be another channel.
     */
    private void openGeneral(Page page) {
        page.navigate(server.api.base() + "/#/c/" + general);
        page.locator("ol.message-list").getByText("fluid chart").waitFor();
    }
}
