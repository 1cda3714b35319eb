package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.Test;

/** Booking calendars: who makes, sees and changes them, and what a calendar may say. */
class VisitCalendarsTest extends VisitsTestBase {

    @Test
    void the_team_owner_creates_a_calendar_and_the_team_sees_it() {
        JsonNode c = api.get("/api/v1/visit-calendars/" + calendarId, ward.member().token()).json();
        assertThat(c.get("slug").asText()).isEqualTo(slug);
        assertThat(c.get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(c.get("hours")).hasSize(7);
        assertThat(c.get("hours").get(0).get("opens").asText()).isEqualTo("08:00");
        assertThat(c.get("canManage").asBoolean()).as("a member is not a manager").isFalse();
        assertThat(c.get("bookingUrl").asText()).endsWith("/book/" + slug);
        assertThat(api.get("/api/v1/visit-calendars", ward.member().token()).json().get("items").findValuesAsText("id"))
                .contains(calendarId);
        assertThat(api.get("/api/v1/visit-calendars/" + calendarId, ward.owner().token()).json().get("canManage").asBoolean()).isTrue();
    }

    @Test
    void someone_outside_the_team_gets_404_for_reading_and_changing_and_does_not_see_it_listed() {
        Person stranger = outsider();
        assertThat(api.get("/api/v1/visit-calendars/" + calendarId, stranger.token()).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/visit-calendars/" + calendarId, Map.of("name", "Mine now"), stranger.token()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/visit-calendars", stranger.token()).json().get("items").findValuesAsText("id"))
                .doesNotContain(calendarId);
        assertThat(api.get("/api/v1/visit-calendars/" + UUID.randomUUID(), ward.owner().token()).status()).isEqualTo(404);
    }

    @Test
    void a_member_who_is_not_a_manager_gets_403_on_patch_and_a_named_manager_may_change_it() {
        Api.Response refused = api.patch("/api/v1/visit-calendars/" + calendarId, Map.of("bufferMinutes", 5), ward.teammate().token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("forbidden");

        String other = created(calendarBody("w-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("managers", List.of(ward.teammate().id())))).get("id").asText();
        Api.Response changed = api.patch("/api/v1/visit-calendars/" + other, Map.of("bufferMinutes", 5), ward.teammate().token());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("bufferMinutes").asInt()).isEqualTo(5);
        assertThat(changed.json().get("durationMinutes").asInt()).as("absent members stay").isEqualTo(30);
    }

    @Test
    void only_team_owners_and_organisation_admins_create_calendars() {
        Api.Response r = api.post("/api/v1/visit-calendars", calendarBody("x-" + UUID.randomUUID().toString().substring(0, 8), Map.of()),
                ward.member().token());
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void a_slug_is_unique_across_the_platform() {
        Api.Response r = api.post("/api/v1/visit-calendars", calendarBody(slug, Map.of()), ward.owner().token());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("field").asText()).isEqualTo("slug");
    }

    @Test
    void each_rule_of_a_calendar_is_refused_naming_its_field() {
        String s = "v-" + UUID.randomUUID().toString().substring(0, 8);
        assertInvalid(calendarBody(s, Map.of("durationMinutes", 4)), "durationMinutes");
        assertInvalid(calendarBody(s, Map.of("placesPerSlot", 21)), "placesPerSlot");
        assertInvalid(calendarBody(s, Map.of("bookAheadDays", 0)), "bookAheadDays");
        assertInvalid(calendarBody(s, Map.of("minNoticeMinutes", 10_081)), "minNoticeMinutes");
        assertInvalid(calendarBody(s, Map.of("bufferMinutes", 121)), "bufferMinutes");
        assertInvalid(calendarBody("Ward 7", Map.of()), "slug");
        assertInvalid(calendarBody(s, Map.of("hours", List.of(Map.of("weekday", 8, "opens", "10:00", "closes", "12:00")))), "hours[0].weekday");
        assertInvalid(calendarBody(s, Map.of("hours", List.of(Map.of("weekday", 1, "opens", "12:00", "closes", "10:00")))), "hours[0]");
        assertInvalid(calendarBody(s, Map.of("hours", List.of(Map.of("weekday", 1, "opens", "10:00", "closes", "12:00"),
                Map.of("weekday", 1, "opens", "11:00", "closes", "13:00")))), "hours");
        assertInvalid(calendarBody(s, Map.of("channelId", UUID.randomUUID().toString())), "channelId");
        assertInvalid(calendarBody(s, Map.of("hosts", List.of(Map.of("userId", outsider().id(), "device", true)))), "hosts[0]");
        assertInvalid(calendarBody(s, Map.of("managers", List.of(outsider().id()))), "managers[0]");
        assertInvalid(calendarBody(s, Map.of("privacyNotice", "x".repeat(4001))), "privacyNotice");
        assertInvalid(calendarBody(s, Map.of("fields", List.of(Map.of("name", "a", "label", "A", "required", false),
                Map.of("name", "b", "label", "B", "required", false), Map.of("name", "c", "label", "C", "required", false),
                Map.of("name", "d", "label", "D", "required", false), Map.of("name", "e", "label", "E", "required", false),
                Map.of("name", "f", "label", "F", "required", false)))), "fields");
    }

    @Test
    void exceptions_close_a_day_or_give_it_other_hours() {
        Api.Response r = api.patch("/api/v1/visit-calendars/" + calendarId, Map.of("exceptions", List.of(
                Map.of("date", "2030-12-25", "hours", List.of()),
                Map.of("date", "2030-12-24", "hours", List.of(Map.of("opens", "10:00", "closes", "12:00"))))), ward.owner().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode ex = api.get("/api/v1/visit-calendars/" + calendarId, ward.member().token()).json().get("exceptions");
        assertThat(ex.get(0).get("date").asText()).isEqualTo("2030-12-24");
        assertThat(ex.get(0).get("hours").get(0).get("closes").asText()).isEqualTo("12:00");
        assertThat(ex.get(1).get("hours")).isEmpty();
    }

    @Test
    void the_demo_has_ward_7s_published_calendar_open_mornings_and_afternoons_with_two_places() {
        JsonNode face = api.get("/api/v1/public/visit-calendars/ward-7", null).json();
        assertThat(face.get("name").asText()).isEqualTo("Ward 7 virtual visits");
        assertThat(face.get("wardName").asText()).isEqualTo("Ward 7 - Respiratory");
        assertThat(face.get("durationMinutes").asInt()).isEqualTo(30);
        List<String> times = slots("ward-7", 3).stream().map(s -> s.get("localTime").asText()).distinct().sorted().toList();
        assertThat(times).isSubsetOf("10:00", "10:40", "11:20", "14:00", "14:40", "15:20", "16:00", "16:40", "17:20").isNotEmpty();
        assertThat(slots("ward-7", 3)).allSatisfy(s -> assertThat(s.get("placesLeft").asInt()).isEqualTo(2));
        String alice = server.login("alice");
        JsonNode mine = api.get("/api/v1/visit-calendars", alice).json().get("items");
        assertThat(mine.findValuesAsText("slug")).contains("ward-7");
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        Api.Response r = api.post("/api/v1/visit-calendars", body, ward.owner().token());
        assertThat(r.status()).as(field + ": " + r).isEqualTo(400);
        assertThat(r.json().get("field").asText()).as(r.toString()).isEqualTo(field);
    }
}
