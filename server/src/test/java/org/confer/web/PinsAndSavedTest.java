package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.openConversation;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * Pinned and saved messages (issue 12, item 12): Alice pins Bob's escalation message and Bob's
 * open Pinned panel shows it at once, with who pinned it; Alice saves a message, finds it in the
 * Saved section and opens it in its conversation; Bob unpins and Alice's header count drops.
 */
class PinsAndSavedTest extends BrowserTest {
    private static final String GROUP = "Respiratory on call";
    private static final String PINNED = "Escalation: bleep 4421 for the on-call registrar";
    private static final String SAVED = "Bed 12 sats 88% on 4 L, please review";

    @Test
    void a_pin_reaches_the_other_members_panel_live_and_a_saved_message_opens_from_the_saved_list() {
        String alice = server.login("alice");
        String bob = server.login("bob");
        String group = startGroup(alice, GROUP, idOf("bob"), idOf("fatima"));
        String pinnedId = post(bob, group, PINNED);
        String savedId = post(bob, group, SAVED);
        for (int i = 0; i < 25; i++) {
            post(bob, group, "Routine note " + i); // the saved message is out of sight when the chat opens
        }

        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page a = signedIn(aliceContext, "alice");
            Page b = signedIn(bobContext, "bob");
            openConversation(a, GROUP);
            openConversation(b, GROUP);

            // Bob keeps the (empty) Pinned panel open.
            button(b.locator(".pane-head"), Pattern.compile("^Pinned")).click();
            Locator panel = b.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Pinned in " + GROUP));
            panel.getByText("Nothing is pinned here yet").waitFor();

            // Alice pins from the message's actions.
            Locator message = a.locator("#msg-" + pinnedId);
            message.scrollIntoViewIfNeeded();
            message.hover();
            button(message, "Pin").click();
            message.locator(".pinned-tag").waitFor();
            button(a.locator(".pane-head"), "Pinned (1)").waitFor();

            // Bob's panel shows it live, with who pinned it.
            Locator pin = panel.locator(".pin-row").filter(new Locator.FilterOptions().setHasText(PINNED));
            pin.waitFor();
            assertThat(pin.textContent()).contains("Pinned by Alice Moreno").contains("Dr Bob Adeyemi");
            Axe.assertNoSeriousViolations(b, "the Pinned panel");
            shot(b, "pins-panel-1280.png");
            b.setViewportSize(390, 844);
            shot(b, "pins-panel-390.png");
            b.setViewportSize(1280, 800);

            // Alice saves another message; the Saved section lists it and opens it in its conversation.
            Locator toSave = a.locator("#msg-" + savedId);
            toSave.scrollIntoViewIfNeeded();
            toSave.hover();
            button(toSave, "Save").click();
            button(toSave, "Remove from saved").waitFor();
            a.locator("ol.message-list").evaluate("(el) => el.closest('.messages').scrollTop = 1e9");
            a.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Saved")).click();
            Locator item = a.locator(".saved-pane .saved-item").filter(new Locator.FilterOptions().setHasText("sats 88%"));
            item.waitFor();
            assertThat(item.textContent()).contains("Dr Bob Adeyemi in " + GROUP);
            Axe.assertNoSeriousViolations(a, "the Saved section");
            shot(a, "saved-list-1280.png");
            item.click();
            a.locator("#msg-" + savedId + ".linked").waitFor();
            assertThat(a.locator("#msg-" + savedId).isVisible()).isTrue();
            shot(a, "saved-opened-1280.png");
            a.setViewportSize(390, 844);
            shot(a, "saved-opened-390.png");
            a.setViewportSize(1280, 800);

            // Bob unpins from the panel; Alice's count goes with it.
            button(pin, Pattern.compile("^Unpin")).click();
            panel.getByText("Nothing is pinned here yet").waitFor();
            button(a.locator(".pane-head"), "Pinned").waitFor();
        }
    }

    @Test
    void saved_messages_of_a_chat_one_has_left_are_not_listed() {
        String alice = server.login("alice");
        String group = startGroup(alice, "Leaving soon", idOf("chloe"), idOf("george"));
        String id = post(alice, group, "Remember the discharge letter");
        String chloe = server.login("chloe");
        ok(server.api.post("/api/v1/conversations/" + group + "/messages/" + id + "/save", Map.of(), chloe));
        try (BrowserContext context = browser.newContext()) {
            Page c = signedIn(context, "chloe");
            c.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Saved")).click();
            Locator item = c.locator(".saved-pane .saved-item").filter(new Locator.FilterOptions().setHasText("discharge letter"));
            item.waitFor();
            ok(server.api.delete("/api/v1/conversations/" + group + "/members/" + idOf("chloe"), chloe));
            item.waitFor(new Locator.WaitForOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
            c.getByText("Nothing saved yet").waitFor();
        }
    }

    private String idOf(String localPart) {
        return server.api.get("/api/v1/me", server.login(localPart)).json().get("id").asText();
    }

    private String startGroup(String token, String topic, String... memberIds) {
        Api.Response r = server.api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", List.of(memberIds), "topic", topic), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private String post(String token, String conversationId, String text) {
        Api.Response r = server.api.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 204);
    }
}
