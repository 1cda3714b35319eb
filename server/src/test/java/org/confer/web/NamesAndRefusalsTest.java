package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

/**
 * In Chromium: names are laid out bidi-isolated (a right-to-left name never reorders the text
 * around it), and in a group chat only its creator
 * is offered "Remove".
 */
class NamesAndRefusalsTest extends BrowserTest {
    private static final String ARABIC = "سارة أحمد";

    @Test
    void a_right_to_left_name_is_isolated_in_titles_member_lists_and_sentences() {
        ChatFixtures fixtures = new ChatFixtures(server);
        Person alice = fixtures.demo("alice");
        Person hannah = fixtures.demo("hannah");
        String admin = server.login("admin");
        Api.Response sara = server.api.post("/api/v1/admin/users", Map.of("email", "sara.ahmed@test.confer.test",
                "displayName", ARABIC, "jobTitle", "Staff nurse", "password", ChatFixtures.PASSWORD), admin);
        assertThat(sara.status()).as(sara.toString()).isEqualTo(201);
        Api.Response group = server.api.post("/api/v1/conversations", Map.of("kind", "group",
                "memberIds", List.of(sara.json().get("id").asText(), hannah.id())), alice.token());
        assertThat(group.status()).as(group.toString()).isEqualTo(201);

        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            Locator entry = button(page.locator("body"), Pattern.compile(ARABIC));
            entry.waitFor();
            String title = entry.locator(".conversation-title").textContent();
            // The order of names in a group title follows the member list, which is not alphabetical.
            assertThat(title).as("the right-to-left name isolated, the left-to-right one left alone")
                    .contains("\u2068" + ARABIC + "\u2069").contains("Hannah Price").doesNotContain("\u2068Hannah");
            assertThat(entry.locator(".conversation-title").evaluate("(el) => getComputedStyle(el).unicodeBidi")).isEqualTo("isolate");
            entry.click();
            button(page.locator(".pane-head"), Pattern.compile("^Members")).click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            Locator name = dialog.locator(".person-name bdi").filter(new Locator.FilterOptions().setHasText(ARABIC));
            name.waitFor();
            assertThat(name.evaluate("(el) => getComputedStyle(el).unicodeBidi")).isEqualTo("isolate");
            for (int width : new int[] {1280, 768, 390}) {
                page.setViewportSize(width, 800);
                shot(page, "names-rtl-" + width + ".png");
            }
            page.setViewportSize(1280, 800);
            button(dialog, "Close").click();
        }
    }

    @Test
    void in_a_group_chat_only_its_creator_is_offered_remove_and_everyone_may_leave() {
        ChatFixtures fixtures = new ChatFixtures(server);
        Person alice = fixtures.demo("alice");
        Person bob = fixtures.demo("bob");
        Person hannah = fixtures.demo("hannah");
        Api.Response group = server.api.post("/api/v1/conversations", Map.of("kind", "group",
                "memberIds", List.of(bob.id(), hannah.id()), "topic", "Discharge planning"), alice.token());
        assertThat(group.status()).as(group.toString()).isEqualTo(201);

        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page bobPage = signedIn(bobContext, "bob");
            button(bobPage.locator("body"), Pattern.compile("^Discharge planning")).click();
            button(bobPage.locator(".pane-head"), Pattern.compile("^Members")).click();
            Locator bobDialog = bobPage.getByRole(AriaRole.DIALOG);
            bobDialog.locator(".person-name").filter(new Locator.FilterOptions().setHasText("Hannah Price")).waitFor();
            assertThat(button(bobDialog, Pattern.compile("^Remove")).count()).as("a member who did not start it").isZero();
            assertThat(bobDialog.getByText("earlier messages").count()).as("adding shares the history, and says so").isEqualTo(1);
            button(bobDialog, "Close").click();
            assertThat(button(bobPage.locator(".pane-head"), "Leave").count()).isEqualTo(1);

            Page alicePage = signedIn(aliceContext, "alice");
            button(alicePage.locator("body"), Pattern.compile("^Discharge planning")).click();
            button(alicePage.locator(".pane-head"), Pattern.compile("^Members")).click();
            Locator aliceDialog = alicePage.getByRole(AriaRole.DIALOG);
            aliceDialog.locator(".person-name").filter(new Locator.FilterOptions().setHasText("Hannah Price")).waitFor();
            assertThat(button(aliceDialog, Pattern.compile("^Remove")).count()).as("the creator removes others").isEqualTo(2);
        }
    }
}
