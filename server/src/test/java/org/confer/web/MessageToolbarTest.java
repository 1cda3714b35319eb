package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

/**
 * The toolbar a message shows on hover or keyboard focus covers none of its content — author,
 * organisation, time, Urgent tag or any line of text — for a message with an author line and
 * for a grouped one, in the main pane and in the narrow thread panel, on a desktop and a tablet.
 */
class MessageToolbarTest extends BrowserTest {
    private static final String LONG = "Bay B handover: bed 3 awaiting pharmacy, bed 4 obs due at 14:00, bed 5 family meeting at 15:30 "
            + "with the consultant, bed 6 needs a repeat potassium after the infusion, and bed 7 is ready for discharge once transport is booked";

    /** The parts of the message the toolbar overlaps (empty when it covers nothing), as text. */
    private static List<?> covered(Locator message) {
        return (List<?>) message.evaluate("""
                (li) => {
                  const bar = li.querySelector('.message-actions').getBoundingClientRect();
                  const hits = (r) => r.width > 0 && r.height > 0 && r.left < bar.right && r.right > bar.left && r.top < bar.bottom && r.bottom > bar.top;
                  const out = [];
                  for (const el of li.querySelectorAll('.message-meta > *:not(.message-actions)')) {
                    if (hits(el.getBoundingClientRect())) out.push(el.className || el.tagName);
                  }
                  // Each line of each text node (a block's own box spans under a float, its text does not).
                  const walker = document.createTreeWalker(li.querySelector('.markdown'), NodeFilter.SHOW_TEXT);
                  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const range = document.createRange();
                    range.selectNodeContents(node);
                    for (const r of range.getClientRects()) if (hits(r)) out.push('text "' + node.textContent.slice(0, 20) + '" at y=' + Math.round(r.top));
                  }
                  return out;
                }""");
    }

    private static void assertToolbarCoversNothing(Locator message, String what) {
        message.hover();
        Locator toolbar = message.getByRole(AriaRole.TOOLBAR, new Locator.GetByRoleOptions().setName("Message actions"));
        toolbar.waitFor();
        message.page().waitForCondition(() -> "1".equals(toolbar.evaluate("(el) => getComputedStyle(el).opacity")));
        assertThat(covered(message)).as(what).isEmpty();
    }

    @Test
    void the_toolbar_covers_no_author_line_and_no_text() {
        ChatFixtures fixtures = new ChatFixtures(server);
        Person alice = fixtures.demo("alice");
        Person bob = fixtures.demo("bob");
        Person dan = fixtures.demo("dan"); // another organisation: his author line carries an organisation tag
        Api.Response chat = server.api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", List.of(bob.id(), dan.id()),
                "topic", "Toolbar"), alice.token());
        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        String id = chat.json().get("id").asText();
        String root = post(id, dan, Map.of("text", LONG, "urgent", true));
        post(id, alice, Map.of("text", "Opening note: " + LONG));
        post(id, alice, Map.of("text", "Second, grouped under the opening note: " + LONG));
        post(id, alice, Map.of("text", "ok"));
        post(id, bob, Map.of("text", "Thread reply: " + LONG, "threadRootId", root));

        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Toolbar"))).click();
            Locator list = page.locator("ol.message-list");
            Locator first = list.locator("li.message:not(.grouped):not(.urgent)").filter(new Locator.FilterOptions().setHasText("Opening note: Bay B"));
            Locator grouped = list.locator("li.message.grouped").filter(new Locator.FilterOptions().setHasText("Second, grouped"));
            Locator shortGrouped = list.locator("li.message.grouped").last(); // "ok"
            Locator urgent = list.locator("li.message.urgent");
            grouped.waitFor();
            assertToolbarCoversNothing(urgent, "an urgent message from another organisation");
            assertToolbarCoversNothing(first, "a message with its author line");
            assertToolbarCoversNothing(grouped, "a grouped message");
            assertToolbarCoversNothing(shortGrouped, "a one-word grouped message");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("toolbar-grouped.png")));

            urgent.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("1 reply")).click();
            Locator thread = page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Thread"));
            Locator reply = thread.locator("li.message").filter(new Locator.FilterOptions().setHasText("Thread reply"));
            reply.waitFor();
            assertToolbarCoversNothing(thread.locator("li.message").first(), "the root in the thread panel");
            assertToolbarCoversNothing(reply, "a reply in the thread panel");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("toolbar-thread.png")));

            page.setViewportSize(768, 1024);
            assertToolbarCoversNothing(reply, "a reply in the thread panel on a 768 px tablet");
            thread.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close thread")).click();
            assertToolbarCoversNothing(first, "a message with its author line on a 768 px tablet");
            assertToolbarCoversNothing(grouped, "a grouped message on a 768 px tablet");
        }
    }

    private String post(String conversationId, Person who, Map<String, Object> body) {
        Map<String, Object> message = new HashMap<>(body);
        message.put("clientMsgId", UUID.randomUUID().toString());
        Api.Response r = server.api.post("/api/v1/conversations/" + conversationId + "/messages", message, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }
}
