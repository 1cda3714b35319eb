package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.openConversation;
import static org.confer.testing.Pages.shot;

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
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * Membership changes are visible (issue 12, item 6): Alice removes Dan from a group chat after a
 * confirmation that names him and the chat (Escape first keeps him), and she and Bob both see
 * "Alice Moreno removed Dan Kowalski" at once; Bob's rename, his adding Hannah and Chloe's
 * leaving show as lines too, and all of them are still there after Bob reloads. A chat with one
 * person left says "1 person".
 */
class MembershipLinesTest extends BrowserTest {
    private static final String GROUP = "Ward 7 handover";

    @Test
    void removal_is_confirmed_and_every_membership_change_shows_as_a_line_live_and_after_a_reload() {
        String alice = server.login("alice");
        String bob = server.login("bob");
        String chloe = server.login("chloe");
        String dan = idOf("dan");
        String chloeId = idOf("chloe");
        String group = startGroup(alice, GROUP, idOf("bob"), chloeId, dan);
        ok(server.api.post("/api/v1/conversations/" + group + "/messages",
                Map.of("text", "Handover at 19:30 in the day room", "clientMsgId", UUID.randomUUID().toString()), alice));

        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page a = signedIn(aliceContext, "alice");
            Page b = signedIn(bobContext, "bob");
            openConversation(a, GROUP);
            openConversation(b, GROUP);
            a.locator(".pane-head").getByText("Group chat · 4 people").waitFor();

            // Remove asks first, naming the person and the chat; Escape keeps Dan in.
            button(a.locator(".pane-head"), Pattern.compile("^Members")).click();
            Locator members = a.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Members of " + GROUP));
            button(members, "Remove Dan Kowalski").click();
            Locator confirm = a.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Remove Dan Kowalski from " + GROUP + "?"));
            confirm.waitFor();
            Axe.assertNoSeriousViolations(a, "the removal confirmation");
            shot(a, "membership-remove-confirm-1280.png");
            a.keyboard().press("Escape");
            confirm.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            assertThat(members.locator(".person-name").filter(new Locator.FilterOptions().setHasText("Dan Kowalski")).count()).isEqualTo(1);
            assertThat(lines(a).count()).as("nothing removed").isZero();

            button(members, "Remove Dan Kowalski").click();
            button(confirm, "Remove").click();
            members.locator(".person-name").filter(new Locator.FilterOptions().setHasText("Dan Kowalski"))
                    .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            button(members, "Close").click();

            // Both see the line at once.
            line(a, "Alice Moreno removed Dan Kowalski").waitFor();
            line(b, "Alice Moreno removed Dan Kowalski").waitFor();
            a.locator(".pane-head").getByText("Group chat · 3 people").waitFor();

            // Other changes, made elsewhere, arrive as lines too.
            ok(server.api.patch("/api/v1/conversations/" + group, Map.of("name", "Ward 7 nights"), bob));
            ok(server.api.post("/api/v1/conversations/" + group + "/members", Map.of("userId", idOf("hannah")), bob));
            ok(server.api.delete("/api/v1/conversations/" + group + "/members/" + chloeId, chloe));
            line(b, "Dr Bob Adeyemi renamed the conversation to “Ward 7 nights”").waitFor();
            line(b, "Dr Bob Adeyemi added Hannah Price").waitFor();
            line(b, "Dr Chloe Turner left").waitFor();
            line(a, "Dr Chloe Turner left").waitFor();
            shot(a, "membership-lines-1280.png");

            // After a reload they come from the history, in order among the messages.
            b.reload();
            b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
            openConversation(b, "Ward 7 nights");
            line(b, "Dr Chloe Turner left").waitFor();
            assertThat(lines(b).allTextContents()).containsExactly("Alice Moreno removed Dan Kowalski",
                    "Dr Bob Adeyemi renamed the conversation to “Ward 7 nights”", "Dr Bob Adeyemi added Hannah Price",
                    "Dr Chloe Turner left");
            Axe.assertNoSeriousViolations(b, "a conversation with system lines");
            b.setViewportSize(390, 844);
            shot(b, "membership-lines-390.png");
        }
    }

    @Test
    void a_group_chat_with_one_person_left_says_1_person() {
        String alice = server.login("alice");
        String chloe = server.login("chloe");
        String group = startGroup(alice, "Bed 9 family", idOf("chloe"), idOf("george"));
        ok(server.api.delete("/api/v1/conversations/" + group + "/members/" + idOf("chloe"), chloe));
        ok(server.api.delete("/api/v1/conversations/" + group + "/members/" + idOf("george"), server.login("george")));
        try (BrowserContext context = browser.newContext()) {
            Page a = signedIn(context, "alice");
            openConversation(a, "Bed 9 family");
            a.locator(".pane-head").getByText("Group chat · 1 person").waitFor();
            assertThat(a.locator(".pane-head").textContent()).doesNotContain("1 people");
            shot(a, "membership-one-person-1280.png");
        }
    }

    private static Locator lines(Page page) {
        return page.locator("ol.message-list li.system-line");
    }

    private static Locator line(Page page, String text) {
        return lines(page).filter(new Locator.FilterOptions().setHasText(text));
    }

    private String idOf(String localPart) {
        return server.api.get("/api/v1/me", server.login(localPart)).json().get("id").asText();
    }

    private String startGroup(String token, String topic, String... memberIds) {
        Api.Response r = server.api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", List.of(memberIds), "topic", topic), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 204);
    }
}
