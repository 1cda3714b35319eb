package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.AUDIT_EVENTS;
import static org.confer.db.schema.Tables.VISITS;
import static org.confer.db.schema.Tables.VISIT_PLACES;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.confer.testing.Api;
import org.junit.jupiter.api.Test;

/** Booking on the public page: what a booking writes, and what it refuses. */
class VisitBookingTest extends VisitsTestBase {

    @Test
    void a_published_calendar_has_a_public_face_and_slots_and_an_unpublished_one_does_not() {
        JsonNode face = api.get("/api/v1/public/visit-calendars/" + slug, null).json();
        assertThat(face.get("name").asText()).isEqualTo("Ward 7 virtual visits");
        assertThat(face.get("fields").get(0).get("name").asText()).isEqualTo("bed");
        List<JsonNode> slots = slots(slug, 2);
        assertThat(slots).isNotEmpty();
        assertThat(slots.getFirst().get("placesLeft").asInt()).isEqualTo(2);

        String hidden = created(calendarBody("h-" + UUID.randomUUID().toString().substring(0, 8), Map.of("published", false)))
                .get("slug").asText();
        assertThat(api.get("/api/v1/public/visit-calendars/" + hidden, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/public/visit-calendars/" + hidden + "/slots", null).status()).isEqualTo(404);
    }

    @Test
    void a_booking_writes_the_visit_its_place_links_reminders_mail_and_audit_and_posts_the_ward_notice() {
        String slot = slotAfter(30);
        String email = email();
        Api.Response r = book(slot, email, Map.of("visitorMobile", "+44 7700 900123"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String reference = r.json().get("reference").asText();
        assertThat(reference).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}");
        assertThat(r.json().get("calendarName").asText()).isEqualTo("Ward 7 virtual visits");

        var db = server.app().database().dsl();
        var visit = db.selectFrom(VISITS).where(VISITS.REFERENCE.eq(reference)).fetchSingle();
        assertThat(visit.getStatus()).isEqualTo("booked");
        assertThat(visit.getPlace()).isEqualTo(1);
        assertThat(db.fetchCount(VISIT_PLACES, VISIT_PLACES.VISIT_ID.eq(visit.getId()))).isEqualTo(1);
        assertThat(db.fetchCount(org.confer.db.schema.Tables.VISIT_REMINDERS,
                org.confer.db.schema.Tables.VISIT_REMINDERS.VISIT_ID.eq(visit.getId()))).as("24 h and 1 h").isEqualTo(2);
        assertThat(db.fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.SUBJECT_ID.eq(visit.getId()).and(AUDIT_EVENTS.ACTION.eq("visit.booked"))))
                .isEqualTo(1);

        List<String[]> mail = mailTo(email);
        assertThat(mail).hasSize(1);
        assertThat(mail.getFirst()[1]).contains(reference).contains("/visit/join#").contains("/visit/manage#")
                .contains("We use your details only to arrange this visit.");
        assertThat(mail.getFirst()[2]).contains("METHOD:REQUEST").doesNotContain(token(mail.getFirst()[1], "join"));

        List<JsonNode> staff = staffVisits(calendarId, 3);
        assertThat(staff).anyMatch(v -> v.get("reference").asText().equals(reference)
                && v.get("patientName").asText().equals("Ravi Patel") && v.get("answers").get("bed").asText().equals("12"));

        JsonNode notice = null;
        for (JsonNode m : api.get("/api/v1/conversations/" + ward.general() + "/messages?limit=100", ward.member().token())
                .json().get("items")) {
            if (m.get("text").asText().contains(reference)) {
                notice = m;
            }
        }
        assertThat(notice).as("the ward notice").isNotNull();
        assertThat(notice.get("text").asText()).contains("Ravi Patel").contains("bed 12");
        assertThat(db.select(VISITS.NOTICE_POSTED_AT).from(VISITS).where(VISITS.ID.eq(visit.getId())).fetchOne(VISITS.NOTICE_POSTED_AT))
                .isNotNull();
    }

    @Test
    void a_visit_booked_three_hours_ahead_gets_only_the_one_hour_reminder() {
        String slot = slotAfter(3);
        Api.Response r = book(slot, email(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        var db = server.app().database().dsl();
        UUID id = db.select(VISITS.ID).from(VISITS).where(VISITS.REFERENCE.eq(r.json().get("reference").asText())).fetchSingle(VISITS.ID);
        var t = org.confer.db.schema.Tables.VISIT_REMINDERS;
        assertThat(db.select(t.KIND).from(t).where(t.VISIT_ID.eq(id)).fetch(t.KIND))
                .containsExactly("1h");
    }

    @Test
    void twelve_visitors_racing_for_a_slot_with_two_places_two_win_and_ten_are_told_it_was_taken() throws Exception {
        String raced = created(calendarBody("race-" + UUID.randomUUID().toString().substring(0, 8), Map.of())).get("slug").asText();
        String slot = slots(raced, 2).get(5).get("start").asText();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add(booking(slot, email(), Map.of()));
        }
        List<Api.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Map<String, Object> b = bodies.get(i);
                String address = "203.0.113." + i;
                futures.add(pool.submit((Callable<Api.Response>) () -> bookFrom(raced, b, address)));
            }
            for (Future<Api.Response> f : futures) {
                answers.add(f.get());
            }
        }
        assertThat(answers.stream().filter(a -> a.status() == 201)).as(answers.toString()).hasSize(2);
        List<Api.Response> refused = answers.stream().filter(a -> a.status() != 201).toList();
        assertThat(refused).hasSize(10).allSatisfy(a -> {
            assertThat(a.status()).as(a.toString()).isEqualTo(409);
            assertThat(a.problemType()).isEqualTo("slot-taken");
            assertThat(a.json().get("detail").asText()).isEqualTo("This slot was just taken. Please choose another.");
        });
        var db = server.app().database().dsl();
        UUID calendar = db.select(org.confer.db.schema.Tables.VISIT_CALENDARS.ID).from(org.confer.db.schema.Tables.VISIT_CALENDARS)
                .where(org.confer.db.schema.Tables.VISIT_CALENDARS.SLUG.eq(raced)).fetchSingle(org.confer.db.schema.Tables.VISIT_CALENDARS.ID);
        assertThat(db.select(VISIT_PLACES.PLACE).from(VISIT_PLACES).where(VISIT_PLACES.CALENDAR_ID.eq(calendar)).fetch(VISIT_PLACES.PLACE))
                .containsExactlyInAnyOrder(1, 2);
        assertThat(db.fetchCount(VISITS, VISITS.CALENDAR_ID.eq(calendar))).isEqualTo(2);
        assertThat(slots(raced, 2).stream().map(s -> s.get("start").asText())).as("a full slot is not listed").doesNotContain(slot);
    }

    @Test
    void each_rule_of_a_booking_is_refused_naming_its_field_and_nothing_is_stored() {
        String slot = slotAfter(50);
        int before = server.app().database().dsl().fetchCount(VISITS);
        assertInvalid(book(slot, email(), Map.of("visitorName", "x".repeat(101))), "visitorName");
        assertInvalid(book(slot, "not-an-email", Map.of()), "visitorEmail");
        assertInvalid(book(slot, email(), Map.of("visitorMobile", "call me")), "visitorMobile");
        assertInvalid(book(slot, email(), Map.of("visitorMobile", "+44 7700 900123 45678")), "visitorMobile");
        assertInvalid(book(slot, email(), Map.of("patientName", " ")), "patientName");
        assertInvalid(book(slot, email(), Map.of("answers", Map.of("bed", "x".repeat(201)))), "answers.bed");
        assertInvalid(book(slot, email(), Map.of("answers", Map.of("ward", "7"))), "answers.ward");
        assertInvalid(book(slot, email(), Map.of("consent", false)), "consent");
        assertInvalid(book("2020-01-01T10:00:00Z", email(), Map.of()), "slotStart");
        assertInvalid(book(OffsetDateTime.parse(slot).plusMinutes(5).toInstant().toString(), email(), Map.of()), "slotStart");
        assertThat(server.app().database().dsl().fetchCount(VISITS)).isEqualTo(before);
    }

    @Test
    void a_filled_honeypot_is_answered_like_a_booking_and_stores_nothing_but_an_audit_entry() {
        String email = email();
        int before = server.app().database().dsl().fetchCount(VISITS);
        Api.Response r = book(slotAfter(60), email, Map.of("website", "http://spam.example", "challenge", "none", "nonce", "0"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("reference").asText()).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}");
        assertThat(server.app().database().dsl().fetchCount(VISITS)).isEqualTo(before);
        assertThat(mailTo(email)).isEmpty();
        assertThat(server.app().database().dsl().fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ACTION.eq("visit.honeypot"))).isPositive();
    }

    @Test
    void a_challenge_is_used_once_and_a_wrong_or_missing_one_is_refused() {
        String slot = slotAfter(40);
        Map<String, Object> pow = solved();
        assertThat(book(slot, email(), pow).status()).isEqualTo(201);
        Api.Response again = book(slot, email(), pow);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.problemType()).isEqualTo("challenge-failed");
        Api.Response wrong = book(slot, email(), Map.of("challenge", pow.get("challenge") + "x"));
        assertThat(wrong.problemType()).isEqualTo("challenge-failed");
        Map<String, Object> body = booking(slot, email(), Map.of());
        body.remove("nonce");
        assertThat(bookFrom(slug, body, randomAddress()).problemType()).isEqualTo("challenge-failed");
    }

    @Test
    void one_address_books_ten_visits_an_hour_and_the_eleventh_is_told_to_wait() {
        String many = created(calendarBody("addr-" + UUID.randomUUID().toString().substring(0, 8), Map.of("placesPerSlot", 20)))
                .get("slug").asText();
        String slot = slots(many, 2).get(3).get("start").asText();
        String address = randomAddress();
        for (int i = 0; i < 10; i++) {
            Api.Response r = bookFrom(many, booking(slot, email(), Map.of()), address);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        Api.Response eleventh = bookFrom(many, booking(slot, email(), Map.of()), address);
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.header("Retry-After")).isNotBlank();
        assertThat(bookFrom(many, booking(slot, email(), Map.of()), randomAddress()).status()).as("another address").isEqualTo(201);
    }

    @Test
    void one_email_books_three_visits_a_day_and_the_fourth_is_told_to_wait() {
        String email = "Limit-" + UUID.randomUUID().toString().substring(0, 6) + "@Example.com";
        List<JsonNode> free = slots(slug, 3);
        for (int i = 0; i < 3; i++) {
            Api.Response r = book(free.get(10 + i).get("start").asText(), i == 1 ? email.toLowerCase() : email, Map.of());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        Api.Response fourth = book(free.get(14).get("start").asText(), email, Map.of());
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.problemType()).isEqualTo("rate-limited");
        assertThat(fourth.header("Retry-After")).isNotBlank();
    }

    private static void assertInvalid(Api.Response r, String field) {
        assertThat(r.status()).as(field + ": " + r).isEqualTo(400);
        assertThat(r.problemType()).as(r.toString()).isEqualTo("validation");
        assertThat(r.json().get("field").asText()).as(r.toString()).isEqualTo(field);
    }
}
