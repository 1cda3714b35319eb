package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * The public virtual-visit pages (issue 15, docs/virtual-visits.md) in Chromium on a 390 px
 * phone: a relative books the Ward 7 calendar (after the form's own errors), gets the
 * confirmation, opens the join link (not open yet) and the manage link from the email, moves
 * the visit and cancels it; and two relatives racing for the last place, where the second is told
 * the slot was just taken. Screenshots at 390, 768 and 1280 px; axe on each screen.
 */
class PublicBookingBrowserTest extends BrowserTest {
    private static final int[][] SIZES = {{390, 844}, {768, 1024}, {1280, 800}};
    private static final Pattern MANAGE_LINK = Pattern.compile("/visit/manage#([A-Za-z0-9_-]+)");
    private static final Pattern JOIN_LINK = Pattern.compile("/visit/join#([A-Za-z0-9_-]+)");

    @Override
    protected Map<String, String> settings() {
        // The proof of work is the page's; 4 bits keeps the test about the pages, not the hashing.
        return Map.of("CONFER_VISITS_POW_BITS", "4");
    }

    @Test
    void a_relative_books_on_a_phone_then_moves_and_cancels_the_visit_from_the_emailed_link() {
        String slug = ward7();
        String email = "ann.relative." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        try (BrowserContext phone = browser.newDeviceContext(390, 844)) {
            Page page = phone.newPage();
            page.navigate(server.api.base() + "/book/" + slug);
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile("Book a video visit"))).waitFor();
            page.locator("input[name='slotStart']").first().waitFor();
            Axe.assertNoSeriousViolations(page, "the booking page");
            shots(page, "visits-book");
            fullPage(page, "visits-book-full-390.png");

            // Nothing filled in: the summary takes focus and each field says what is wrong.
            button(page, "Book the visit").click();
            Locator summary = page.locator("#error-summary");
            summary.getByText("There is a problem").waitFor();
            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("error-summary");
            assertThat(summary.textContent()).contains("Choose a time for the visit").contains("Enter your full name")
                    .contains("Tick the box to agree");
            assertThat(page.locator("#visitorName").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(page.locator("#visitorName").getAttribute("aria-describedby")).contains("visitorName-error");
            assertThat(page.locator("#visitorName-error").textContent()).contains("Enter your full name");
            Axe.assertNoSeriousViolations(page, "the booking page with errors");
            shots(page, "visits-book-errors");
            fullPage(page, "visits-book-errors-full-390.png");

            // The error's link takes the visitor to the field.
            summary.getByText("Enter your full name").click();
            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("visitorName");

            Locator firstSlot = page.locator("input[name='slotStart']").first();
            String slotStart = firstSlot.getAttribute("value");
            String slotTime = page.locator("label[for='" + firstSlot.getAttribute("id") + "']").textContent();
            firstSlot.check();
            fillDetails(page, "Ann Relative", email, "John Relative");
            page.locator("#visitorMobile").fill("07700 900982");
            assertThat(page.locator("#website").getAttribute("tabindex")).isEqualTo("-1");
            assertThat(page.locator("#website").getAttribute("autocomplete")).isEqualTo("off");
            assertThat(page.locator(".hp").getAttribute("aria-hidden")).isEqualTo("true");
            assertThat(page.locator(".hp").boundingBox().x).as("the honeypot is off-screen").isLessThan(0);
            button(page, "Book the visit").click();

            Locator booked = page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Visit booked"));
            booked.waitFor();
            String reference = page.locator(".reference").textContent().trim();
            assertThat(reference).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}");
            assertThat(page.locator("main").textContent())
                    .contains("We have emailed you a link to join, and a link to cancel or change the visit")
                    .contains(slotTime + " on ");
            Axe.assertNoSeriousViolations(page, "the confirmation");
            shots(page, "visits-booked");

            // The email carries the join and manage links, tokens in the fragment.
            String mail = mailTo(email);
            Matcher manage = MANAGE_LINK.matcher(mail);
            Matcher join = JOIN_LINK.matcher(mail);
            assertThat(manage.find()).as("a manage link in " + mail).isTrue();
            assertThat(join.find()).as("a join link in " + mail).isTrue();

            // The join page, before the visit opens (the first slot is at least tomorrow or later today).
            page.navigate(server.api.base() + "/visit/join#" + join.group(1));
            page.locator("#join-status").getByText(Pattern.compile("Your visit opens at|Your visit is open")).waitFor();
            assertThat(page.locator("#visit-ward").textContent()).isNotBlank();
            Axe.assertNoSeriousViolations(page, "the join page");
            shots(page, "visits-join");

            // The manage page: the visit, then a new time.
            page.navigate(server.api.base() + "/visit/manage#" + manage.group(1));
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your video visit")).waitFor();
            assertThat(page.locator(".summary-list").textContent()).contains(reference).contains(slotTime).contains("Booked");
            Axe.assertNoSeriousViolations(page, "the manage page");
            shots(page, "visits-manage");

            button(page, "Change the time").click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Change the time of your visit")).waitFor();
            Locator other = page.locator("input[name='slotStart']:not([value='" + slotStart + "'])").first();
            other.waitFor();
            String newTime = page.locator("label[for='" + other.getAttribute("id") + "']").textContent();
            other.check();
            Axe.assertNoSeriousViolations(page, "choosing a new time");
            shots(page, "visits-reschedule");
            button(page, "Move my visit to this time").click();
            page.locator(".notice-success").getByText(Pattern.compile("Your visit has been moved to " + newTime)).waitFor();
            assertThat(page.locator(".summary-list").textContent()).contains(newTime);
            Axe.assertNoSeriousViolations(page, "the moved visit");
            shots(page, "visits-moved");

            // Cancel, with a confirm step.
            button(page, "Cancel this visit").click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Are you sure you want to cancel this visit?")).waitFor();
            Axe.assertNoSeriousViolations(page, "the cancel confirmation");
            shots(page, "visits-cancel-confirm");
            button(page, "Yes, cancel the visit").click();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your visit has been cancelled")).waitFor();
            shots(page, "visits-cancelled");

            // The link now leads nowhere, and says so.
            page.reload();
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This link is no longer valid")).waitFor();
            Axe.assertNoSeriousViolations(page, "a dead manage link");
            shots(page, "visits-link-invalid");
        }
    }

    @Test
    void of_two_relatives_racing_for_the_last_place_the_second_is_told_the_slot_was_just_taken() {
        String slug = onePlaceCalendar();
        try (BrowserContext first = browser.newDeviceContext(390, 844); BrowserContext second = browser.newDeviceContext(390, 844)) {
            Page a = first.newPage();
            Page b = second.newPage();
            List<Page> both = List.of(a, b);
            for (Page p : both) {
                p.navigate(server.api.base() + "/book/" + slug);
                p.locator("input[name='slotStart']").first().waitFor();
            }
            // Both choose the same time (its only place) and fill the form, before either books.
            String slotStart = a.locator("input[name='slotStart']").first().getAttribute("value");
            for (int i = 0; i < 2; i++) {
                Page p = both.get(i);
                p.locator("input[name='slotStart'][value='" + slotStart + "']").check();
                fillDetails(p, "Relative " + (i + 1), "racer" + i + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                        "Pat Racer");
            }
            button(a, "Book the visit").click();
            a.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Visit booked")).waitFor();

            button(b, "Book the visit").click();
            Locator summary = b.locator("#error-summary");
            summary.getByText("This slot was just taken. Please choose another.").waitFor();
            assertThat(b.locator("#slotStart-error").textContent()).contains("This slot was just taken");
            // The slots were reloaded: the taken one is gone, the form keeps what was typed.
            b.locator("input[name='slotStart']").first().waitFor();
            assertThat(b.locator("input[name='slotStart'][value='" + slotStart + "']").count()).isZero();
            assertThat(b.locator("#visitorName").inputValue()).isEqualTo("Relative 2");
            Axe.assertNoSeriousViolations(b, "the slot-taken error");
            shots(b, "visits-slot-taken");
        }
    }

    @Test
    void a_booking_page_that_does_not_exist_says_so() {
        try (BrowserContext phone = browser.newDeviceContext(390, 844)) {
            Page page = phone.newPage();
            page.navigate(server.api.base() + "/book/no-such-ward");
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This booking page does not exist or is closed")).waitFor();
            Axe.assertNoSeriousViolations(page, "a missing booking page");
        }
    }

    private static void fillDetails(Page page, String name, String email, String patient) {
        page.locator("#visitorName").fill(name);
        page.locator("#visitorEmail").fill(email);
        page.locator("#patientName").fill(patient);
        // The ward's own questions (bed, and whatever the demo calendar asks).
        Locator questions = page.locator("input[id^='answers.']");
        for (int i = 0; i < questions.count(); i++) {
            questions.nth(i).fill("12");
        }
        page.locator("#consent").check();
    }

    /** The demo's Ward 7 calendar, or one made like it when the demo data has none. */
    private String ward7() {
        if (server.api.get("/api/v1/public/visit-calendars/ward-7", null).status() == 200) {
            return "ward-7";
        }
        return createCalendar("ward-7", "Ward 7 virtual visits", 2);
    }

    private String onePlaceCalendar() {
        return createCalendar("ward-7-one-place", "Ward 7 side room visits", 1);
    }

    /** A published calendar of a new team Priya owns: 30-minute visits 10:00–12:00 and 14:00–16:00 every day. */
    private String createCalendar(String slug, String name, int places) {
        String priya = server.login("priya");
        Api.Response team = server.api.post("/api/v1/teams", Map.of("name", name), priya);
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        String teamId = team.json().get("id").asText();
        String channelId = server.api.get("/api/v1/teams/" + teamId + "/channels", priya).json().at("/items/0/id").asText();
        List<Map<String, Object>> hours = new ArrayList<>();
        IntStream.rangeClosed(1, 7).forEach(day -> {
            hours.add(Map.of("weekday", day, "opens", "10:00", "closes", "12:00"));
            hours.add(Map.of("weekday", day, "opens", "14:00", "closes", "16:00"));
        });
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("teamId", teamId);
        body.put("channelId", channelId);
        body.put("slug", slug);
        body.put("name", name);
        body.put("durationMinutes", 30);
        body.put("bufferMinutes", 0);
        body.put("placesPerSlot", places);
        body.put("bookAheadDays", 14);
        body.put("minNoticeMinutes", 60);
        body.put("hours", hours);
        body.put("fields", List.of(Map.of("name", "bed", "label", "Bed number", "required", true)));
        body.put("privacyNotice", "We use your name, email and mobile number only to arrange this visit.\nWe delete them 30 days after it.");
        body.put("consentText", "I agree to the ward using my details to arrange this visit.");
        body.put("published", true);
        Api.Response created = server.api.post("/api/v1/visit-calendars", body, priya);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return slug;
    }

    /** The text of the newest mail to {@code address}, as the platform admin reads the outbox. */
    private String mailTo(String address) {
        Api.Response r = server.api.get("/api/v1/admin/email-outbox?limit=200", server.login("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode m : r.json().get("items")) {
            if (address.equalsIgnoreCase(m.path("toAddress").asText())) {
                return m.path("textBody").asText();
            }
        }
        throw new AssertionError("no mail to " + address + " in " + r.json());
    }

    /** The whole of a long page (the booking form) at the phone width. */
    private static void fullPage(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(org.confer.testing.Browser.SCREENSHOTS.resolve(file)).setFullPage(true));
    }

    private static void shots(Page page, String name) {
        for (int[] size : SIZES) {
            page.setViewportSize(size[0], size[1]);
            shot(page, name + "-" + size[0] + ".png");
        }
        page.setViewportSize(SIZES[0][0], SIZES[0][1]);
    }
}
