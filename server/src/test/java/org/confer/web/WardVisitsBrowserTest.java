package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Clock;
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
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.TestServer;
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
    private static final Pattern JOIN_LINK = Pattern.compile("/visit/join#([A-Za-z0-9_-]+)");

    @Override
    protected Map<String, String> settings() {
        // The booking challenge's work is the page's business; the fixture books at once.
        return Map.of("CONFER_VISITS_POW_BITS", "4");
    }

    @Test
    void a_nurse_sees_a_booked_visit_emails_the_visitor_marks_it_attended_after_it_starts_and_a_manager_changes_the_hours() {
        String priya = server.login("priya");
        String calendarId = ward(SLUG, "Ward 7 browser", "Ward 7 browser visits", List.of(userId("fatima")), List.of());

        // A relative books the first slot on the public API (no sign-in), as the booking page does.
        LocalDate today = LocalDate.ofInstant(server.clock.instant(), LONDON);
        Api.Response slots = server.api.get("/api/v1/public/visit-calendars/" + SLUG + "/slots?from=" + today + "&days=2", null);
        assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
        String slotStart = slots.json().at("/items/0/start").asText();
        String slotDate = slots.json().at("/items/0/localDate").asText();
        String reference = book(SLUG, slotStart, "Vera Visitor", "vera@example.org", "Pat Patient", "12");
        // A second visitor takes the slot's other place; the ward will cancel that one.
        String second = book(SLUG, slotStart, "Sam Second", "sam@example.org", "Pat Patient", "12");
        String day = slotDate.equals(today.toString()) ? "Today" : "Tomorrow";

        try (BrowserContext fatimaContext = browser.newContext(); BrowserContext priyaContext = browser.newContext()) {
            // The page's clock is Playwright's, set to the server's (which the other test may have
            // moved on), so it can move on with the server's below.
            fatimaContext.clock().install(new Clock.InstallOptions().setTime(server.clock.instant().toEpochMilli()));
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

    /**
     * The joining step (docs/virtual-visits.md, "Joining"): a relative's guest session waits in the
     * visit's lobby; Fatima's ward view shows "Waiting" with their name and role within seconds
     * (from the call.lobby frame, not the 60-second refresh); Admit lets them in (their next join
     * is a grant); Add interpreter checks its fields, sends the link, and refuses a second; the
     * interpreter waits; Fatima joins as host through the pre-join screen and sees them in the call
     * view's lobby; the ward iPad (Bob, a host marked device) opens the kiosk by itself at 768 px,
     * with 64 px Join and Admit buttons, and admits the interpreter there.
     */
    @Test
    void a_guest_waits_and_is_admitted_live_an_interpreter_is_added_the_nurse_joins_as_host_and_the_ward_ipad_opens_the_kiosk() throws Exception {
        String fatimaId = userId("fatima");
        String bobId = userId("bob");
        String slug = "ward-7-join";
        String calendarId = ward(slug, "Ward 7 joining", "Ward 7 joining visits", List.of(fatimaId, bobId),
                List.of(Map.of("userId", fatimaId, "device", false), Map.of("userId", bobId, "device", true)));
        LocalDate today = LocalDate.ofInstant(server.clock.instant(), LONDON);
        Api.Response slots = server.api.get("/api/v1/public/visit-calendars/" + slug + "/slots?from=" + today + "&days=2", null);
        String slotStart = slots.json().at("/items/0/start").asText();
        String visitor = "vera.join@example.org";
        String reference = book(slug, slotStart, "Vera Visitor", visitor, "Pat Patient", "12");
        // The visit opens (the server's clock moves to a minute after its start; the pages start there).
        Duration untilStarted = Duration.between(server.clock.instant(), Instant.parse(slotStart)).plusMinutes(1);
        if (!untilStarted.isNegative()) {
            server.clock.advance(untilStarted);
        }
        String guestToken = guestSession(joinToken(visitor), "Vera Visitor");

        try (BrowserContext fatimaContext = browser.newContext()) {
            fatimaContext.clock().install(new Clock.InstallOptions().setTime(server.clock.instant().toEpochMilli()));
            Page fatima = signedIn(fatimaContext, "fatima");
            openVisits(fatima, calendarId);
            Locator row = fatima.locator(".visit-row").filter(new Locator.FilterOptions().setHasText(reference));
            row.waitFor();
            assertThat(button(row, Pattern.compile("^Join")).isEnabled()).isTrue();

            // The relative waits in the lobby: the row says so within seconds, without a reload.
            Api.Response waiting = server.api.post("/api/v1/guest/join", Map.of(), guestToken);
            assertThat(waiting.status()).as(waiting.toString()).isEqualTo(202);
            Locator badge = row.locator(".visit-waiting-guest").filter(new Locator.FilterOptions().setHasText("Vera Visitor (visitor)"));
            badge.waitFor(new Locator.WaitForOptions().setTimeout(5_000));
            assertThat(badge.locator(".visit-waiting-badge").textContent()).contains("Waiting");
            Axe.assertNoSeriousViolations(fatima, "the ward view with a guest waiting");
            shots(fatima, "visits-waiting");

            // Admit: the guest's next join is a grant.
            button(row, "Admit Vera Visitor (visitor)").click();
            fatima.getByText("Vera Visitor (visitor) admitted to visit " + reference + ".").waitFor();
            Api.Response grant = null;
            for (int i = 0; i < 50; i++) {
                grant = server.api.post("/api/v1/guest/join", Map.of(), guestToken);
                if (grant.status() == 200) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
            assertThat(grant.json().get("state").asText()).isEqualTo("joined");
            badge.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            row.locator(".visit-incall").waitFor();

            // Add interpreter: the fields are checked first, then the link is sent; a second is refused.
            button(row, "Add interpreter").click();
            Locator dialog = fatima.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Add interpreter"));
            button(dialog, "Send link").click();
            dialog.getByText("Enter the interpreter’s name.").waitFor();
            assertThat(dialog.getByLabel("Email address").getAttribute("aria-invalid")).isEqualTo("true");
            Axe.assertNoSeriousViolations(fatima, "the Add interpreter dialog with problems");
            shots(fatima, "visits-interpreter");
            dialog.getByLabel("Interpreter’s name").fill("Ines Ortega");
            dialog.getByLabel("Email address").fill("ines@example.org");
            button(dialog, "Send link").click();
            dialog.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            fatima.getByText("Interpreter link sent to Ines Ortega for visit " + reference + ".").waitFor();
            button(row, "Add interpreter").click();
            dialog.getByLabel("Interpreter’s name").fill("Ines Ortega");
            dialog.getByLabel("Email address").fill("ines@example.org");
            button(dialog, "Send link").click();
            dialog.getByText("This visit already has an interpreter").waitFor();
            button(dialog, "Cancel").click();

            // The interpreter opens their link and waits too.
            String interpreterToken = guestSession(joinToken("ines@example.org"), "Ines Ortega");
            assertThat(server.api.post("/api/v1/guest/join", Map.of(), interpreterToken).status()).isEqualTo(202);
            row.locator(".visit-waiting-guest").filter(new Locator.FilterOptions().setHasText("Ines Ortega (interpreter)"))
                    .waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        }

        // Fatima joins as a host (a browser with a fake camera): the pre-join screen, then the call
        // view, whose People panel shows the interpreter waiting by name.
        try (Browser media = Browser.launchForMedia(); BrowserContext context = media.newContext()) {
            context.clock().install(new Clock.InstallOptions().setTime(server.clock.instant().toEpochMilli()));
            Page fatima = signedIn(context, "fatima");
            openVisits(fatima, calendarId);
            Locator row = fatima.locator(".visit-row").filter(new Locator.FilterOptions().setHasText(reference));
            button(row, Pattern.compile("^Join")).click();
            Locator prejoin = fatima.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ready to join?"));
            prejoin.getByText("Visit " + reference + ": Vera Visitor to see Pat Patient").waitFor();
            button(prejoin, "Join now").click();
            Locator call = fatima.locator("dialog.call-view");
            call.getByText("Visit " + reference).first().waitFor();
            button(call, Pattern.compile("^People")).click();
            Locator lobby = call.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Waiting in the lobby"));
            lobby.locator(".call-roster-name").getByText("Ines Ortega (interpreter)").waitFor(new Locator.WaitForOptions().setTimeout(5_000));
            button(lobby, "Admit Ines Ortega (interpreter)").waitFor();
            String callId = server.api.get("/api/v1/visit-calendars/" + calendarId + "/visits", server.login("fatima")).json().at("/items/0/callId").asText();
            assertThat(fatima.evaluate("() => window.__conferCall && window.__conferCall.callId")).isEqualTo(callId);
            Axe.assertNoSeriousViolations(fatima, "the visit's call view with the lobby");
            shot(fatima, "visits-call-lobby-1280.png");
            button(call, "Leave").click();
        }

        // The ward iPad: Bob, a host marked device, signs in and the kiosk opens by itself.
        try (BrowserContext ipad = browser.newDeviceContext(768, 1024)) {
            ipad.clock().install(new Clock.InstallOptions().setTime(server.clock.instant().toEpochMilli()));
            Page kiosk = ipad.newPage();
            kiosk.navigate(server.api.base() + "/");
            kiosk.getByLabel("Email").fill("bob@demo.confer.test");
            kiosk.getByLabel("Password").fill(TestServer.DEMO_PASSWORD);
            button(kiosk, "Sign in").click();
            kiosk.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Visits today")).waitFor();
            assertThat(kiosk.url()).endsWith("#/visits/kiosk");
            assertThat(kiosk.locator(".rail").count()).as("no rail in the kiosk").isZero();
            Locator card = kiosk.locator(".kiosk-card").filter(new Locator.FilterOptions().setHasText(reference));
            card.locator(".visit-waiting-name").getByText("Ines Ortega (interpreter)").waitFor();
            assertThat(card.textContent()).contains("Vera Visitor").contains("Pat Patient, bed 12").contains("not verified");
            Locator admit = button(card, "Admit Ines Ortega (interpreter)");
            Locator join = button(card, Pattern.compile("^Join"));
            assertThat(admit.boundingBox().height).as("Admit is a 64 px target").isGreaterThanOrEqualTo(64);
            assertThat(join.boundingBox().height).as("Join is a 64 px target").isGreaterThanOrEqualTo(64);
            Axe.assertNoSeriousViolations(kiosk, "the kiosk");
            shot(kiosk, "visits-kiosk-768.png");
            kiosk.setViewportSize(1280, 800);
            shot(kiosk, "visits-kiosk-1280.png");
            kiosk.setViewportSize(390, 844);
            shot(kiosk, "visits-kiosk-390.png");
            kiosk.setViewportSize(768, 1024);
            admit.click();
            kiosk.getByText("Ines Ortega (interpreter) admitted.").waitFor();
            card.locator(".visit-waiting-guest").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            shot(kiosk, "visits-kiosk-admitted-768.png");
            kiosk.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Exit kiosk")).click();
            kiosk.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Visits").setExact(true)).waitFor();
        }
    }

    /** The join link's token from the visitor's (or interpreter's) mail in the outbox. */
    private String joinToken(String address) {
        Api.Response r = server.api.get("/api/v1/admin/email-outbox?limit=200", server.login("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (com.fasterxml.jackson.databind.JsonNode m : r.json().get("items")) {
            java.util.regex.Matcher join = JOIN_LINK.matcher(m.path("textBody").asText());
            if (address.equalsIgnoreCase(m.path("toAddress").asText()) && join.find()) {
                return join.group(1);
            }
        }
        throw new AssertionError("no join link to " + address + " in " + r.json());
    }

    /** Exchanges a join link for a guest session (as the join page does); answers its bearer token. */
    private String guestSession(String joinToken, String name) {
        Api.Response session = server.api.post("/api/v1/public/visits/guest-session", Map.of("token", joinToken, "name", name), null);
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        return session.json().get("token").asText();
    }

    /**
     * A ward for the test: Priya's team with {@code members} in it, its General channel for the
     * notices, and a published calendar open all day every day (so there is always a slot soon:
     * 30-minute visits from 00:00, 2 places) with a required bed field and these hosts.
     */
    private String ward(String slug, String teamName, String calendarName, List<String> members, List<Map<String, Object>> hosts) {
        String priya = server.login("priya");
        Api.Response team = server.api.post("/api/v1/teams", Map.of("name", teamName), priya);
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        String teamId = team.json().get("id").asText();
        for (String member : members) {
            Api.Response added = server.api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", member, "role", "member"), priya);
            assertThat(added.status()).as(added.toString()).isLessThan(300);
        }
        String channelId = server.api.get("/api/v1/teams/" + teamId + "/channels", priya).json().at("/items/0/id").asText();
        List<Map<String, Object>> hours = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            hours.add(Map.of("weekday", day, "opens", "00:00", "closes", "23:59"));
        }
        Map<String, Object> body = new HashMap<>();
        body.putAll(Map.of("teamId", teamId, "channelId", channelId, "slug", slug, "name", calendarName, "published", true,
                "durationMinutes", 30, "bufferMinutes", 0, "placesPerSlot", 2, "bookAheadDays", 2, "minNoticeMinutes", 0));
        body.put("hours", hours);
        body.put("fields", List.of(Map.of("name", "bed", "label", "Bed", "required", true)));
        if (!hosts.isEmpty()) {
            body.put("hosts", hosts);
        }
        Api.Response calendar = server.api.post("/api/v1/visit-calendars", body, priya);
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(201);
        return calendar.json().get("id").asText();
    }

    private String userId(String demoLocalPart) {
        return server.api.get("/api/v1/me", server.login(demoLocalPart)).json().get("id").asText();
    }

    /** Books on the public API as the booking page does (challenge, proof of work, consent); answers the reference. */
    private String book(String slug, String slotStart, String visitor, String email, String patient, String bed) {
        Api.Response challenge = server.api.get("/api/v1/public/visit-challenge", null);
        assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
        String c = challenge.json().get("challenge").asText();
        Map<String, Object> booking = new HashMap<>();
        booking.putAll(Map.of("slotStart", slotStart, "visitorName", visitor, "visitorEmail", email,
                "patientName", patient, "answers", Map.of("bed", bed), "consent", true, "website", "",
                "challenge", c, "nonce", solve(c, challenge.json().get("difficulty").asInt())));
        Api.Response booked = server.api.post("/api/v1/public/visit-calendars/" + slug + "/bookings", booking, null);
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
