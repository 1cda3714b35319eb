package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ConferProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 right after the reminders tick has written a reminder, then a restart whose ticks run
 * over the same rows: the visitor's outbox holds that reminder exactly once, and a real SMTP
 * server (GreenMail, in this JVM) receives it exactly once (the real server as a separate
 * process, on the wall clock). The visit starts 61-62 minutes after booking, so its 1-hour
 * reminder is the only one; rather than wait the minute or two until it is due, the test moves
 * its row's due time to now through a second connection to the first server's H2 file (opened
 * with AUTO_SERVER=TRUE for that), and the server's own tick (every second) writes it. The
 * restarted server opens the file with the default URL.
 */
class ReminderSurvivesKillNineTest {
    private static final String DEMO_PASSWORD = "kill-nine-visits-password";
    /** Two starts with the demo seed (Argon2 hashes) on a loaded 2-core machine. */
    private static final Duration SLOW_START = Duration.ofMinutes(4);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @TempDir
    Path work;

    private ConferProcess started(Map<String, String> env) {
        ConferProcess p = ConferProcess.launch(work, env, "--demo");
        try {
            return p.awaitReady(SLOW_START);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    private GreenMail smtp;

    @BeforeEach
    void smtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void aReminderWrittenJustBeforeAKillIsInTheOutboxExactlyOnceAfterTheRestart() throws Exception {
        Map<String, String> env = Map.of("CONFER_DATA_DIR", work.resolve("data").toString(), "CONFER_DEMO_PASSWORD", DEMO_PASSWORD,
                "CONFER_VISITS_TICK_SECONDS", "1", "CONFER_VISITS_POW_BITS", "4",
                "CONFER_SMTP_HOST", "127.0.0.1", "CONFER_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "CONFER_SMTP_FROM", "visits@ward7.confer.test", "CONFER_SMTP_STARTTLS", "false");
        // The default H2 URL (ConfigLoader) with AUTO_SERVER, so this test can open the same file while the server
        // runs (H2 refuses AUTO_SERVER with DB_CLOSE_ON_EXIT=FALSE, which only orders a clean shutdown: this one is killed).
        String sharedH2 = "jdbc:h2:file:" + work.resolve("data").resolve("confer").toAbsolutePath() + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
        Map<String, String> firstEnv = new HashMap<>(env);
        firstEnv.put("CONFER_DB_URL", sharedH2);
        String email = "kill-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (ConferProcess first = started(firstEnv)) {
            String fatima = first.api.login("fatima@demo.confer.test", DEMO_PASSWORD);
            JsonNode ward7 = null;
            for (JsonNode c : first.api.get("/api/v1/visit-calendars", fatima).json().get("items")) {
                if (c.get("slug").asText().equals("ward-7")) {
                    ward7 = c;
                }
            }
            assertThat(ward7).as("the demo calendar").isNotNull();
            // A calendar open today from a minute a little over an hour ahead: its first slot has a 1-hour reminder and no 24-hour one.
            ZonedDateTime opens = ZonedDateTime.now(LONDON).plusMinutes(62).truncatedTo(ChronoUnit.MINUTES);
            LocalDate day = opens.toLocalDate();
            LocalTime from = opens.toLocalTime();
            LocalTime to = from.isAfter(LocalTime.of(23, 0)) ? LocalTime.of(23, 59) : from.plusMinutes(30);
            String slug = "kill-" + UUID.randomUUID().toString().substring(0, 8);
            Api.Response made = first.api.post("/api/v1/visit-calendars", Map.of("teamId", ward7.get("teamId").asText(),
                    "channelId", ward7.get("channelId").asText(), "slug", slug, "name", "Kill nine ward", "durationMinutes", 5,
                    "minNoticeMinutes", 0, "published", true,
                    "exceptions", List.of(Map.of("date", day.toString(), "hours", List.of(Map.of("opens", hhmm(from), "closes", hhmm(to)))))),
                    fatima);
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            JsonNode slots = first.api.get("/api/v1/public/visit-calendars/" + slug + "/slots?from=" + day + "&days=1", null).json()
                    .get("items");
            String slot = slots.get(0).get("start").asText();
            JsonNode challenge = first.api.get("/api/v1/public/visit-challenge", null).json();
            String c = challenge.get("challenge").asText();
            Api.Response booked = first.api.post("/api/v1/public/visit-calendars/" + slug + "/bookings", Map.of("slotStart", slot,
                    "visitorName", "Kill Nine", "visitorEmail", email, "patientName", "Patient Nine", "consent", true, "website", "",
                    "challenge", c, "nonce", ProofOfWork.solve(c, challenge.get("difficulty").asInt())), null);
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);

            String admin = first.api.login("admin@demo.confer.test", DEMO_PASSWORD);
            assertThat(makeReminderDueNow(sharedH2, email)).as("the visit's one reminder, the 1-hour one").isEqualTo(1);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (reminders(first.api, admin, email) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // The tick committed the claim and the mail together; kill before anything else happens.
            first.sigkill();
            assertThat(first.waitFor(Duration.ofSeconds(15))).as("killed by SIGKILL").isEqualTo(137);
        }
        try (ConferProcess second = started(env)) {
            String admin = second.api.login("admin@demo.confer.test", DEMO_PASSWORD);
            Thread.sleep(4_000); // a few ticks of the restarted server over the same rows
            assertThat(reminders(second.api, admin, email)).isEqualTo(1);
            assertThat(count(second.api, admin, email, "Visit booked")).isEqualTo(1);
            // Delivered over SMTP: a mail the killed server had claimed is sent again once its claim
            // lapses (2 minutes), so wait for both, then a few more polls for any duplicate.
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (delivered(email, "Reminder") + delivered(email, "Visit booked") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(12_000);
            assertThat(delivered(email, "Visit booked")).as("confirmations GreenMail received").isEqualTo(1);
            assertThat(delivered(email, "Reminder")).as("reminders GreenMail received").isEqualTo(1);
        }
    }

    /** Mails GreenMail received for {@code email} whose subject starts with {@code subjectPrefix}. */
    private long delivered(String email, String subjectPrefix) throws Exception {
        long n = 0;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            boolean toVisitor = java.util.Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(email));
            if (toVisitor && m.getSubject().startsWith(subjectPrefix)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Moves the due time of the visitor's unsent reminders to now, through a second connection to
     * the running server's H2 file; the connection is closed before the kill. Returns the rows moved.
     */
    private static int makeReminderDueNow(String url, String email) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement s = c.prepareStatement("UPDATE visit_reminders SET due_at = CURRENT_TIMESTAMP WHERE sent_at IS NULL"
                     + " AND visit_id IN (SELECT id FROM visits WHERE visitor_email = ?)")) {
            s.setString(1, email);
            return s.executeUpdate();
        }
    }

    private static String hhmm(LocalTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    private static long reminders(Api api, String admin, String email) {
        return count(api, admin, email, "Reminder");
    }

    private static long count(Api api, String admin, String email, String subjectPrefix) {
        long n = 0;
        for (JsonNode m : api.get("/api/v1/admin/email-outbox?limit=200", admin).json().get("items")) {
            if (m.get("toAddress").asText().equals(email) && m.get("subject").asText().startsWith(subjectPrefix)) {
                n++;
            }
        }
        return n;
    }
}
