package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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
 * The formatting toolbar above the message box writes markdown around the selection: Bold
 * wraps it in ** and the sent message shows <strong> to both people; Ctrl+I italicises; the
 * list button bullets lines. Screenshots at 1280 and 390 px.
 */
class FormattingToolbarTest extends BrowserTest {
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

    private void chat(String topic) {
        fixtures.namedGroup(alice, topic, bob, fatima);
    }

    private static void open(Page page, String topic) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^" + topic))).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(topic).setLevel(1)).waitFor();
    }

    private static Locator tool(Page page, String name) {
        return page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Formatting"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void select(Locator textarea, int start, int end) {
        textarea.evaluate("(el, r) => el.setSelectionRange(r[0], r[1])", List.of(start, end));
    }

    @Test
    void bold_wraps_the_selection_and_both_people_see_strong_text() {
        chat("Fluids");
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alice = signedIn(aliceContext, "alice");
            Page bob = signedIn(bobContext, "bob");
            open(alice, "Fluids");
            open(bob, "Fluids");

            Locator composer = alice.locator("#composer-text");
            composer.fill("give furosemide now");
            select(composer, 5, 15);
            tool(alice, "Bold (Ctrl+B)").click();
            assertThat(composer).hasValue("give **furosemide** now");
            assertThat(composer).isFocused();
            // The selection stays on the word, so a second press takes the markers off again.
            tool(alice, "Bold (Ctrl+B)").click();
            assertThat(composer).hasValue("give furosemide now");
            select(composer, 5, 15);
            composer.press("Control+b");
            assertThat(composer).hasValue("give **furosemide** now");
            alice.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("formatting-toolbar-1280.png")));
            composer.press("Enter");

            for (Page p : List.of(alice, bob)) {
                Locator strong = p.locator("ol.message-list li.message:not(.pending) .markdown strong");
                assertThat(strong).hasText("furosemide");
            }
        }
    }

    @Test
    void ctrl_i_italicises_and_the_list_button_bullets_lines_on_a_phone() {
        chat("Plan");
        try (BrowserContext context = browser.newContext()) {
            Page alice = signedIn(context, "alice");
            alice.setViewportSize(390, 844);
            open(alice, "Plan");
            Locator composer = alice.locator("#composer-text");
            composer.fill("stat");
            select(composer, 0, 4);
            composer.press("Control+i");
            assertThat(composer).hasValue("_stat_");

            // On a phone the formatting buttons fold away behind one button.
            assertThat(tool(alice, "Bulleted list")).isHidden();
            tool(alice, "Formatting options").click();
            assertThat(tool(alice, "Formatting options")).hasAttribute("aria-expanded", "true");
            composer.fill("obs 4-hourly\nrepeat U&Es");
            select(composer, 0, 24);
            tool(alice, "Bulleted list").click();
            assertThat(composer).hasValue("- obs 4-hourly\n- repeat U&Es");
            tool(alice, "Numbered list").click();
            assertThat(composer).hasValue("1. obs 4-hourly\n2. repeat U&Es");
            alice.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("formatting-toolbar-390.png")));
            Axe.assertNoSeriousViolations(alice, "the composer with its formatting toolbar on a phone");
            composer.press("Enter");
            alice.locator("ol.message-list li.message:not(.pending) .markdown ol li").nth(1).waitFor();
            assertThat(alice.locator("ol.message-list .markdown ol li")).hasText(new String[] {"obs 4-hourly", "repeat U&Es"});
        }
    }
}
