package org.confer.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.confer.calls.CallTestSupport.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.calls.CallViews.JoinGrant;
import org.confer.calls.CallViews.JoinResult;
import org.confer.calls.CallViews.Waiting;
import org.confer.http.ApiException;
import org.confer.identity.Principal;
import org.confer.identity.Role;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * The lobby of meeting calls (docs/calls-and-meetings.md): who bypasses it under each policy, the
 * hosts' admit, deny and remove, and that a denial or removal holds for the whole occurrence. The
 * meetings feature calls {@link CallService#joinMeeting}; these tests call it as it will.
 */
class CallLobbyTest extends ServerTest {
    private ChatFixtures fx;
    private CallTestSupport calls;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        calls = new CallTestSupport(api);
    }

    @Test
    void hosts_admit_deny_and_remove_and_a_person_turned_away_cannot_rejoin_the_occurrence() {
        Person organiser = fx.person("organiser");
        Person presenter = fx.person("presenter");
        Person invitee = fx.person("invitee");
        Person guest = fx.person("guest");
        Person gatecrasher = fx.person("gatecrasher");
        String group = fx.group(organiser, presenter, invitee, guest, gatecrasher);
        MeetingAccess meeting = meeting(group, LobbyPolicy.INVITEES, organiser, Set.of(presenter), Set.of(invitee));
        try (StreamClient hostStream = fx.stream(organiser); StreamClient guestStream = fx.stream(guest);
             StreamClient crasherStream = fx.stream(gatecrasher)) {
            JoinGrant first = (JoinGrant) joinMeeting(organiser, meeting);
            String callId = first.callId().toString();
            assertThat(first.topology()).as("no SFU configured").isEqualTo("mesh");
            assertThat(joinMeeting(presenter, meeting)).isInstanceOf(JoinGrant.class);
            assertThat(joinMeeting(invitee, meeting)).as("invited by name").isInstanceOf(JoinGrant.class);

            assertThat(joinMeeting(guest, meeting)).as("a member of the chat, not invited by name").isInstanceOf(Waiting.class);
            JsonNode lobby = hostStream.await(f -> CallTestSupport.frame("call.lobby", callId).test(f)
                    && f.get("waiting").size() == 1, CallTestSupport.WAIT);
            assertThat(lobby.at("/waiting/0/userId").asText()).isEqualTo(guest.id());
            Api.Response waiting = calls.join(guest, callId);
            assertThat(waiting.status()).as("joining again still waits").isEqualTo(202);
            assertThat(waiting.json().get("state").asText()).isEqualTo("waiting");
            assertThat(waiting.json().get("callId").asText()).isEqualTo(callId);

            Api.Response notHost = lobby(invitee, callId, guest, "admit");
            assertThat(notHost.status()).as(notHost.toString()).isEqualTo(403);
            assertThat(notHost.problemType()).isEqualTo("not-a-host");
            assertThat(lobby(presenter, callId, guest, "admit").status()).isEqualTo(204);
            assertThat(await(guestStream, "call.admission", callId).get("state").asText()).isEqualTo("admitted");
            calls.joined(guest, callId);
            assertThat(lobby(presenter, callId, guest, "admit").status()).as("nobody is waiting now").isEqualTo(404);

            assertThat(joinMeeting(gatecrasher, meeting)).isInstanceOf(Waiting.class);
            assertThat(lobby(organiser, callId, gatecrasher, "deny").status()).isEqualTo(204);
            assertThat(await(crasherStream, "call.admission", callId).get("state").asText()).isEqualTo("denied");
            Api.Response denied = calls.join(gatecrasher, callId);
            assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
            assertThat(denied.problemType()).isEqualTo("lobby-denied");

            Api.Response notHostRemove = remove(guest, callId, invitee);
            assertThat(notHostRemove.status()).isEqualTo(403);
            assertThat(notHostRemove.problemType()).isEqualTo("not-a-host");
            assertThat(remove(organiser, callId, guest).status()).isEqualTo(204);
            assertThat(await(guestStream, "call.admission", callId).get("state").asText()).isEqualTo("removed");
            assertThat(calls.call(organiser, callId).json().get("participants")).extracting(p -> p.get("userId").asText())
                    .doesNotContain(guest.id());
            assertThat(calls.join(guest, callId).problemType()).as("removed: no way back").isEqualTo("lobby-denied");

            // Everyone leaves, the call ends; the next call of the same occurrence still keeps them out.
            for (Person p : List.of(organiser, presenter, invitee)) {
                for (JsonNode peer : calls.call(organiser, callId).json().get("participants")) {
                    if (peer.get("userId").asText().equals(p.id())) {
                        assertThat(calls.leave(p, callId, peer.get("peerId").asText()).status()).isEqualTo(204);
                    }
                }
            }
            assertThat(calls.call(organiser, callId).json().get("endedAt").isNull()).isFalse();
            JoinGrant again = (JoinGrant) joinMeeting(organiser, meeting);
            assertThat(again.callId().toString()).isNotEqualTo(callId);
            for (Person refused : List.of(guest, gatecrasher)) {
                assertThatThrownBy(() -> joinMeeting(refused, meeting)).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type().slug()).isEqualTo("lobby-denied"));
            }
        }
    }

    @Test
    void the_lobby_policy_decides_who_goes_straight_in() {
        Person organiser = fx.person("organiser");
        Person colleague = fx.person("colleague");
        Person visitor = fx.personIn("visitor", "YDX");
        String everyoneChat = fx.group(organiser, colleague, visitor);
        MeetingAccess everyone = meeting(everyoneChat, LobbyPolicy.EVERYONE, organiser, Set.of(), Set.of());
        assertThat(joinMeeting(visitor, everyone)).as("everyone: the first to arrive starts the call").isInstanceOf(JoinGrant.class);

        String orgChat = fx.group(organiser, colleague, visitor);
        MeetingAccess organisation = meeting(orgChat, LobbyPolicy.ORGANISATION, organiser, Set.of(), Set.of());
        assertThat(joinMeeting(visitor, organisation)).as("another organisation waits").isInstanceOf(Waiting.class);
        assertThat(joinMeeting(colleague, organisation)).as("the organiser's organisation goes in").isInstanceOf(JoinGrant.class);
    }

    private Api.Response lobby(Person host, String callId, Person who, String decision) {
        return api.post("/api/v1/calls/" + callId + "/lobby/" + who.id() + "/" + decision, Map.of(), host.token());
    }

    private Api.Response remove(Person host, String callId, Person who) {
        return api.post("/api/v1/calls/" + callId + "/participants/" + who.id() + "/remove", Map.of(), host.token());
    }

    private JoinResult joinMeeting(Person who, MeetingAccess meeting) {
        return server.app().calls().joinMeeting(principal(who), meeting);
    }

    private MeetingAccess meeting(String conversationId, LobbyPolicy policy, Person organiser, Set<Person> presenters,
                                  Set<Person> invitees) {
        return new MeetingAccess(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MINUTES), UUID.fromString(conversationId),
                "Ward round", "video", policy, UUID.fromString(organiser.id()), organisationOf(organiser),
                ids(presenters), ids(invitees));
    }

    private static Set<UUID> ids(Set<Person> people) {
        return Set.copyOf(people.stream().map(p -> UUID.fromString(p.id())).toList());
    }

    private UUID organisationOf(Person p) {
        return UUID.fromString(api.get("/api/v1/me", p.token()).json().at("/organisation/id").asText());
    }

    private Principal principal(Person p) {
        return new Principal(UUID.fromString(p.id()), organisationOf(p), Role.MEMBER, UUID.randomUUID(), false);
    }
}
