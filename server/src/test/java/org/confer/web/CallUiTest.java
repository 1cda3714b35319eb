package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Pages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls in the web client without asserting media (that is MediaCallsBrowserTest, tag "media"):
 * Alice calls Bob from their direct chat's header; Bob gets the incoming call notice (a modal
 * alertdialog, the ring tone playing) and declines; Alice's call ends with a line in the chat.
 * Alice calls again and hangs up first: Bob's notice goes and he sees "Missed call". A third
 * call Bob accepts through the pre-join screen: both are in the call view (axe-clean), each sees
 * the other's tile, and mute shows on the other side. Chromium has a fake camera and microphone.
 */
class CallUiTest extends BrowserTest {
    private Person alice;
    private Person bob;
    private Person dan;

    @BeforeAll
    void mediaBrowserAndPeople() {
        // A fake camera and microphone and no permission prompt (the flags of the media tests).
        browser.close();
        browser = Browser.launchForMedia();
        ChatFixtures fixtures = new ChatFixtures(server);
        alice = fixtures.demo("alice");
        bob = fixtures.demo("bob");
        dan = fixtures.demo("dan");
        fixtures.direct(alice, bob);
    }

    private Page live(BrowserContext context, String who) {
        Page page = signedIn(context, who);
        page.locator(".shell[data-connection=live]").waitFor();
        return page;
    }

    private static Locator incoming(Page page) {
        return page.getByRole(AriaRole.ALERTDIALOG, new Page.GetByRoleOptions().setName(Pattern.compile("^Incoming")));
    }

    private static Locator callView(Page page) {
        return page.locator("dialog.call-view[open]");
    }

    private static Locator line(Page page, String text) {
        return page.locator("li.system-line").filter(new Locator.FilterOptions().setHasText(text));
    }

    /** From the header: the call button, the pre-join screen, Join now; waits for the call view. */
    private static void call(Page page, String kind) {
        button(page, kind).click();
        Locator prejoin = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ready to join?"));
        assertThat(prejoin).isVisible();
        button(prejoin, "Join now").click();
        callView(page).waitFor();
    }

    @Test
    void a_call_from_a_direct_chat_rings_is_declined_missed_and_answered() {
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alicePage = live(aliceContext, "alice");
            Page bobPage = live(bobContext, "bob");
            Pages.openConversation(alicePage, "Dr Bob Adeyemi");
            Pages.openConversation(bobPage, "Alice Moreno");

            // 1. Alice calls; Bob is rung wherever he is, with the tone; he declines.
            button(alicePage, "Video call").click();
            Locator prejoin = alicePage.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ready to join?"));
            assertThat(prejoin.locator("video")).isVisible();
            assertThat(prejoin.getByLabel("Microphone")).isVisible();
            shot(alicePage, "call-prejoin.png");
            button(prejoin, "Join now").click();
            callView(alicePage).waitFor();

            Locator notice = incoming(bobPage);
            assertThat(notice).isVisible();
            assertThat(notice).hasAccessibleName("Incoming video call");
            assertThat(notice).containsText("Alice Moreno is calling you");
            assertThat(notice).hasAttribute("data-ringing", "true");
            assertThat(bobPage.evaluate("() => document.querySelector('dialog.incoming-call').matches(':modal')")).isEqualTo(true);
            Axe.assertNoSeriousViolations(bobPage, "the incoming call notice");
            shot(bobPage, "call-incoming.png");
            bobPage.setViewportSize(768, 1024);
            shot(bobPage, "call-incoming-tablet.png");
            bobPage.setViewportSize(390, 844);
            shot(bobPage, "call-incoming-phone.png");
            bobPage.setViewportSize(1280, 800);
            button(notice, "Decline").click();
            assertThat(notice).isHidden();
            // Alice is still in it: Bob's header offers to join.
            assertThat(button(bobPage, Pattern.compile("^Join \\(1\\)"))).isVisible();
            assertThat(line(bobPage, "Alice Moreno started a video call")).isVisible();

            button(callView(alicePage), "Leave").click();
            assertThat(callView(alicePage)).hasCount(0);
            assertThat(line(alicePage, "Call ended")).isVisible();
            assertThat(line(bobPage, "Call ended")).isVisible();
            assertThat(button(bobPage, "Video call")).isVisible();

            // 2. Alice hangs up before Bob answers: his notice goes, and the chat says he missed it.
            call(alicePage, "Audio call");
            assertThat(incoming(bobPage)).hasAccessibleName("Incoming audio call");
            button(callView(alicePage), "Leave").click();
            assertThat(incoming(bobPage)).isHidden();
            assertThat(line(bobPage, "Missed call from Alice Moreno")).isVisible();
            assertThat(line(alicePage, "Missed call from Alice Moreno")).isVisible();

            // 3. Bob accepts: the pre-join screen with Join now focused, one more key.
            call(alicePage, "Video call");
            button(incoming(bobPage), "Accept").click();
            Locator answer = bobPage.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Join the video call"));
            assertThat(answer).isVisible();
            assertThat(button(answer, "Join now")).isFocused();
            bobPage.keyboard().press("Enter");
            callView(bobPage).waitFor();
            Locator aliceTiles = callView(alicePage).locator("li.call-tile");
            assertThat(aliceTiles).hasCount(2);
            assertThat(callView(alicePage).locator("li.call-tile[data-user='" + bob.id() + "']")).containsText("Dr Bob Adeyemi");
            assertThat(callView(bobPage).locator("li.call-tile")).hasCount(2);
            assertThat(callView(alicePage).locator("h2")).containsText("2 people");

            // Bob mutes: his tile on Alice's side shows it (call.state → call.roster).
            button(callView(bobPage), "Mute").click();
            assertThat(callView(alicePage).locator("li.call-tile[data-user='" + bob.id() + "'] [aria-label=muted]")).isVisible();
            button(callView(alicePage), Pattern.compile("^People")).click();
            assertThat(callView(alicePage).getByLabel("People in the call")).containsText("Dr Bob Adeyemi");
            Axe.assertNoSeriousViolations(alicePage, "the call view");
            shot(alicePage, "call-view.png");
            alicePage.setViewportSize(768, 1024);
            shot(alicePage, "call-view-tablet.png");
            alicePage.setViewportSize(390, 844);
            button(callView(alicePage), Pattern.compile("^People")).click();
            shot(alicePage, "call-view-phone.png");
            alicePage.setViewportSize(1280, 800);

            // Hidden, the call goes on: a bar to return, and Bob shows as in a call.
            button(callView(alicePage), "Hide call").click();
            assertThat(button(alicePage.locator(".call-bar"), "Return to call")).isVisible();
            assertThat(alicePage.locator(".pane-head .head-sub")).containsText("In a call");
            shot(alicePage, "call-hidden-bar.png");
            button(alicePage.locator(".call-bar"), "Leave").click();
            button(callView(bobPage), "Leave").click();
            assertThat(callView(bobPage)).hasCount(0);
            assertThat(line(bobPage, "Call ended").last()).isVisible();
            assertThat(alicePage.locator(".pane-head .head-sub")).not().containsText("In a call");
        }
    }

    /** Joins a meeting occurrence the way the calendar does (callActions.joinMeeting raises this event). */
    private static void joinMeeting(Page page, String meetingId, String occurrence) {
        page.evaluate("([id, at]) => window.dispatchEvent(new CustomEvent('confer:join-meeting', { detail: { meetingId: id, occurrence: at } }))",
                List.of(meetingId, occurrence));
        Locator prejoin = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ready to join?"));
        button(prejoin, "Join now").click();
    }

    @Test
    void someone_from_another_organisation_waits_in_the_lobby_until_the_organiser_admits_them() {
        // A meeting now (London is on UTC in December), lobby for people outside Alice's organisation.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Api.Response meeting = server.api.post("/api/v1/meetings", Map.of("title", "Discharge planning", "timeZone", "UTC",
                "start", LocalDateTime.ofInstant(start, ZoneOffset.UTC).toString(),
                "end", LocalDateTime.ofInstant(start.plus(1, ChronoUnit.HOURS), ZoneOffset.UTC).toString(),
                "invitees", List.of(dan.id()), "lobby", "organisation", "media", "video"), alice.token());
        assertThat(meeting.status()).as(meeting.toString()).isEqualTo(201);
        String meetingId = meeting.json().path("id").asText();
        String occurrence = meeting.json().path("startsAt").asText();
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext danContext = browser.newContext()) {
            Page alicePage = live(aliceContext, "alice");
            Page danPage = live(danContext, "dan");
            joinMeeting(alicePage, meetingId, occurrence);
            try {
                callView(alicePage).waitFor(new Locator.WaitForOptions().setTimeout(15_000));
            } catch (RuntimeException e) {
                throw new AssertionError("not in the meeting: " + alicePage.locator("dialog[open]").allInnerTexts(), e);
            }

            joinMeeting(danPage, meetingId, occurrence);
            Locator waiting = danPage.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Waiting for the organiser to let you in"));
            assertThat(waiting).isVisible();
            Axe.assertNoSeriousViolations(danPage, "the lobby's waiting screen");
            shot(danPage, "call-lobby-waiting.png");
            danPage.setViewportSize(768, 1024);
            shot(danPage, "call-lobby-waiting-tablet.png");
            danPage.setViewportSize(390, 844);
            shot(danPage, "call-lobby-waiting-phone.png");

            // Alice is told who waits, and admits Dan from the people panel.
            Locator people = button(callView(alicePage), Pattern.compile("1 waiting"));
            people.click();
            Locator lobby = callView(alicePage).getByLabel("People in the call");
            assertThat(lobby).containsText("Waiting in the lobby");
            assertThat(lobby).containsText("Dan Kowalski");
            Axe.assertNoSeriousViolations(alicePage, "the lobby panel");
            shot(alicePage, "call-lobby-host.png");
            alicePage.setViewportSize(390, 844);
            shot(alicePage, "call-lobby-host-phone.png");
            alicePage.setViewportSize(1280, 800);
            button(lobby, Pattern.compile("^Admit")).click();

            callView(danPage).waitFor();
            assertThat(callView(danPage).locator("h2")).containsText("2 people");
            assertThat(callView(alicePage).locator("li.call-tile")).hasCount(2);
            assertThat(callView(danPage).locator(".call-note")).hasText("This meeting is not recorded");
            button(callView(danPage), "Leave").click();
            button(callView(alicePage), "Leave").click();
            assertThat(callView(alicePage)).hasCount(0);
        }
    }
}
