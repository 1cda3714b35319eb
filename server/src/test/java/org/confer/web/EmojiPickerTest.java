package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full emoji picker in real Chromium: Alice finds 👍 by typing "thumbs", picks the same in a
 * skin tone, the server accepts both and Bob sees them live; the picker remembers her recent
 * emoji next time, closes with one Escape press giving focus back, inserts into the message
 * box, and has no serious axe violation at 1280 or 390 px.
 */
class EmojiPickerTest extends BrowserTest {
    private static final String THUMBS_UP = "\uD83D\uDC4D";
    private static final String THUMBS_UP_MEDIUM = "\uD83D\uDC4D\uD83C\uDFFD";

    private ChatFixtures fixtures;
    private Person alice;
    private Person bob;
    private Person fatima;

    @BeforeAll
    void people() {
        fixtures = new ChatFixtures(server);
        alice = fixtures.demo("alice");
        bob = fixtures.demo("bob");
        fatima = fixtures.demo("fatima");
    }

    private String chat(String topic) {
        return fixtures.namedGroup(alice, topic, bob, fatima);
    }

    private static void open(Page page, String topic) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^" + topic))).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(topic).setLevel(1)).waitFor();
    }

    private static Locator message(Page page, String text) {
        Locator m = page.locator("ol.message-list > li.message").filter(new Locator.FilterOptions().setHasText(text));
        m.waitFor();
        return m;
    }

    /** Opens the picker on a message; returns it. */
    private static Locator openPicker(Locator message) {
        message.hover();
        message.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add reaction").setExact(true)).click();
        Locator picker = message.page().getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Emoji"));
        picker.waitFor();
        return picker;
    }

    private static Locator button(Locator in, String name) {
        return in.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void screenshot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(file)));
    }

    @Test
    void alice_reacts_with_thumbs_up_found_by_name_and_in_a_skin_tone_and_bob_sees_both() {
        String id = chat("Bed 3 review");
        fixtures.post(bob, id, "Bed 3 reviewed, plan in the notes");
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alice = signedIn(aliceContext, "alice");
            Page bob = signedIn(bobContext, "bob");
            open(alice, "Bed 3 review");
            open(bob, "Bed 3 review");

            Locator picker = openPicker(message(alice, "Bed 3 reviewed"));
            picker.getByLabel("Search emoji").fill("thumbs");
            Locator results = picker.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Search results"));
            assertThat(results.getByRole(AriaRole.BUTTON).first()).hasAccessibleName("thumbs up");
            screenshot(alice, "emoji-picker-search-1280.png");
            button(results, "thumbs up").click();
            assertThat(picker).isHidden();

            // The same in a medium skin tone: the server accepts the modifier sequence as one emoji.
            picker = openPicker(message(alice, "Bed 3 reviewed"));
            button(picker, "Medium skin tone").click();
            picker.getByLabel("Search emoji").fill("thumbs up");
            picker.getByLabel("Search emoji").press("Enter");
            assertThat(picker).isHidden();

            Locator bobsReactions = message(bob, "Bed 3 reviewed").locator(".reactions");
            bobsReactions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^" + THUMBS_UP + " 1: Alice Moreno"))).waitFor();
            bobsReactions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^" + THUMBS_UP_MEDIUM + " 1: Alice Moreno"))).waitFor();

            // Stored as people's keyboards send them: 👍 without a variation selector, so it is the same reaction as a typed one.
            JsonNode items = server.api.get("/api/v1/conversations/" + id + "/messages?limit=5", this.alice.token()).json().get("items");
            List<String> stored = new ArrayList<>();
            items.forEach(m -> m.path("reactions").forEach(r -> stored.add(r.get("emoji").asText())));
            assertThat(stored).containsExactlyInAnyOrder(THUMBS_UP, THUMBS_UP_MEDIUM);

            // Next time the recent row starts with the last one used, and the skin tone is remembered.
            picker = openPicker(message(alice, "Bed 3 reviewed"));
            Locator recent = picker.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Recent"));
            assertThat(recent.getByRole(AriaRole.BUTTON).first()).hasAccessibleName("React with " + THUMBS_UP_MEDIUM);
            assertThat(recent.getByRole(AriaRole.BUTTON).nth(1)).hasAccessibleName("React with " + THUMBS_UP);
            assertThat(button(picker, "Medium skin tone")).hasAttribute("aria-pressed", "true");
            picker.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Smileys and emotion"))
                    .getByRole(AriaRole.BUTTON).first().waitFor();
            screenshot(alice, "emoji-picker-1280.png");
            Axe.assertNoSeriousViolations(alice, "the emoji picker");

            // One Escape press closes it, and focus is back on the button that opened it.
            assertThat(picker.getByLabel("Search emoji")).isFocused();
            alice.keyboard().press("Escape");
            assertThat(picker).isHidden();
            assertThat(alice.locator(":focus")).hasAccessibleName("Add reaction");
        }
    }

    @Test
    void the_picker_inserts_into_the_message_box_and_fits_a_phone() {
        chat("Phone emoji");
        try (BrowserContext context = browser.newContext()) {
            Page alice = signedIn(context, "alice");
            alice.setViewportSize(390, 844);
            open(alice, "Phone emoji");
            Locator composer = alice.locator("#composer-text");
            composer.fill("Obs stable ");
            alice.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Formatting"))
                    .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Emoji").setExact(true)).click();
            Locator picker = alice.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Emoji"));
            picker.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Smileys and emotion"))
                    .getByRole(AriaRole.BUTTON).first().waitFor();
            // Inside the window at 390 px.
            var box = picker.boundingBox();
            assertThat(box.x).isGreaterThanOrEqualTo(0);
            assertThat(box.x + box.width).isLessThanOrEqualTo(390);
            screenshot(alice, "emoji-picker-390.png");
            Axe.assertNoSeriousViolations(alice, "the emoji picker on a phone");

            picker.getByLabel("Search emoji").fill("check mark button");
            button(picker.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Search results")), "check mark button").click();
            assertThat(picker).isHidden();
            assertThat(composer).hasValue("Obs stable ✅");
            assertThat(composer).isFocused();
        }
    }
}
