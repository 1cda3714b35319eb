package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

/**
 * In Chromium: when a person's budget of changes is spent, an edit or a reaction refused with
 * 429 is shown to them with the time to wait, and the edit they typed stays in the editor, so
 * nothing they wrote is lost and nothing is silently dropped.
 */
class RefusedChangesTest extends BrowserTest {
    private static final int CHANGES_PER_MINUTE = 3;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_CHANGES_PER_MINUTE_PER_USER", String.valueOf(CHANGES_PER_MINUTE));
    }

    @Test
    void a_refused_edit_keeps_what_was_typed_and_says_when_to_try_again_and_a_refused_reaction_says_so() {
        ChatFixtures fixtures = new ChatFixtures(server);
        Person alice = fixtures.demo("alice");
        Person bob = fixtures.demo("bob");
        Person chloe = fixtures.demo("chloe");
        Api.Response chat = server.api.post("/api/v1/conversations", Map.of("kind", "group",
                "memberIds", List.of(bob.id(), chloe.id()), "topic", "Budget ward round"), alice.token());
        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        String conversation = chat.json().get("id").asText();
        Api.Response posted = fixtures.post(alice, conversation, "K+ 5.9 on bed 4");
        assertThat(posted.status()).isEqualTo(201);
        String messageId = posted.json().get("id").asText();
        String path = "/api/v1/conversations/" + conversation + "/messages/" + messageId;
        for (int i = 1; i <= CHANGES_PER_MINUTE; i++) {
            Api.Response edited = server.api.patch(path, Map.of("text", "K+ 5.9 on bed 4, repeat " + i), alice.token());
            assertThat(edited.status()).as("edit %d of the budget: %s", i, edited).isEqualTo(200);
        }

        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Budget ward round"))).click();
            Locator message = page.locator("li#msg-" + messageId);
            message.getByText("repeat " + CHANGES_PER_MINUTE).waitFor();

            message.hover();
            button(message, "Edit").click();
            Locator editor = message.getByLabel("Edit message");
            String typed = "K+ 5.9 on bed 4: repeat sample haemolysed, redo at 14:00";
            editor.fill(typed);
            editor.press("Enter");
            Locator refusal = message.getByRole(AriaRole.ALERT);
            refusal.waitFor();
            assertThat(refusal.textContent()).contains("Too many changes").containsPattern("try again in \\d+ s");
            assertThat(editor.inputValue()).as("what was typed is kept").isEqualTo(typed);
            shot(page, "refused-edit.png");

            editor.press("Escape");
            message.hover();
            button(message, "Add reaction").click();
            button(message, "React with 👍").click();
            Locator reactionRefusal = message.getByRole(AriaRole.ALERT);
            reactionRefusal.waitFor();
            assertThat(reactionRefusal.textContent()).contains("Too many changes");
            assertThat(message.locator("ul.reactions").count()).as("no reaction shown that was not stored").isZero();
        }
        Api.Response stored = server.api.get(path + "/thread", alice.token());
        assertThat(stored.body()).as("the refused edit stored nothing").doesNotContain("haemolysed")
                .contains("repeat " + CHANGES_PER_MINUTE);
    }
}
