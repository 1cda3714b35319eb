package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.confer.testing.Api;
import org.junit.jupiter.api.Test;

/**
 * Reminders go exactly once: ticked twice, or by many ticks at once (as two nodes would), each
 * reminder is one mail in the outbox. The server's own 30-second tick may run too; the counts
 * hold whoever sends.
 */
class VisitRemindersTest extends VisitsTestBase {

    private List<String> reminders(String email) {
        return mailTo(email).stream().map(m -> m[0]).filter(s -> s.startsWith("Reminder")).toList();
    }

    @Test
    void each_reminder_is_mailed_once_however_often_the_tick_runs() {
        String email = email();
        String slot = slotAfter(26);
        assertThat(book(slot, email, Map.of()).status()).isEqualTo(201);
        server.app().visits().reminders().runDue();
        assertThat(reminders(email)).as("nothing due yet").isEmpty();

        server.clock.advance(Duration.between(server.clock.instant(), Instant.parse(slot).minus(Duration.ofHours(24)).plusSeconds(1)));
        server.app().visits().reminders().runDue();
        server.app().visits().reminders().runDue();
        assertThat(reminders(email)).hasSize(1).allMatch(s -> s.contains("tomorrow"));

        server.clock.advance(Duration.ofHours(23));
        server.app().visits().reminders().runDue();
        server.app().visits().reminders().runDue();
        assertThat(reminders(email)).hasSize(2);
        assertThat(reminders(email).get(1)).contains("in an hour");
    }

    @Test
    void ticks_of_two_nodes_at_once_send_each_reminder_once() throws Exception {
        List<String> emails = new ArrayList<>();
        String slot = slotAfter(60);
        String many = created(calendarBody("rem-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                Map.of("placesPerSlot", 8))).get("slug").asText();
        for (int i = 0; i < 8; i++) {
            String email = email();
            emails.add(email);
            Api.Response r = bookFrom(many, booking(slot, email, Map.of()), randomAddress());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        server.clock.advance(Duration.between(server.clock.instant(), Instant.parse(slot).minus(Duration.ofMinutes(59))));
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<Integer>> ticks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ticks.add(pool.submit((Callable<Integer>) () -> server.app().visits().reminders().runDue()));
            }
            for (Future<Integer> t : ticks) {
                t.get();
            }
        }
        for (String email : emails) {
            // Both reminders were due by now (24 h and 1 h): one mail each, never two.
            assertThat(reminders(email)).as(email).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void a_ward_notice_left_owed_is_posted_by_the_tick_once() {
        String slot = slotAfter(100);
        Api.Response r = book(slot, email(), Map.of());
        String reference = r.json().get("reference").asText();
        var v = org.confer.db.schema.Tables.VISITS;
        var db = server.app().database().dsl();
        // What a failed post leaves: the visit committed, its notice owed.
        db.update(v).set(v.NOTICE_POSTED_AT, (java.time.OffsetDateTime) null).where(v.REFERENCE.eq(reference)).execute();
        server.clock.advance(Duration.ofMinutes(2));
        server.app().visits().reminders().runDue();
        assertThat(db.select(v.NOTICE_POSTED_AT).from(v).where(v.REFERENCE.eq(reference)).fetchOne(v.NOTICE_POSTED_AT)).isNotNull();
        long notices = 0;
        for (com.fasterxml.jackson.databind.JsonNode m : api.get("/api/v1/conversations/" + ward.general() + "/messages?limit=100",
                ward.member().token()).json().get("items")) {
            if (m.get("text").asText().contains(reference)) {
                notices++;
            }
        }
        assertThat(notices).as("posted once: the clientMsgId makes the second post a no-op").isEqualTo(1);
    }

    @Test
    void a_cancelled_visit_gets_no_reminder() {
        String email = email();
        String slot = slotAfter(90);
        assertThat(book(slot, email, Map.of()).status()).isEqualTo(201);
        String manage = token(mailTo(email).getFirst()[1], "manage");
        assertThat(api.post("/api/v1/public/visits/cancel", Map.of("token", manage), null).status()).isEqualTo(204);
        server.clock.advance(Duration.between(server.clock.instant(), Instant.parse(slot).minus(Duration.ofMinutes(30))));
        server.app().visits().reminders().runDue();
        assertThat(reminders(email)).isEmpty();
    }
}
