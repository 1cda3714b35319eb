package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.Axe;
import org.confer.testing.BrowserTest;
import org.confer.testing.ConferProcess;
import org.junit.jupiter.api.Test;

/**
 * The result page in the web client (issue 14, docs/bots-and-results.md "Results"): a critical
 * potassium arrives over MLLP (HL7 v2.5.1) for Dr Bob Adeyemi, who holds the ordering GMC number;
 * his page shows the critical observation in words as well as colour, and Acknowledge records
 * it; the "Audit trail" tab is there for the lab liaison (a member of the results inbox) with the
 * acknowledgement in it, and absent for Bob. Screenshots at 1280, 768 and 390 px; axe on each.
 */
class ResultsBrowserTest extends BrowserTest {
    private static final int[][] SIZES = {{1280, 800}, {768, 1024}, {390, 844}};
    private final int mllpPort = ConferProcess.freePort();

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_MLLP_PORT", String.valueOf(mllpPort));
    }

    @Test
    void a_critical_result_page_shows_the_critical_observation_acknowledge_works_and_only_the_liaison_sees_the_audit() throws IOException {
        String priya = server.login("priya");
        String bob = server.login("bob");
        String bobId = id(bob);
        String georgeId = id(server.login("george"));
        // The lab's feed, Bob's GMC number (the message's orderer), and a results inbox George is in.
        Api.Response feed = server.api.post("/api/v1/results/feeds", Map.of("sendingFacility", "NGH", "name", "Northgate Pathology"), priya);
        assertThat(feed.status()).as(feed.toString()).isLessThan(300);
        Api.Response identifiers = put("/api/v1/users/" + bobId + "/identifiers", Map.of("items", List.of(Map.of("system", "GMC", "value", "7012345"))), priya);
        assertThat(identifiers.status()).as(identifiers.toString()).isLessThan(300);
        String teamId = server.api.post("/api/v1/teams", Map.of("name", "Lab liaison"), priya).json().get("id").asText();
        server.api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", georgeId, "role", "member"), priya);
        String inboxId = server.api.get("/api/v1/teams/" + teamId + "/channels", priya).json().at("/items/0/id").asText();
        Api.Response settings = put("/api/v1/results/settings", Map.of("inboxConversationId", inboxId, "deputyAfterMinutes", 10, "chain", List.of()), priya);
        assertThat(settings.status()).as(settings.toString()).isLessThan(300);

        String ack = sendOverMllp(Files.readString(Path.of("src/test/resources/clinical/oru-2.5.1-critical-potassium.hl7")));
        assertThat(ack).contains("MSA|AA|");
        String resultId = awaitRecentResult(bob);

        try (BrowserContext bobContext = browser.newContext(); BrowserContext georgeContext = browser.newContext()) {
            Page bobPage = signedIn(bobContext, "bob");
            bobPage.navigate(server.api.base() + "/#/results/" + resultId);
            Locator potassium = bobPage.locator(".observations tr").filter(new Locator.FilterOptions().setHasText("Potassium"));
            potassium.waitFor();
            assertThat(potassium.getAttribute("class")).contains("sev-critical");
            assertThat(potassium.textContent()).contains("6.9").contains("mmol/L").contains("3.5-5.3").contains("Critically high (HH)");
            Locator state = bobPage.locator(".result-state");
            assertThat(state.textContent()).contains("Critical result").contains("not acknowledged yet");
            assertThat(bobPage.locator(".result-facts").textContent()).contains("943 476 5870").contains("Serum");
            assertThat(bobPage.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Audit trail")).count())
                    .as("Bob is not the lab liaison: no audit tab").isZero();
            Axe.assertNoSeriousViolations(bobPage, "a critical result's page");
            shots(bobPage, "result-critical");

            button(bobPage, "Acknowledge").click();
            state.getByText("acknowledged by You").waitFor();
            assertThat(button(bobPage, "Acknowledge").count()).isZero();
            shot(bobPage, "result-acknowledged-1280.png");

            Page georgePage = signedIn(georgeContext, "george");
            georgePage.navigate(server.api.base() + "/#/results/" + resultId);
            Locator auditTab = georgePage.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Audit trail"));
            auditTab.click();
            Locator trail = georgePage.locator(".audit-trail");
            trail.getByText("Acknowledged").first().waitFor();
            assertThat(trail.textContent()).contains("Dr Bob Adeyemi");
            Axe.assertNoSeriousViolations(georgePage, "the audit trail");
            shots(georgePage, "result-audit");
        }
    }

    private String id(String token) {
        return server.api.get("/api/v1/me", token).json().get("id").asText();
    }

    private Api.Response put(String path, Object body, String token) {
        Map<String, String> headers = Api.auth(token);
        headers.put("Content-Type", "application/json");
        return server.api.send("PUT", path, Api.json(body), headers);
    }

    /** The result Bob was alerted of, once it is stored (the ACK comes after the commit, but poll anyway). */
    private String awaitRecentResult(String token) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Api.Response recent = server.api.get("/api/v1/results/recent", token);
            if (recent.status() == 200 && recent.json().path("items").size() > 0) {
                return recent.json().at("/items/0/id").asText();
            }
            try {
                Thread.sleep(100); // polling with the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no result reached Bob's recent results");
    }

    /** One MLLP exchange: 0x0B, the message, 0x1C 0x0D; the answer up to its own end block. */
    private String sendOverMllp(String message) {
        try (Socket socket = new Socket("127.0.0.1", mllpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(0x0b);
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {0x1c, 0x0d});
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != 0x1c; b = in.read()) {
                if (b != 0x0b) {
                    answer.write(b);
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
