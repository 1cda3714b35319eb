package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;
import static org.confer.web.CallPages.awaitDecodes;
import static org.confer.web.CallPages.joinNow;
import static org.confer.web.CallPages.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Clock;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.Browser;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.MediaStack;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 15's journey end to end in real Chromium (fake camera and microphone) on Janus, in the
 * confer-media namespace: a relative books the demo's Ward 7 on a 390 px phone, reads the join
 * link in the confirmation mail as a real SMTP server (GreenMail) received it, with its calendar
 * entry, opens it when the visit opens, checks camera and microphone,
 * waits in the lobby; Alice, the ward's host, sees "Waiting", admits from the Visits view and
 * joins as host; each decodes the other's video and audio; the visit is marked attended.
 */
@Tag("media")
@ExtendWith(MediaStack.class)
@ResourceLock(Browser.LOCK)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisitJoinEndToEndTest {
    private static final Pattern JOIN_LINK = Pattern.compile("/visit/join#([A-Za-z0-9_-]{43})");

    private TestServer server;
    private Browser browser;
    private ChatFixtures fixtures;
    private GreenMail smtp;

    @BeforeAll
    void start() throws IOException {
        // The test server runs in this JVM (outside the media namespace), so loopback reaches GreenMail.
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> settings = new HashMap<>(MediaStack.conferSettings());
        settings.put("CONFER_SMTP_HOST", "127.0.0.1");
        settings.put("CONFER_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        settings.put("CONFER_SMTP_FROM", "visits@ward7.confer.test");
        settings.put("CONFER_SMTP_STARTTLS", "false"); // GreenMail's plain SMTP
        settings.put("CONFER_VISITS_POW_BITS", "4");
        // The server's clock moves to the visit (up to days ahead): sessions made before must outlive that.
        settings.put("CONFER_SESSION_IDLE_MINUTES", "43200");
        settings.put("CONFER_SESSION_MAX_HOURS", "8760");
        server = TestServer.start(Backend.H2, settings);
        browser = Browser.launchForMedia();
        fixtures = new ChatFixtures(server);
        Files.createDirectories(Browser.SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void a_relative_books_on_a_phone_waits_in_the_lobby_the_nurse_admits_and_both_see_and_hear_each_other() {
        Person alice = fixtures.demo("alice"); // the demo Ward 7's host
        String email = "relative." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (BrowserContext phone = browser.newDeviceContext(390, 844); BrowserContext ward = browser.newContext()) {
            // The relative books the first free slot on the public page.
            Page relative = phone.newPage();
            relative.navigate(server.api.base() + "/book/ward-7");
            Locator firstSlot = relative.locator("input[name='slotStart']").first();
            firstSlot.waitFor();
            String slotStart = firstSlot.getAttribute("value");
            firstSlot.check();
            relative.locator("#visitorName").fill("Maya Patel");
            relative.locator("#visitorEmail").fill(email);
            relative.locator("#patientName").fill("Ravi Patel");
            Locator questions = relative.locator("input[id^='answers.']");
            for (int i = 0; i < questions.count(); i++) {
                questions.nth(i).fill("12");
            }
            relative.locator("#consent").check();
            button(relative, "Book the visit").click();
            relative.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Visit booked")).waitFor();
            String reference = relative.locator(".reference").textContent().trim();
            shot(relative, "e2e-visit-booked-390.png");

            // The visit opens: the server's clock (and the pages') moves to five minutes before its start.
            Instant start = Instant.parse(slotStart);
            server.clock.advance(Duration.between(server.clock.instant(), start.minus(Duration.ofMinutes(5))));
            for (BrowserContext c : List.of(phone, ward)) {
                c.clock().install(new Clock.InstallOptions().setTime(server.clock.instant().toEpochMilli()));
            }

            // The link from the email as it arrived over SMTP (its calendar entry at the booked time):
            // camera and microphone check, then the lobby.
            Matcher join = JOIN_LINK.matcher(received(email, Instant.parse(slotStart)));
            assertThat(join.find()).as("a join link in the confirmation").isTrue();
            relative.navigate(server.api.base() + "/visit/join#" + join.group(1));
            relative.getByLabel("Your name").fill("Maya Patel");
            relative.locator("video").first().waitFor();
            shot(relative, "e2e-visit-camera-check-390.png");
            button(relative, "Join the visit").click();
            relative.getByText("Waiting for the ward to let you in").waitFor();
            shot(relative, "e2e-visit-lobby-390.png");

            // Alice's Visits view shows the relative waiting; she admits, then joins as host.
            Page nurse = live(server, List.of(ward), List.of(alice)).getFirst();
            nurse.locator(".rail a[href='#visits']").click();
            nurse.locator(".visits-body").waitFor();
            Locator row = nurse.locator(".visit-row").filter(new Locator.FilterOptions().setHasText(reference));
            row.locator(".visit-waiting-guest").filter(new Locator.FilterOptions().setHasText("Maya Patel (visitor)")).waitFor();
            shot(nurse, "e2e-visit-ward-waiting-1280.png");
            JsonNode waiting = staffVisit(alice, reference).at("/waiting/0");
            Person guest = new Person(waiting.get("guestId").asText(), "guest", null);
            button(row, "Admit Maya Patel (visitor)").click();
            button(row, Pattern.compile("^Join")).click();
            joinNow(nurse);

            // Both decode each other's video and audio, on the SFU.
            assertThat(nurse.evaluate("() => window.__conferCall.topology")).isEqualTo("sfu");
            relative.waitForFunction("() => window.__conferCall && window.__conferCall.peerId");
            awaitDecodes(nurse, alice, List.of(guest));
            awaitDecodes(relative, guest, List.of(alice));
            shot(relative, "e2e-visit-call-390.png");
            shot(nurse, "e2e-visit-call-1280.png");

            // Once the visit has started, the nurse marks it attended.
            server.clock.advance(Duration.ofMinutes(6));
            Api.Response attended = server.api.post("/api/v1/visits/" + staffVisit(alice, reference).get("id").asText() + "/outcome",
                    Map.of("status", "attended"), alice.token());
            assertThat(attended.status()).as(attended.toString()).isEqualTo(200);
            assertThat(staffVisit(alice, reference).get("status").asText()).isEqualTo("attended");
        }
    }

    private JsonNode staffVisit(Person who, String reference) {
        for (JsonNode c : server.api.get("/api/v1/visit-calendars", who.token()).json().get("items")) {
            for (JsonNode v : server.api.get("/api/v1/visit-calendars/" + c.get("id").asText() + "/visits?days=14", who.token())
                    .json().get("items")) {
                if (v.get("reference").asText().equals(reference)) {
                    return v;
                }
            }
        }
        throw new AssertionError("no visit " + reference);
    }

    /**
     * The text of the confirmation GreenMail received for {@code address} (the outbox sender polls
     * every 5 s), after checking its .ics part starts at {@code start}.
     */
    private String received(String address, Instant start) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                for (MimeMessage m : smtp.getReceivedMessages()) {
                    if (!m.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                        continue;
                    }
                    Map<String, String> parts = new HashMap<>();
                    collect(m, parts);
                    String text = parts.get("text/plain");
                    String ics = parts.get("text/calendar");
                    assertThat(ics).as("the confirmation's calendar entry").isNotNull();
                    VEvent event = new CalendarBuilder().build(new java.io.StringReader(ics)).<VEvent>getComponent("VEVENT").orElseThrow();
                    Instant dtstart = Instant.from(((net.fortuna.ical4j.model.property.DtStart<?>) event.getProperty("DTSTART")
                            .orElseThrow()).getDate());
                    assertThat(dtstart).as("DTSTART").isEqualTo(start);
                    return text;
                }
                Thread.sleep(200);
            }
        } catch (Exception e) {
            throw new AssertionError("reading the mail GreenMail received", e);
        }
        throw new AssertionError("GreenMail received no confirmation for " + address);
    }

    /** The text and calendar parts of a mail, however deep in its multiparts (mixed, alternative). */
    private static void collect(Part part, Map<String, String> out) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                collect(multi.getBodyPart(i), out);
            }
        } else if (part.isMimeType("text/plain") || part.isMimeType("text/calendar")) {
            String type = part.isMimeType("text/plain") ? "text/plain" : "text/calendar";
            out.putIfAbsent(type, new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
