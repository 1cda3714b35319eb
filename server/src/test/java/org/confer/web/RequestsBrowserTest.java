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
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * Service requests in the web client (issue 14, docs/bots-and-results.md "Service requests"):
 * Dr Bob Adeyemi files a Ward bloods request (the demo data already has a Phlebotomy service) from
 * the New request form (a mistyped NHS number is caught before it is sent); Fatima Hussain, in the
 * ward bloods team, sees it in her queue, claims,
 * starts and completes it; Bob's "My requests" shows "Claimed" and then "Done" without a reload.
 * Screenshots of the form, the queue and the list at 1280, 768 and 390 px; axe on each.
 */
class RequestsBrowserTest extends BrowserTest {
    private static final int[][] SIZES = {{1280, 800}, {768, 1024}, {390, 844}};
    private static final String DETAILS = "Fasting bloods: U&E, FBC before the ward round";

    @Test
    void a_clinician_files_a_request_from_the_form_and_sees_it_claimed_then_done_live_as_a_team_member_works_the_queue() {
        String priya = server.login("priya");
        String fatimaId = server.api.get("/api/v1/me", server.login("fatima")).json().get("id").asText();
        String priyaId = server.api.get("/api/v1/me", priya).json().get("id").asText();
        // The ward bloods team (Priya owns it, Fatima works in it); its General channel is the queue.
        Api.Response team = server.api.post("/api/v1/teams", Map.of("name", "Ward bloods"), priya);
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        String teamId = team.json().get("id").asText();
        Api.Response added = server.api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", fatimaId, "role", "member"), priya);
        assertThat(added.status()).as(added.toString()).isLessThan(300);
        String queueId = server.api.get("/api/v1/teams/" + teamId + "/channels", priya).json().at("/items/0/id").asText();
        Api.Response service = server.api.post("/api/v1/request-services", Map.of(
                "slug", "ward-bloods", "name", "Ward bloods", "teamId", teamId, "queueConversationId", queueId, "leadId", priyaId,
                "askNhsNumber", true,
                "fields", List.of(Map.of("name", "tubes", "label", "Tubes", "type", "choice", "required", true, "choices", List.of("1", "2", "3"))),
                "targets", Map.of("routine", 240, "urgent", 60, "emergency", 15)), priya);
        assertThat(service.status()).as(service.toString()).isEqualTo(201);

        try (BrowserContext bobContext = browser.newContext(); BrowserContext fatimaContext = browser.newContext()) {
            Page fatima = signedIn(fatimaContext, "fatima");
            openRequests(fatima);
            button(fatima, "Queues").click();
            // Her queues: the demo Phlebotomy service's and this one's (service name, then team name).
            Locator queue = fatima.getByLabel("Ward bloods (Ward bloods)");
            queue.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Open (0)")).waitFor();

            Page bob = signedIn(bobContext, "bob");
            openRequests(bob);
            button(bob, "New request").click();
            Locator form = bob.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("New request"));
            form.getByLabel("Service").selectOption(service.json().get("id").asText());
            form.getByLabel("Urgent").check();
            form.getByLabel("Location").fill("Ward 7, bed 12");
            form.getByLabel("Patient’s NHS number").fill("943 476 5918");
            form.getByLabel("Tubes").selectOption("2");
            form.getByLabel("Details").fill(DETAILS);
            button(form, "Send request").click();
            assertThat(form.locator("#req-nhsNumber-error").textContent()).isEqualTo("This is not a valid NHS number: check the digits.");
            assertThat(form.getByLabel("Patient’s NHS number").getAttribute("aria-invalid")).isEqualTo("true");
            Axe.assertNoSeriousViolations(bob, "the New request form");
            shots(bob, "requests-form");
            form.getByLabel("Patient’s NHS number").fill("943 476 5919");
            button(form, "Send request").click();
            form.waitFor(new Locator.WaitForOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));

            Locator bobRow = bob.locator(".request-row").filter(new Locator.FilterOptions().setHasText(DETAILS));
            bobRow.locator(".status-chip").getByText("Open").waitFor();
            assertThat(bobRow.textContent()).contains("Urgent").contains("Ward 7, bed 12").contains("Due ");

            // Fatima's queue: the request appears (the queue channel's card reloads it), she claims it.
            Locator fatimaRow = fatima.locator(".queue .request-row").filter(new Locator.FilterOptions().setHasText(DETAILS));
            fatimaRow.waitFor();
            fatimaRow.getByText("from Dr Bob Adeyemi").waitFor(); // the name is looked up as the row appears
            Axe.assertNoSeriousViolations(fatima, "the queue");
            shots(fatima, "requests-queue");
            button(fatimaRow, "Claim").click();
            queue.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Claimed (1)")).waitFor();

            // Bob sees it claimed, live, and who has it.
            bobRow.locator(".status-chip").getByText("Claimed").waitFor();
            bobRow.getByText("with Fatima Hussain").waitFor();
            shots(bob, "requests-mine-claimed");

            button(fatimaRow, "Start").click();
            queue.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("In progress (1)")).waitFor();
            bobRow.locator(".status-chip").getByText("In progress").waitFor();
            button(fatimaRow, "Done").click();
            fatimaRow.waitFor(new Locator.WaitForOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));

            // Done, live; its history names each step.
            bobRow.locator(".status-chip").getByText("Done").waitFor();
            button(bobRow, Pattern.compile("^#\\d+ Ward bloods$")).click();
            Locator detail = bob.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(Pattern.compile("^Request #\\d+: Ward bloods$")));
            detail.locator(".request-history li").nth(2).waitFor();
            assertThat(detail.textContent()).contains("943 476 5919").contains("Fatima Hussain");
            Axe.assertNoSeriousViolations(bob, "a request's details");
            shot(bob, "requests-detail-1280.png");
            assertThat(detail.locator(".request-history li").allTextContents())
                    .as("the history, oldest first").satisfiesExactly(
                            s -> assertThat(s).contains("Filed by You"),
                            s -> assertThat(s).contains("Claimed by Fatima Hussain"),
                            s -> assertThat(s).contains("Started by Fatima Hussain"),
                            s -> assertThat(s).contains("Done by Fatima Hussain"));
            button(detail, "Close").click();
            // The Requests bot's direct messages popped up as toasts; put them away for the pictures.
            Locator dismiss = bob.locator(".toast-close");
            while (dismiss.count() > 0) {
                dismiss.first().click();
            }
            Axe.assertNoSeriousViolations(bob, "My requests");
            shots(bob, "requests-mine-done");
        }
    }

    private static void openRequests(Page page) {
        page.locator(".rail a[href='#requests']").click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Requests").setExact(true)).waitFor();
    }

    private static void shots(Page page, String name) {
        for (int[] size : SIZES) {
            page.setViewportSize(size[0], size[1]);
            shot(page, name + "-" + size[0] + ".png");
        }
        page.setViewportSize(SIZES[0][0], SIZES[0][1]);
    }
}
