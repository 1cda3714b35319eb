package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web client on a phone (390 px, touch), a small phone (320 px), a ward tablet (768 px) and
 * a desktop (1280 px): one pane at a time on a phone (list → conversation → thread) with Back —
 * the browser's and the header's — walking back through them; the main flows done by tapping
 * (open a chat, send, reply in a thread, acknowledge an urgent message); nothing wider than the
 * screen; touch targets of at least 44 px; axe clean on every pane at every width.
 */
class PhoneLayoutTest extends BrowserTest {
    private static final String ROOT = "Bay C obs are due at 14:00, can someone take beds 9 to 12?";

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

    /** A group chat of Alice, Bob and Fatima named {@code topic}, with Bob's message {@link #ROOT} in it. */
    private String chatWithAMessage(String topic) {
        Api.Response r = server.api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", List.of(bob.id(), fatima.id()),
                "topic", topic), alice.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().get("id").asText();
        post(bob, id, Map.of("text", ROOT));
        return id;
    }

    private String post(Person who, String conversation, Map<String, Object> body) {
        Map<String, Object> message = new HashMap<>(body);
        message.put("clientMsgId", UUID.randomUUID().toString());
        Api.Response r = server.api.post("/api/v1/conversations/" + conversation + "/messages", message, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static Locator listPane(Page page) {
        return page.locator(".list-pane");
    }

    private static Locator messagePane(Page page) {
        return page.locator("#message-pane");
    }

    private static Locator conversationButton(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^" + name)));
    }

    private static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1));
    }

    private static Locator threadPanel(Page page) {
        return page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Thread"));
    }

    private static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator message(Locator scope, String text) {
        Locator m = scope.locator("li.message:not(.pending)").filter(new Locator.FilterOptions().setHasText(text));
        m.waitFor();
        return m;
    }

    private static void screenshot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(file)));
    }

    private static void assertNoSidewaysScroll(Page page, int width, String where) {
        Object scrollWidth = page.evaluate("() => document.documentElement.scrollWidth");
        Object wider = page.evaluate("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)"
                + ".slice(0, 5).map(e => e.tagName + '.' + e.getAttribute('class')).join(' | ')");
        assertThat(((Number) scrollWidth).intValue()).as("page width of " + where + " at " + width + " px; wider: " + wider)
                .isLessThanOrEqualTo(width);
        // Nor inside a pane: a message list wider than itself scrolls sideways too.
        Object widest = page.evaluate("() => Math.max(0, ...[...document.querySelectorAll('.messages, .list-pane, .conversation-list, .composer')]"
                + ".filter(e => e.offsetParent !== null).map(e => e.scrollWidth - e.clientWidth))");
        assertThat(((Number) widest).intValue()).as("sideways overflow inside a pane of " + where + " at " + width + " px").isLessThanOrEqualTo(0);
    }

    private static void assertTouchTarget(Locator control, String what) {
        control.waitFor();
        BoundingBox box = control.boundingBox();
        assertThat(box).as(what).isNotNull();
        assertThat(box.height).as(what + " height").isGreaterThanOrEqualTo(44);
        assertThat(box.width).as(what + " width").isGreaterThanOrEqualTo(44);
    }

    /** Shows a message's toolbar as a finger does: a tap on the message. */
    private static Locator action(Locator message, String name) {
        message.locator(".markdown").first().tap();
        Locator b = button(message, name);
        b.waitFor();
        return b;
    }

    @Test
    void on_a_phone_a_chat_is_opened_written_in_and_replied_to_in_a_thread_and_back_walks_back_to_the_list() {
        chatWithAMessage("Bay C obs");
        try (BrowserContext context = browser.newDeviceContext(390, 844)) {
            Page page = signedIn(context, "alice");
            // The list alone: no squashed conversation beside it.
            conversationButton(page, "Bay C obs").waitFor();
            assertThat(listPane(page).isVisible()).isTrue();
            assertThat(messagePane(page).isVisible()).isFalse();

            conversationButton(page, "Bay C obs").tap();
            heading(page, "Bay C obs").waitFor();
            assertThat(listPane(page).isVisible()).as("the list gives way to the conversation").isFalse();
            assertThat(button(page.locator(".conversation-head"), "Back").isVisible()).isTrue();
            // The composer has the width of the screen (it was 70 px between three columns).
            assertThat(page.locator("#composer-text").boundingBox().width).isGreaterThan(330);
            // The on-screen keyboard takes the bottom 336 px (Chromium resizes the layout for it,
            // interactive-widget=resizes-content): the composer moves up, whole, above it.
            page.setViewportSize(390, 508);
            BoundingBox send = button(page.locator("form.composer"), "Send").boundingBox();
            assertThat(send.y + send.height).as("Send above the keyboard").isLessThanOrEqualTo(508);
            assertThat(page.locator("#composer-text").boundingBox().y).isGreaterThan(100);
            screenshot(page, "phone-390-keyboard-open.png");
            page.setViewportSize(390, 844);

            page.locator("#composer-text").tap();
            page.locator("#composer-text").fill("I'll take beds 9 to 12");
            button(page.locator("form.composer"), "Send").tap();
            message(page.locator("ol.message-list"), "I'll take beds 9 to 12");

            action(message(page.locator("ol.message-list"), "Bay C obs are due"), "Reply in thread").tap();
            Locator thread = threadPanel(page);
            thread.getByText("Bay C obs are due").waitFor();
            BoundingBox box = thread.boundingBox();
            assertThat(box.x).as("the thread fills the screen").isLessThanOrEqualTo(0.5);
            assertThat(box.width).isGreaterThanOrEqualTo(389);
            thread.locator("#thread-composer-text").fill("Done: all four within range");
            button(thread, "Send").tap();
            message(thread, "Done: all four within range");
            screenshot(page, "phone-390-thread-reply.png");

            // The browser's Back: the thread closes, then the conversation, leaving the list.
            page.goBack();
            threadPanel(page).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            heading(page, "Bay C obs").waitFor();
            page.goBack();
            listPane(page).waitFor();
            assertThat(messagePane(page).isVisible()).isFalse();
            assertThat(page.url()).startsWith(server.api.base());

            // The header's Back does the same as the browser's.
            conversationButton(page, "Bay C obs").tap();
            heading(page, "Bay C obs").waitFor();
            button(page.locator(".conversation-head"), "Back").tap();
            listPane(page).waitFor();
            assertThat(messagePane(page).isVisible()).isFalse();
        }
    }

    @Test
    void on_a_phone_a_recipient_opens_and_acknowledges_an_urgent_message() {
        String direct = fixtures.direct(alice, bob);
        post(bob, direct, Map.of("text", "K+ 6.8 on bed 4: please repeat the ECG now", "urgent", true));
        try (BrowserContext context = browser.newDeviceContext(390, 844)) {
            Page page = signedIn(context, "alice");
            conversationButton(page, "Dr Bob Adeyemi").tap();
            Locator urgent = message(page.locator("ol.message-list"), "K+ 6.8");
            Locator acknowledge = button(urgent, "Acknowledge");
            assertTouchTarget(acknowledge, "Acknowledge");
            screenshot(page, "phone-390-urgent.png");
            acknowledge.tap();
            urgent.getByText("✓ Acknowledged").waitFor();
        }
    }

    @Test
    void on_a_phone_the_urgent_alert_over_the_list_is_acknowledged_with_a_finger() {
        String direct = fixtures.direct(alice, fatima);
        try (BrowserContext context = browser.newDeviceContext(390, 844)) {
            Page page = signedIn(context, "alice");
            conversationButton(page, "Fatima Hussain").waitFor();
            post(fatima, direct, Map.of("text", "Bed 6 sats 84% on 4 L: please come now", "urgent", true));
            Locator alert = page.locator("dialog.urgent-alert");
            alert.getByText("Bed 6 sats 84%").waitFor();
            BoundingBox box = alert.boundingBox();
            assertThat(box.x).as("the alert fits the phone's width").isGreaterThanOrEqualTo(0);
            assertThat(box.x + box.width).isLessThanOrEqualTo(390);
            Locator acknowledge = button(alert, "Acknowledge");
            assertTouchTarget(acknowledge, "the alert's Acknowledge");
            assertNoSidewaysScroll(page, 390, "the urgent alert");
            screenshot(page, "phone-390-urgent-alert.png");
            acknowledge.tap();
            alert.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
        }
    }

    @Test
    void the_main_controls_are_at_least_44_px_for_a_finger() {
        chatWithAMessage("Bed 2 handover");
        try (BrowserContext context = browser.newDeviceContext(390, 844)) {
            Page page = signedIn(context, "alice");
            Double railTop = null;
            for (String section : List.of("Activity", "Chat", "Teams")) {
                Locator item = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^" + section)));
                assertTouchTarget(item, section);
                // The sections are one bar along the bottom of the screen.
                BoundingBox box = item.boundingBox();
                assertThat(box.y + box.height).as(section + " at the bottom").isGreaterThan(844 - 80);
                if (railTop == null) railTop = box.y;
                assertThat(box.y).as(section + " in the same row").isEqualTo(railTop);
            }
            assertTouchTarget(button(page.locator(".list-head"), "New chat"), "New chat");
            assertTouchTarget(button(page.locator(".topbar"), "Sign out"), "Sign out");
            assertTouchTarget(conversationButton(page, "Bed 2 handover"), "a conversation in the list");

            conversationButton(page, "Bed 2 handover").tap();
            heading(page, "Bed 2 handover").waitFor();
            assertTouchTarget(button(page.locator(".conversation-head"), "Back"), "Back");
            assertTouchTarget(page.locator("#composer-text"), "the message box");
            assertTouchTarget(page.locator("label.urgent-toggle"), "Urgent");
            assertTouchTarget(button(page.locator("form.composer"), "Send"), "Send");
            Locator root = message(page.locator("ol.message-list"), "Bay C obs are due");
            for (String name : List.of("Add reaction", "Reply in thread", "Copy link")) {
                assertTouchTarget(action(root, name), name);
            }
            screenshot(page, "phone-390-message-toolbar.png");
            action(root, "Reply in thread").tap();
            Locator thread = threadPanel(page);
            thread.getByText("Bay C obs are due").waitFor();
            assertTouchTarget(button(thread, "Back"), "the thread's Back");
            assertTouchTarget(button(thread, "Send"), "the thread's Send");

            page.goBack();
            page.goBack();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Teams"))).tap();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Teams")).waitFor();
            screenshot(page, "phone-390-teams.png");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Activity"))).tap();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Activity")).waitFor();
            assertNoSidewaysScroll(page, 390, "the activity feed");
            screenshot(page, "phone-390-activity.png");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Settings"))).tap();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Settings").setLevel(1)).waitFor();
            assertNoSidewaysScroll(page, 390, "the settings page");
            screenshot(page, "phone-390-settings.png");
        }
    }

    /**
     * Each pane at each width: the list, the conversation and its thread, with a screenshot and
     * axe; nothing wider than the screen. On a phone the panes show one at a time; on a tablet the
     * list stays beside the conversation and the thread takes the conversation's place; on a
     * desktop the thread is beside the conversation.
     */
    @ParameterizedTest
    @ValueSource(ints = {320, 390, 768, 1280})
    void every_pane_fits_the_screen_and_is_axe_clean(int width) {
        String topic = "Fit " + width;
        String chat = chatWithAMessage(topic);
        String root = post(bob, chat, Map.of("text", "Thread root for " + width));
        post(fatima, chat, Map.of("text", "A reply in the thread at " + width, "threadRootId", root));
        boolean phone = width <= 640;
        try (BrowserContext context = width == 1280 ? browser.newContext() : browser.newDeviceContext(width, width == 768 ? 1024 : 720)) {
            Page page = signedIn(context, "alice");
            conversationButton(page, topic).waitFor();
            assertNoSidewaysScroll(page, width, "the list");
            Axe.assertNoSeriousViolations(page, "the list at " + width + " px");
            screenshot(page, "layout-" + width + "-list.png");

            conversationButton(page, topic).click();
            heading(page, topic).waitFor();
            message(page.locator("ol.message-list"), "Thread root for " + width);
            assertThat(listPane(page).isVisible()).as("the list beside the conversation at " + width).isEqualTo(!phone);
            assertNoSidewaysScroll(page, width, "the conversation");
            Axe.assertNoSeriousViolations(page, "the conversation at " + width + " px");
            screenshot(page, "layout-" + width + "-conversation.png");

            button(message(page.locator("ol.message-list"), "Thread root for " + width), "1 reply").click();
            Locator thread = threadPanel(page);
            thread.getByText("A reply in the thread at " + width).waitFor();
            BoundingBox threadBox = thread.boundingBox();
            BoundingBox paneBox = messagePane(page).boundingBox();
            if (width == 1280) {
                assertThat(page.locator(".conversation-main").isVisible()).as("the conversation beside the thread").isTrue();
                assertThat(threadBox.width).isLessThan(paneBox.width / 2);
            } else {
                assertThat(threadBox.width).as("the thread in the conversation's place").isCloseTo(paneBox.width, org.assertj.core.data.Offset.offset(1.0));
            }
            assertNoSidewaysScroll(page, width, "the thread");
            Axe.assertNoSeriousViolations(page, "the thread at " + width + " px");
            screenshot(page, "layout-" + width + "-thread.png");
        }
    }
}
