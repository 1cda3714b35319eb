package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * The Retention section (docs/retention.md): an organisation admin sets a policy through a
 * confirmation that says what the next run deletes, places a legal hold, and the page is
 * axe-clean at 1280 and 768 px without sideways scrolling.
 */
class RetentionPageBrowserTest extends BrowserTest {

    @Test
    void an_organisation_admin_confirms_a_policy_that_states_what_goes_places_a_hold_and_the_page_is_accessible_at_1280_and_768_px() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "priya");
            String me = server.api.get("/api/v1/me", server.login("priya")).json().get("id").asText();
            page.setViewportSize(1280, 900);
            page.navigate(server.api.base() + "/admin#retention");
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Retention").setExact(true)).waitFor();
            page.getByText("No policy: every message and file is kept.").waitFor();

            page.getByLabel("Delete messages and files").check();
            page.getByLabel("Older than (days, at least 30)").fill("7");
            page.getByText("At least 30 days").waitFor();
            page.getByLabel("Older than (days, at least 30)").fill("90");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review and save")).click();
            page.getByText("The next run will permanently delete").waitFor();
            Axe.assertNoSeriousViolations(page, "the retention confirmation at 1280 px");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete after 90 days")).click();
            page.getByText("Messages older than 90 days are deleted").waitFor();

            page.getByLabel("Find a person by name or email").first().fill("Priya");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Choose Priya Shah (priya@demo.confer.test)")).click();
            assertThat(page.getByLabel("Person id").first().inputValue()).isEqualTo(me);
            page.getByLabel("Reason").fill("Complaint <b>C-88</b>");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place hold")).click();
            page.getByText("Complaint <b>C-88</b>").waitFor();
            Axe.assertNoSeriousViolations(page, "the retention page at 1280 px");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("admin-retention-1280.png")).setFullPage(true));

            page.setViewportSize(768, 1024);
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            Axe.assertNoSeriousViolations(page, "the retention page at 768 px");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("admin-retention-768.png")).setFullPage(true));
        }
    }
}
