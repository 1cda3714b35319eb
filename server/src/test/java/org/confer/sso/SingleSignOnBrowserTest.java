package org.confer.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Sign in with your organisation" in Chromium against a real OpenID provider on loopback
 * (mock-oauth2-server, which signs in at once without a login page), and the admins' single
 * sign-on page at desktop, tablet and phone widths (docs/single-sign-on.md).
 */
class SingleSignOnBrowserTest extends BrowserTest {
    private MockOAuth2Server provider;
    private String base;
    private String rdm;

    @BeforeAll
    void provider() {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getLoopbackAddress(), 0);
        SsoBrowserHops.warmUp(provider, "trust");
        // The redirect URI Confer registers is its public address (localhost): the browser uses the same
        // host, so the flow's cookie set at start comes back at the callback.
        base = "http://localhost:" + server.app().port();
        String admin = server.login("admin");
        for (var o : server.api.get("/api/v1/admin/organisations", admin).json().get("items")) {
            if (o.get("code").asText().equals("RDM")) {
                rdm = o.get("id").asText();
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("issuer", provider.issuerUrl("trust").toString());
        s.put("clientId", "confer");
        s.put("clientSecret", "browser-test-secret");
        s.put("domains", List.of("demo.confer.test"));
        s.put("justInTimeProvisioning", true);
        Map<String, String> headers = Api.auth(admin);
        headers.put("Content-Type", "application/json");
        assertThat(server.api.send("PUT", "/api/v1/admin/organisations/" + rdm + "/sso", Api.json(s), headers).status()).isEqualTo(200);
    }

    @AfterAll
    void stopProvider() {
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void a_new_member_of_staff_signs_in_with_their_organisation_and_lands_in_the_app() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("trust", "sub-1", "JWT", null,
                Map.of("email", "olivia.owusu@demo.confer.test", "name", "Olivia Owusu"), 600));
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "/");
            page.getByLabel("Your organisation", new Page.GetByLabelOptions().setExact(true)).fill("olivia.owusu@demo.confer.test");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue with your organisation")).click();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
            assertThat(page.url()).isEqualTo(base + "/");
            assertThat(server.api.send("GET", "/api/v1/me", null, Map.of("Cookie", context.cookies().stream()
                    .filter(c -> c.name.equals("confer_session")).map(c -> "confer_session=" + c.value).findFirst().orElseThrow()))
                    .json().get("displayName").asText()).isEqualTo("Olivia Owusu");
        }
    }

    @Test
    void a_refusal_is_shown_on_the_sign_in_page_in_plain_words() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "/#sso-error=account-disabled");
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("Your Confer account is disabled")
                    .contains("account-disabled");
            assertThat(page.url()).as("the code leaves the address bar").isEqualTo(base + "/");
            Axe.assertNoSeriousViolations(page, "the sign-in page with a single sign-on refusal");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("sso-sign-in-refused.png")).setFullPage(true));
        }
    }

    @Test
    void an_admin_edits_the_settings_and_the_secret_is_never_shown_at_every_width() {
        for (int[] size : new int[][] {{1280, 800}, {768, 1024}, {390, 844}}) {
            try (BrowserContext context = size[0] == 1280 ? browser.newContext() : browser.newDeviceContext(size[0], size[1])) {
                Page page = signedIn(context, "priya");
                page.navigate(server.api.base() + "/admin#sign-in");
                page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Single sign-on")).waitFor();
                page.getByLabel("Issuer URL").waitFor();
                assertThat(page.getByLabel("Client secret").inputValue()).isEmpty();
                assertThat(page.content()).doesNotContain("browser-test-secret");
                assertThat(page.getByText("A secret is set").isVisible()).isTrue();
                assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("no sideways scrolling at " + size[0] + " px").isTrue();
                Axe.assertNoSeriousViolations(page, "the single sign-on page at " + size[0] + " px");
                page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("sso-admin-" + size[0] + ".png"))
                        .setFullPage(true));

                if (size[0] == 390) {
                    page.getByLabel("Job title claim").fill("jobTitle");
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
                    page.getByText("Saved.").waitFor();
                    assertThat(server.api.get("/api/v1/admin/organisations/" + rdm + "/sso", server.login("admin")).json()
                            .get("jobTitleClaim").asText()).isEqualTo("jobTitle");
                    page.getByLabel("Issuer URL").fill("not a url");
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
                    assertThat(page.locator("#sso-issuer-error").textContent()).contains("issuer");
                    assertThat(page.getByLabel("Issuer URL").getAttribute("aria-invalid")).isEqualTo("true");
                }
            }
        }
    }

    @Test
    void at_768_px_an_admin_switches_to_private_key_jwt_sees_the_key_set_address_and_rotates_the_key() {
        String admin = server.login("admin");
        try (BrowserContext context = browser.newDeviceContext(768, 1024)) {
            Page page = signedIn(context, "priya");
            page.navigate(server.api.base() + "/admin#sign-in");
            page.getByLabel("How Confer authenticates at the token endpoint").selectOption("private_key_jwt");
            assertThat(page.getByLabel("Client secret").count()).as("no secret with private_key_jwt").isZero();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Client keys (private_key_jwt)")).waitFor();
            assertThat(page.getByText("/api/v1/sso/" + rdm + "/jwks.json").isVisible()).isTrue();
            assertThat(page.getByText("Signs now").isVisible()).isTrue();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rotate: publish a next key")).click();
            page.getByText("Published, not signing yet").waitFor();
            assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling at 768 px").isTrue();
            Axe.assertNoSeriousViolations(page, "the single sign-on keys at 768 px");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("sso-keys-768.png")).setFullPage(true));
            page.locator(".sso-key-next").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(
                    java.util.regex.Pattern.compile("^Use for signing"))).click();
            page.getByText("Confer signs with this key from now on.").waitFor();
            assertThat(server.api.get("/api/v1/admin/organisations/" + rdm + "/sso", admin).json().get("clientKeys"))
                    .extracting(k -> k.get("state").asText()).containsExactlyInAnyOrder("retired", "active");
        } finally {
            Map<String, String> headers = Api.auth(admin);
            headers.put("Content-Type", "application/json");
            server.api.send("PUT", "/api/v1/admin/organisations/" + rdm + "/sso", Api.json(Map.of("issuer", provider.issuerUrl("trust").toString(),
                    "clientId", "confer", "domains", List.of("demo.confer.test"), "justInTimeProvisioning", true)), headers);
        }
    }
}
