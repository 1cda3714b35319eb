package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * The ward view of virtual visits (issue 15, docs/virtual-visits.md "The ward view"): a relative
 * books a visit on the public API (the fixture); Fatima Hussain, a nurse in the ward's team, sees
 * it under Today (or Tomorrow, late in the evening) with its patient, bed and reference, finds
 * Attended disabled with the reason said beside it, emails the visitor, cancels a second visit
 * of the same slot (a reason is required), and — once the first visit has
 * started (the server's clock and the page's moved on together) — marks it attended. Priya Shah,
 * the team's owner, changes the weekly hours in Settings. Screenshots at 1280, 768 and 390 px;
 * axe on each screen.
 */
class WardVisitsBrowserTest extends BrowserTest {
    private static final int[][] SIZES = {{1280, 800}, {768, 1024}, {390, 844}};
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String SLUG = "ward-7-browser";

    @Override
    protected Map<String, String> settings() {
        // The booking challenge's work is the page's business; the fixture books at once.
        return Map.of("CONFER_VISITS_POW_BITS", "4");
    }

    @Test
    void a_nurse_sees_a_booked_visit_emails_the_visitor_marks_it_attended_after_it_starts_and_a_manager_changes_the_hours() {
        String priya = server.login("priya");
        String fatimaId = server.api.get("/api/v1/me", server.login("fatima")).json().get("id").asText();
        // The ward: Priya's team, Fatima in it; the booking notices go to its General channel.
        Api.Response team = server.api.post("/api/v1/teams", Map.of("name", "Ward 7 browser"), priya);
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        String teamId = team.json().get("id").asText();
        Api.Response added = server.api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", fatimaId, "role", "member"), priya);
        assertThat(added.status()).as(added.toString()).isLessThan(300);
        String channelId = server.api.get("/api/v1/teams/" + teamId + "/channels", priya).json().at("/items/0/id").asText();
        // Open all day, every day, so there is always a slot soon: 30-minute visits from 00:00.
        List<Map<String, Object>> hours = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            hours.add(Map.of("weekday", day, "opens", "00:00", "closes", "23:59"));
        }
        Map<String, Object> body = new HashMap<>();
        body.putAll(Map.of("teamId", teamId, "channelId", channelId, "slug", SLUG, "name", "Ward 7 browser visits", "published", true,
                "durationMinutes", 30, "bufferMinutes", 0, "placesPerSlot", 2, "bookAheadDays", 2, "minNoticeMinutes", 0));
        body.put("hours", hours);
        body.put("fields", List.of(Map.of("name", "bed", "label", "Bed", "required", true)));
        Api.Response calendar = server.api.post("/api/v1/visit-calendars", body, priya);
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(201);
        String calendarId = calendar.json().get("id").asText();

        // A relative books the first slot on the public API (no sign-in), as the booking page does.
        LocalDate today = LocalDate.ofInstant(server.clock.instant(), LONDON);
        Api.Response slots = server.api.get("/api/v1/public/visit-calendars/" + SLUG + "/slots?from=" + today + "&days=2", null);
        assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
        String slotStart = slots.json().at("/items/0/start").asText();
        String slotDate = slots.json().at("/items/0/localDate").asText();
        String reference = book(slotStart, "Vera Visitor", "vera@example.org", "Pat Patient", "12");
        // A second visitor takes the slot's other place; the ward will cancel that one.
        String second = book(slotStart, "Sam Second", "sam@example.org", "Pat Patient", "12");
        String day = slotDate.equals(today.toString()) ? "Today" : "Tomorrow";

        try (BrowserContext fatimaContext = browser.newContext(); BrowserContext priyaContext = browser.newContext()) {
            // The page's clock is Playwright's, so it can move on with the server's below.
            fatimaContext.clock().install();
            Page fatima = signedIn(fatimaContext, "fatima");
            openVisits(fatima, calendarId);
            Locator section = fatima.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^" + day)));
            Locator row = section.locator(".visit-row").filter(new Locator.FilterOptions().setHasText(reference));
            row.waitFor();
            assertThat(row.textContent()).contains("Pat Patient, bed 12").contains("Vera Visitor").contains("Booked");
            fatima.getByText("Not verified:").waitFor();
            // Before the start: Attended is disabled, and why is written beside it.
            Locator attended = button(row, "Attended");
            assertThat(attended.isDisabled()).isTrue();
            assertThat(attended.getAttribute("title")).contains("when the visit starts");
            assertThat(row.locator(".visit-why").textContent()).contains("when the visit starts");
            Axe.assertNoSeriousViolations(fatima, "the ward view");
            shots(fatima, "visits-ward");

            // Email the visitor.
            button(row, "Email visitor").click();
            Locator email = fatima.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Email visitor"));
            email.getByLabel("Message").fill("Hello Vera, Pat is in the day room today: the nurse will bring the tablet there.");
            Axe.assertNoSeriousViolations(fatima, "the Email visitor dialog");
            shots(fatima, "visits-email");
            button(email, "Send email").click();
            email.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            fatima.getByText("Email sent to Vera Visitor.").waitFor();

            // Cancel the second visit: a reason is required, and the visitor is told it.
            Locator secondRow = section.locator(".visit-row").filter(new Locator.FilterOptions().setHasText(second));
            button(secondRow, "Cancel").click();
            Locator cancel = fatima.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Cancel visit"));
            button(cancel, "Cancel visit").click();
            cancel.getByText("Say why: the visitor is told.").waitFor();
            assertThat(cancel.getByLabel("Reason").getAttribute("aria-invalid")).isEqualTo("true");
            Axe.assertNoSeriousViolations(fatima, "the Cancel visit dialog");
            shot(fatima, "visits-cancel-1280.png");
            cancel.getByLabel("Reason").fill("The patient has gone to theatre this afternoon.");
            button(cancel, "Cancel visit").click();
            cancel.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            secondRow.locator(".visit-status").getByText("Cancelled").waitFor();
            fatima.getByText("Visit " + second + " cancelled; the visitor has been emailed.").waitFor();

            // The visit starts: the server's clock and the page's move past its start together.
            Duration untilStarted = Duration.between(server.clock.instant(), Instant.parse(slotStart)).plusMinutes(1);
            if (!untilStarted.isNegative()) {
                server.clock.advance(untilStarted);
                fatimaContext.clock().fastForward(untilStarted.toMillis());
            }
            fatima.evaluate("() => window.dispatchEvent(new Event('focus'))");
            Locator startedRow = fatima.locator(".visit-row").filter(new Locator.FilterOptions().setHasText(reference));
            Locator attendedNow = button(startedRow, "Attended");
            fatima.waitForCondition(attendedNow::isEnabled);
            attendedNow.click();
            startedRow.locator(".visit-status").getByText("Attended").waitFor();
            fatima.getByText("Visit " + reference + " marked attended.").waitFor();
            assertThat(button(startedRow, "Attended").isDisabled()).isTrue();
            Axe.assertNoSeriousViolations(fatima, "the ward view after an outcome");
            shot(fatima, "visits-attended-1280.png");

            // Priya, the team's owner, changes Tuesday's hours in Settings.
            Page manager = signedIn(priyaContext, "priya");
            openVisits(manager, calendarId);
            button(manager, "Settings").click();
            Locator settings = manager.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Settings: Ward 7 browser visits"));
            Locator tuesday = settings.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Tuesday"));
            tuesday.getByLabel("Closes, Tuesday range 1").fill("12:00");
            button(tuesday, java.util.regex.Pattern.compile("^Add hours")).click();
            tuesday.getByLabel("Opens, Tuesday range 2").fill("11:00");
            tuesday.getByLabel("Closes, Tuesday range 2").fill("16:00");
            button(settings, "Save settings").click();
            // Overlapping ranges are caught before sending, beside the day.
            tuesday.getByText("overlap").waitFor();
            assertThat(tuesday.getByLabel("Opens, Tuesday range 2").getAttribute("aria-invalid")).isEqualTo("true");
            Axe.assertNoSeriousViolations(manager, "the Settings dialog with a problem");
            shots(manager, "visits-settings");
            tuesday.getByLabel("Opens, Tuesday range 2").fill("14:00");
            button(settings, "Save settings").click();
            settings.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            manager.getByText("Ward 7 browser visits: settings saved.").waitFor();

            List<String> tuesdayHours = new ArrayList<>();
            server.api.get("/api/v1/visit-calendars/" + calendarId, priya).json().get("hours").forEach(h -> {
                if (h.get("weekday").asInt() == 2) {
                    tuesdayHours.add(h.get("opens").asText().substring(0, 5) + "-" + h.get("closes").asText().substring(0, 5));
                }
            });
            assertThat(tuesdayHours).containsExactly("00:00-12:00", "14:00-16:00");
        }
    }

    /** Books on the public API as the booking page does (challenge, proof of work, consent); answers the reference. */
    private String book(String slotStart, String visitor, String email, String patient, String bed) {
        Api.Response challenge = server.api.get("/api/v1/public/visit-challenge", null);
        assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
        String c = challenge.json().get("challenge").asText();
        Map<String, Object> booking = new HashMap<>();
        booking.putAll(Map.of("slotStart", slotStart, "visitorName", visitor, "visitorEmail", email,
                "patientName", patient, "answers", Map.of("bed", bed), "consent", true, "website", "",
                "challenge", c, "nonce", solve(c, challenge.json().get("difficulty").asInt())));
        Api.Response booked = server.api.post("/api/v1/public/visit-calendars/" + SLUG + "/bookings", booking, null);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.json().get("reference").asText();
    }

    /** Opens Visits and, when there is more than one calendar (the demo's), picks this one. */
    private static void openVisits(Page page, String calendarId) {
        page.locator(".rail a[href='#visits']").click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Visits").setExact(true)).waitFor();
        page.locator(".visits-body").waitFor();
        if (page.locator("#visits-calendar").count() > 0) {
            page.locator("#visits-calendar").selectOption(calendarId);
        }
    }

    /** The booking page's proof of work (docs/virtual-visits.md): SHA-256(challenge:nonce) with `bits` leading zero bits. */
    private static String solve(String challenge, int bits) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (long n = 0; ; n++) {
                byte[] h = sha.digest((challenge + ":" + n).getBytes(StandardCharsets.UTF_8));
                int zero = 0;
                for (byte b : h) {
                    if (b == 0) {
                        zero += 8;
                        continue;
                    }
                    zero += Integer.numberOfLeadingZeros(b & 0xff) - 24;
                    break;
                }
                if (zero >= bits) {
                    return Long.toString(n);
                }
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void shots(Page page, String name) {
        for (int[] size : SIZES) {
            page.setViewportSize(size[0], size[1]);
            shot(page, name + "-" + size[0] + ".png");
        }
        page.setViewportSize(SIZES[0][0], SIZES[0][1]);
    }
}
