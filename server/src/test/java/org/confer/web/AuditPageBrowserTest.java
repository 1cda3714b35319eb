package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/** The audit log page (docs/audit.md): the demo platform admin sees records, verifies the chain; axe-clean wide and on a phone. */
class AuditPageBrowserTest extends BrowserTest {

    @Test
    void the_platform_admin_sees_their_own_sign_in_verifies_the_chain_and_the_page_is_accessible_at_1280_768_and_390_px() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedIn(context, "admin");
            page.setViewportSize(1280, 900);
            page.navigate(server.api.base() + "/admin#audit");
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Audit log")).waitFor();
            // The sign-in through the form a moment ago is the newest record.
            page.locator(".audit-table code", new Page.LocatorOptions().setHasText("auth.signed_in")).first().waitFor();
            assertThat(page.locator(".audit-table tbody tr").count()).isPositive();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Export CSV")).getAttribute("href"))
                    .startsWith("/api/v1/admin/audit/export?").contains("format=csv");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify chain")).click();
            page.getByText("The chain verifies").waitFor();
            Axe.assertNoSeriousViolations(page, "the audit page at 1280 px, chain verified");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("admin-audit-1280.png")).setFullPage(true));

            page.setViewportSize(768, 1024);
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isTrue();

            // Filter: only sign-ins; the form keeps working on a phone, one card per record and no sideways scrolling.
            page.setViewportSize(390, 844);
            page.getByLabel("Action (or its start)").fill("auth.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            page.locator(".audit-table code", new Page.LocatorOptions().setHasText("auth.signed_in")).first().waitFor();
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            Axe.assertNoSeriousViolations(page, "the audit page at 390 px");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("admin-audit-390.png")).setFullPage(true));
        }
    }
}
