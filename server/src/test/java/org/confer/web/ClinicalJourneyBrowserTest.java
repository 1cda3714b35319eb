package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.testing.Api;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's clinical journey end to end, in Chromium: the lab's HL7 feed delivers a critical
 * potassium over a real MLLP socket; the requesting registrar, signed in, sees the urgent alert
 * and the Results bot's card within a second; nobody acknowledges, so it escalates (the test
 * clock moved past the escalation time) to the on-call consultant, who acknowledges from the
 * card in another browser; the registrar's card then says who acknowledged; the lab liaison
 * reads the audit trail: received, alerted, escalated, acknowledged, with times. Screenshots:
 * server/target/e2e-*.png.
 */
class ClinicalJourneyBrowserTest extends BrowserTest {
    /** What the test asserts on a loaded CI machine; the measured time is printed, the target is 1 s. */
    private static final long ALERT_BOUND_MILLIS = 5_000;
    private static final Path SHOTS = Browser.SCREENSHOTS.getParent();
    private static final String FEED = "DEMO-LAB";
    private static final String REGISTRAR_GMC = "7000003";
    private final int mllpPort = freePort();

    private ChatFixtures fixtures;
    private Person admin;
    private Person registrar;
    private Person consultant;
    private Person liaison;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_MLLP_PORT", Integer.toString(mllpPort));
    }

    /**
     * The demo data (DemoIntegrations) gives the feed DEMO-LAB, Dr Chloe Turner's GMC number and
     * the on-call consultant role held by Dr Bob Adeyemi; the test adds a results inbox with a lab
     * liaison in it and one-minute escalation times.
     */
    @BeforeAll
    void clinicalSetUp() {
        fixtures = new ChatFixtures(server);
        admin = fixtures.demo("priya");
        registrar = fixtures.demo("chloe");
        consultant = fixtures.demo("bob");
        liaison = liaison();
        JsonNode gmc = ok(server.api.get("/api/v1/users/" + registrar.id() + "/identifiers", admin.token())).json().get("items");
        assertThat(gmc.findValuesAsText("value")).as("the demo registrar's GMC number").contains(REGISTRAR_GMC);
        JsonNode role = ok(server.api.get("/api/v1/on-call-roles", admin.token())).json().get("items").get(0);
        assertThat(role.get("holderId").asText()).as("the demo on-call consultant").isEqualTo(consultant.id());
        String team = fixtures.team(admin, "Blood sciences liaison");
        fixtures.addToTeam(admin, team, liaison);
        String inbox = fixtures.general(admin, team);
        ok(server.api.send("PUT", "/api/v1/results/settings", json(Map.of("inboxConversationId", inbox, "deputyAfterMinutes", 1,
                "chain", List.of(Map.of("onCallRoleId", role.get("id").asText(), "afterMinutes", 1)))), auth(admin)));
    }

    @Test
    void a_critical_potassium_alerts_the_registrar_within_a_second_escalates_to_the_on_call_consultant_and_is_audited() throws Exception {
        try (BrowserContext registrarContext = browser.newContext(); BrowserContext consultantContext = browser.newContext()) {
            Page registrarPage = live(signedIn(registrarContext, "chloe"));
            Page consultantPage = live(signedIn(consultantContext, "bob"));

            long sent = System.nanoTime();
            String ack = sendOverMllp(oru("JRN-" + UUID.randomUUID(), REGISTRAR_GMC));
            Locator alert = registrarPage.getByRole(AriaRole.ALERTDIALOG);
            assertThat(alert).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(ALERT_BOUND_MILLIS));
            long alertMillis = (System.nanoTime() - sent) / 1_000_000;
            assertThat(alert).containsText("Potassium");
            System.out.println("[e2e] HL7 send -> urgent alert visible in Chromium: " + alertMillis + " ms (target <= 1000 ms)");
            assertThat(ack).as("the lab got AA once the result was stored").contains("MSA|AA|");
            assertThat(alertMillis).isLessThanOrEqualTo(ALERT_BOUND_MILLIS);
            shot(registrarPage, "e2e-result-alert.png");
            registrarPage.setViewportSize(390, 844);
            shot(registrarPage, "e2e-result-alert-phone.png");
            registrarPage.setViewportSize(1280, 800);

            // Open (not Acknowledge): the registrar reads the card in the Results bot's chat, and does nothing.
            alert.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open")).first().click();
            Locator registrarCard = registrarPage.locator(".bot-card").filter(new Locator.FilterOptions().setHasText("Potassium")).last();
            assertThat(registrarCard).isVisible();
            long cardMillis = (System.nanoTime() - sent) / 1_000_000;
            System.out.println("[e2e] HL7 send -> Results bot card visible (after Open): " + cardMillis + " ms");
            assertThat(registrarCard).containsText("6.9");
            assertThat(registrarCard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge"))).isVisible();
            shot(registrarPage, "e2e-result-card.png");

            // Nobody acknowledges: past the deputy's minute (no deputy named) and the on-call role's minute.
            String resultId = latestResultId(registrar);
            Locator escalated = consultantPage.getByRole(AriaRole.ALERTDIALOG);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!escalated.isVisible() && System.nanoTime() < deadline) {
                // Whole microseconds (the databases' precision): steps of one frozen instant must not round apart.
                server.clock.advance(Duration.ofSeconds(70).minusNanos(server.clock.instant().getNano() % 1_000));
                server.app().integrations().results().escalations().tick();
                consultantPage.waitForTimeout(500);
            }
            assertThat(escalated).isVisible();
            assertThat(escalated).containsText("Potassium");
            assertThat(escalated).containsText("Chloe Turner");
            shot(consultantPage, "e2e-escalation.png");

            escalated.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open")).first().click();
            Locator consultantCard = consultantPage.locator(".bot-card").filter(new Locator.FilterOptions().setHasText("Potassium")).last();
            consultantCard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge")).click();
            assertThat(registrarCard).containsText(Pattern.compile("Acknowledged by Dr Bob Adeyemi"),
                    new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
            assertThat(registrarCard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge"))).hasCount(0);
            registrarCard.scrollIntoViewIfNeeded();
            shot(registrarPage, "e2e-acknowledged.png");
            JsonNode result = ok(server.api.get("/api/v1/results/" + resultId, registrar.token())).json();
            assertThat(result.get("acknowledgedBy").asText()).isEqualTo(consultant.id());

            try (BrowserContext liaisonContext = browser.newContext()) {
                Page liaisonPage = live(signedInAs(liaisonContext, liaison.email()));
                liaisonPage.navigate(server.api.base() + "/#/results/" + resultId);
                liaisonPage.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Audit trail")).click();
                Locator trail = liaisonPage.getByRole(AriaRole.TABPANEL);
                // In the order they happened, each with its time.
                assertThat(trail).containsText(Pattern.compile("Received from the lab.*Alert sent.*Escalated.*Alert sent.*Acknowledged by Dr Bob Adeyemi",
                        Pattern.DOTALL));
                assertThat(trail.locator("li time")).not().hasCount(0);
                shot(liaisonPage, "e2e-audit-trail.png");
            }
            JsonNode audit = ok(server.api.get("/api/v1/results/" + resultId + "/audit", liaison.token())).json();
            assertThat(audit.get("items").findValuesAsText("action")).containsSubsequence("result.received", "result.routed",
                    "result.alerted", "result.escalated", "result.alerted", "result.acknowledged");
        }
    }

    /** The lab liaison: a person of the demo organisation, Lee Okoro, Blood Sciences. */
    private Person liaison() {
        String email = "lee.okoro-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
        Api.Response r = ok(server.api.post("/api/v1/admin/users", Map.of("email", email, "displayName", "Lee Okoro",
                "jobTitle", "Lab Liaison Biomedical Scientist", "password", ChatFixtures.PASSWORD), server.login("admin")));
        return new Person(r.json().get("id").asText(), email, server.api.login(email, ChatFixtures.PASSWORD));
    }

    private String latestResultId(Person who) {
        JsonNode recent = ok(server.api.get("/api/v1/results/recent", who.token())).json().get("items");
        assertThat(recent).as("the registrar was alerted of the result").isNotEmpty();
        return recent.get(0).get("id").asText();
    }

    /** The same page, once its stream is live: from then on events reach it as they happen. */
    private static Page live(Page page) {
        page.locator(".shell[data-connection=live]").waitFor();
        return page;
    }

    private Page signedInAs(BrowserContext context, String email) {
        Page page = context.newPage();
        page.navigate(server.api.base() + "/");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(ChatFixtures.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
        return page;
    }

    /** A lab's ORU^R01 (v2.5.1): a critical potassium (HH) ordered by the clinician with this GMC number. */
    private String oru(String controlId, String orderer) {
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        String clinician = orderer + "^Turner^Chloe^^^Dr^^^GMC";
        return String.join("\r",
                "MSH|^~\\&|WINPATH|" + FEED + "|CONFER|RDM|" + now + "||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1",
                "PID|1||9434765919^^^NHS^NH||TURNER^MARGARET^^^MRS||19470312|F",
                "ORC|RE|ORD778812|LAB778812||CM||||" + now + "|||" + clinician,
                "OBR|1|ORD778812|LAB778812|UE^Urea and electrolytes^L|||" + now + "|||||||||" + clinician + "||||||" + now + "|||F",
                "OBX|1|NM|2823-3^Potassium^LN||6.9|mmol/L|3.5-5.3|HH|||F|||" + now,
                "OBX|2|NM|2951-2^Sodium^LN||138|mmol/L|133-146|N|||F|||" + now,
                "");
    }

    /** Sends one MLLP frame and returns the ACK (the frame's content), read with a deadline. */
    private String sendOverMllp(String message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", mllpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(0x0B);
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {0x1C, 0x0D});
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream ack = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != 0x1C; b = in.read()) {
                if (b != 0x0B) {
                    ack.write(b);
                }
            }
            return ack.toString(StandardCharsets.UTF_8);
        }
    }

    private static void shot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(file)));
    }

    private static Api.Response ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r;
    }

    private static Map<String, String> auth(Person p) {
        return Map.of("Authorization", "Bearer " + p.token(), "Content-Type", "application/json");
    }

    private static byte[] json(Object body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
