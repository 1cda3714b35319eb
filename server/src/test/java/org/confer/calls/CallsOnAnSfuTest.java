package org.confer.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.confer.calls.CallViews.JoinGrant;
import org.confer.calls.CallViews.Started;
import org.confer.calls.CallViews.Waiting;
import org.confer.chat.ChatAudience;
import org.confer.chat.ConversationAccess;
import org.confer.chat.ConversationStore;
import org.confer.chat.TeamStore;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.events.ConversationSeqs;
import org.confer.events.ConversationWriter;
import org.confer.events.EventLogs;
import org.confer.events.EventStore;
import org.confer.events.FrameWriter;
import org.confer.events.LocalBus;
import org.confer.events.UserEventStore;
import org.confer.http.ApiException;
import org.confer.http.Json;
import org.confer.identity.Principal;
import org.confer.identity.Role;
import org.confer.media.IceServer;
import org.confer.media.Sfu;
import org.confer.media.SfuGrant;
import org.confer.media.SfuRoom;
import org.confer.realtime.PresenceService;
import org.confer.realtime.PresenceStore;
import org.confer.realtime.StreamHub;
import org.confer.realtime.StreamLimits;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Calls when an SFU is available, with a test double of the SFU (Janus is the media feature's,
 * and is tested there): which calls go to it, the grants, the relay's check
 * ({@link CallService#mayJoinRoom}), revocation, and the room closing with the call. The calls
 * service here is built from the running server's database, as App builds it, with the double.
 */
class CallsOnAnSfuTest extends ServerTest {
    private ChatFixtures fx;
    private FakeSfu sfu;
    private CallService calls;
    private final List<String> revoked = new CopyOnWriteArrayList<>();

    /** Records what calls ask of the SFU; tokens name the person so a test can tell them apart. */
    static final class FakeSfu implements Sfu {
        final AtomicLong rooms = new AtomicLong(4240);
        final List<Long> opened = new CopyOnWriteArrayList<>();
        final List<Long> closed = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public SfuRoom openRoom(UUID callId, int maxPublishers) {
            if (down) {
                throw new IllegalStateException("janus is not answering");
            }
            long id = rooms.incrementAndGet();
            opened.add(id);
            return new SfuRoom(id);
        }

        @Override
        public void closeRoom(SfuRoom room) {
            closed.add(room.id());
        }

        @Override
        public SfuGrant grant(SfuRoom room, UUID userId, Duration ttl) {
            return new SfuGrant("/api/v1/media/janus", room.id(), "token-" + userId, "room-token-" + userId,
                    Instant.parse("2030-01-01T00:00:00Z").plus(ttl));
        }
    }

    private static final IceServers TURN = new IceServers() {
        @Override
        public List<IceServer> forCall(UUID userId, UUID callId) {
            return List.of(new IceServer(List.of("turn:turn.example.nhs.uk:3478?transport=udp"), "1796193756:" + userId, "secret"));
        }

        @Override
        public boolean relayOnly() {
            return true;
        }
    };

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        sfu = new FakeSfu();
        Database db = server.app().database();
        ObjectMapper mapper = Json.newMapper();
        Bus bus = new LocalBus();
        FrameWriter frames = new FrameWriter(mapper);
        EventLogs logs = new EventLogs(new ConversationSeqs(), new EventStore(), new UserEventStore(), bus, frames, mapper);
        ConversationWriter writer = new ConversationWriter(db, logs, server.clock, new SimpleMeterRegistry());
        ConversationStore conversations = new ConversationStore();
        ChatAudience audience = new ChatAudience(db, conversations);
        PresenceService presence = new PresenceService(db, new PresenceStore(), bus, server.clock, frames);
        StreamHub hub = new StreamHub(audience, bus, null, presence, StreamLimits.defaults(), server.clock);
        calls = new CallService(db, new CallStore(), writer, new ConversationAccess(db, conversations, new TeamStore()), audience,
                bus, frames, presence, hub, sfu, TURN, server.clock);
        calls.onRevoked((user, room) -> revoked.add(user + "@" + room));
    }

    @Test
    void a_channel_call_runs_on_the_sfu_with_a_grant_per_person_and_its_room_closes_when_it_ends() {
        BasicTeam team = fx.basicTeam();
        Started started = calls.start(principal(team.owner()), UUID.fromString(team.general()), "video");
        assertThat(started.call().topology()).isEqualTo("sfu");
        long room = sfu.opened.getLast();

        JoinGrant owner = (JoinGrant) calls.join(principal(team.owner()), started.call().id());
        assertThat(owner.janus()).isNotNull();
        assertThat(owner.janus().room()).isEqualTo(room);
        assertThat(owner.janus().token()).isEqualTo("token-" + team.owner().id());
        assertThat(owner.janus().path()).isEqualTo("/api/v1/media/janus");
        assertThat(owner.iceServers()).singleElement().satisfies(s -> assertThat(s.username()).endsWith(team.owner().id()));
        assertThat(owner.iceTransportPolicy()).isEqualTo("relay");
        assertThat(calls.mayJoinRoom(id(team.owner()), room)).isTrue();
        assertThat(calls.mayJoinRoom(id(team.member()), room)).as("no grant yet").isFalse();
        assertThat(calls.mayJoinRoom(id(team.owner()), room + 1000)).as("another room").isFalse();

        JoinGrant member = (JoinGrant) calls.join(principal(team.member()), started.call().id());
        assertThat(calls.mayJoinRoom(id(team.member()), room)).isTrue();
        calls.leave(principal(team.owner()), started.call().id(), owner.peerId());
        assertThat(revoked).contains(team.owner().id() + "@" + room);
        assertThat(calls.mayJoinRoom(id(team.owner()), room)).as("left").isFalse();
        assertThat(sfu.closed).doesNotContain(room);

        calls.leave(principal(team.member()), started.call().id(), member.peerId());
        assertThat(sfu.closed).as("the last one out ends the call and its room").contains(room);
        assertThat(revoked).contains(team.member().id() + "@" + room);
        assertThat(calls.mayJoinRoom(id(team.member()), room)).isFalse();
    }

    @Test
    void small_chats_stay_on_the_mesh_and_larger_ones_go_to_the_sfu() {
        List<Person> three = fx.people("small", 3);
        assertThat(calls.start(principal(three.getFirst()), UUID.fromString(fx.group(three)), "audio").call().topology())
                .isEqualTo("mesh");
        List<Person> five = fx.people("large", 5);
        assertThat(calls.start(principal(five.getFirst()), UUID.fromString(fx.group(five)), "audio").call().topology())
                .isEqualTo("sfu");
    }

    @Test
    void an_sfu_that_does_not_answer_refuses_the_call_with_503_and_starts_nothing() {
        BasicTeam team = fx.basicTeam();
        sfu.down = true;
        try {
            assertThatThrownBy(() -> calls.start(principal(team.owner()), UUID.fromString(team.general()), "video"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type().status()).isEqualTo(503));
        } finally {
            sfu.down = false;
        }
        assertThat(api.get("/api/v1/conversations/" + team.general() + "/events?after=0", team.owner().token()).body())
                .doesNotContain("call.started");
    }

    @Test
    void someone_removed_from_a_meeting_loses_their_grant_for_its_room() {
        Person organiser = fx.person("organiser");
        Person guest = fx.person("guest");
        String group = fx.group(organiser, guest, fx.person("third"));
        MeetingAccess meeting = new MeetingAccess(UUID.randomUUID(), Instant.parse("2026-12-07T09:00:00Z"), UUID.fromString(group),
                "Board round", "video", LobbyPolicy.INVITEES, id(organiser), organisation(organiser), Set.of(), Set.of());
        JoinGrant host = (JoinGrant) calls.joinMeeting(principal(organiser), meeting);
        assertThat(host.topology()).as("a meeting always goes to the SFU when there is one").isEqualTo("sfu");
        long room = host.janus().room();
        assertThat(calls.joinMeeting(principal(guest), meeting)).isInstanceOf(Waiting.class);
        assertThat(calls.mayJoinRoom(id(guest), room)).as("waiting is not a grant").isFalse();
        calls.admit(principal(organiser), host.callId(), id(guest));
        calls.join(principal(guest), host.callId());
        assertThat(calls.mayJoinRoom(id(guest), room)).isTrue();
        calls.remove(principal(organiser), host.callId(), id(guest));
        assertThat(revoked).contains(guest.id() + "@" + room);
        assertThat(calls.mayJoinRoom(id(guest), room)).isFalse();
    }

    private static UUID id(Person p) {
        return UUID.fromString(p.id());
    }

    private UUID organisation(Person p) {
        return UUID.fromString(api.get("/api/v1/me", p.token()).json().at("/organisation/id").asText());
    }

    private Principal principal(Person p) {
        return new Principal(id(p), organisation(p), Role.MEMBER, UUID.randomUUID(), false);
    }
}
