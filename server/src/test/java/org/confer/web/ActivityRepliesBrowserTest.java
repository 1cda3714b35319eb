package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 5, in real Chromium: Bob replies in a thread to Alice's message and writes to
 * her directly; Alice's Activity shows both live, with previews as plain text (no markdown marks,
 * no HTML), and while the feed is on screen its badge clears and the server's seen marker moves.
 */
class ActivityRepliesBrowserTest extends BrowserTest {

    private String id(String token) {
        return server.api.get("/api/v1/me", token).json().get("id").asText();
    }

    private String post(String token, String conversation, String text, String threadRootId) {
        // The test server's clock stands still unless moved: each message gets its own time, later
        // than the seen marker set while the feed was open.
        server.clock.advance(Duration.ofSeconds(1));
        Map<String, Object> body = threadRootId == null
                ? Map.of("text", text, "clientMsgId", UUID.randomUUID().toString())
                : Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "threadRootId", threadRootId);
        Api.Response r = server.api.post("/api/v1/conversations/" + conversation + "/messages", body, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** Alice's item for a message as the server has it (null until there is one). */
    private JsonNode serverItem(String token, String itemId) {
        for (JsonNode i : server.api.get("/api/v1/activity", token).json().get("items")) {
            if (i.get("id").asText().equals(itemId)) {
                return i;
            }
        }
        return null;
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(name)));
    }

    @Test
    void bobs_thread_reply_and_direct_message_show_in_alices_open_activity_as_plain_text_and_are_seen() {
        String alice = server.login("alice");
        String bob = server.login("bob");
        Api.Response group = server.api.post("/api/v1/conversations", Map.of("kind", "group",
                "memberIds", List.of(id(bob), id(server.login("chloe"))), "topic", "Bay 2 handover"), alice);
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        String bay2 = group.json().get("id").asText();
        String root = post(alice, bay2, "Can someone check **bed 4** obs?", null);

        try (BrowserContext aliceContext = browser.newContext()) {
            Page page = signedIn(aliceContext, "alice");
            Locator rail = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Activity")));
            rail.click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Activity")).waitFor();

            // While the feed is open, Bob replies in her thread.
            String reply = post(bob, bay2, "**Done**: sats _94%_ on `2L` <b>not bold</b>", root);
            Locator item = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                    Pattern.compile("Dr Bob Adeyemi replied in a thread you're in, in Bay 2 handover")));
            item.waitFor();
            assertThat(item.locator(".activity-preview").textContent()).isEqualTo("Done: sats 94% on 2L <b>not bold</b>");
            assertThat(item.locator("strong, em, code, b").count()).isZero();
            // On screen, so seen: the badge goes and the server's seen marker covers the item.
            rail.locator(".rail-badge").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!serverItem(alice, "reply:" + reply).get("read").asBoolean()) {
                assertThat(Instant.now()).as("the seen marker moved on the server").isBefore(deadline);
                page.waitForTimeout(200);
            }

            // Bob writes to her directly: a direct item, also plain text.
            Api.Response dm = server.api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(id(alice))), bob);
            assertThat(dm.status()).as(dm.toString()).isIn(200, 201);
            post(bob, dm.json().get("id").asText(), "Call me about **bed 4** please", null);
            Locator direct = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                    Pattern.compile("Dr Bob Adeyemi sent you a message")));
            direct.waitFor();
            assertThat(direct.locator(".activity-preview").textContent()).isEqualTo("Call me about bed 4 please");
            rail.locator(".rail-badge").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            shot(page, "activity-replies-1280.png");
            Axe.assertNoSeriousViolations(page, "the activity feed with a reply and a direct message");

            // Elsewhere, a new reply raises the badge; opening Activity clears it again.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Chat")).click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chat")).waitFor();
            post(bob, bay2, "Also bed 5", root);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Activity.*1 unread"))).waitFor();
            rail.click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Also bed 5"))).waitFor();
            rail.locator(".rail-badge").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            page.setViewportSize(390, 844);
            shot(page, "activity-replies-390.png");

            // Choosing the reply opens its thread.
            page.setViewportSize(1280, 800);
            page.locator(".activity-item", new Page.LocatorOptions().setHasText("Done: sats")).click();
            page.locator("ol.thread-list").getByText("sats").waitFor();
        }
    }
}
