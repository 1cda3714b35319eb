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
        return Map.of("CONFER_VISITS_POW_BITS", "4");
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
}
