package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * In real Chromium: the web client served at / lets a demo user sign in with the HttpOnly
 * session cookie (the token never reaches page script), and shows a wrong password inline.
 * (H2 only: the page does not depend on the database.) Screenshots: server/target/screenshots.
 */
class SignInPageTest extends BrowserTest {

    @Test
    void a_demo_user_signs_in_through_the_page_and_holds_a_cookie_session() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(server.api.base() + "/");
            page.getByLabel("Email").fill("alice@demo.confer.test");
            page.getByLabel("Password").fill(TestServer.DEMO_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("signed-in.png")).setFullPage(true));

            var session = context.cookies().stream().filter(c -> c.name.equals("confer_session")).findFirst().orElseThrow();
            assertThat(session.httpOnly).isTrue();
            Object status = page.evaluate("async () => (await fetch('/api/v1/me')).status");
            assertThat(((Number) status).intValue()).isEqualTo(200);
            assertThat(page.content()).doesNotContain(TestServer.DEMO_PASSWORD).contains("Alice Moreno");
            Object stored = page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
            assertThat(stored.toString()).doesNotContain(session.value);
        }
    }

    @Test
    void a_wrong_password_is_shown_inline_and_signs_nobody_in() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(server.api.base() + "/");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("sign-in.png")));
            page.getByLabel("Email").fill("bob@demo.confer.test");
            page.getByLabel("Password").fill("definitely not it");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.getByRole(AriaRole.ALERT).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("do not match an account"))
                    .waitFor();
            assertThat(context.cookies()).noneMatch(c -> c.name.equals("confer_session"));
        }
    }
}
