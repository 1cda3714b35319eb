package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyboard shortcuts in real Chromium: Ctrl+G jumps to a person's chat or a conversation
 * (Ctrl+K and Ctrl+E open search since issue 16), Alt+↓/↑ move through the conversation list, Ctrl+/ and the "?" button show the
 * help, and Escape closes every kind of dialog in one press with focus back on its opener.
 */
class KeyboardShortcutsTest extends BrowserTest {
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

    private static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1));
    }

    private static Locator dialog(Page page, String name) {
        return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(name));
    }

    @Test
    void ctrl_g_jumps_to_a_persons_chat_and_to_a_conversation() {
        chat("Discharge planning");
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            page.locator("body").press("Control+g");
            Locator jump = dialog(page, "Jump to");
            jump.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Conversation or person")).fill("chloe");
            // A person from the directory (Alice has no chat with Chloe yet): Enter starts and opens it.
            jump.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(Pattern.compile("Dr Chloe Turner"))).waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("jump-to-1280.png")));
            Axe.assertNoSeriousViolations(page, "the jump-to dialog");
            page.keyboard().press("Enter");
            heading(page, "Dr Chloe Turner").waitFor();
            assertThat(jump).isHidden();

            page.keyboard().press("Control+g");
            jump.getByRole(AriaRole.COMBOBOX).fill("discharge");
            jump.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(Pattern.compile("Discharge planning"))).waitFor();
            page.keyboard().press("Enter");
            heading(page, "Discharge planning").waitFor();
        }
    }

    @Test
    void alt_down_and_up_move_through_the_conversation_list() {
        chat("Alpha ward round");
        chat("Beta ward round");
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            Locator items = page.locator(".conversation-list button.conversation");
            items.filter(new Locator.FilterOptions().setHasText("Beta ward round")).waitFor();
            items.first().click();
            String first = items.first().locator(".conversation-title").textContent();
            String second = items.nth(1).locator(".conversation-title").textContent();
            heading(page, first).waitFor();

            page.keyboard().press("Alt+ArrowDown");
            heading(page, second).waitFor();
            assertThat(items.nth(1)).hasAttribute("aria-current", "true");
            page.keyboard().press("Alt+ArrowUp");
            heading(page, first).waitFor();
            assertThat(items.first()).hasAttribute("aria-current", "true");
        }
    }

    @Test
    void the_help_and_every_kind_of_dialog_close_with_one_escape_press() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            Locator helpButton = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Keyboard shortcuts"));
            helpButton.click();
            Locator help = dialog(page, "Keyboard shortcuts");
            help.getByRole(AriaRole.CELL, new Locator.GetByRoleOptions().setName(Pattern.compile("Jump to a conversation or person"))).waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("shortcuts-help-1280.png")));
            Axe.assertNoSeriousViolations(page, "the keyboard shortcuts dialog");
            page.keyboard().press("Escape");
            assertThat(help).isHidden();
            assertThat(helpButton).isFocused();

            // Ctrl+/ from the message list's side opens it too.
            page.locator("body").press("Control+/");
            help.waitFor();
            page.keyboard().press("Escape");
            assertThat(help).isHidden();

            // The dialogs that were there before: a Modal (new chat) and a DialogForm (create team).
            Locator newChat = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New chat"));
            newChat.click();
            Locator start = dialog(page, "New chat");
            start.waitFor();
            page.keyboard().press("Escape");
            assertThat(start).isHidden();
            assertThat(newChat).isFocused();

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Teams"))).click();
            Locator create = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create team"));
            create.click();
            Locator form = page.getByRole(AriaRole.DIALOG);
            form.waitFor();
            page.keyboard().press("Escape");
            assertThat(form).isHidden();
            assertThat(create).isFocused();

            // The jump-to dialog, opened from the keyboard.
            page.locator("body").press("Control+g");
            Locator jump = dialog(page, "Jump to");
            jump.waitFor();
            page.keyboard().press("Escape");
            assertThat(jump).isHidden();

            // Search (issue 16): Ctrl+K and Ctrl+E open it, one Escape closes it, focus goes back.
            page.locator("body").press("Control+k");
            Locator search = dialog(page, "Search");
            search.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Search messages, people, channels, teams and files")).waitFor();
            assertThat(search.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Search messages, people, channels, teams and files"))).isFocused();
            page.keyboard().press("Escape");
            assertThat(search).isHidden();
            page.locator("body").press("Control+e");
            search.waitFor();
            page.keyboard().press("Escape");
            assertThat(search).isHidden();
            Locator searchButton = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true));
            searchButton.click();
            search.waitFor();
            page.keyboard().press("Escape");
            assertThat(search).isHidden();
            assertThat(searchButton).isFocused();

            // A phone has no room for the "?" button in its top bar (responsive.css); a keyboard
            // paired with it still opens the list.
            page.setViewportSize(390, 844);
            assertThat(helpButton).isHidden();
            page.locator("body").press("Control+/");
            help.waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("shortcuts-help-390.png")));
            Axe.assertNoSeriousViolations(page, "the keyboard shortcuts dialog on a phone");
            page.keyboard().press("Escape");
            assertThat(help).isHidden();
        }
    }
}
