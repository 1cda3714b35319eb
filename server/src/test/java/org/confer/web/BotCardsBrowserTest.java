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
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * Bots as a person sees them (issue 14, docs/bots-and-results.md): an organisation admin makes a
 * bot with a token, Alice adds it to her channel, and the bot posts a card with a button through
 * the public API. Alice sees the BOT badge and the card (its markup-looking title as text),
 * presses the button and is told the answer in a toast, sees the card change live when the bot
 * replaces it, and types {@code /} and {@code /help} in the composer: the commands are offered
 * with their usage and the answer is a notice only she sees.
 */
class BotCardsBrowserTest extends BrowserTest {
    private static final String CHANNEL = "Bot desk";
    private static final String BOT = "Ward Helper";
    private static final String TITLE = "Bloods due: bed 12 <img src=x onerror=alert(1)>";

    @Test
    void a_person_sees_the_bot_badge_and_its_card_presses_its_button_and_runs_help_in_the_composer() {
        String priya = server.login("priya");
        String alice = server.login("alice");
        String teamId = created(server.api.post("/api/v1/teams", Map.of("name", "Ward 7 " + UUID.randomUUID().toString().substring(0, 6)), alice));
        String channel = created(server.api.post("/api/v1/teams/" + teamId + "/channels",
                Map.of("name", CHANNEL, "visibility", "standard", "memberIds", List.of()), alice));

        // The admin makes the bot, gives it a token and a command; Alice adds it to her channel.
        String botId = created(server.api.post("/api/v1/bots", Map.of("displayName", BOT + " " + UUID.randomUUID().toString().substring(0, 4),
                "description", "Posts ward tasks"), priya));
        String botName = server.api.get("/api/v1/directory/users?ids=" + botId, alice).json().get("items").get(0).get("displayName").asText();
        Api.Response token = server.api.post("/api/v1/bots/" + botId + "/tokens",
                Map.of("name", "browser test", "scopes", List.of("messages:write", "commands")), priya);
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        String botToken = token.json().get("token").asText();
        Api.Response command = server.api.post("/api/v1/bots/" + botId + "/commands",
                Map.of("name", "handover", "usage", "<ward> [bed]", "description", "Ask the ward helper for a handover sheet"), botToken);
        assertThat(command.status()).as(command.toString()).isIn(200, 201, 204);
        Api.Response added = server.api.post("/api/v1/conversations/" + channel + "/members", Map.of("userId", botId), alice);
        assertThat(added.status()).as(added.toString()).isIn(200, 201, 204);

        Map<String, Object> card = Map.of(
                "title", TITLE,
                "severity", "warning",
                "fields", List.of(Map.of("label", "Patient", "value", "TEST, Alex (943 476 5919)"), Map.of("label", "Due", "value", "14:00")),
                "actions", List.of(Map.of("id", "ward.take:12", "label", "Take it", "style", "primary")),
                "footer", "Ward 7 · Respiratory",
                "link", "#/c/" + channel);
        Api.Response posted = server.api.post("/api/v1/conversations/" + channel + "/messages",
                Map.of("text", "Bloods due for bed 12 at 14:00", "clientMsgId", UUID.randomUUID().toString(), "card", card), botToken);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String messageId = posted.json().get("id").asText();

        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Teams"))).click();
            button(page, Pattern.compile("^" + CHANNEL)).first().click();
            Locator message = page.locator("#msg-" + messageId);
            message.waitFor();

            // The badge beside the bot's name, and the card with its title as text (no image made).
            message.locator(".author").getByText(botName, new Locator.GetByTextOptions().setExact(true)).waitFor(); // names load after the messages
            message.getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("bot")).waitFor();
            assertThat(message.locator(".bot-card-title").textContent()).isEqualTo(TITLE);
            assertThat(message.locator(".bot-card img").count()).isZero();
            assertThat(message.locator(".bot-card-severity").textContent()).contains("Warning");
            assertThat(message.locator(".bot-card dd").allTextContents()).containsExactly("TEST, Alex (943 476 5919)", "14:00");
            assertThat(message.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^View"))).getAttribute("href"))
                    .isEqualTo("#/c/" + channel);
            Axe.assertNoSeriousViolations(page, "a channel with a bot's card");
            screenshots(page, "bot-card");

            // The button: the server hands it to the bot and its answer is a toast naming it.
            button(message, "Take it").click();
            Locator toast = page.locator(".toast").filter(new Locator.FilterOptions().setHasText(botName));
            toast.waitFor();
            assertThat(toast.locator(".toast-preview").textContent()).isNotBlank();
            assertThat(button(message, "Take it").isEnabled()).isTrue();
            shot(page, "bot-card-toast-1280.png");
            button(toast, Pattern.compile("^Dismiss")).click();

            // The bot replaces its card: it changes in place, live.
            Map<String, Object> taken = Map.of("title", "Bloods due: bed 12", "severity", "success", "footer", "Taken by Alice Moreno");
            Api.Response replaced = server.api.send("PUT", "/api/v1/conversations/" + channel + "/messages/" + messageId + "/card",
                    Api.json(Map.of("card", taken)), json(botToken));
            assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
            message.locator(".bot-card-footer").getByText("Taken by Alice Moreno").waitFor();
            assertThat(message.locator(".bot-card-severity").textContent()).contains("Resolved");
            assertThat(button(message, "Take it").count()).isZero();

            // Slash commands: "/" offers the channel's commands with their usage.
            Locator box = page.locator("#composer-text");
            box.click();
            box.pressSequentially("/");
            Locator list = page.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Commands"));
            list.getByRole(AriaRole.OPTION).filter(new Locator.FilterOptions().setHasText("/handover")).waitFor();
            assertThat(list.textContent()).contains("<ward> [bed]").contains("/help");
            assertThat(box.getAttribute("aria-expanded")).isEqualTo("true");
            Axe.assertNoSeriousViolations(page, "the composer offering slash commands");
            screenshots(page, "bot-commands");

            // /help: the answer is a notice only Alice sees, not a message.
            box.pressSequentially("help");
            box.press("Enter");
            Locator notice = page.locator(".command-notice").filter(new Locator.FilterOptions().setHasText("Only you can see this"));
            notice.waitFor();
            assertThat(notice.textContent()).contains("/handover").contains("<ward> [bed]");
            assertThat(box.inputValue()).isEmpty();
            Axe.assertNoSeriousViolations(page, "a command's private answer");
            screenshots(page, "bot-help");

            // A bot's command runs on the server; its answer is a notice too. Dismiss takes them away.
            box.pressSequentially("/handover ward 7");
            box.press("Enter");
            page.locator(".command-notice").filter(new Locator.FilterOptions().setHasText("/handover")).nth(1).waitFor();
            assertThat(server.api.get("/api/v1/conversations/" + channel + "/messages?limit=5", alice).body()).doesNotContain("ward 7");
            Locator notices = page.locator(".command-notice");
            assertThat(notices.count()).isEqualTo(2);
            notices.first().locator("button[aria-label^='Dismiss']").click();
            notices.first().locator("button[aria-label^='Dismiss']").click();
            page.waitForCondition(() -> notices.count() == 0);
        }
    }

    /** The same screen at 1280, 768 and 390 px wide, and in the dark and high-contrast themes. */
    private static void screenshots(Page page, String name) {
        shot(page, name + "-1280.png");
        page.setViewportSize(768, 1024);
        shot(page, name + "-768.png");
        page.setViewportSize(390, 844);
        shot(page, name + "-390.png");
        page.setViewportSize(1280, 800);
        for (String theme : List.of("dark", "contrast")) {
            page.evaluate("t => document.documentElement.dataset.theme = t", theme);
            shot(page, name + "-" + theme + "-1280.png");
        }
        page.evaluate("() => document.documentElement.dataset.theme = 'light'");
    }

    private static String created(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static Map<String, String> json(String token) {
        Map<String, String> h = Api.auth(token);
        h.put("Content-Type", "application/json");
        return h;
    }
}
