package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settings page (issue 12, item 8) in real Chromium: a theme changes the page's colours,
 * survives a reload and reaches the person's other page at once; muting a conversation from its
 * header shows on every device, stops its ordinary desktop notifications (urgent ones still
 * come) and can be undone from Settings; "Sign out other devices" and a single device's
 * "Sign out" end those pages' sessions; the time format changes the times shown; and the page is
 * axe-clean in each theme at 1280 and 390 px.
 */
class SettingsPageTest extends BrowserTest {
    private static final String PREFS = "/api/v1/me/preferences";
    private ChatFixtures fx;
    private Person alice;
    private Person bob;
    private String direct;

    @BeforeAll
    void aliceAndBobHaveADirectChat() {
        fx = new ChatFixtures(server);
        alice = fx.demo("alice");
        bob = fx.demo("bob");
        direct = fx.direct(alice, bob);
        assertThat(fx.post(bob, direct, "Morning, bed 4 is stable").status()).isEqualTo(201);
    }

    @BeforeEach
    void defaultSettings() {
        Api.Response r = server.api.patch(PREFS, Map.of("theme", "system", "timeFormat", "24h", "mutedConversations", List.of(),
                "desktopNotifications", true), alice.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private Page aliceIn(BrowserContext context) {
        Page page = signedIn(context, "alice");
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        return page;
    }

    private static void openSettings(Page page) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings")).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Settings").setLevel(1)).waitFor();
    }

    private static Locator exactLabel(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private static void waitForTheme(Page page, String theme) {
        page.waitForFunction("t => document.documentElement.dataset.theme === t", theme);
    }

    private static String background(Page page) {
        return (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
    }

    private static String paneBackground(Page page) {
        return (String) page.evaluate("() => getComputedStyle(document.querySelector('.settings-card, .message-pane')).backgroundColor");
    }

    private void openDirectWithBob(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Dr Bob Adeyemi"))).first().click();
        page.locator("ol.message-list").getByText("bed 4 is stable").waitFor();
    }

    @Test
    void a_theme_changes_the_colours_survives_a_reload_and_reaches_the_persons_other_page() {
        try (BrowserContext one = browser.newContext(); BrowserContext two = browser.newContext()) {
            Page page = aliceIn(one);
            Page other = aliceIn(two);
            waitForTheme(page, "light");
            assertThat(background(page)).isEqualTo("rgb(243, 245, 246)");

            openSettings(page);
            exactLabel(page, "Dark").check();
            waitForTheme(page, "dark");
            assertThat(background(page)).isEqualTo("rgb(14, 18, 21)");
            assertThat(paneBackground(page)).isEqualTo("rgb(22, 27, 32)");
            // The other page of the same person follows at once (preferences.changed), without a reload.
            waitForTheme(other, "dark");
            assertThat(background(other)).isEqualTo("rgb(14, 18, 21)");

            page.reload();
            button(page, "Sign out").waitFor();
            waitForTheme(page, "dark");
            PlaywrightAssertions.assertThat(exactLabel(page, "Dark")).isChecked();

            exactLabel(page, "High contrast").check();
            waitForTheme(page, "contrast");
            assertThat(background(page)).isEqualTo("rgb(0, 0, 0)");
            assertThat((String) page.evaluate("() => getComputedStyle(document.body).color")).isEqualTo("rgb(255, 255, 255)");
            waitForTheme(other, "contrast");

            // "Same as this device" follows the device's scheme, and its changes.
            page.getByLabel(Pattern.compile("^Same as this device")).check();
            waitForTheme(page, "light");
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
            waitForTheme(page, "dark");
            assertThat(server.api.get(PREFS, alice.token()).json().get("theme").asText()).isEqualTo("system");
        }
    }

    @Test
    void the_settings_page_is_axe_clean_in_each_theme_at_1280_and_390_px() {
        try (BrowserContext context = browser.newContext()) {
            Page page = aliceIn(context);
            openDirectWithBob(page);
            for (String[] theme : new String[][] {{"light", "Light"}, {"dark", "Dark"}, {"contrast", "High contrast"}}) {
                openSettings(page);
                exactLabel(page, theme[1]).check();
                waitForTheme(page, theme[0]);
                page.getByText("This device", new Page.GetByTextOptions().setExact(true)).waitFor();
                page.setViewportSize(1280, 800);
                Axe.assertNoSeriousViolations(page, "the settings page in the " + theme[0] + " theme");
                shot(page, "settings-" + theme[0] + "-1280.png");
                page.locator(".settings-page").evaluate("el => { el.scrollTop = el.scrollHeight; }");
                shot(page, "settings-" + theme[0] + "-1280-devices.png");
                page.setViewportSize(390, 844);
                Axe.assertNoSeriousViolations(page, "the settings page in the " + theme[0] + " theme at 390 px");
                shot(page, "settings-" + theme[0] + "-390.png");
                page.setViewportSize(1280, 800);
                // The conversation itself in the same theme.
                button(page, "Close settings").click();
                page.locator("ol.message-list").getByText("bed 4 is stable").waitFor();
                Axe.assertNoSeriousViolations(page, "a direct chat in the " + theme[0] + " theme");
                shot(page, "settings-chat-" + theme[0] + "-1280.png");
            }
        }
    }

    @Test
    void a_muted_conversation_shows_muted_everywhere_stops_ordinary_notifications_but_not_urgent_ones() {
        try (BrowserContext one = browser.newContext(); BrowserContext two = browser.newContext()) {
            two.grantPermissions(List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(server.api.base()));
            // Desktop notifications are recorded instead of shown.
            two.addInitScript("""
                    window.__notes = [];
                    window.Notification = class { static permission = 'granted';
                      static requestPermission() { return Promise.resolve('granted'); }
                      constructor(title, options) { window.__notes.push(title + ' | ' + (options && options.body)); }
                      close() {} };
                    """);
            Page page = aliceIn(one);
            Page other = aliceIn(two);
            openDirectWithBob(page);
            Locator muteControl = page.locator(".conversation-head .mute-control");
            Locator mute = muteControl.getByRole(AriaRole.BUTTON);
            PlaywrightAssertions.assertThat(mute).hasText("Mute");
            PlaywrightAssertions.assertThat(muteControl.getByText("Muted", new Locator.GetByTextOptions().setExact(true))).hasCount(0);

            // Not muted: a message from Bob notifies Alice's other page (no conversation open there).
            assertThat(fx.post(bob, direct, "First: are the bloods back?").status()).isEqualTo(201);
            other.waitForFunction("() => window.__notes.some(n => n.includes('are the bloods back'))");

            mute.click();
            PlaywrightAssertions.assertThat(mute).hasText("Unmute");
            muteControl.getByText("Muted", new Locator.GetByTextOptions().setExact(true)).waitFor();
            // The other page lists it as muted at once (preferences.changed), without a reload.
            openSettings(other);
            Locator unmute = button(other, "Unmute Dr Bob Adeyemi");
            unmute.waitFor();
            shot(other, "settings-muted-list.png");

            // Muted: an ordinary message does not notify, an urgent one does (and comes after it).
            assertThat(fx.post(bob, direct, "Second: routine, no rush").status()).isEqualTo(201);
            Api.Response urgent = server.api.post("/api/v1/conversations/" + direct + "/messages",
                    Map.of("text", "Third: K+ 6.9, please review now", "urgent", true, "clientMsgId", UUID.randomUUID().toString()),
                    bob.token());
            assertThat(urgent.status()).as(urgent.toString()).isEqualTo(201);
            other.waitForFunction("() => window.__notes.some(n => n.includes('K+ 6.9'))");
            @SuppressWarnings("unchecked")
            List<String> notes = (List<String>) other.evaluate("() => window.__notes");
            assertThat(notes).noneMatch(n -> n.contains("routine, no rush"));
            // It came over both of Alice's pages (UrgentAlertTest): acknowledged on one, it leaves the other too.
            other.getByRole(AriaRole.ALERTDIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERTDIALOG)).hasCount(0);
            PlaywrightAssertions.assertThat(other.getByRole(AriaRole.ALERTDIALOG)).hasCount(0);

            // Unmuted from Settings on one page: the header on the other shows it at once.
            unmute.click();
            PlaywrightAssertions.assertThat(mute).hasText("Mute");
            other.getByText(Pattern.compile("^None\\. Mute a conversation")).waitFor();
            button(other, "Close settings").click();
            openDirectWithBob(other);
            Locator otherMute = other.locator(".conversation-head .mute-control");
            PlaywrightAssertions.assertThat(otherMute.getByRole(AriaRole.BUTTON)).hasText("Mute");
            mute.click();
            // Live on the other page: the muted mark appears in its header.
            otherMute.getByText("Muted", new Locator.GetByTextOptions().setExact(true)).waitFor();
            PlaywrightAssertions.assertThat(otherMute.getByRole(AriaRole.BUTTON)).hasText("Unmute");
            shot(other, "settings-muted-header.png");
        }
    }

    @Test
    void the_time_format_changes_the_times_shown_on_messages() {
        try (BrowserContext context = browser.newContext()) {
            Page page = aliceIn(context);
            openDirectWithBob(page);
            Locator time = page.locator("ol.message-list time").first();
            PlaywrightAssertions.assertThat(time).hasText(Pattern.compile("^\\d{2}:\\d{2}$"));
            openSettings(page);
            page.getByLabel(Pattern.compile("^12-hour")).check();
            button(page, "Close settings").click();
            PlaywrightAssertions.assertThat(time).hasText(Pattern.compile("^\\d{1,2}:\\d{2}\\s?(am|pm)$"));
        }
    }

    /** How many of the pages show the sign-in form, once at least one does (or the deadline passes). */
    private static int signedOutWithin(long millis, Page... pages) {
        long deadline = System.currentTimeMillis() + millis;
        int count = 0;
        while (System.currentTimeMillis() < deadline) {
            count = 0;
            for (Page p : pages) {
                count += p.getByLabel("Email").isVisible() ? 1 : 0;
            }
            if (count > 0) {
                // Give a wrongly ended second page the same chance to show itself.
                pages[0].waitForTimeout(1000);
                count = 0;
                for (Page p : pages) {
                    count += p.getByLabel("Email").isVisible() ? 1 : 0;
                }
                return count;
            }
            pages[0].waitForTimeout(100);
        }
        return count;
    }

    @Test
    void signing_out_other_devices_ends_their_sessions_and_keeps_this_one() {
        // Chloe, so that the other tests' API sessions of Alice stay valid.
        try (BrowserContext one = browser.newContext(); BrowserContext two = browser.newContext();
                BrowserContext three = browser.newContext()) {
            Page page = signedIn(one, "chloe");
            Page second = signedIn(two, "chloe");
            Page third = signedIn(three, "chloe");
            openSettings(page);
            Locator sessions = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Signed-in devices"));
            PlaywrightAssertions.assertThat(sessions.getByRole(AriaRole.LISTITEM)).hasCount(3);
            PlaywrightAssertions.assertThat(sessions.getByText("This device", new Locator.GetByTextOptions().setExact(true))).hasCount(1);

            // One device: the first "Sign out" in the list (this device is listed first, without one).
            button(sessions, Pattern.compile("^Sign out Chrome")).first().click();
            page.getByText(Pattern.compile("^Signed out Chrome")).waitFor();
            PlaywrightAssertions.assertThat(sessions.getByRole(AriaRole.LISTITEM)).hasCount(2);
            assertThat(signedOutWithin(10_000, second, third)).as("pages sent to sign-in").isEqualTo(1);

            button(page, "Sign out other devices").click();
            page.getByText("Signed out 1 other device.").waitFor();
            second.getByText("Your session has ended").waitFor();
            third.getByText("Your session has ended").waitFor();
            PlaywrightAssertions.assertThat(sessions.getByRole(AriaRole.LISTITEM)).hasCount(1);
            PlaywrightAssertions.assertThat(button(page, "Sign out other devices")).isDisabled();
            // This page is still signed in and live.
            button(page, "Close settings").click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chat")).waitFor();
            assertThat(button(page, "Sign out").isVisible()).isTrue();
        }
    }
}
