package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.confer.testing.Eventually;
import org.junit.jupiter.api.Test;

/**
 * The admin pages in Chromium (docs/administration.md), as the demo organisation admin: a staff
 * list with mistakes is checked, its per-row errors shown, the fixed file imported; a leaver who
 * has Confer open is disabled and their app drops to the signed-out screen at once (their stream
 * closes); each page is axe-clean and photographed at 1280 and 390 px, as are the first-start
 * set-up page and the password page.
 */
class AdminPagesBrowserTest extends BrowserTest {

    private Page admin(BrowserContext context, String who, String hash) {
        Page page = signedIn(context, who);
        page.navigate(server.api.base() + "/admin#" + hash);
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Administration")).waitFor();
        return page;
    }

    @Test
    void an_organisation_admin_checks_a_csv_sees_each_bad_row_fixes_the_file_and_imports_it() {
        String t = UUID.randomUUID().toString().substring(0, 6);
        String bad = "email,displayName,jobTitle,department,role\n"
                + "ada." + t + "@northgate.nhs.uk,Ada Obi " + t + ",Staff Nurse,Ward 7,member\n"
                + "ben." + t + "@northgate,Ben Ross " + t + ",HCA,Ward 7,\n"
                + "alice@demo.confer.test,Alice Again,,,\n"
                + "cal." + t + "@northgate.nhs.uk,Cal Dee " + t + ",Matron,Ward 7,matron\n";
        String good = "email,displayName,jobTitle,department,role\n"
                + "ada." + t + "@northgate.nhs.uk,Ada Obi " + t + ",Staff Nurse,Ward 7,member\n"
                + "ben." + t + "@northgate.nhs.uk,Ben Ross " + t + ",HCA,Ward 7,\n"
                + "cal." + t + "@northgate.nhs.uk,Cal Dee " + t + ",Matron,Ward 7,org_admin\n";
        try (BrowserContext context = browser.newContext()) {
            Page page = admin(context, "priya", "people");
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("People")).waitFor();
            page.getByText("Alice Moreno").first().waitFor();
            Axe.assertNoSeriousViolations(page, "admin people");
            shot(page, "admin-people-1280.png");

            button(page, "Import from CSV").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("CSV file").setInputFiles(new FilePayload("staff.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)));
            dialog.getByText("3 problems in staff.csv: nothing has been imported").waitFor();
            Locator rows = dialog.getByRole(AriaRole.TABLE).getByRole(AriaRole.ROW);
            PlaywrightAssertions.assertThat(rows).hasCount(4);
            PlaywrightAssertions.assertThat(rows.nth(1)).containsText("3");
            PlaywrightAssertions.assertThat(rows.nth(1)).containsText("Not an email address");
            PlaywrightAssertions.assertThat(rows.nth(2)).containsText("Someone with this email already exists");
            PlaywrightAssertions.assertThat(rows.nth(3)).containsText("Unknown role 'matron'");
            PlaywrightAssertions.assertThat(button(dialog, "Import 4 people")).hasCount(0);
            Axe.assertNoSeriousViolations(page, "admin import errors");
            shot(page, "admin-import-errors-1280.png");
            assertThat(server.api.get("/api/v1/admin/users?q=" + t, server.login("priya")).json().get("items")).as("nothing written").isEmpty();

            dialog.getByLabel("CSV file").setInputFiles(new FilePayload("staff.csv", "text/csv", good.getBytes(StandardCharsets.UTF_8)));
            dialog.getByText("staff.csv: all 3 people are ready to import.").waitFor();
            button(dialog, "Import 3 people").click();
            dialog.getByText("Imported 3 people.").waitFor();
            button(dialog, "Close").click();
            button(page, "Manage Ben Ross " + t).waitFor();
            assertThat(server.api.get("/api/v1/admin/users?q=" + t, server.login("priya")).json().get("items")).hasSize(3);

            page.setViewportSize(390, 844);
            button(page, "Manage Ben Ross " + t).scrollIntoViewIfNeeded();
            Axe.assertNoSeriousViolations(page, "admin people at 390 px");
            shot(page, "admin-people-390.png");
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")).as("no sideways scroll").isTrue();
        }
    }

    @Test
    void disabling_a_leaver_who_has_confer_open_sends_their_app_to_the_signed_out_screen_at_once() {
        try (BrowserContext leaverContext = browser.newContext(); BrowserContext adminContext = browser.newContext()) {
            Page leaver = signedIn(leaverContext, "george");
            UUID george = UUID.fromString(server.api.get("/api/v1/me", server.login("george")).json().get("id").asText());
            Eventually.answer(java.time.Duration.ofSeconds(10), () -> server.app().stream().connectionsOf(george), n -> n > 0, "george's open streams");

            Page page = admin(adminContext, "priya", "people");
            page.getByLabel("Search by name or email").fill("george");
            button(page, "Manage Dr George Lin").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            Axe.assertNoSeriousViolations(page, "admin person dialog");
            shot(page, "admin-person-1280.png");
            button(dialog, "Issue password link").click();
            PlaywrightAssertions.assertThat(dialog.getByLabel("One-time password link")).hasValue(java.util.regex.Pattern.compile(".*/reset-password\\.html#token=.+"));
            button(dialog, "Disable account").click();
            Locator confirm = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Disable Dr George Lin?"));
            Axe.assertNoSeriousViolations(page, "admin disable confirmation");
            shot(page, "admin-disable-confirm-1280.png");
            button(confirm, "Disable account").click();
            dialog.getByText("Disabled: every session ended.").waitFor();

            leaver.getByText("Your session has ended").waitFor();
            Eventually.answer(java.time.Duration.ofSeconds(5), () -> server.app().stream().connectionsOf(george), n -> n == 0, "george's open streams");
            PlaywrightAssertions.assertThat(leaver.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
            button(dialog, "Enable account").click();
            dialog.getByText("Enabled: they can sign in again.").waitFor();
            page.setViewportSize(390, 844);
            Axe.assertNoSeriousViolations(page, "admin person dialog at 390 px");
            shot(page, "admin-person-390.png");
        }
    }

    @Test
    void the_teams_and_organisations_pages_and_the_public_forms_are_axe_clean_at_1280_and_390_px() {
        try (BrowserContext context = browser.newContext()) {
            String alice = server.login("alice");
            server.api.post("/api/v1/teams", java.util.Map.of("name", "Ward 7 huddle"), alice);
            Page page = admin(context, "admin", "teams");
            page.getByText("Ward 7 huddle").first().waitFor();
            check(page, "admin-teams");
            button(page, "Owners of Ward 7 huddle").first().click();
            button(page.getByRole(AriaRole.DIALOG), "Make member Alice Moreno").waitFor();
            Axe.assertNoSeriousViolations(page, "admin team owners");
            shot(page, "admin-team-owners-1280.png");
            button(page.getByRole(AriaRole.DIALOG), "Close").click();
            button(page, "Archive Ward 7 huddle").first().click();
            button(page.getByRole(AriaRole.DIALOG), "Archive team").click();
            page.getByText("Ward 7 huddle is archived.").waitFor();
            button(page, "Restore Ward 7 huddle").first().waitFor();

            page.navigate(server.api.base() + "/admin#organisations");
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Organisations")).waitFor();
            button(page, "Rename Riverside Community Health NHS Trust").waitFor();
            check(page, "admin-organisations");

            page.navigate(server.api.base() + "/setup.html");
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Set up Confer")).waitFor();
            check(page, "setup");
            page.navigate(server.api.base() + "/reset-password.html#token=made-up");
            page.getByLabel("New password").fill("a long enough passphrase");
            page.getByLabel("The same password again").fill("a long enough passphrase");
            button(page, "Set password").click();
            page.getByText("This link is unknown, already used or expired").waitFor();
            check(page, "reset-password");
        }
    }

    @Test
    void an_admin_allows_another_organisation_only_in_a_named_team_and_a_chat_outside_it_is_refused_with_the_reason() {
        String t = UUID.randomUUID().toString().substring(0, 6);
        String team = "Stroke MDT " + t;
        assertThat(server.api.post("/api/v1/teams", java.util.Map.of("name", team), server.login("alice")).status()).isEqualTo(201);
        String admin = server.login("admin");
        String westmoor = null;
        for (com.fasterxml.jackson.databind.JsonNode o : server.api.get("/api/v1/admin/organisations", admin).json().get("items")) {
            if (o.get("code").asText().equals("YDX")) {
                westmoor = o.get("id").asText();
            }
        }
        String registrar = "Westmoor Registrar " + t;
        assertThat(server.api.post("/api/v1/admin/users", java.util.Map.of("organisationId", westmoor, "email", "registrar-" + t + "@westmoor.test",
                "displayName", registrar), admin).status()).isEqualTo(201);
        try (BrowserContext adminContext = browser.newContext(); BrowserContext aliceContext = browser.newContext()) {
            Page page = admin(adminContext, "priya", "policies");
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Cross-organisation policy")).waitFor();
            button(page, "Change the policy towards Westmoor Pathology Partnership").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Only in named teams").check();
            dialog.getByLabel(team).check();
            dialog.getByText("nobody can start a chat").waitFor();
            Axe.assertNoSeriousViolations(page, "admin policy dialog");
            shot(page, "admin-policy-dialog-1280.png");
            button(dialog, "Save policy").click();
            page.getByText("Policy towards Westmoor Pathology Partnership saved.").waitFor();
            Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Westmoor Pathology Partnership"));
            PlaywrightAssertions.assertThat(row).containsText("Only in named teams: " + team);
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Conflicts")).waitFor();
            check(page, "admin-policies");
            page.setViewportSize(768, 1024);
            Axe.assertNoSeriousViolations(page, "admin policies at 768 px");
            shot(page, "admin-policies-768.png");
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")).as("no sideways scroll at 768").isTrue();

            Page alice = signedIn(aliceContext, "alice");
            button(alice, "New chat").click();
            Locator newChat = alice.getByRole(AriaRole.DIALOG);
            newChat.getByLabel("Search people").fill(registrar);
            button(newChat, java.util.regex.Pattern.compile(registrar)).click();
            button(newChat, "Start chat").click();
            newChat.getByText("Northgate Teaching Hospitals NHS Foundation Trust allows people of Westmoor Pathology Partnership only in the teams it has named for them").waitFor();
            shot(alice, "policy-chat-refused-1280.png");
        } finally {
            java.util.Map<String, String> headers = org.confer.testing.Api.auth(admin);
            headers.put("Content-Type", "application/json");
            String rdm = server.api.get("/api/v1/me", admin).json().get("organisation").get("id").asText();
            java.util.Map<String, Object> back = new java.util.HashMap<>();
            back.put("otherOrganisationId", westmoor);
            back.put("mode", "default");
            assertThat(server.api.send("PUT", "/api/v1/admin/organisations/" + rdm + "/policy", org.confer.testing.Api.json(back), headers)
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void admins_find_administration_at_the_top_of_the_app_and_in_settings_on_a_phone_or_tablet() {
        try (BrowserContext phone = browser.newDeviceContext(390, 844)) {
            Page page = signedIn(phone, "priya");
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")).as("no sideways scroll").isTrue();
            shot(page, "app-top-bar-admin-390.png");
            page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings")).click();
            Locator link = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open the admin pages"));
            link.scrollIntoViewIfNeeded();
            shot(page, "app-settings-administration-390.png");
            page.setViewportSize(768, 1024);
            PlaywrightAssertions.assertThat(link).isVisible();
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")).as("no sideways scroll at 768").isTrue();
            page.setViewportSize(1280, 800);
            Locator topBarLink = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Administration").setExact(true));
            shot(page, "app-top-bar-admin-1280.png");
            topBarLink.click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("People")).waitFor();
        }
    }

    @Test
    void an_organisation_admin_makes_a_scim_token_copies_its_secret_once_and_revokes_it() {
        try (BrowserContext context = browser.newContext()) {
            Page page = admin(context, "priya", "provisioning");
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Provisioning")).waitFor();
            page.getByLabel("Name of the new token").fill("Entra ID");
            button(page, "Create token").click();
            Locator secret = page.getByLabel("Token “Entra ID”");
            PlaywrightAssertions.assertThat(secret).hasValue(java.util.regex.Pattern.compile("cs_.+"));
            String token = secret.inputValue();
            java.util.Map<String, String> bearer = org.confer.testing.Api.auth(token);
            assertThat(server.api.send("GET", "/scim/v2/Users?count=1", null, bearer).status()).isEqualTo(200);
            page.setViewportSize(768, 1024);
            Axe.assertNoSeriousViolations(page, "admin provisioning at 768 px");
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")).as("no sideways scroll at 768").isTrue();
            check(page, "admin-provisioning");

            button(page, "Revoke Entra ID").click();
            button(page.getByRole(AriaRole.DIALOG), "Revoke token").click();
            page.getByText("Token “Entra ID” revoked.").waitFor();
            PlaywrightAssertions.assertThat(page.getByLabel("Token “Entra ID”")).hasCount(0);
            assertThat(server.api.send("GET", "/scim/v2/Users?count=1", null, bearer).status()).isEqualTo(401);
        }
    }

    /** axe at 1280 and 390 px, a screenshot of each, and no sideways scrolling on the phone. */
    private static void check(Page page, String name) {
        page.setViewportSize(1280, 800);
        Axe.assertNoSeriousViolations(page, name + " at 1280 px");
        shot(page, name + "-1280.png");
        page.setViewportSize(390, 844);
        Axe.assertNoSeriousViolations(page, name + " at 390 px");
        shot(page, name + "-390.png");
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")).as(name + ": no sideways scroll").isTrue();
        page.setViewportSize(1280, 800);
    }
}
