package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drafts survive a reload and the open conversation opens again (issue 12, item 10); a sent
 * draft is gone; signing out leaves no draft on the device (localStorage holds none).
 */
class DraftsTest extends BrowserTest {
    private static final String DRAFT = "Bed 4: obs due at 14:00, fluid chart not yet signed";
    private Person alice;
    private String direct;

    @BeforeAll
    void aliceHasTwoChats() {
        ChatFixtures fx = new ChatFixtures(server);
        alice = fx.demo("alice");
        Person bob = fx.demo("bob");
        Person chloe = fx.demo("chloe");
        direct = fx.direct(alice, bob);
        assertThat(fx.post(bob, direct, "Morning, bed 4 is stable").status()).isEqualTo(201);
        assertThat(fx.post(chloe, fx.direct(alice, chloe), "Clinic list attached").status()).isEqualTo(201);
    }

    private static void open(Page page, String who, String text) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile(who))).first().click();
        page.locator("ol.message-list").getByText(text).waitFor();
    }

    private static Locator composer(Page page) {
        return page.locator("#composer-text");
    }

    private static String storedDrafts(Page page) {
        return (String) page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('confer.drafts.'))"
                + ".map(k => k + '=' + localStorage.getItem(k)).join('\\n')");
    }

    @Test
    void a_draft_and_the_open_conversation_survive_a_reload_and_sign_out_leaves_none_on_the_device() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            open(page, "Dr Chloe Turner", "Clinic list attached");
            composer(page).fill("A draft for Chloe");
            open(page, "Dr Bob Adeyemi", "bed 4 is stable");
            composer(page).fill(DRAFT);

            page.reload();
            // The same conversation is open again, with the draft in its composer.
            page.locator("ol.message-list").getByText("bed 4 is stable").waitFor();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText(Pattern.compile("Dr Bob Adeyemi"));
            PlaywrightAssertions.assertThat(composer(page)).hasValue(DRAFT);
            shot(page, "drafts-after-reload.png");
            open(page, "Dr Chloe Turner", "Clinic list attached");
            PlaywrightAssertions.assertThat(composer(page)).hasValue("A draft for Chloe");
            assertThat(storedDrafts(page)).startsWith("confer.drafts." + alice.id() + "=").contains(DRAFT)
                    .doesNotContain("bed 4 is stable").doesNotContain("Clinic list attached");

            // Sent: the draft is gone, after a reload too.
            composer(page).press("Enter");
            page.locator("ol.message-list").getByText("A draft for Chloe").waitFor();
            page.reload();
            page.locator("ol.message-list").getByText("A draft for Chloe").waitFor();
            PlaywrightAssertions.assertThat(composer(page)).hasValue("");

            button(page, "Sign out").click();
            page.getByLabel("Email").waitFor();
            assertThat(storedDrafts(page)).isEmpty();
            assertThat((Number) page.evaluate("() => localStorage.length")).isEqualTo(0);

            page.getByLabel("Email").fill("alice@demo.confer.test");
            page.getByLabel("Password").fill(org.confer.testing.TestServer.DEMO_PASSWORD);
            button(page, "Sign in").click();
            button(page, "Sign out").waitFor();
            open(page, "Dr Bob Adeyemi", "bed 4 is stable");
            PlaywrightAssertions.assertThat(composer(page)).hasValue("");
        }
    }

    /** The message's "Reply in thread" action, reached by keyboard (the toolbar shows on focus). */
    private static void replyInThread(Locator message) {
        Locator reply = message.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reply in thread").setExact(true));
        reply.focus();
        reply.press("Enter");
    }

    @Test
    void a_thread_reply_draft_survives_a_reload() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            open(page, "Dr Bob Adeyemi", "bed 4 is stable");
            Locator root = page.locator("ol.message-list li.message").filter(new Locator.FilterOptions().setHasText("bed 4 is stable"));
            replyInThread(root);
            Locator thread = page.locator("#thread-composer-text");
            thread.fill("Thread draft: will check at 14:00");
            page.reload();
            page.locator("ol.message-list").getByText("bed 4 is stable").waitFor();
            replyInThread(root);
            PlaywrightAssertions.assertThat(thread).hasValue("Thread draft: will check at 14:00");
        }
    }
}
