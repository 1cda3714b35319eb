package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
 * An urgent message alerts its recipient from the first notice (attempt 1, sent with the post):
 * an alert over whatever is open (role="alertdialog", focus in it) with Acknowledge and Open, the
 * bundled tone, and a flashing title while the tab is hidden — within a second of the send, with
 * desktop notifications not granted, and under "do not disturb". Several queue in one alert; one
 * acknowledged on another device leaves it here.
 */
class UrgentAlertTest extends BrowserTest {
    /** Counts HTMLMediaElement.play calls (the tone) before the app loads; the call still goes through. */
    private static final String COUNT_PLAYS = """
            window.__tonePlays = 0;
            const play = HTMLMediaElement.prototype.play;
            HTMLMediaElement.prototype.play = function () { window.__tonePlays++; return play.call(this); };
            """;
    /** Lets a test hide the page (document.hidden, visibilityState) as a background tab is. */
    private static final String HIDEABLE = """
            window.__hidden = false;
            Object.defineProperty(document, 'hidden', { get: () => window.__hidden });
            Object.defineProperty(document, 'visibilityState', { get: () => (window.__hidden ? 'hidden' : 'visible') });
            """;

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

    private String post(Person who, String conversationId, Map<String, Object> body) {
        Map<String, Object> message = new HashMap<>(body);
        message.put("clientMsgId", UUID.randomUUID().toString());
        Api.Response r = server.api.post("/api/v1/conversations/" + conversationId + "/messages", message, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** Signed in with the stream live: from now on the user events reach the page as they happen. */
    private Page live(BrowserContext context, String who) {
        Page page = signedIn(context, who);
        page.locator(".shell[data-connection=live]").waitFor();
        return page;
    }

    private static Locator alert(Page page) {
        return page.getByRole(AriaRole.ALERTDIALOG);
    }

    private static void shot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(file)));
    }

    @Test
    void the_recipient_sees_the_alert_within_a_second_of_the_send_with_notifications_denied_and_hears_the_tone() {
        Api.Response chat = server.api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", List.of(bob.id(), chloe.id()),
                "topic", "Bed 12 results"), alice.token());
        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            bobContext.addInitScript(COUNT_PLAYS);
            Page alicePage = live(aliceContext, "alice");
            Page bobPage = live(bobContext, "bob");
            // Bob has no desktop notifications (not granted), and is in another section with his composer focused elsewhere.
            assertThat(bobPage.evaluate("() => Notification.permission")).isNotEqualTo("granted");
            bobPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Teams"))).click();
            bobPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Teams")).waitFor();

            alicePage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Bed 12 results"))).click();
            alicePage.getByLabel("Urgent").check();
            alicePage.locator("#composer-text").fill("Bed 12 lactate 4.2: please review now");
            alicePage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send urgent")).click();
            // The send has completed when the message is stored (no longer pending).
            alicePage.locator("ol.message-list > li.message.urgent:not(.pending)").filter(new Locator.FilterOptions().setHasText("lactate 4.2")).waitFor();

            Locator alert = alert(bobPage);
            assertThat(alert).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
            assertThat(alert).hasAccessibleName("Urgent message");
            assertThat(alert).containsText("Alice Moreno");
            assertThat(alert).containsText("Bed 12 lactate 4.2: please review now");
            // Focus is in the alert, on its heading: a key pressed while typing acknowledges nothing.
            assertThat(bobPage.evaluate("() => document.activeElement.closest('[role=alertdialog]') !== null && document.activeElement.tagName")).isEqualTo("H2");
            // The tone played once (the first notice), and the alert says so too.
            assertThat(((Number) bobPage.evaluate("() => window.__tonePlays")).intValue()).isEqualTo(1);
            assertThat(alert).hasAttribute("data-tones", "1");
            // It is modal: over whatever is open, the rest of the page inert behind it.
            assertThat(bobPage.evaluate("() => document.querySelector('[role=alertdialog]').matches(':modal')")).isEqualTo(true);

            Axe.assertNoSeriousViolations(bobPage, "the urgent alert");
            shot(bobPage, "urgent-alert.png");
            bobPage.setViewportSize(768, 1024);
            shot(bobPage, "urgent-alert-tablet.png");
            bobPage.setViewportSize(390, 844);
            Axe.assertNoSeriousViolations(bobPage, "the urgent alert on a 390 px phone");
            shot(bobPage, "urgent-alert-phone.png");
            bobPage.setViewportSize(1280, 800);

            alert.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge")).click();
            assertThat(alert).isHidden();
            assertThat(bobPage.locator(".urgent-reminders")).hasCount(0);
            alicePage.locator("ol.message-list li.message.urgent").getByText("Acknowledged by 1 of 2").waitFor();
            String id = chat.json().get("id").asText();
            String message = server.api.get("/api/v1/conversations/" + id + "/messages?limit=1", bob.token()).json().get("items").get(0).get("id").asText();
            assertThat(server.api.get("/api/v1/conversations/" + id + "/messages/" + message + "/acknowledgements", alice.token()).body())
                    .contains(bob.id()).contains("acknowledgedAt");
        }
    }

    @Test
    void urgent_breaks_through_do_not_disturb_queues_and_an_acknowledgement_on_another_device_dismisses_it_here() {
        String withAlice = fixtures.direct(alice, bob);
        String ward = fixtures.group(chloe, alice, bob);
        try (BrowserContext bobContext = browser.newContext()) {
            Page bobPage = live(bobContext, "bob");
            Api.Response dnd = server.api.send("PUT", "/api/v1/me/presence",
                    "{\"status\":\"dnd\",\"note\":\"In resus\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of("Authorization", "Bearer " + bob.token(), "Content-Type", "application/json"));
            assertThat(dnd.status()).as(dnd.toString()).isEqualTo(200);
            bobPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Do not disturb"))).waitFor();

            String first = post(alice, withAlice, Map.of("text", "K+ 6.9 in bed 3, ECG now", "urgent", true));
            Locator alert = alert(bobPage);
            assertThat(alert).containsText("K+ 6.9 in bed 3");
            String second = post(chloe, ward, Map.of("text", "Sepsis screen positive in bay C", "urgent", true));
            assertThat(alert).hasAccessibleName("2 urgent messages");
            Locator cards = alert.getByRole(AriaRole.LISTITEM);
            assertThat(cards).hasCount(2);
            assertThat(cards.first()).containsText("K+ 6.9");
            assertThat(cards.last()).containsText("Sepsis screen positive");
            shot(bobPage, "urgent-alert-stacked.png");

            // Bob acknowledges the first on his phone: it leaves the alert here.
            Api.Response ack = server.api.post("/api/v1/conversations/" + withAlice + "/messages/" + first + "/acknowledge", Map.of(), bob.token());
            assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
            assertThat(cards).hasCount(1);
            assertThat(alert).hasAccessibleName("Urgent message");

            // Open shows the message in its conversation and puts the alert aside: a red bar stays until he acknowledges.
            alert.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open")).click();
            assertThat(alert).isHidden();
            bobPage.locator("ol.message-list li.message.urgent").filter(new Locator.FilterOptions().setHasText("Sepsis screen positive")).waitFor();
            Locator bar = bobPage.locator(".urgent-reminders");
            assertThat(bar).containsText("waiting for your acknowledgement");
            shot(bobPage, "urgent-bar.png");
            bar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge")).click();
            assertThat(bar).hasCount(0);
            assertThat(server.api.get("/api/v1/conversations/" + ward + "/messages/" + second + "/acknowledgements", chloe.token()).body())
                    .contains("acknowledgedAt");
        } finally {
            server.api.send("PUT", "/api/v1/me/presence", "{\"status\":\"available\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of("Authorization", "Bearer " + bob.token(), "Content-Type", "application/json"));
        }
    }

    @Test
    void the_title_flashes_while_the_tab_is_hidden_and_the_urgent_tone_setting_is_respected() {
        String chat = fixtures.direct(alice, bob);
        Api.Response quiet = server.api.patch("/api/v1/me/preferences", Map.of("urgentSound", false), bob.token());
        assertThat(quiet.status()).as(quiet.toString()).isEqualTo(200);
        try (BrowserContext bobContext = browser.newContext()) {
            bobContext.addInitScript(COUNT_PLAYS);
            bobContext.addInitScript(HIDEABLE);
            Page bobPage = live(bobContext, "bob");
            bobPage.evaluate("() => { window.__hidden = true; document.dispatchEvent(new Event('visibilitychange')); }");

            post(alice, chat, Map.of("text", "Theatre 2 needs you now", "urgent", true));
            assertThat(alert(bobPage)).isVisible();
            assertThat(bobPage).hasTitle("⚠ Urgent from Alice Moreno");
            // Bob turned the urgent tone off: the alert shows, silently.
            assertThat(alert(bobPage)).hasAttribute("data-tones", "0");
            assertThat(((Number) bobPage.evaluate("() => window.__tonePlays")).intValue()).isZero();

            bobPage.evaluate("() => { window.__hidden = false; document.dispatchEvent(new Event('visibilitychange')); }");
            assertThat(bobPage).hasTitle(Pattern.compile("^(\\(\\d+\\) )?Confer$"));

            // Escape puts the alert aside, into the red bar that stays until he acknowledges.
            bobPage.keyboard().press("Escape");
            assertThat(alert(bobPage)).isHidden();
            assertThat(bobPage.locator(".urgent-reminders")).containsText("Urgent message from Alice Moreno");
        } finally {
            server.api.patch("/api/v1/me/preferences", Map.of("urgentSound", true), bob.token());
        }
    }

    @Test
    void the_tone_is_a_small_bundled_wav_file() throws java.io.IOException {
        Api.Response tone = server.api.get("/sounds/urgent.wav", null);
        assertThat(tone.status()).isEqualTo(200);
        assertThat(tone.header("Content-Type")).startsWith("audio/");
        byte[] file = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("..", "web", "public", "sounds", "urgent.wav"));
        assertThat(file.length).isBetween(1000, 30_000);
        assertThat(List.of(new String(file, 0, 4, StandardCharsets.US_ASCII), new String(file, 8, 4, StandardCharsets.US_ASCII)))
                .containsExactly("RIFF", "WAVE");
    }
}
