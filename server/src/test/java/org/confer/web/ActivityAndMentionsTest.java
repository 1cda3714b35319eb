package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * In real Chromium: Alice mentions Bob with the @ autocomplete, Bob's Activity shows it live
 * with a badge and opens the message; a long conversation opens at the first unread message
 * under a "New messages" divider and loads older messages as Bob scrolls up.
 */
class ActivityAndMentionsTest extends BrowserTest {

    private Page signIn(BrowserContext context, String localPart) {
        Page page = context.newPage();
        page.navigate(server.api.base() + "/");
        page.getByLabel("Email").fill(localPart + "@demo.confer.test");
        page.getByLabel("Password").fill(TestServer.DEMO_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
        return page;
    }

    private String id(String token) {
        return server.api.get("/api/v1/me", token).json().get("id").asText();
    }

    private String group(String token, String topic, List<String> others) {
        Api.Response r = server.api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", others, "topic", topic), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private long post(String token, String conversation, String text) {
        Api.Response r = server.api.post("/api/v1/conversations/" + conversation + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("seq").asLong();
    }

    /** {@code name} is a plain name (Playwright turns the Pattern into a JavaScript RegExp: no \Q…\E quoting). */
    private static Locator conversationButton(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile(name)));
    }

    @Test
    void alice_mentions_bob_with_the_autocomplete_and_bob_opens_it_from_his_activity() {
        String alice = server.login("alice");
        String bob = server.login("bob");
        String chloe = server.login("chloe");
        String conversation = group(alice, "Ward 7 handover", List.of(id(bob), id(chloe)));

        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alicePage = signIn(aliceContext, "alice");
            Page bobPage = signIn(bobContext, "bob");
            // Being added to the chat is Bob's first activity; looking at the feed clears the badge.
            Locator activityRail = bobPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Activity")));
            bobPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Activity.*1 unread"))).waitFor();
            activityRail.click();
            bobPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                    Pattern.compile("Alice Moreno added you to Ward 7 handover"))).waitFor();
            activityRail.locator(".rail-badge").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            bobPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Chat")).click();
            bobPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chat")).waitFor();

            conversationButton(alicePage, "Ward 7 handover").click();
            Locator composer = alicePage.locator("#composer-text");
            composer.pressSequentially("Please review bed 4 @ade");
            Locator listbox = alicePage.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("People to mention"));
            listbox.waitFor();
            Locator option = listbox.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(Pattern.compile("Dr Bob Adeyemi")));
            assertThat(option.getAttribute("aria-selected")).isEqualTo("true");
            assertThat(composer.getAttribute("aria-expanded")).isEqualTo("true");
            assertThat(composer.getAttribute("aria-activedescendant")).isEqualTo(option.getAttribute("id"));
            alicePage.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("mention-autocomplete.png")));
            composer.press("Enter"); // chooses; does not send
            assertThat(composer.inputValue()).isEqualTo("Please review bed 4 @Dr Bob Adeyemi ");
            assertThat(listbox.count()).isZero();
            composer.pressSequentially("before the ward round");
            composer.press("Enter");
            Locator sent = alicePage.locator("ol.message-list .mention", new Page.LocatorOptions().setHasText("@Dr Bob Adeyemi"));
            sent.waitFor();

            // Bob is in Chat: the Activity badge appears live.
            bobPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Activity.*1 unread"))).waitFor();
            assertThat(activityRail.locator(".rail-badge").textContent()).isEqualTo("1");
            activityRail.click();
            Locator item = bobPage.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName(Pattern.compile("Alice Moreno mentioned you in Ward 7 handover")));
            item.waitFor();
            assertThat(item.textContent()).contains("Please review bed 4 @Dr Bob Adeyemi before the ward round");
            bobPage.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("activity.png")));

            item.click();
            Locator opened = bobPage.locator("li.message.linked");
            opened.waitFor();
            assertThat(opened.textContent()).contains("before the ward round");
            assertThat(bobPage.locator("main h1").textContent()).isEqualTo("Ward 7 handover");
            // Seen in the feed: the badge has gone.
            activityRail.locator(".rail-badge").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));

            // A reply in a thread that mentions Bob opens with its thread.
            String rootId = server.api.get("/api/v1/conversations/" + conversation + "/messages?limit=1", bob).json()
                    .get("items").get(0).get("id").asText();
            Api.Response reply = server.api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("text",
                    "Thread note for <@" + id(bob) + "> about the sats", "clientMsgId", UUID.randomUUID().toString(),
                    "threadRootId", rootId), alice);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            Locator replyItem = bobPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Thread note for")));
            replyItem.waitFor();
            replyItem.click();
            bobPage.locator("ol.thread-list").getByText("about the sats").waitFor();
            bobPage.setViewportSize(768, 900);
            bobPage.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("activity-tablet.png")));
        }
    }

    @Test
    void a_long_conversation_opens_at_the_first_unread_and_loads_older_messages_when_scrolled_up() {
        String alice = server.login("alice");
        // George reads here, not Bob: each of these 120 group messages is an item in its reader's
        // Activity (issue 12), and the other test of this class (same server) counts Bob's badge.
        String bob = server.login("george");
        String conversation = group(alice, "Bay 3 history", List.of(id(bob), id(server.login("fatima"))));
        long seqOf60 = 0;
        for (int i = 1; i <= 120; i++) {
            long seq = post(alice, conversation, "Obs round " + i + " recorded");
            if (i == 60) {
                seqOf60 = seq;
            }
        }
        assertThat(server.api.post("/api/v1/conversations/" + conversation + "/read", Map.of("seq", seqOf60), bob).status())
                .isEqualTo(200);
        long lastSeq = server.api.get("/api/v1/conversations/" + conversation, bob).json().get("lastSeq").asLong();

        try (BrowserContext bobContext = browser.newContext()) {
            Page page = signIn(bobContext, "george");
            conversationButton(page, "Bay 3 history").click();
            Locator divider = page.locator("li.unread-divider");
            divider.waitFor();
            Locator messages = page.locator("ol.message-list");
            // The divider stands right before message 61, and is on screen.
            Object next = page.evaluate("() => document.querySelector('li.unread-divider').nextElementSibling.textContent");
            assertThat(String.valueOf(next)).contains("Obs round 61 recorded");
            assertThat(inView(page, "li.unread-divider")).isTrue();
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("first-unread.png")));

            // Only what has been on screen is read: the marker moved past 60, not to the end.
            long readSeq = waitForReadSeqAbove(bob, conversation, seqOf60);
            assertThat(readSeq).isLessThan(lastSeq);

            // Scrolling up loads the older messages by itself, down to the first one.
            assertThat(messages.getByText("Obs round 1 recorded", new Locator.GetByTextOptions().setExact(true)).count()).isZero();
            for (int i = 0; i < 40 && messages.getByText("Obs round 1 recorded", new Locator.GetByTextOptions().setExact(true)).count() == 0; i++) {
                page.evaluate("() => { document.querySelector('.messages').scrollTop = 0; }");
                page.waitForTimeout(250);
            }
            assertThat(messages.getByText("Obs round 1 recorded", new Locator.GetByTextOptions().setExact(true)).count()).isEqualTo(1);
            assertThat(messages.getByText(Pattern.compile("^Obs round \\d+ recorded$")).count()).isEqualTo(120);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load earlier messages")).count()).isZero();

            // Far from the divider now: the jump button brings it back.
            Locator jump = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Jump to first unread")));
            jump.waitFor();
            jump.click();
            page.waitForCondition(() -> inView(page, "li.unread-divider"));
        }
    }

    private static boolean inView(Page page, String selector) {
        return Boolean.TRUE.equals(page.evaluate("(sel) => { const el = document.querySelector(sel); const box = document.querySelector('.messages').getBoundingClientRect();"
                + " const r = el.getBoundingClientRect(); return r.top >= box.top - 1 && r.bottom <= box.bottom + 1; }", selector));
    }

    private long waitForReadSeqAbove(String token, String conversation, long seq) {
        for (int i = 0; i < 50; i++) {
            for (var c : server.api.get("/api/v1/conversations", token).json().get("items")) {
                if (c.get("id").asText().equals(conversation) && c.get("readSeq").asLong() > seq) {
                    return c.get("readSeq").asLong();
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the read marker did not move past " + seq);
    }
}
