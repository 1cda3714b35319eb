package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.chat.ChatRouteCalls.C;
import static org.confer.chat.ChatRouteCalls.COLLECTION_CALLS;
import static org.confer.chat.ChatRouteCalls.CONVERSATION_CALLS;
import static org.confer.chat.ChatRouteCalls.M;
import static org.confer.chat.ChatRouteCalls.T;
import static org.confer.chat.ChatRouteCalls.TEAM_CALLS;
import static org.confer.chat.ChatRouteCalls.THUMBS_UP_SEGMENT;
import static org.confer.testing.ChatFixtures.ids;
import static org.confer.testing.ChatFixtures.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.confer.chat.ChatRouteCalls.Call;
import org.confer.http.Route;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Every chat route refuses people who are not members: signed-in non-members get 404 (a
 * conversation or team they are not in does not exist for them) with nothing of it in the body,
 * team members who are not owners get 403 for owner-only actions, and callers without a session
 * get 401. Removed members lose access at once. The routes, as calls, are in {@link ChatRouteCalls}.
 */
class ChatAuthorisationTest extends ServerTest {

    private ChatFixtures fx;
    private Person owner;
    private Person member;
    private Person member2;
    /** In the team, not in its private channel. */
    private Person teammate;
    private Person sameOrganisation;
    private Person otherOrganisation;
    private String teamId;
    private String general;
    private String privateChannel;
    private String group;
    private String direct;
    /** Per conversation: an urgent message posted there by {@code member}. */
    private final Map<String, String> messages = new java.util.HashMap<>();
    /** A message by the team owner in General. */
    private String ownerMessage;
    /** Texts and names no outsider may ever see. */
    private final List<String> secrets = new ArrayList<>();

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        secrets.clear();
        messages.clear();
        owner = fx.person("owner");
        member = fx.person("member");
        member2 = fx.person("member2");
        teammate = fx.person("teammate");
        sameOrganisation = fx.person("stranger");
        otherOrganisation = fx.personIn("visitor", "YDX");

        String teamName = "Team-" + UUID.randomUUID();
        teamId = fx.team(owner, teamName);
        fx.addToTeam(owner, teamId, member);
        fx.addToTeam(owner, teamId, member2);
        fx.addToTeam(owner, teamId, teammate);
        general = fx.general(owner, teamId);
        String privateName = "Private-" + UUID.randomUUID();
        privateChannel = fx.channel(owner, teamId, privateName, "private", List.of(member, member2));
        group = fx.group(List.of(owner, member, member2));
        String groupName = "Group-" + UUID.randomUUID();
        assertThat(api.patch("/api/v1/conversations/" + group, Map.of("name", groupName), owner.token()).status()).isEqualTo(200);
        direct = fx.direct(owner, member);
        secrets.addAll(List.of(teamName, privateName, groupName));
        for (String c : List.of(general, privateChannel, group, direct)) {
            String text = "SECRET-" + UUID.randomUUID() + " bed 12 allergy";
            // Urgent, so that its acknowledgements (who was asked) are data an outsider must not see.
            Api.Response posted = api.post("/api/v1/conversations/" + c + "/messages",
                    Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "urgent", true), member.token());
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            messages.put(c, posted.json().get("id").asText());
            // ...with a reaction, which names another member.
            Person reactor = c.equals(direct) ? owner : member2;
            assertThat(api.post("/api/v1/conversations/" + c + "/messages/" + messages.get(c) + "/reactions",
                    Map.of("emoji", "👍"), reactor.token()).status()).isEqualTo(204);
            secrets.add(text);
        }
        Api.Response byOwner = fx.post(owner, general, "Owner's note " + UUID.randomUUID());
        assertThat(byOwner.status()).isEqualTo(201);
        ownerMessage = byOwner.json().get("id").asText();
    }

    @Test
    void the_calls_here_cover_every_chat_route() {
        Set<String> covered = new TreeSet<>();
        for (List<Call> calls : List.of(CONVERSATION_CALLS, TEAM_CALLS, COLLECTION_CALLS)) {
            calls.forEach(c -> covered.add(c.key()));
        }
        Set<String> chatRoutes = server.app().routes().stream()
                .filter(r -> r.path().startsWith("/api/v1/teams") || r.path().startsWith("/api/v1/conversations"))
                .map(ChatAuthorisationTest::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(chatRoutes).hasSize(41);
        assertThat(covered).isEqualTo(chatRoutes);
    }

    @Test
    void signed_in_non_members_get_404_from_every_conversation_and_team_route_and_see_nothing() {
        Snapshot before = snapshot();
        SoftAssertions soft = new SoftAssertions();
        Map<String, List<Person>> outsiders = Map.of(
                general, List.of(sameOrganisation, otherOrganisation),
                privateChannel, List.of(sameOrganisation, otherOrganisation, teammate),
                group, List.of(sameOrganisation, otherOrganisation, teammate),
                direct, List.of(sameOrganisation, otherOrganisation, member2));
        for (Map.Entry<String, List<Person>> e : outsiders.entrySet()) {
            for (Person outsider : e.getValue()) {
                for (Call call : CONVERSATION_CALLS) {
                    expectNotFound(soft, inConversation(call, e.getKey()), outsider);
                }
            }
        }
        for (Person outsider : List.of(sameOrganisation, otherOrganisation)) {
            for (Call call : TEAM_CALLS) {
                expectNotFound(soft, call.at(call.route().replace("{teamId}", teamId).replace("{userId}", member.id())), outsider);
            }
            // Leaving a team you are not in is no different.
            expectNotFound(soft, Call.of("DELETE", T + "/members/{userId}", null)
                    .at(T.replace("{teamId}", teamId) + "/members/" + outsider.id()), outsider);
            Api.Response teams = api.get("/api/v1/teams", outsider.token());
            soft.assertThat(ids(teams)).doesNotContain(teamId);
            Api.Response conversations = api.get("/api/v1/conversations", outsider.token());
            soft.assertThat(ids(conversations)).doesNotContain(general, privateChannel, group, direct);
            for (String secret : secrets) {
                soft.assertThat(teams.body()).doesNotContain(secret);
                soft.assertThat(conversations.body()).doesNotContain(secret);
            }
        }
        soft.assertAll();
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void callers_without_a_session_get_401_from_every_chat_route() {
        Snapshot before = snapshot();
        SoftAssertions soft = new SoftAssertions();
        List<Call> all = new ArrayList<>();
        for (Call call : CONVERSATION_CALLS) {
            all.add(inConversation(call, group));
        }
        for (Call call : TEAM_CALLS) {
            all.add(call.at(call.route().replace("{teamId}", teamId).replace("{userId}", member.id())));
        }
        all.addAll(COLLECTION_CALLS);
        for (Call call : all) {
            for (String token : new String[] {null, "not-a-real-token"}) {
                Api.Response r = send(call, token, member.id());
                soft.assertThat(r.status()).as(call.key() + " with token " + token + ": " + r).isEqualTo(401);
                soft.assertThat(r.problemType()).as(call.key()).isEqualTo("unauthenticated");
                for (String secret : secrets) {
                    soft.assertThat(r.body()).as(call.key()).doesNotContain(secret);
                }
            }
        }
        soft.assertAll();
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void team_members_who_are_not_owners_get_403_for_owner_only_actions() {
        Snapshot before = snapshot();
        Person newcomer = fx.person("newcomer");
        List<Call> ownerOnly = List.of(
                Call.of("POST", T + "/members", Map.of("userId", newcomer.id())).at(T.replace("{teamId}", teamId) + "/members"),
                Call.of("DELETE", T + "/members/{userId}", null).at(T.replace("{teamId}", teamId) + "/members/" + member2.id()),
                Call.of("PATCH", T + "/members/{userId}", Map.of("role", "owner")).at(T.replace("{teamId}", teamId) + "/members/" + member.id()),
                Call.of("PATCH", C, Map.of("name", "Renamed by a member")).at(C.replace("{conversationId}", general)),
                Call.of("POST", C + "/archive", Map.of()).at(C.replace("{conversationId}", general) + "/archive"),
                Call.of("PATCH", C, Map.of("name", "Renamed by a member")).at(C.replace("{conversationId}", privateChannel)),
                Call.of("POST", C + "/archive", Map.of()).at(C.replace("{conversationId}", privateChannel) + "/archive"),
                Call.of("DELETE", C + "/members/{userId}", null)
                        .at(C.replace("{conversationId}", privateChannel) + "/members/" + member2.id()),
                // Deleting someone else's channel message is for team owners (and editing it for nobody).
                Call.of("DELETE", M, null).at(C.replace("{conversationId}", general) + "/messages/" + ownerMessage),
                Call.of("PATCH", M, Map.of("text", "Rewritten by a member"))
                        .at(C.replace("{conversationId}", general) + "/messages/" + ownerMessage));
        SoftAssertions soft = new SoftAssertions();
        for (Call call : ownerOnly) {
            Api.Response r = send(call, member.token(), member.id());
            soft.assertThat(r.status()).as(call.method() + " " + call.path() + ": " + r).isEqualTo(403);
            soft.assertThat(r.problemType()).as(call.key()).isEqualTo("forbidden");
        }
        soft.assertAll();
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
        assertThat(ids(api.get("/api/v1/teams", newcomer.token()))).doesNotContain(teamId);
        assertThat(api.get(C.replace("{conversationId}", general) + "/messages", owner.token()).body())
                .contains(ownerMessage).doesNotContain("Rewritten by a member");
    }

    @Test
    void a_removed_member_loses_history_and_events_at_once() {
        List<Person> people = fx.people("removal", 3);
        String conversation = fx.group(people);
        Person removed = people.get(2);
        String text = "SECRET-" + UUID.randomUUID();
        Api.Response posted = fx.post(people.get(0), conversation, text);
        assertThat(posted.status()).isEqualTo(201);
        String messageId = posted.json().get("id").asText();
        String base = "/api/v1/conversations/" + conversation;
        assertThat(api.get(base + "/messages/" + messageId + "/thread", removed.token()).body()).contains(text);
        assertThat(api.get(base + "/messages", removed.token()).body()).contains(text);
        assertThat(api.get(base + "/events?after=0", removed.token()).body()).contains(text);

        assertThat(api.delete(base + "/members/" + removed.id(), people.get(0).token()).status()).isEqualTo(204);
        assertLockedOut(removed, conversation, text);
        String message = base + "/messages/" + messageId;
        for (Api.Response r : List.of(
                api.get(message + "/thread", removed.token()),
                api.post(message + "/reactions", Map.of("emoji", "👍"), removed.token()),
                api.delete(message + "/reactions/" + THUMBS_UP_SEGMENT, removed.token()),
                api.patch(message, Map.of("text", "x"), removed.token()),
                api.delete(message, removed.token()))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.body()).doesNotContain(text);
        }
        // The others still read it: the 404 is about the removed person, not a broken conversation.
        assertThat(api.get(base + "/messages", people.get(1).token()).body()).contains(text);

        // Removal from a team takes its channels' history away the same way.
        BasicTeam basic = fx.basicTeam();
        Person teamOwner = basic.owner();
        Person teamMember = basic.member();
        String team = basic.id();
        String channel = basic.general();
        String channelText = "SECRET-" + UUID.randomUUID();
        assertThat(fx.post(teamOwner, channel, channelText).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/conversations/" + channel + "/events?after=0", teamMember.token()).body()).contains(channelText);
        assertThat(api.delete("/api/v1/teams/" + team + "/members/" + teamMember.id(), teamOwner.token()).status()).isEqualTo(204);
        assertLockedOut(teamMember, channel, channelText);
        assertThat(api.get("/api/v1/teams/" + team + "/channels", teamMember.token()).status()).isEqualTo(404);
    }

    // ---- helpers ----

    private void assertLockedOut(Person who, String conversation, String secret) {
        String base = "/api/v1/conversations/" + conversation;
        List<Api.Response> answers = List.of(
                api.get(base, who.token()),
                api.get(base + "/messages", who.token()),
                api.get(base + "/events?after=0", who.token()),
                api.get(base + "/read-markers", who.token()),
                api.post(base + "/read", Map.of("seq", 1), who.token()),
                fx.post(who, conversation, "may I?"));
        for (Api.Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.body()).doesNotContain(secret);
        }
        assertThat(fx.summary(who, conversation)).isNull();
    }

    /** A conversation route made concrete for one conversation of the fixtures. */
    private Call inConversation(Call call, String conversation) {
        return call.at(call.route().replace("{conversationId}", conversation).replace("{userId}", member.id())
                .replace("{messageId}", messages.get(conversation)).replace("{emoji}", THUMBS_UP_SEGMENT)
                .replace("{actionId}", "test.press:1"));
    }

    private void expectNotFound(SoftAssertions soft, Call call, Person outsider) {
        Api.Response r = send(call, outsider.token(), outsider.id());
        String what = outsider.email() + " " + call.method() + " " + call.path();
        soft.assertThat(r.status()).as(what + ": " + r).isEqualTo(404);
        soft.assertThat(r.problemType()).as(what).isEqualTo("not-found");
        for (String secret : secrets) {
            soft.assertThat(r.body()).as(what).doesNotContain(secret);
        }
        for (Person p : List.of(owner, member2, teammate)) {
            if (!call.path().contains(p.id())) {
                soft.assertThat(r.body()).as(what + " names a member").doesNotContain(p.id());
            }
        }
    }

    private Api.Response send(Call call, String token, String self) {
        return ChatRouteCalls.send(api, call, token, self);
    }

    private static String key(Route r) {
        return r.method().name() + " " + r.path();
    }

    /** What the owner sees of the fixtures: any change made by a refused call shows up here. */
    record Snapshot(List<String> teamMembers, List<String> channels, Map<String, String> conversations) {}

    private Snapshot snapshot() {
        List<String> teamMembers = new ArrayList<>(strings(api.get("/api/v1/teams/" + teamId + "/members", owner.token())
                .json().get("userIds")));
        teamMembers.sort(null);
        List<String> channels = ids(api.get("/api/v1/teams/" + teamId + "/channels", owner.token()));
        channels.sort(null);
        Map<String, String> conversations = new java.util.TreeMap<>();
        for (String c : List.of(general, privateChannel, group, direct)) {
            JsonNode detail = api.get("/api/v1/conversations/" + c, owner.token()).json();
            List<String> members = new ArrayList<>(strings(detail.get("memberIds")));
            members.sort(null);
            conversations.put(c, detail.path("name").asText() + "|" + detail.get("lastSeq").asLong() + "|"
                    + detail.get("archived").asBoolean() + "|" + members + "|"
                    + readMarkers(c));
        }
        return new Snapshot(teamMembers, channels, conversations);
    }

    private Map<String, Long> readMarkers(String conversation) {
        Map<String, Long> out = new java.util.TreeMap<>();
        api.get("/api/v1/conversations/" + conversation + "/read-markers", owner.token()).json().get("readSeqs").properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }
}
