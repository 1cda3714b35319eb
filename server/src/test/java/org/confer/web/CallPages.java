package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.WaitUntilState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.TestServer;

/** Steps of call and meeting journeys in the web client, for MeetingsEndToEndTest. */
final class CallPages {
    /** Measured: media decodes 1.2–2.3 s after joining on a 2-core machine; generous for a busy one. */
    static final Duration MEDIA_WAIT = Duration.ofSeconds(30);

    private CallPages() {}

    /**
     * Pages signed in, with live streams: each context signs in through the API (its cookies,
     * session and CSRF, are the browser's; the sign-in form is SignInPageTest's), then the pages
     * load side by side rather than one after another.
     */
    static List<Page> live(TestServer s, List<BrowserContext> contexts, List<Person> people) {
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            APIResponse r = contexts.get(i).request().post(s.api.base() + "/api/v1/auth/login", RequestOptions.create()
                    .setData(Map.of("email", people.get(i).email(), "password", TestServer.DEMO_PASSWORD)));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            Page page = contexts.get(i).newPage();
            page.navigate(s.api.base() + "/", new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            pages.add(page);
        }
        for (Page page : pages) {
            page.locator(".shell[data-connection=live]").waitFor();
        }
        return pages;
    }

    /** Opens the conversation whose list entry starts with {@code name} (no regex characters in it). */
    static void openConversation(Page page, String name) {
        button(page, Pattern.compile("^" + name)).first().click();
        page.locator(".pane-head h1").getByText(name).waitFor();
    }

    static void send(Page page, String text) {
        Locator composer = page.locator("#composer-text");
        composer.fill(text);
        composer.press("Enter");
        assertThat(messages(page).filter(new Locator.FilterOptions().setHasText(text)).first()).isVisible();
    }

    static Locator messages(Page page) {
        return page.locator("ol.message-list li");
    }

    static Locator callView(Page page) {
        return page.locator("dialog.call-view[open]");
    }

    /** The pre-join screen: Join now, then the call view. */
    static void joinNow(Page page) {
        button(page.locator("dialog.prejoin[open]"), "Join now").click();
        callView(page).waitFor();
    }

    static void section(Page page, String name) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^" + name))).click();
    }

    static void joinFromCalendar(Page page, String title, boolean screenshot) {
        section(page, "Calendar");
        Locator block = page.locator(".meeting-block").filter(new Locator.FilterOptions().setHasText(title)).first();
        block.waitFor();
        if (screenshot) {
            shot(page, "e2e-mdt-calendar.png");
        }
        block.click();
        Locator details = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(title));
        Locator join = button(details, "Join");
        assertThat(join).isEnabled();
        join.click();
    }

    /**
     * Waits until {@code page} (of {@code me}) decodes video frames and receives audio packets
     * from every one of {@code others} over a named selected pair, per getStats through the calls UI's test hook; returns
     * the last stats.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> awaitDecodes(Page page, Person me, List<Person> others) {
        Set<String> wanted = new HashSet<>(others.stream().map(Person::id).toList());
        long deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
        List<Map<String, Object>> stats = List.of();
        while (true) {
            stats = (List<Map<String, Object>>) page.evaluate("() => window.__conferCall.stats()");
            Set<String> flowing = new HashSet<>();
            for (Map<String, Object> s : stats) {
                // Media flows over a selected pair; wait until the stats name it too (callers check its type).
                if (((Number) s.get("framesDecoded")).intValue() > 0 && ((Number) s.get("audioPacketsReceived")).intValue() > 0
                        && s.get("localCandidateType") != null) {
                    flowing.add((String) s.get("userId"));
                }
            }
            if (flowing.containsAll(wanted)) {
                return stats;
            }
            if (System.nanoTime() > deadline) {
                // The signalling trace says where a connection stopped (the test hook's trace()).
                Object trace = page.evaluate("() => window.__conferCall.trace ? window.__conferCall.trace() : null");
                throw new AssertionError(me.email() + " does not decode all of " + wanted + " within " + MEDIA_WAIT + ": " + stats
                        + "\nsignalling trace: " + trace);
            }
            page.waitForTimeout(250); // polling getStats against a deadline
        }
    }

    /** Leaves from the bar shown while the call's view is hidden. */
    static void leaveFromBar(Page page) {
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Your call"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Leave")).click();
    }
}
