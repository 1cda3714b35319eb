package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;
import static org.confer.web.CallPages.awaitDecodes;
import static org.confer.web.CallPages.joinNow;
import static org.confer.web.CallPages.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Clock;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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
 * link in the confirmation mail, opens it when the visit opens, checks camera and microphone,
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

    @BeforeAll
    void start() throws IOException {
        Map<String, String> settings = new HashMap<>(MediaStack.conferSettings());
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

            // The link from the email: camera and microphone check, then the lobby.
            Matcher join = JOIN_LINK.matcher(mailTo(email));
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

    /** The newest mail to {@code address}, as the platform admin reads the outbox. */
    private String mailTo(String address) {
        Api.Response r = server.api.get("/api/v1/admin/email-outbox?limit=200", server.login("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode m : r.json().get("items")) {
            if (address.equalsIgnoreCase(m.path("toAddress").asText())) {
                return m.path("textBody").asText();
            }
        }
        throw new AssertionError("no mail to " + address);
    }
}
