package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
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
 * Unread is visible wherever the person is: the Chat rail item counts unread direct and group
 * messages while they are in Teams, the Teams rail item counts mentions in channels (a dot for
 * channels merely unread), and a new direct or group message from elsewhere shows a toast with
 * Open — but not for the conversation on screen nor a muted one, which still counts.
 */
class UnreadEverywhereTest extends BrowserTest {
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

    private Page live(BrowserContext context, String who) {
        Page page = signedIn(context, who);
        page.locator(".shell[data-connection=live]").waitFor();
        return page;
    }

    private String group(String topic) {
        return fixtures.namedGroup(alice, topic, bob, chloe);
    }

    private void post(String conversationId, String text) {
        Api.Response r = fixtures.post(alice, conversationId, text);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static Locator rail(Page page, String section) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^" + section)));
    }

    private static Locator toasts(Page page) {
        return page.getByRole(AriaRole.STATUS, new Page.GetByRoleOptions().setName("New messages"));
    }

    private static void shot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(file)));
    }

    @Test
    void a_direct_message_badges_the_chat_rail_item_while_in_teams_and_its_toast_opens_it() {
        String direct = fixtures.direct(alice, bob);
        try (BrowserContext context = browser.newContext()) {
            Page page = live(context, "bob");
            rail(page, "Teams").click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Teams")).waitFor();

            post(direct, "Can you **cover** bed 5 at 15:00?");
            Locator chat = rail(page, "Chat");
            assertThat(chat).hasAccessibleName(Pattern.compile("^Chat\\s*, 1 unread$"));
            assertThat(chat.locator(".rail-badge")).hasText("1");
            Locator toast = toasts(page).locator(".toast");
            assertThat(toast).containsText("Alice Moreno");
            assertThat(toast).containsText("Can you cover bed 5 at 15:00?"); // plain text: no markdown marks
            Axe.assertNoSeriousViolations(page, "a new-message toast over the Teams section");
            shot(page, "toast.png");
            page.setViewportSize(768, 1024);
            shot(page, "toast-tablet.png");
            page.setViewportSize(390, 844);
            Axe.assertNoSeriousViolations(page, "a new-message toast on a 390 px phone");
            shot(page, "toast-phone.png");
            page.setViewportSize(1280, 800);

            toast.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open message from Alice Moreno")).click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Alice Moreno").setLevel(1)).waitFor();
            assertThat(chat).hasAttribute("aria-current", "page");
            assertThat(page.locator("ol.message-list")).containsText("cover bed 5");
            assertThat(toast).hasCount(0);
            assertThat(chat.locator(".rail-badge")).hasCount(0);
        }
    }

    @Test
    void toasts_come_from_other_chats_not_the_one_open_nor_a_muted_one_which_still_counts() {
        String open = group("Bay A");
        String other = group("Bay B");
        String muted = group("Pharmacy queries");
        Api.Response mute = server.api.patch("/api/v1/me/preferences", Map.of("mutedConversations", List.of(muted)), bob.token());
        assertThat(mute.status()).as(mute.toString()).isEqualTo(200);
        try (BrowserContext context = browser.newContext()) {
            Page page = live(context, "bob");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Bay A"))).click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Bay A").setLevel(1)).waitFor();

            post(open, "Bay A: obs done");
            post(muted, "Pharmacy: fridge restocked");
            post(other, "Bay B: bed 9 needs a review");
            Locator region = toasts(page);
            assertThat(region).containsText("Bay B: bed 9 needs a review");
            assertThat(region).containsText("in Bay B");
            // Sent before it, in the same stream: neither the open chat nor the muted one popped up.
            assertThat(region).not().containsText("Bay A: obs done");
            assertThat(region).not().containsText("Pharmacy");
            assertThat(region.locator(".toast")).hasCount(1);
            page.locator("ol.message-list").getByText("Bay A: obs done").waitFor();

            // The muted chat still counts: bold with its badge in the list, and on the Chat rail item.
            Locator pharmacy = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Pharmacy queries.*1 unread")));
            assertThat(pharmacy).hasClass(Pattern.compile("\\bunread\\b"));
            assertThat(pharmacy.locator(".conversation-title")).hasCSS("font-weight", "700");
            assertThat(pharmacy.locator(".badge")).hasText("1");
            assertThat(rail(page, "Chat")).hasAccessibleName(Pattern.compile("^Chat\\s*, 2 unread$"));
            shot(page, "toast-other-chat.png");
        } finally {
            server.api.patch("/api/v1/me/preferences", Map.of("mutedConversations", List.of()), bob.token());
        }
    }

    @Test
    void the_teams_rail_item_counts_mentions_in_channels_and_marks_plain_unread_with_a_dot() {
        String general = fixtures.general(alice, fixtures.teamWith(alice, bob));
        try (BrowserContext context = browser.newContext()) {
            Page page = live(context, "bob");
            Locator teams = rail(page, "Teams");
            post(general, "Ward round starts at 09:30");
            assertThat(teams).hasAccessibleName(Pattern.compile("^Teams\\s*, 1 channel with unread messages$"));
            assertThat(teams.locator(".rail-dot")).isVisible();
            assertThat(teams.locator(".rail-badge")).hasCount(0);
            shot(page, "rail-dot.png");

            post(general, "<@" + bob.id() + "> please see bed 4 first");
            assertThat(teams.locator(".rail-badge")).hasText("1");
            assertThat(teams).hasAccessibleName(Pattern.compile("^Teams\\s*, 1 mention of you, 1 channel with unread messages$"));
            assertThat(teams.locator(".rail-dot")).hasCount(0);
            shot(page, "rail-mention.png");
        }
    }
}
