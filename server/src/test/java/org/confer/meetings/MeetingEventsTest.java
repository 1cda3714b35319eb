package org.confer.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.VerifyAction.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.confer.events.ConversationEvent.ConversationCreated;
import org.confer.events.UserEvent.ConversationAdded;
import org.confer.events.UserEvent.MeetingCancelled;
import org.confer.events.UserEvent.MeetingInvited;
import org.confer.events.UserEvent.MeetingUpdated;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Covers;
import org.confer.testing.ServerTest;
import org.confer.testing.VerifyAction;
import org.junit.jupiter.api.Test;

/**
 * The meeting user events as an invitee's client sees them (verifyAction): each arrives on the
 * stream, in the person's own log, and leaves the client's state equal to what REST shows.
 */
public class MeetingEventsTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    private String create(Person organiser, Person... invitees) {
        Api.Response r = api.post("/api/v1/meetings", MeetingsApiTest.weeklyMdtBody(java.util.Arrays.stream(invitees).map(Person::id).toList()),
                organiser.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    @Covers(MeetingInvited.class)
    void an_invitation_reaches_the_invitee_with_the_meeting_and_its_chat() throws NoSuchMethodException {
        List<Person> p = fx.people("invited", 3);
        VerifyAction verifier = new VerifyAction(api);
        AtomicReference<String> id = new AtomicReference<>();
        verifier.verify(p.get(1), expect(MeetingInvited.class, ConversationAdded.class).orMaybe(ConversationCreated.class),
                () -> id.set(create(p.get(0), p.get(1), p.get(2))));
        JsonNode event = lastEvent(p.get(1));
        assertThat(event.get("kind").asText()).isEqualTo("meeting.invited");
        assertThat(event.at("/meeting/meetingId").asText()).isEqualTo(id.get());
        assertThat(event.at("/meeting/timeZone").asText()).isEqualTo("Europe/London");
        assertThat(event.at("/meeting/recurrence").asText()).isEqualTo("FREQ=WEEKLY;BYDAY=TU;COUNT=10");
        assertThat(event.get("by").asText()).isEqualTo(p.get(0).id());
        verifier.assertCovered(getClass().getDeclaredMethod("an_invitation_reaches_the_invitee_with_the_meeting_and_its_chat"));
    }

    @Test
    @Covers(MeetingUpdated.class)
    void a_change_reaches_each_invitee_with_the_new_sequence() throws NoSuchMethodException {
        List<Person> p = fx.people("updated", 3);
        String id = create(p.get(0), p.get(1), p.get(2));
        VerifyAction verifier = new VerifyAction(api);
        verifier.verify(p.get(2), expect(MeetingUpdated.class), () -> assertThat(api.patch("/api/v1/meetings/" + id,
                Map.of("title", "Lung MDT (moved)"), p.get(0).token()).status()).isEqualTo(200));
        JsonNode event = lastEvent(p.get(2));
        assertThat(event.at("/meeting/sequence").asInt()).isEqualTo(1);
        assertThat(event.at("/meeting/title").asText()).isEqualTo("Lung MDT (moved)");
        verifier.assertCovered(getClass().getDeclaredMethod("a_change_reaches_each_invitee_with_the_new_sequence"));
    }

    @Test
    @Covers(MeetingCancelled.class)
    void a_cancellation_reaches_each_invitee() throws NoSuchMethodException {
        List<Person> p = fx.people("cancelled", 3);
        String id = create(p.get(0), p.get(1), p.get(2));
        VerifyAction verifier = new VerifyAction(api);
        verifier.verify(p.get(1), expect(MeetingCancelled.class),
                () -> assertThat(api.delete("/api/v1/meetings/" + id, p.get(0).token()).status()).isEqualTo(204));
        JsonNode event = lastEvent(p.get(1));
        assertThat(event.get("meetingId").asText()).isEqualTo(id);
        assertThat(event.get("title").asText()).isEqualTo("Lung MDT");
        verifier.assertCovered(getClass().getDeclaredMethod("a_cancellation_reaches_each_invitee"));
    }

    private JsonNode lastEvent(Person who) {
        JsonNode items = api.get("/api/v1/me/events?after=0&limit=1000", who.token()).json().get("items");
        return items.get(items.size() - 1).get("event");
    }
}
