package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.MediaStack;
import org.confer.testing.Pages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real media through the web client (tag "media", in the confer-media namespace): Alice calls Bob
 * from their direct chat (a mesh call), each decodes the other's video and receives audio
 * (getStats through the test hook window.__conferCall, documented in app/calls/callController.ts);
 * the call survives Bob's stream dropping and reconnecting, with the same peer connection still
 * decoding; leaving ends the media and the presence "in a call".
 */
@Tag("media")
@ExtendWith(MediaStack.class)
class MediaCallsBrowserTest extends BrowserTest {
    /** Media decodes 1–2 s after joining on a 2-core machine (docs/performance.md); generous for a busy one. */
    private static final double MEDIA_WAIT_MS = 20_000;
    /** True once a remote stream has decoded more than {@code arg} frames and received audio. */
    private static final String FLOWING = """
            async (min) => {
              const c = window.__conferCall;
              if (!c) return false;
              const s = await c.stats();
              return s.length > 0 && s.every((r) => r.framesDecoded > min && r.audioPacketsReceived > 0);
            }""";

    private Person bob;

    @Override
    protected Map<String, String> settings() {
        return MediaStack.conferSettings();
    }

    @BeforeAll
    void mediaBrowser() {
        browser.close();
        browser = Browser.launchForMedia();
        ChatFixtures fixtures = new ChatFixtures(server);
        Person alice = fixtures.demo("alice");
        bob = fixtures.demo("bob");
        fixtures.direct(alice, bob);
    }

    private Page live(BrowserContext context, String who) {
        Page page = signedIn(context, who);
        page.locator(".shell[data-connection=live]").waitFor();
        return page;
    }

    private static String trace(Page page) {
        return page.evaluate("async () => window.__conferCall ? JSON.stringify(await window.__conferCall.stats()) + '\\n'"
                + " + window.__conferCall.trace().join('\\n') : 'not in a call: ' + [...document.querySelectorAll('dialog[open]')].map((d) => d.innerText).join(' | ')").toString();
    }

    private static void waitForMedia(Page page, Page other, int moreThanFrames) {
        try {
            page.waitForFunction(FLOWING, moreThanFrames, new Page.WaitForFunctionOptions().setTimeout(MEDIA_WAIT_MS).setPollingInterval(250));
        } catch (RuntimeException e) {
            // What each connection got, to tell no ICE from no signalling from no decoding.
            String probe = other.evaluate("() => Promise.race([fetch('/api/v1/calls').then((r) => 'GET /api/v1/calls: ' + r.status),"
                    + " new Promise((r) => setTimeout(() => r('GET /api/v1/calls: no answer in 5 s'), 5000))])").toString();
            throw new AssertionError("no media:\n" + trace(page) + "\nthe other side:\n" + trace(other) + "\n" + probe, e);
        }
    }

    private static int framesDecoded(Page page) {
        return ((Number) page.evaluate("async () => (await window.__conferCall.stats())[0].framesDecoded")).intValue();
    }

    private boolean bobInCall() {
        Api.Response r = server.api.get("/api/v1/presence?userIds=" + bob.id(), bob.token());
        JsonNode first = r.json().path("items").path(0);
        return first.path("inCall").asBoolean(false);
    }

    @Test
    void two_people_in_a_direct_call_see_and_hear_each_other_through_a_reconnect_until_they_leave() {
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page alicePage = live(aliceContext, "alice");
            Page bobPage = live(bobContext, "bob");
            Pages.openConversation(alicePage, "Dr Bob Adeyemi");

            button(alicePage, "Video call").click();
            button(alicePage.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ready to join?")), "Join now").click();
            Locator ring = bobPage.getByRole(AriaRole.ALERTDIALOG, new Page.GetByRoleOptions().setName("Incoming video call"));
            button(ring, "Accept").click();
            button(bobPage.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Join the video call")), "Join now").click();

            // Each decodes the other's video and receives their audio, over the mesh.
            waitForMedia(alicePage, bobPage, 0);
            waitForMedia(bobPage, alicePage, 0);
            assertThat(alicePage.evaluate("() => window.__conferCall.topology")).isEqualTo("mesh");
            assertThat(bobInCall()).isTrue();

            // Bob's stream drops and comes back: the call and its peer connection carry on.
            String bobPeer = (String) bobPage.evaluate("() => window.__conferCall.peerId");
            bobContext.setOffline(true);
            bobPage.locator(".shell:not([data-connection=live])").waitFor();
            bobContext.setOffline(false);
            bobPage.locator(".shell[data-connection=live]").waitFor();
            int before = framesDecoded(bobPage);
            waitForMedia(bobPage, alicePage, before);
            waitForMedia(alicePage, bobPage, framesDecoded(alicePage));
            assertThat(bobPage.evaluate("() => window.__conferCall.peerId")).isEqualTo(bobPeer);
            assertThat(bobPage.locator("dialog.call-view[open] li.call-tile")).hasCount(2);

            // Bob leaves: his media stops on Alice's side (her tile of him goes) and he is no longer in a call.
            button(bobPage.locator("dialog.call-view[open]"), "Leave").click();
            assertThat(bobPage.locator("dialog.call-view[open]")).hasCount(0);
            assertThat(bobPage.evaluate("() => window.__conferCall === undefined")).isEqualTo(true);
            assertThat(alicePage.locator("dialog.call-view[open] li.call-tile")).hasCount(1);
            alicePage.waitForFunction("async () => (await window.__conferCall.stats()).length === 0");
            assertThat(bobInCall()).isFalse();
            button(alicePage.locator("dialog.call-view[open]"), "Leave").click();
            assertThat(alicePage.locator("li.system-line").filter(new Locator.FilterOptions().setHasText("Call ended"))).isVisible();
        }
    }
}
