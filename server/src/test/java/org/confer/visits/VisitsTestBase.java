package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;

/**
 * A ward: a team (owner = ward sister, member = nurse, teammate) whose General channel takes the
 * booking notices, and a published calendar open every day 08:00-20:00 with 30-minute visits,
 * 10 minutes between them and 2 places, bookable from now (no notice), 14 days ahead.
 */
abstract class VisitsTestBase extends ServerTest {
    protected ChatFixtures fx;
    protected BasicTeam ward;
    protected String calendarId;
    protected String slug;

    @Override
    protected Map<String, String> settings() {
        // The test server's client is 127.0.0.1 (trusted as a proxy here), so each call can say its own address.
        // Tests move the clock a day or two ahead: sessions must outlive that.
        return Map.of("CONFER_VISITS_POW_BITS", "4", "CONFER_TRUSTED_PROXIES", "127.0.0.1",
                "CONFER_SESSION_IDLE_MINUTES", "43200", "CONFER_SESSION_MAX_HOURS", "8760");
    }

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        ward = fx.basicTeam();
        slug = "ward-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode c = created(calendarBody(slug, Map.of()));
        calendarId = c.get("id").asText();
    }

    protected Map<String, Object> calendarBody(String slug, Map<String, Object> overrides) {
        Map<String, Object> b = new HashMap<>();
        b.put("teamId", ward.id());
        b.put("channelId", ward.general());
        b.put("slug", slug);
        b.put("name", "Ward 7 virtual visits");
        b.put("durationMinutes", 30);
        b.put("bufferMinutes", 10);
        b.put("placesPerSlot", 2);
        b.put("bookAheadDays", 14);
        b.put("minNoticeMinutes", 0);
        List<Map<String, Object>> hours = new java.util.ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            hours.add(Map.of("weekday", day, "opens", "08:00", "closes", "20:00"));
        }
        b.put("hours", hours);
        b.put("fields", List.of(Map.of("name", "bed", "label", "Bed", "required", false)));
        b.put("privacyNotice", "We use your details only to arrange this visit.");
        b.put("consentText", "I agree to the ward using these details to arrange the visit.");
        b.put("published", true);
        b.put("hosts", List.of(Map.of("userId", ward.member().id(), "device", false)));
        b.putAll(overrides);
        return b;
    }

    protected JsonNode created(Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/visit-calendars", body, ward.owner().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    protected Person outsider() {
        return fx.person("outsider");
    }

    /** The calendar's bookable slots, as the public page lists them. */
    protected List<JsonNode> slots(String slug, int days) {
        Api.Response r = api.send("GET", "/api/v1/public/visit-calendars/" + slug + "/slots?days=" + days, null,
                Map.of("X-Forwarded-For", randomAddress()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new java.util.ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    /** A slot at least {@code hoursAhead} hours from now (the test clock). */
    protected String slotAfter(int hoursAhead) {
        java.time.Instant after = server.clock.instant().plus(java.time.Duration.ofHours(hoursAhead));
        return slots(slug, 7).stream().map(s -> s.get("start").asText())
                .filter(s -> !java.time.Instant.parse(s).isBefore(after)).findFirst().orElseThrow();
    }

    /** A challenge fetched and solved, as the page does while the visitor types: {challenge, nonce}. */
    protected Map<String, Object> solved() {
        JsonNode c = api.get("/api/v1/public/visit-challenge", null).json();
        String challenge = c.get("challenge").asText();
        return Map.of("challenge", challenge, "nonce", ProofOfWork.solve(challenge, c.get("difficulty").asInt()));
    }

    protected Map<String, Object> booking(String slotStart, String email, Map<String, Object> overrides) {
        Map<String, Object> b = new HashMap<>();
        b.put("slotStart", slotStart);
        b.put("visitorName", "Maya Patel");
        b.put("visitorEmail", email);
        b.put("patientName", "Ravi Patel");
        b.put("answers", Map.of("bed", "12"));
        b.put("consent", true);
        b.put("website", "");
        b.putAll(solved());
        b.putAll(overrides);
        return b;
    }

    protected Api.Response book(String slotStart, String email, Map<String, Object> overrides) {
        return bookFrom(slug, booking(slotStart, email, overrides), randomAddress());
    }

    /** Books from a client address: the test server trusts no proxy, so the address is set per class where needed. */
    protected Api.Response bookFrom(String calendarSlug, Map<String, Object> body, String forwardedFor) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (forwardedFor != null) {
            headers.put("X-Forwarded-For", forwardedFor);
        }
        Api.Response r = api.send("POST", "/api/v1/public/visit-calendars/" + calendarSlug + "/bookings", Api.json(body), headers);
        // The test clock stands still otherwise: a second later, the next mail sorts after this booking's.
        server.clock.advance(java.time.Duration.ofSeconds(1));
        return r;
    }

    protected static String randomAddress() {
        java.util.Random r = new java.util.Random();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    protected static String email() {
        return "visitor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** The mail in the outbox to {@code address}, oldest first: [subject, body, ics]. */
    protected List<String[]> mailTo(String address) {
        var t = org.confer.db.schema.Tables.MAIL_OUTBOX;
        return server.app().database().dsl().select(t.SUBJECT, t.TEXT_BODY, t.ICS).from(t).where(t.TO_ADDRESS.eq(address))
                .orderBy(t.CREATED_AT, t.ID).fetch(r -> new String[] {r.value1(), r.value2(), r.value3()});
    }

    /** The token of the link in a mail body: the fragment after /visit/join# or /visit/manage#. */
    protected static String token(String body, String purpose) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/visit/" + purpose + "#([A-Za-z0-9_-]{43})").matcher(body);
        assertThat(m.find()).as("a " + purpose + " link in " + body).isTrue();
        return m.group(1);
    }

    /** The staff view of the calendar's visits over the next days. */
    protected List<JsonNode> staffVisits(String calendar, int days) {
        Api.Response r = api.get("/api/v1/visit-calendars/" + calendar + "/visits?days=" + days, ward.member().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new java.util.ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }
}
