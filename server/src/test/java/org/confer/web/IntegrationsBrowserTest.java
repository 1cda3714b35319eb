package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * The integration settings in the web client (issue 14, docs/bots-and-results.md): an organisation
 * admin makes a bot and a token (shown once, then only listed), allows a webhook host, adds a
 * results feed and the escalation chain; a team owner makes a Phlebotomy service with a form
 * field; a channel's owner makes an incoming webhook whose URL posts into the channel; a plain
 * member never sees Integrations. Axe on each screen; screenshots at 1280, 768 and 390 px.
 */
class IntegrationsBrowserTest extends BrowserTest {
    private static final int[][] SIZES = {{1280, 800}, {768, 1024}, {390, 844}};

    @Test
    void an_admin_makes_a_bot_and_a_token_shown_once_allows_a_host_and_sets_the_results_feed_and_escalation_chain() {
        try (BrowserContext context = browser.newContext()) {
            Page priya = signedIn(context, "priya");
            openSettings(priya);
            Locator integrations = priya.locator("section.integrations");
            integrations.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Integrations")).waitFor();

            // A bot, then its first token: the token is shown once, in a read-only field.
            button(integrations, "New bot").click();
            Locator newBot = dialog(priya, "New bot");
            // A name that imitates a person is refused; the server's words are shown.
            newBot.getByLabel("Display name").fill("priya  SHAH");
            button(newBot, "Create bot").click();
            assertThat(newBot.getByRole(AriaRole.ALERT).textContent()).isNotBlank();
            newBot.getByLabel("Display name").fill("Porter Desk");
            newBot.getByLabel("Description").fill("Porter jobs from the bed bureau");
            button(newBot, "Create bot").click();
            Locator manage = dialog(priya, "Porter Desk: tokens, commands and webhook");
            manage.getByLabel("Token name").fill("bed bureau");
            manage.getByLabel(Pattern.compile("^mentions:read")).check();
            button(manage, "Create token").click();
            Locator token = manage.getByLabel("New token");
            token.waitFor();
            assertThat(token.inputValue()).matches("cb_[A-Za-z0-9_-]{43}");
            assertThat(token.getAttribute("readonly")).isNotNull();
            assertThat(manage.textContent()).contains("you will not see this again");
            manage.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Tokens")).getByText("bed bureau").waitFor();

            // The SSRF guard's refusal is shown beside the URL.
            manage.getByLabel("URL").fill("http://127.0.0.1:9/hook");
            manage.getByLabel("A message mentions the bot").check();
            button(manage, "Save webhook").click();
            assertThat(manage.getByRole(AriaRole.ALERT).first().textContent()).isNotBlank();
            Axe.assertNoSeriousViolations(priya, "a bot's tokens and webhook");
            shots(priya, "integrations-bot");
            button(manage, "Close").click();

            // Reopened: the token is listed, its value is gone for good.
            button(integrations, "Manage Porter Desk").click();
            manage = dialog(priya, "Porter Desk: tokens, commands and webhook");
            manage.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Tokens")).getByText("bed bureau").waitFor();
            assertThat(manage.getByLabel("New token").count()).isZero();
            assertThat(manage.textContent()).doesNotContain("cb_");
            button(manage, "Close").click();

            // The allow-list.
            integrations.getByLabel("Host", new Locator.GetByLabelOptions().setExact(true)).fill("hooks.example.org");
            button(integrations, "Allow host").click();
            integrations.getByText("hooks.example.org", new Locator.GetByTextOptions().setExact(true)).waitFor();

            // A results feed, two on-call roles and the chain, reordered.
            integrations.getByLabel("Sending facility").fill("WESTMOOR-LAB");
            integrations.getByLabel("Feed name").fill("Westmoor Pathology");
            button(integrations, "Add feed").click();
            integrations.getByText("WESTMOOR-LAB").waitFor();
            for (String role : List.of("Medical registrar on call", "Consultant on call")) {
                integrations.getByLabel("New on-call role").fill(role);
                button(integrations, "Add role").click();
                integrations.locator(".integ-role").getByText(role, new Locator.GetByTextOptions().setExact(true)).waitFor();
            }
            Locator addStep = integrations.locator(".integ-add-step select");
            addStep.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Consultant on call"));
            addStep.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Medical registrar on call"));
            button(integrations, "Move Medical registrar on call up").click();
            integrations.getByLabel("Escalate a critical result to the deputy after (minutes)").fill("7");
            button(integrations, "Save results settings").click();
            integrations.getByText("Results settings saved.").waitFor();
            Axe.assertNoSeriousViolations(priya, "Settings → Integrations");
            shots(priya, "integrations-settings");

            String bearer = server.login("priya");
            var settings = server.api.get("/api/v1/results/settings", bearer).json();
            assertThat(settings.get("deputyAfterMinutes").asInt()).isEqualTo(7);
            var roles = server.api.get("/api/v1/on-call-roles", bearer).json().get("items");
            Map<String, String> roleIds = new java.util.HashMap<>();
            roles.forEach(r -> roleIds.put(r.get("name").asText(), r.get("id").asText()));
            List<String> chain = settings.get("chain").findValuesAsText("onCallRoleId");
            // The demo's chain comes first; the two new steps follow, the registrar moved above the consultant.
            assertThat(chain).containsSubsequence(roleIds.get("Medical registrar on call"), roleIds.get("Consultant on call"));
            assertThat(server.api.get("/api/v1/admin/webhook-allowed-hosts", bearer).json().toString()).contains("hooks.example.org");

            // Dark and high contrast: the same section, still axe-clean (colours come from the theme).
            for (String theme : List.of("dark", "contrast")) {
                Api.Response changed = server.api.patch("/api/v1/me/preferences", Map.of("theme", theme), bearer);
                assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
                priya.waitForFunction("t => document.documentElement.dataset.theme === t", theme);
                Axe.assertNoSeriousViolations(priya, "Settings → Integrations, " + theme);
                shot(priya, "integrations-settings-" + theme + "-1280.png");
            }
        }
    }

    @Test
    void a_team_owner_makes_a_phlebotomy_service_with_a_form_field_and_sees_the_servers_refusal_beside_a_field() {
        String priya = server.login("priya");
        Api.Response team = server.api.post("/api/v1/teams", Map.of("name", "Phlebotomy team"), priya);
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "priya");
            section(page, "Teams");
            button(page, "Manage team Phlebotomy team").click();
            button(dialog(page, "Phlebotomy team"), "Manage services").click();
            Locator services = dialog(page, "Services of Phlebotomy team");
            button(services, "New service").click();
            services.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Phlebotomy");
            // The demo organisation has a "phlebotomy" service already: slugs are unique per organisation.
            services.getByLabel("Short name (for /request)").fill("ward-bloods");
            button(services, "Add a field").click();
            services.getByLabel("Label").fill("Tubes");
            assertThat(services.getByLabel("Field name").inputValue()).isEqualTo("tubes");
            services.getByLabel("Type").selectOption("choice");
            // A choice field without choices is named beside the field before anything is sent.
            button(services, "Create service").click();
            services.getByText("A choice field needs 1 to 30 choices, separated by commas.").waitFor();
            assertThat(services.getByLabel("Choices (comma-separated)").getAttribute("aria-invalid")).isEqualTo("true");
            services.getByLabel("Choices (comma-separated)").fill("1, 2, 3");
            services.getByLabel("Required").check();
            Axe.assertNoSeriousViolations(page, "the service form");
            shots(page, "integrations-service");
            button(services, "Create service").click();
            services.getByText("/ward-bloods").waitFor();

            var items = server.api.get("/api/v1/request-services", priya).json().get("items");
            var made = items.findValues("slug").stream().anyMatch(s -> s.asText().equals("ward-bloods"));
            assertThat(made).isTrue();
            assertThat(items.toString()).contains("\"choices\":[\"1\",\"2\",\"3\"]");
        }
    }

    @Test
    void a_channel_owner_makes_an_incoming_webhook_whose_url_posts_a_slack_message_into_the_channel() {
        String alice = server.login("alice");
        Api.Response team = server.api.post("/api/v1/teams", Map.of("name", "Ward 9"), alice);
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "alice");
            section(page, "Teams");
            page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Channels of Ward 9")).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("General"))).click();
            page.locator(".pane-head h1").getByText("General").waitFor();
            button(page, "Webhooks").click();
            Locator hooks = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(Pattern.compile("^Incoming webhooks: ")));
            hooks.getByLabel("Webhook name (the bot’s name)").fill("Bed Manager");
            button(hooks, "Create webhook").click();
            Locator url = hooks.getByLabel("Address of Bed Manager");
            url.waitFor();
            String address = url.inputValue();
            assertThat(address).contains("/api/v1/hooks/cwh_");
            assertThat(hooks.locator(".integ-curl").textContent()).contains(address);
            Axe.assertNoSeriousViolations(page, "incoming webhooks");
            shots(page, "integrations-webhook");
            button(hooks, "Close").click();

            String path = address.substring(address.indexOf("/api/v1/hooks/"));
            Api.Response posted = server.api.post(path, Map.of("text", "Bed 4 is *ready* for the next patient"), null);
            assertThat(posted.status()).as(posted.toString()).isLessThan(300);
            page.locator(".message").getByText("ready").first().waitFor();
        }
    }

    @Test
    void a_plain_member_does_not_see_integrations_in_settings() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "bob");
            openSettings(page);
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Signed-in devices")).waitFor();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Integrations")).count()).isZero();
            assertThat(page.locator("section.integrations").count()).isZero();
        }
    }

    private static Locator dialog(Page page, String name) {
        Locator d = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(name).setExact(true));
        d.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        return d;
    }

    private static void openSettings(Page page) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings")).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Settings").setLevel(1)).waitFor();
    }

    private static void section(Page page, String name) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^" + name))).click();
    }

    private static void shots(Page page, String name) {
        for (int[] size : SIZES) {
            page.setViewportSize(size[0], size[1]);
            shot(page, name + "-" + size[0] + ".png");
        }
        page.setViewportSize(SIZES[0][0], SIZES[0][1]);
    }
}
