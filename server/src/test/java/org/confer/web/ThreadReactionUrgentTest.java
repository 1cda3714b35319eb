package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alice and Bob in two browser contexts of real Chromium, each flow in its own chat: a reply in
 * a thread, a reaction both see with who made it, an urgent message Bob acknowledges in their
 * direct chat, and a copied link to a thread reply that opens the thread at that reply.
 */
class ThreadReactionUrgentTest extends BrowserTest {
    private static final String BOB = "Dr Bob Adeyemi";

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

    /** A group chat of Alice, Bob and Fatima named {@code topic}, started by Alice. */
    private String chat(String topic) {
        return fixtures.namedGroup(alice, topic, bob, fatima);
    }

    /** Opens a chat from the conversation list by its name (the button's name goes on with presence and unread counts). */
    private static void open(Page page, String topic) {
        // Playwright hands the pattern to JavaScript, which has no \Q…\E quoting: the names here are plain words.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^" + topic))).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(topic).setLevel(1)).waitFor();
    }

    private static void send(Page page, String text) {
        Locator composer = page.locator("#composer-text");
        composer.fill(text);
        composer.press("Enter");
    }

    /** The message in the main list whose text contains {@code text}. */
    private static Locator message(Page page, String text) {
        Locator m = page.locator("ol.message-list > li.message").filter(new Locator.FilterOptions().setHasText(text));
        m.waitFor();
        return m;
    }

    private static Locator threadPanel(Page page) {
        return page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Thread"));
    }

    private static Locator action(Locator message, String name) {
        message.hover();
        return message.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void screenshot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(file)));
    }

    @Test
    void alice_replies_in_a_thread_and_bob_sees_the_count_and_reads_the_reply() {
        chat("Bed 7 fluids");
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alice = signedIn(aliceContext, "alice");
            Page bob = signedIn(bobContext, "bob");
            open(bob, "Bed 7 fluids");
            send(bob, "Can someone review the fluid chart for bed 7?");
            open(alice, "Bed 7 fluids");

            action(message(alice, "fluid chart for bed 7"), "Reply in thread").click();
            Locator alicesThread = threadPanel(alice);
            alicesThread.getByText("fluid chart for bed 7").waitFor();
            Locator reply = alice.locator("#thread-composer-text");
            reply.fill("Reviewed: reduce to 80 ml/h, recheck U&Es at 18:00");
            reply.press("Enter");
            alicesThread.locator("li.message:not(.pending)").filter(new Locator.FilterOptions().setHasText("reduce to 80 ml/h")).waitFor();

            // Bob sees the count under his message (the reply is not in the main list), opens the thread and reads it.
            Locator bobsMessage = message(bob, "fluid chart for bed 7");
            Locator count = bobsMessage.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("1 reply"));
            count.waitFor();
            assertThat(bob.locator("ol.message-list").getByText("reduce to 80 ml/h").count()).isZero();
            count.click();
            Locator bobsThread = threadPanel(bob);
            bobsThread.getByText("reduce to 80 ml/h").waitFor();
            assertThat(bobsThread.locator("li.message").filter(new Locator.FilterOptions().setHasText("reduce to 80 ml/h"))
                    .locator(".author").textContent()).isEqualTo("Alice Moreno");
            screenshot(bob, "thread.png");
        }
    }

    @Test
    void bob_reacts_and_both_see_the_count_and_who_reacted() {
        chat("Handover");
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alice = signedIn(aliceContext, "alice");
            Page bob = signedIn(bobContext, "bob");
            open(alice, "Handover");
            send(alice, "Handover notes for the night shift are in the ward folder");
            open(bob, "Handover");

            action(message(bob, "Handover notes"), "Add reaction").click();
            bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("React with 👍")).click();

            Locator alicesChip = message(alice, "Handover notes").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName(Pattern.compile("^👍 1: " + BOB + "\\.")));
            alicesChip.waitFor();
            assertThat(alicesChip.getAttribute("title")).isEqualTo(BOB);
            assertThat(alicesChip.getAttribute("aria-pressed")).isEqualTo("false");
            assertThat(alicesChip.textContent()).contains("👍").contains("1");

            Locator bobsChip = message(bob, "Handover notes").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName(Pattern.compile("^👍 1: you\\. Remove your reaction")));
            bobsChip.waitFor();
            assertThat(bobsChip.getAttribute("aria-pressed")).isEqualTo("true");
            alice.mouse().move(0, 0);
            screenshot(alice, "reactions.png");
        }
    }

    @Test
    void an_urgent_message_is_marked_for_bob_who_acknowledges_and_alice_sees_it() {
        fixtures.direct(alice, bob); // Bob is the one recipient: "1 of 1"
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alice = signedIn(aliceContext, "alice");
            Page bob = signedIn(bobContext, "bob");
            open(alice, BOB);
            alice.getByLabel("Urgent").check();
            alice.locator("#composer-text").fill("Bed 12 lactate 4.2: please review now");
            alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send urgent")).click();
            message(alice, "lactate 4.2").getByText("Acknowledged by 0 of 1").waitFor();

            // Bob's urgent alert (UrgentAlertTest) is over everything: he opens the message from it.
            bob.getByRole(AriaRole.ALERTDIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open")).click();
            open(bob, "Alice Moreno");
            Locator bobsMessage = message(bob, "lactate 4.2");
            assertThat(bobsMessage.getAttribute("class")).contains("urgent");
            bobsMessage.locator(".urgent-tag").filter(new Locator.FilterOptions().setHasText("Urgent")).waitFor();
            Locator acknowledge = bobsMessage.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge"));
            assertThat(acknowledge.isVisible()).isTrue();
            screenshot(bob, "urgent-recipient.png");
            acknowledge.click();
            bobsMessage.getByText("✓ Acknowledged").waitFor();

            message(alice, "lactate 4.2").getByText("Acknowledged by 1 of 1").waitFor();
            screenshot(alice, "urgent.png");
        }
    }

    @Test
    void a_copied_link_to_a_thread_reply_opens_the_thread_at_that_reply() {
        String chat = chat("Ward round");
        String root = post(bob, chat, Map.of("text", "Ward round starts at 09:30 in bay B"));
        for (int i = 1; i <= 30; i++) {
            post(alice, chat, Map.of("text", "Bay B note " + i, "threadRootId", root));
        }
        String linked = post(alice, chat, Map.of("text", "Bed 3 moved to the discharge lounge", "threadRootId", root));
        for (int i = 31; i <= 45; i++) {
            post(alice, chat, Map.of("text", "Bay B note " + i, "threadRootId", root));
        }
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            aliceContext.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page alice = signedIn(aliceContext, "alice");
            open(alice, "Ward round");
            message(alice, "Ward round starts").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("46 replies")).click();
            Locator reply = threadPanel(alice).locator("li.message").filter(new Locator.FilterOptions().setHasText("discharge lounge"));
            action(reply, "Copy link").click();
            reply.getByText("Link copied").waitFor();
            String link = (String) alice.evaluate("() => navigator.clipboard.readText()");
            assertThat(link).isEqualTo(server.api.base() + "/#/c/" + chat + "/t/" + root + "/m/" + linked);

            // Bob, signed in, follows the link in a new tab: the thread opens with that reply in view, marked.
            signedIn(bobContext, "bob").close();
            Page bob = bobContext.newPage();
            bob.navigate(link);
            Locator thread = threadPanel(bob);
            Locator target = thread.locator("#msg-" + linked);
            // The shell marks the reply once it has rendered (it looks again every 250 ms): wait for the mark, not just the reply.
            thread.locator("#msg-" + linked + ".linked").waitFor();
            bob.waitForCondition(() -> Boolean.TRUE.equals(target.evaluate("""
                    (el) => {
                      const list = el.closest('.messages').getBoundingClientRect();
                      const box = el.getBoundingClientRect();
                      return box.top >= list.top && box.bottom <= list.bottom;
                    }""")));
            assertThat(bob.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ward round").setLevel(1)).isVisible()).isTrue();
            assertThat(bob.url()).doesNotContain("#/c/");
            screenshot(bob, "thread-link.png");

            // The link as copied before threads carried their root (#/c/{conversation}/m/{reply}) works too.
            bob.navigate(server.api.base() + "/");
            bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
            bob.navigate(server.api.base() + "/#/c/" + chat + "/m/" + linked);
            threadPanel(bob).locator("#msg-" + linked + ".linked").waitFor();
        }
    }

    private String post(Person who, String conversationId, Map<String, Object> body) {
        Map<String, Object> message = new java.util.HashMap<>(body);
        message.put("clientMsgId", UUID.randomUUID().toString());
        Api.Response r = server.api.post("/api/v1/conversations/" + conversationId + "/messages", message, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }
}
