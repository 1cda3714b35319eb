package org.confer.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Scheduled meetings over the API: who sees a meeting (organiser, invitees, members of its
 * chat) and who does not (404), who changes it (the organiser; others 403), answers, the
 * invitations as user events and as mail with .ics in the outbox, channel meetings following
 * channel membership, and the join window.
 */
public class MeetingsApiTest extends ServerTest {
    static final String JANUARY = "from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z";
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    static Map<String, Object> weeklyMdt(List<Person> invitees, List<Person> presenters) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Lung MDT");
        body.put("description", "Weekly multi-disciplinary team meeting");
        body.put("start", "2027-01-12T13:00");
        body.put("end", "2027-01-12T14:00");
        body.put("recurrence", "FREQ=WEEKLY;BYDAY=TU;COUNT=10");
        body.put("exceptions", List.of("2027-01-19"));
        body.put("invitees", invitees.stream().map(Person::id).toList());
        body.put("presenters", presenters.stream().map(Person::id).toList());
        body.put("lobby", "organisation");
        return body;
    }

    /** The weekly MDT of {@link #weeklyMdt} for invitees given by id (for other test packages). */
    public static Map<String, Object> weeklyMdtBody(List<String> inviteeIds) {
        Map<String, Object> body = weeklyMdt(List.of(), List.of());
        body.put("invitees", inviteeIds);
        return body;
    }

    JsonNode create(Person organiser, Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/meetings", body, organiser.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    List<JsonNode> occurrences(Person who, String range) {
        Api.Response r = api.get("/api/v1/meetings?" + range, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    List<JsonNode> occurrencesOf(Person who, String meetingId) {
        return occurrences(who, JANUARY).stream().filter(o -> o.get("meetingId").asText().equals(meetingId)).toList();
    }

    /** The kinds of {@code who}'s stored user events about {@code meetingId}, in order. */
    List<String> meetingEvents(Person who, String meetingId) {
        Api.Response r = api.get("/api/v1/me/events?after=0&limit=1000", who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        for (JsonNode item : r.json().get("items")) {
            JsonNode e = item.get("event");
            if (meetingId.equals(e.at("/meeting/meetingId").asText(null)) || meetingId.equals(e.path("meetingId").asText(null))) {
                kinds.add(e.get("kind").asText());
            }
        }
        return kinds;
    }

    /** The outbox (as the platform admin reads it) mail to {@code who} whose subject starts with {@code prefix}. */
    List<JsonNode> mailTo(Person who, String prefix) {
        Api.Response r = api.get("/api/v1/admin/email-outbox?limit=200", server.login("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : r.json().get("items")) {
            if (m.get("toAddress").asText().equals(who.email()) && m.get("subject").asText().startsWith(prefix)) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void a_meeting_with_people_of_two_organisations_reaches_each_invitee_as_an_event_a_mail_with_ics_and_a_chat() throws Exception {
        Person organiser = fx.person("organiser");
        Person nurse = fx.person("nurse");
        Person visitor = fx.personIn("visitor", "YDX");
        JsonNode m = create(organiser, weeklyMdt(List.of(nurse, visitor), List.of(visitor)));
        String id = m.get("id").asText();

        assertThat(m.get("sequence").asInt()).isZero();
        assertThat(m.get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(m.get("myRole").asText()).isEqualTo("organiser");
        assertThat(m.get("joinUrl").asText()).endsWith("/#/meetings/" + id);
        String chat = m.get("conversationId").asText();
        for (Person p : List.of(organiser, nurse, visitor)) {
            assertThat(fx.summary(p, chat)).as("%s is in the meeting's chat", p.email()).isNotNull();
        }
        assertThat(fx.summary(visitor, chat).get("name").asText()).isEqualTo("Lung MDT");

        List<JsonNode> seen = occurrencesOf(visitor, id);
        assertThat(seen).extracting(o -> o.get("occurrenceStart").asText())
                .as("weekly from 12 January, not on the 19th (an exception)")
                .containsExactly("2027-01-12T13:00:00Z", "2027-01-26T13:00:00Z");
        JsonNode first = seen.getFirst();
        assertThat(first.get("occurrenceEnd").asText()).isEqualTo("2027-01-12T14:00:00Z");
        assertThat(first.get("canJoinFrom").asText()).isEqualTo("2027-01-12T12:50:00Z");
        assertThat(first.get("myRsvp").asText()).isEqualTo("needs-action");
        assertThat(first.get("myRole").asText()).isEqualTo("invitee");
        assertThat(first.get("lobby").asText()).isEqualTo("organisation");
        assertThat(first.get("organiserId").asText()).isEqualTo(organiser.id());
        assertThat(first.get("conversationId").asText()).isEqualTo(chat);

        assertThat(meetingEvents(nurse, id)).containsExactly("meeting.invited");
        assertThat(meetingEvents(visitor, id)).containsExactly("meeting.invited");
        assertThat(meetingEvents(organiser, id)).as("the organiser is not invited to their own meeting").isEmpty();

        List<JsonNode> mails = mailTo(visitor, "Invitation: Lung MDT");
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().has("sentAt")).as("no SMTP in this test: it waits in the outbox").isFalse();
        assertThat(mails.getFirst().get("attempts").asInt()).isZero();
        Calendar ics = new CalendarBuilder().build(new StringReader(mails.getFirst().get("ics").asText()));
        assertThat(ics.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        assertThat(ics.getComponent("VEVENT").orElseThrow().getProperty("UID").orElseThrow().getValue()).startsWith(id + "@");
        assertThat(mailTo(nurse, "Invitation: Lung MDT")).hasSize(1);
        assertThat(mailTo(organiser, "Invitation")).isEmpty();

        Api.Response file = api.get("/api/v1/meetings/" + id + "/invitation.ics", nurse.token());
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("text/calendar");
        assertThat(file.body()).contains("ATTENDEE").contains("ORGANIZER").contains("RRULE:FREQ=WEEKLY");
    }

    @Test
    void a_stranger_gets_404_everywhere_and_an_invitee_who_is_not_the_organiser_cannot_change_or_cancel() {
        Person organiser = fx.person("organiser");
        Person invitee = fx.person("invitee");
        Person other = fx.person("other");
        Person stranger = fx.personIn("stranger", "YDX");
        String id = create(organiser, weeklyMdt(List.of(invitee, other), List.of())).get("id").asText();
        String m = "/api/v1/meetings/" + id;

        for (Api.Response r : List.of(api.get(m, stranger.token()), api.get(m + "/invitation.ics", stranger.token()),
                api.post(m + "/rsvp", Map.of("response", "accepted"), stranger.token()),
                api.post(m + "/join", Map.of("occurrence", "2027-01-12T13:00:00Z"), stranger.token()),
                api.patch(m, Map.of("title", "Hijacked"), stranger.token()), api.delete(m, stranger.token()),
                api.get("/api/v1/meetings/" + UUID.randomUUID(), stranger.token()))) {
            assertThat(r.status()).as(r.toString()).isIn(404);
            assertThat(r.problemType()).isEqualTo("not-found");
        }
        assertThat(occurrencesOf(stranger, id)).isEmpty();

        Api.Response patch = api.patch(m, Map.of("title", "Renamed by an invitee"), invitee.token());
        Api.Response delete = api.delete(m, invitee.token());
        assertThat(patch.status()).as(patch.toString()).isEqualTo(403);
        assertThat(delete.status()).as(delete.toString()).isEqualTo(403);
        JsonNode after = api.get(m, organiser.token()).json();
        assertThat(after.get("title").asText()).isEqualTo("Lung MDT");
        assertThat(after.get("cancelled").asBoolean()).isFalse();
        assertThat(after.get("sequence").asInt()).isZero();
    }

    @Test
    void an_answer_is_stored_and_shown_to_the_organiser_and_a_bad_one_is_refused() {
        Person organiser = fx.person("organiser");
        Person invitee = fx.person("invitee");
        Person other = fx.person("other");
        String id = create(organiser, weeklyMdt(List.of(invitee, other), List.of())).get("id").asText();

        Api.Response answered = api.post("/api/v1/meetings/" + id + "/rsvp", Map.of("response", "tentative"), invitee.token());
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.json().get("myRsvp").asText()).isEqualTo("tentative");
        JsonNode seen = api.get("/api/v1/meetings/" + id, organiser.token()).json();
        for (JsonNode i : seen.get("invitees")) {
            assertThat(i.get("rsvp").asText()).isEqualTo(i.get("userId").asText().equals(invitee.id()) ? "tentative" : "needs-action");
        }
        assertThat(occurrencesOf(invitee, id).getFirst().get("myRsvp").asText()).isEqualTo("tentative");
        assertThat(api.get("/api/v1/meetings/" + id + "/invitation.ics", organiser.token()).body()).contains("PARTSTAT=TENTATIVE");

        Api.Response bad = api.post("/api/v1/meetings/" + id + "/rsvp", Map.of("response", "maybe"), invitee.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("response");
        Api.Response organiserAnswers = api.post("/api/v1/meetings/" + id + "/rsvp", Map.of("response", "accepted"), organiser.token());
        assertThat(organiserAnswers.status()).as("the organiser is not invited by name").isEqualTo(403);
    }

    @Test
    void a_change_raises_the_sequence_mails_an_update_and_a_person_taken_off_gets_a_cancellation_and_loses_the_meeting() {
        Person organiser = fx.person("organiser");
        Person stays = fx.person("stays");
        Person leaves = fx.person("leaves");
        Person joins = fx.personIn("joins", "YDX");
        JsonNode m = create(organiser, weeklyMdt(List.of(stays, leaves), List.of(leaves)));
        String id = m.get("id").asText();
        String chat = m.get("conversationId").asText();

        Api.Response changed = api.patch("/api/v1/meetings/" + id, Map.of("start", "2027-01-12T14:00", "end", "2027-01-12T15:00",
                "invitees", List.of(stays.id(), joins.id()), "presenters", List.of(joins.id())), organiser.token());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("sequence").asInt()).isEqualTo(1);
        assertThat(changed.json().get("start").asText()).isEqualTo("2027-01-12T14:00:00");

        assertThat(meetingEvents(stays, id)).containsExactly("meeting.invited", "meeting.updated");
        assertThat(meetingEvents(leaves, id)).containsExactly("meeting.invited", "meeting.cancelled");
        assertThat(meetingEvents(joins, id)).containsExactly("meeting.invited");
        JsonNode update = mailTo(stays, "Updated: Lung MDT").getFirst();
        assertThat(update.get("ics").asText()).contains("SEQUENCE:1").contains("METHOD:REQUEST").contains("DTSTART;TZID=Europe/London:20270112T140000");
        JsonNode cancellation = mailTo(leaves, "Cancelled: Lung MDT").getFirst();
        assertThat(cancellation.get("ics").asText()).contains("METHOD:CANCEL").contains("STATUS:CANCELLED").contains("SEQUENCE:1");
        assertThat(mailTo(joins, "Invitation: Lung MDT")).hasSize(1);

        assertThat(api.get("/api/v1/meetings/" + id, leaves.token()).status()).as("taken off: no longer theirs").isEqualTo(404);
        assertThat(occurrencesOf(leaves, id)).isEmpty();
        assertThat(fx.summary(leaves, chat)).as("and out of its chat").isNull();
        assertThat(fx.summary(joins, chat)).as("the newcomer is in its chat").isNotNull();
        assertThat(occurrencesOf(joins, id).getFirst().get("occurrenceStart").asText()).isEqualTo("2027-01-12T14:00:00Z");
    }

    @Test
    void cancelling_mails_a_cancellation_to_every_invitee_and_takes_the_meeting_off_every_calendar() {
        Person organiser = fx.person("organiser");
        Person a = fx.person("a");
        Person b = fx.personIn("b", "YDX");
        String id = create(organiser, weeklyMdt(List.of(a, b), List.of())).get("id").asText();

        assertThat(api.delete("/api/v1/meetings/" + id, organiser.token()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/meetings/" + id, organiser.token()).status()).as("idempotent").isEqualTo(204);

        for (Person p : List.of(a, b)) {
            assertThat(meetingEvents(p, id)).containsExactly("meeting.invited", "meeting.cancelled");
            List<JsonNode> mails = mailTo(p, "Cancelled: Lung MDT");
            assertThat(mails).hasSize(1);
            assertThat(mails.getFirst().get("ics").asText()).contains("METHOD:CANCEL").contains("SEQUENCE:1");
            assertThat(occurrencesOf(p, id)).isEmpty();
        }
        JsonNode after = api.get("/api/v1/meetings/" + id, a.token()).json();
        assertThat(after.get("cancelled").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/meetings/" + id + "/join", Map.of("occurrence", "2027-01-12T13:00:00Z"), a.token()).status())
                .isEqualTo(410);
        assertThat(api.patch("/api/v1/meetings/" + id, Map.of("title", "Back"), organiser.token()).status()).isEqualTo(409);
    }

    @Test
    void a_channel_meeting_is_seen_by_the_channels_members_and_not_by_someone_removed_from_the_channel() {
        Person owner = fx.person("owner");
        Person member = fx.person("member");
        Person outsider = fx.person("outsider");
        String team = fx.teamWith(owner, member, outsider);
        String channel = fx.channel(owner, team, "Huddle " + UUID.randomUUID().toString().substring(0, 6), "private", List.of(member));
        Map<String, Object> body = weeklyMdt(List.of(), List.of());
        body.put("title", "Ward huddle");
        body.put("channelId", channel);
        body.put("lobby", "everyone");
        JsonNode m = create(owner, body);
        String id = m.get("id").asText();
        assertThat(m.get("conversationId").asText()).as("the channel is the meeting's chat").isEqualTo(channel);

        assertThat(occurrencesOf(member, id)).isNotEmpty().allSatisfy(o -> {
            assertThat(o.get("myRole").asText()).isEqualTo("member");
            assertThat(o.has("myRsvp")).as("not invited by name: no answer (null fields are left out)").isFalse();
            assertThat(o.get("channelId").asText()).isEqualTo(channel);
        });
        assertThat(api.get("/api/v1/meetings/" + id, outsider.token()).status()).as("not in the private channel").isEqualTo(404);
        Map<String, Object> notMine = new HashMap<>(body);
        notMine.put("channelId", channel);
        Api.Response refused = api.post("/api/v1/meetings", notMine, outsider.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("channelId");

        assertThat(api.delete("/api/v1/conversations/" + channel + "/members/" + member.id(), owner.token()).status()).isEqualTo(204);
        assertThat(occurrencesOf(member, id)).as("removed from the channel: the meeting is gone from their calendar").isEmpty();
        assertThat(api.get("/api/v1/meetings/" + id, member.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/meetings/" + id + "/join", Map.of("occurrence", "2027-01-12T13:00:00Z"), member.token()).status())
                .isEqualTo(404);
    }

    @Test
    void joining_outside_the_window_is_409_meeting_not_open() {
        Person organiser = fx.person("organiser");
        Person invitee = fx.person("invitee");
        String id = create(organiser, weeklyMdt(List.of(invitee), List.of())).get("id").asText();

        Api.Response early = api.post("/api/v1/meetings/" + id + "/join", Map.of("occurrence", "2027-01-12T13:00:00Z"), invitee.token());
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.problemType()).isEqualTo("meeting-not-open");
        assertThat(early.json().get("opensAt").asText()).isEqualTo("2027-01-12T12:50:00Z");
        Api.Response notAnOccurrence = api.post("/api/v1/meetings/" + id + "/join", Map.of("occurrence", "2027-01-12T13:30:00Z"),
                invitee.token());
        assertThat(notAnOccurrence.status()).isEqualTo(400);
        assertThat(notAnOccurrence.json().get("field").asText()).isEqualTo("occurrence");
    }

    @Test
    void inside_the_window_people_of_the_organisers_organisation_get_a_grant_and_others_wait_in_the_lobby() {
        Person organiser = fx.person("organiser");
        Person colleague = fx.person("colleague");
        Person visitor = fx.personIn("visitor", "YDX");
        ZoneId london = ZoneId.of("Europe/London");
        // Five minutes from now: inside the window, which opens ten minutes before the start.
        LocalDateTime start = LocalDateTime.ofInstant(server.clock.instant().plus(Duration.ofMinutes(5)), london).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> body = weeklyMdt(List.of(colleague, visitor), List.of());
        body.put("start", start.toString());
        body.put("end", start.plusHours(1).toString());
        body.put("recurrence", "FREQ=DAILY;COUNT=2");
        body.put("exceptions", List.of());
        String id = create(organiser, body).get("id").asText();
        String occurrence = start.atZone(london).toInstant().toString();

        Api.Response visitorJoins = api.post("/api/v1/meetings/" + id + "/join", Map.of("occurrence", occurrence), visitor.token());
        assertThat(visitorJoins.status()).as(visitorJoins.toString()).isEqualTo(202);
        assertThat(visitorJoins.json().get("state").asText()).isEqualTo("waiting");
        Api.Response colleagueJoins = api.post("/api/v1/meetings/" + id + "/join", Map.of("occurrence", occurrence), colleague.token());
        assertThat(colleagueJoins.status()).as(colleagueJoins.toString()).isEqualTo(200);
        assertThat(colleagueJoins.json().get("state").asText()).isEqualTo("joined");
        assertThat(colleagueJoins.json().get("callId").asText()).isEqualTo(visitorJoins.json().get("callId").asText());
        Api.Response tomorrow = api.post("/api/v1/meetings/" + id + "/join",
                Map.of("occurrence", start.plusDays(1).atZone(london).toInstant().toString()), colleague.token());
        assertThat(tomorrow.status()).as("tomorrow's occurrence is not open yet").isEqualTo(409);

        Api.Response everyone = api.patch("/api/v1/meetings/" + id, Map.of("lobby", "everyone"), organiser.token());
        assertThat(everyone.status()).isEqualTo(200);
        Person late = fx.personIn("late", "YDX");
        assertThat(api.patch("/api/v1/meetings/" + id, Map.of("invitees", List.of(colleague.id(), visitor.id(), late.id())),
                organiser.token()).status()).isEqualTo(200);
        Api.Response lateJoins = api.post("/api/v1/meetings/" + id + "/join", Map.of("occurrence", occurrence), late.token());
        assertThat(lateJoins.status()).as("lobby everyone: straight in. " + lateJoins).isEqualTo(200);
    }

    @Test
    void bad_meetings_are_refused_naming_the_field() {
        Person organiser = fx.person("organiser");
        Person invitee = fx.person("invitee");
        Person notInvited = fx.person("not-invited");
        Map<String, String> broken = Map.of(
                "timeZone", "Mars/Olympus",
                "recurrence", "FREQ=MINUTELY",
                "presenters", "x",
                "lobby", "anyone",
                "end", "2027-01-12T12:00",
                "invitees", "none");
        broken.forEach((field, value) -> {
            Map<String, Object> body = weeklyMdt(List.of(invitee), List.of());
            switch (field) {
                case "presenters" -> body.put("presenters", List.of(notInvited.id()));
                case "invitees" -> body.put("invitees", List.of());
                default -> body.put(field, value);
            }
            Api.Response r = api.post("/api/v1/meetings", body, organiser.token());
            assertThat(r.status()).as(field + ": " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo(field);
        });
        Api.Response tooLong = api.get("/api/v1/meetings?from=2027-01-01T00:00:00Z&to=2027-04-01T00:00:00Z", organiser.token());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(mailTo(invitee, "Invitation")).as("nothing refused was mailed").isEmpty();
    }

    @Test
    void the_outbox_shows_an_organisation_admin_only_mail_to_their_own_organisations_people() {
        Person organiser = fx.person("organiser");
        Person local = fx.person("local");
        Person visitor = fx.personIn("visitor", "YDX");
        create(organiser, weeklyMdt(List.of(local, visitor), List.of()));

        Api.Response priya = api.get("/api/v1/admin/email-outbox?limit=200", server.login("priya"));
        assertThat(priya.status()).as(priya.toString()).isEqualTo(200);
        List<String> to = new ArrayList<>();
        priya.json().get("items").forEach(i -> to.add(i.get("toAddress").asText()));
        assertThat(to).contains(local.email()).doesNotContain(visitor.email());
        assertThat(api.get("/api/v1/admin/email-outbox", local.token()).status()).as("not an admin").isEqualTo(403);

        Api.Response page = api.get("/api/v1/admin/email-outbox?limit=1", server.login("admin"));
        assertThat(page.json().get("items")).hasSize(1);
        String cursor = page.json().get("nextCursor").asText();
        Api.Response next = api.get("/api/v1/admin/email-outbox?limit=1&cursor=" + cursor, server.login("admin"));
        assertThat(next.json().get("items").get(0).get("id")).isNotEqualTo(page.json().get("items").get(0).get("id"));
    }
}
