package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * The calendar (issue 13, "Calendar"): Alice (Northgate) schedules a weekly MDT from the New
 * meeting form with Dan (Westmoor Pathology) invited; Dan, whose week is open, sees it appear
 * live with an invitation toast, opens it and accepts; the .ics link downloads text/calendar;
 * Join is disabled with "Join opens at …" for a meeting two days away, and for one on now opens
 * the calls UI's pre-join screen. Screenshots of the week,
 * the day, the form and the details at 1280, 768 and 390 px; axe on each.
 */
class CalendarTest extends BrowserTest {
    private static final String TITLE = "MDT lung cancer";
    private static final String HUDDLE = "Ward 7 huddle";
    private static final String RENAMED = "MDT lung cancer (weekly)";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int[][] SIZES = {{1280, 800}, {768, 1024}, {390, 844}};

    @Test
    void a_weekly_cross_organisation_meeting_is_scheduled_seen_live_accepted_and_not_joinable_before_its_time() throws IOException {
        // Two days ahead, at 13:00 London time: in this week or the next, never joinable yet.
        LocalDate day = LocalDate.now(LONDON).plusDays(2);
        ZoneId browserZone = ZoneId.systemDefault();
        boolean nextWeek = !monday(LocalDate.now(browserZone)).equals(monday(day));
        String weekday = day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.UK);
        String opensAt = ZonedDateTime.of(day, LocalTime.of(12, 50), LONDON).withZoneSameInstant(browserZone)
                .format(DateTimeFormatter.ofPattern("HH:mm"));

        // One on now (from the API): its Join is open.
        LocalDateTime start = LocalDateTime.now(LONDON).truncatedTo(ChronoUnit.MINUTES).minusMinutes(5);
        String danId = server.api.get("/api/v1/me", server.login("dan")).json().get("id").asText();
        Api.Response now = server.api.post("/api/v1/meetings", Map.of("title", HUDDLE, "start", start.toString(),
                "end", start.plusMinutes(65).toString(), "timeZone", LONDON.getId(), "invitees", List.of(danId)), server.login("alice"));
        assertThat(now.status()).as(now.toString()).isEqualTo(201);

        try (BrowserContext danContext = browser.newContext(); BrowserContext aliceContext = browser.newContext()) {
            Page dan = signedIn(danContext, "dan");
            openCalendar(dan, nextWeek);
            Page alice = signedIn(aliceContext, "alice");
            openCalendar(alice, false);

            // The form: a field's problem is shown beside it, then a weekly meeting with Dan.
            button(alice, "New meeting").click();
            Locator form = alice.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("New meeting"));
            form.getByText("The times above are in Europe/London").waitFor();
            form.getByLabel("Date").fill(day.toString());
            form.getByLabel("Starts").fill("13:00");
            form.getByLabel("Ends").fill("14:00");
            form.getByLabel("Repeat").selectOption("weekly");
            form.getByLabel("Search people in any organisation").fill("Dan Kow");
            button(form, Pattern.compile("Dan Kowalski")).click();
            form.locator(".chip bdi").getByText("Dan Kowalski").waitFor();
            button(form, "Schedule").click();
            Locator titleError = form.locator("#title-error");
            assertThat(titleError.textContent()).isEqualTo("Give the meeting a title.");
            assertThat(form.getByLabel("Title").getAttribute("aria-invalid")).isEqualTo("true");
            form.getByLabel("Title").fill(TITLE);
            assertThat(titleError.count()).isZero();
            Axe.assertNoSeriousViolations(alice, "the New meeting form");
            shots(alice, "calendar-form");
            button(form, "Schedule").click();

            // Alice's details: repeats in words, Join not open yet, the .ics file.
            Locator details = alice.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(TITLE));
            details.getByText("Every " + weekday).waitFor();
            Locator join = button(details, "Join");
            assertThat(join.isDisabled()).isTrue();
            assertThat(details.locator("#join-hint").textContent()).startsWith("Join opens at " + opensAt);
            assertThat(details.textContent()).contains("Organiser: Alice Moreno").contains("Dan Kowalski").contains("Not answered");
            Locator ics = details.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Download .ics"));
            Download download = alice.waitForDownload(ics::click);
            assertThat(Files.readString(download.path())).contains("BEGIN:VCALENDAR").contains(TITLE);
            APIResponse icsAnswer = aliceContext.request().get(server.api.base() + ics.getAttribute("href"));
            assertThat(icsAnswer.headers().get("content-type")).startsWith("text/calendar");
            Axe.assertNoSeriousViolations(alice, "the meeting details");
            shots(alice, "calendar-details");
            button(details, "Close").click();

            // Dan, from another organisation: the toast, and the block in his open week, live.
            Locator toast = dan.locator(".invitation-toast").filter(new Locator.FilterOptions().setHasText(TITLE));
            toast.waitFor();
            assertThat(toast.textContent()).contains("Alice Moreno invited you to " + TITLE);
            shot(dan, "calendar-invitation-1280.png");
            Locator danBlock = dan.locator(".meeting-block").filter(new Locator.FilterOptions().setHasText(TITLE));
            danBlock.first().waitFor();
            button(toast, Pattern.compile("^View")).click();
            Locator danDetails = dan.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(TITLE));
            Locator accept = button(danDetails, "Accept");
            accept.click();
            dan.waitForCondition(() -> "true".equals(accept.getAttribute("aria-pressed")));
            assertThat(button(danDetails, "Join").isDisabled()).isTrue();
            String meetingId = danBlock.first().getAttribute("data-meeting-id");
            // Its chat: the meeting's own conversation, open in Chat.
            button(danDetails, "Open chat").click();
            dan.locator(".pane-head h1").getByText(TITLE).waitFor();
            JsonNode invitees = server.api.get("/api/v1/meetings/" + meetingId, server.login("alice")).json().get("invitees");
            assertThat(invitees.toString()).contains("\"rsvp\":\"accepted\"");

            // Alice's week and day views.
            if (nextWeek) {
                button(alice, "Next week").click();
            }
            alice.locator(".meeting-block").filter(new Locator.FilterOptions().setHasText(TITLE)).first().waitFor();
            Axe.assertNoSeriousViolations(alice, "the week view");
            shots(alice, "calendar-week");
            button(alice, "Day").click();
            while (!alice.locator(".grid-day").first().textContent().endsWith(" " + day.getDayOfMonth() + " " + monthOf(day) + " " + day.getYear())) {
                button(alice, "Next day").click();
            }
            alice.locator(".meeting-block").filter(new Locator.FilterOptions().setHasText(TITLE)).first().waitFor();
            Axe.assertNoSeriousViolations(alice, "the day view");
            shots(alice, "calendar-day");

            // The organiser renames it; Dan's calendar (still on the week he chose) follows live.
            openCalendar(dan, false);
            alice.locator(".meeting-block").filter(new Locator.FilterOptions().setHasText(TITLE)).first().click();
            button(alice.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(TITLE)), "Edit").click();
            Locator edit = alice.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Edit meeting"));
            assertThat(edit.getByLabel("Repeat").inputValue()).isEqualTo("weekly");
            edit.getByLabel("Title").fill(RENAMED);
            button(edit, "Save changes").click();
            button(alice.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(RENAMED)), "Close").click();
            dan.locator(".meeting-block").filter(new Locator.FilterOptions().setHasText(RENAMED)).first().waitFor();
            // The link in the invitation mail opens the meeting's details.
            dan.navigate(server.api.base() + "/#/meetings/" + meetingId);
            button(dan.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(RENAMED)), "Accept").waitFor();

            // The meeting on now: Join is open and hands over to the calls UI's pre-join screen.
            button(alice, "Today").click();
            alice.locator(".meeting-block").filter(new Locator.FilterOptions().setHasText(HUDDLE)).first().click();
            Locator huddle = alice.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(HUDDLE));
            Locator open = button(huddle, "Join");
            open.waitFor();
            alice.waitForCondition(open::isEnabled);
            assertThat(huddle.locator("#join-hint").count()).isZero();
            open.click();
            alice.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ready to join?")).waitFor();
            assertThat(huddle.count()).isZero();
        }
    }

    private static LocalDate monday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static String monthOf(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.FULL, Locale.UK);
    }

    private static void openCalendar(Page page, boolean nextWeek) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Calendar")).click();
        page.locator(".time-grid").waitFor();
        if (nextWeek) {
            String before = page.locator(".calendar-range").textContent();
            button(page, "Next week").click();
            page.waitForCondition(() -> !before.equals(page.locator(".calendar-range").textContent()));
        }
    }

    /** The page at each width (the phone's week is a list), then back to the laptop's. */
    private static void shots(Page page, String name) {
        for (int[] size : SIZES) {
            page.setViewportSize(size[0], size[1]);
            shot(page, name + "-" + size[0] + ".png");
        }
        page.setViewportSize(1280, 800);
    }
}
