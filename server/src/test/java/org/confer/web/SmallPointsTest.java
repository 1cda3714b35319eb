package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The smaller points a ward found (issue 12 item 13): initials skip titles; people search
 * results and the @mention list show presence; "added you to # General" says which team; and
 * going to the Chat section does not leave a channel open.
 */
class SmallPointsTest extends BrowserTest {
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

    private static void screenshot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(file)));
    }

    private static Locator conversationButton(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^" + name)));
    }

    private static Locator rail(Page page, String section) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^" + section)));
    }

    @Test
    void dr_chloe_turner_is_ct_not_dt() {
        fixtures.direct(alice, chloe);
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            Locator chat = conversationButton(page, "Dr Chloe Turner");
            assertThat(chat.locator(".avatar").textContent()).isEqualTo("CT");
        }
    }

    @Test
    void people_search_results_show_each_persons_presence_in_words() {
        // Presence is visible only to people who share a team or conversation (docs/security.md):
        // Alice has chats with Bob and Chloe, none with Dan.
        fixtures.direct(alice, bob);
        fixtures.direct(alice, chloe);
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            signedIn(bobContext, "bob"); // Bob is online: Available
            Page page = signedIn(aliceContext, "alice");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New chat")).click();
            page.getByLabel("Search people by name, job title or department").fill("Adeyemi");
            Locator bobResult = page.locator(".people .person").filter(new Locator.FilterOptions().setHasText("Dr Bob Adeyemi"));
            bobResult.locator(".person-presence").filter(new Locator.FilterOptions().setHasText("Available")).waitFor();
            assertThat(bobResult.locator(".presence-dot.presence-available").count()).isEqualTo(1);

            page.getByLabel("Search people by name, job title or department").fill("Chloe");
            Locator chloeResult = page.locator(".people .person").filter(new Locator.FilterOptions().setHasText("Dr Chloe Turner"));
            chloeResult.locator(".person-presence").filter(new Locator.FilterOptions().setHasText("Offline")).waitFor();
            screenshot(page, "small-points-search-presence.png");

            page.getByLabel("Search people by name, job title or department").fill("Kowalski");
            Locator danResult = page.locator(".people .person").filter(new Locator.FilterOptions().setHasText("Dan Kowalski"));
            danResult.waitFor();
            assertThat(danResult.locator(".person-presence").count()).as("a stranger's presence stays private").isZero();
        }
    }

    @Test
    void the_mention_list_shows_each_persons_presence() {
        var created = server.api.post("/api/v1/conversations", java.util.Map.of("kind", "group", "memberIds", java.util.List.of(bob.id(), chloe.id()),
                "topic", "Mention presence"), alice.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            signedIn(bobContext, "bob");
            Page page = signedIn(aliceContext, "alice");
            conversationButton(page, "Mention presence").click();
            Locator composer = page.locator("#composer-text");
            composer.click();
            composer.pressSequentially("@Ad");
            Locator option = page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(Pattern.compile("Dr Bob Adeyemi")));
            option.waitFor();
            option.filter(new Locator.FilterOptions().setHasText("Available")).waitFor();
            assertThat(option.locator(".presence-dot.presence-available").count()).isEqualTo(1);
            screenshot(page, "small-points-mention-presence.png");
        }
    }

    @Test
    void being_added_to_a_team_says_which_teams_general_channel() {
        String team = fixtures.team(bob, "Ward 7 respiratory");
        fixtures.addToTeam(bob, team, alice);
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            rail(page, "Activity").click();
            page.locator(".activity-line").filter(new Locator.FilterOptions()
                    .setHasText("Dr Bob Adeyemi added you to # General in the Ward 7 respiratory team")).waitFor();
            screenshot(page, "small-points-added-to-team.png");
        }
    }

    @Test
    void going_to_chat_closes_the_channel_that_was_open_in_teams() {
        String team = fixtures.team(bob, "Theatre list");
        fixtures.addToTeam(bob, team, alice);
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            rail(page, "Teams").click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("General"))).first().click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("# General").setLevel(1)).waitFor();

            rail(page, "Chat").click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile("^Welcome"))).waitFor();
            assertThat(page.locator("#message-pane h1").count()).as("no conversation left open").isZero();
            screenshot(page, "small-points-chat-section.png");
        }
    }
}
