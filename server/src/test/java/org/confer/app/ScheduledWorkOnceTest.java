package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.AUDIT_EVENTS;
import static org.confer.db.schema.Tables.MAIL_OUTBOX;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.USER_EVENTS;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.db.Lease;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Cluster;
import org.confer.testing.Eventually;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scheduled work runs once in a cluster, not once per node (issue 18; docs/operations.md,
 * "Scheduled work in a cluster"). Three nodes share one PostgreSQL database; each job is made due,
 * then run by all three at the same instant (their own timers may fire too), and what people
 * would see is counted: every reminder, overdue alert and mail exactly once. Result escalations
 * have their own test beside the feature (results/ResultEscalationsOnceTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledWorkOnceTest {
    private static final int NODES = 3;
    /** Whatever a node's timer started after a clock move has finished well within this. */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private GreenMail smtp;
    private Cluster cluster;
    private TestServer first;
    private ChatFixtures fx;

    @BeforeAll
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            cluster = Cluster.start(NODES, Map.of("CONFER_SMTP_HOST", "127.0.0.1", "CONFER_SMTP_PORT",
                    Integer.toString(smtp.getSmtp().getPort()), "CONFER_SMTP_FROM", "confer@cluster.confer.test",
                    "CONFER_SMTP_STARTTLS", "false"), Map.of());
        } catch (RuntimeException | Error e) {
            smtp.stop();
            throw e;
        }
        first = cluster.node(0);
        fx = new ChatFixtures(first);
    }

    @AfterAll
    void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void each_urgent_reminder_reaches_each_recipient_once_when_three_nodes_run_the_reminders_at_once() throws Exception {
        List<Person> people = fx.people("urgent-cluster", 6);
        List<UUID> recipients = people.subList(1, people.size()).stream().map(p -> UUID.fromString(p.id())).toList();
        String conversation = fx.group(people);
        int messages = 12;
        for (int i = 0; i < messages; i++) {
            Api.Response r = first.api.post("/api/v1/conversations/" + conversation + "/messages",
                    Map.of("text", "Bed 4 deteriorating " + i, "clientMsgId", UUID.randomUUID().toString(), "urgent", true),
                    people.getFirst().token());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        long before = urgentNotices(recipients);
        assertThat(before).as("the first notices").isEqualTo((long) messages * recipients.size());

        for (int round = 1; round <= 2; round++) {
            cluster.advance(Duration.ofMinutes(2).plusSeconds(1));
            List<Integer> sent = cluster.atOnce(app -> app.urgent().runDue());
            long expected = before + (long) round * messages * recipients.size();
            assertOnce(() -> urgentNotices(recipients), expected, "urgent notices after reminder round " + round);
            assertThat(sent.stream().mapToInt(Integer::intValue).sum()).as("reminders the three runs sent")
                    .isLessThanOrEqualTo(messages * recipients.size());
        }
    }

    @Test
    void an_overdue_request_is_escalated_once_when_three_nodes_check_at_once() throws Exception {
        BasicTeam team = fx.basicTeam();
        Person nurse = fx.person("cluster-nurse");
        Api.Response service = first.api.post("/api/v1/request-services", Map.of("slug", "phleb-" + UUID.randomUUID().toString().substring(0, 6),
                "name", "Phlebotomy", "teamId", team.id(), "queueConversationId", team.general(), "leadId", team.owner().id(),
                "askNhsNumber", false, "fields", List.of(), "targets", Map.of("routine", 240, "urgent", 60, "emergency", 15)),
                team.owner().token());
        assertThat(service.status()).as(service.toString()).isEqualTo(201);
        List<UUID> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Api.Response r = first.api.post("/api/v1/requests", Map.of("serviceId", service.json().get("id").asText(), "priority",
                    "emergency", "location", "Resus " + i, "details", "Gas and lactate", "clientRequestId", UUID.randomUUID().toString()),
                    nurse.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            requests.add(UUID.fromString(r.json().get("id").asText()));
        }
        cluster.advance(Duration.ofMinutes(16));
        cluster.atOnce(app -> app.integrations().overdueRequests().runDue());

        assertOnce(() -> (long) cluster.dsl().fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("request.overdue")
                .and(AUDIT_EVENTS.SUBJECT_ID.in(requests))), requests.size(), "request.overdue audit records");
        // The schema is this class's own: these are the only requests, and each alert names its request's number.
        assertOnce(() -> (long) cluster.dsl().fetchCount(MESSAGES, MESSAGES.TEXT.like("Overdue: Phlebotomy request #%")),
                requests.size(), "the lead's urgent overdue alerts");
    }

    @Test
    void each_mail_in_the_outbox_is_delivered_once_when_three_nodes_send_at_once() throws Exception {
        int mails = 40;
        // Due by every node's clock: the nodes started a few seconds apart, so their clocks differ by that much.
        OffsetDateTime due = cluster.nodes().stream().map(n -> OffsetDateTime.now(n.clock)).min(OffsetDateTime::compareTo)
                .orElseThrow().minusSeconds(1).truncatedTo(ChronoUnit.MICROS);
        String batch = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < mails; i++) {
            cluster.dsl().insertInto(MAIL_OUTBOX).set(MAIL_OUTBOX.ID, UUID.randomUUID())
                    .set(MAIL_OUTBOX.TO_ADDRESS, "visitor" + i + "@example.com").set(MAIL_OUTBOX.SUBJECT, "Reminder " + batch + " #" + i)
                    .set(MAIL_OUTBOX.TEXT_BODY, "Your visit to Ward 7 is tomorrow at 14:00.").set(MAIL_OUTBOX.CREATED_AT, due)
                    .set(MAIL_OUTBOX.ATTEMPTS, 0).set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, due).execute();
        }
        cluster.atOnce(app -> app.mailSender().sendDue());

        assertOnce(() -> received(batch).values().stream().mapToLong(Long::longValue).sum(), mails, "mails GreenMail received");
        assertThat(received(batch)).as("one of each").hasSize(mails).allSatisfy((subject, n) -> assertThat(n).as(subject).isEqualTo(1));
    }

    @Test
    void a_cluster_lease_is_held_by_one_node_at_a_time() throws Exception {
        Lease lease = new Lease("audit-retention");
        List<String> holders = cluster.atOnce(app -> {
            String holder = "node-" + UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now();
            return lease.acquire(app.database().dsl(), holder, now, now.plusMinutes(5)) ? holder : null;
        });
        List<String> won = holders.stream().filter(h -> h != null).toList();
        assertThat(won).as("holders").hasSize(1);
        OffsetDateTime now = OffsetDateTime.now();
        assertThat(lease.acquire(cluster.dsl(), "late", now, now.plusMinutes(5))).as("taken while held").isFalse();
        lease.release(cluster.dsl(), won.getFirst());
        assertThat(lease.acquire(cluster.dsl(), "next", now, now.plusMinutes(5))).as("taken once released").isTrue();
        assertThat(lease.acquire(cluster.dsl(), "after-expiry", now.plusMinutes(6), now.plusMinutes(11)))
                .as("taken once expired: a node that died holding it").isTrue();
        lease.release(cluster.dsl(), "after-expiry");
    }

    private long urgentNotices(List<UUID> recipients) {
        return cluster.dsl().fetchCount(USER_EVENTS, USER_EVENTS.KIND.eq("message.urgent").and(USER_EVENTS.USER_ID.in(recipients)));
    }

    /** Subject → how many times GreenMail received it, for this test's batch. */
    private Map<String, Long> received(String batch) {
        Map<String, Long> out = new HashMap<>();
        try {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getSubject().contains(batch)) {
                    out.merge(m.getSubject(), 1L, Long::sum);
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /**
     * Waits until {@code count} reaches {@code expected} (a node's own timer may still be
     * finishing), then checks it stays there: a second send would arrive within the settle time.
     */
    private static void assertOnce(java.util.function.Supplier<Long> count, long expected, String what) throws InterruptedException {
        long reached = Eventually.answer(SETTLE, count, n -> n >= expected, what);
        assertThat(reached).as(what).isEqualTo(expected);
        Thread.sleep(500);
        assertThat(count.get()).as(what + ", a moment later").isEqualTo(expected);
    }
}
