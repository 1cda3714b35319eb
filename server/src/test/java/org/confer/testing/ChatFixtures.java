package org.confer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** People and conversations for chat tests, made through the public API. */
public final class ChatFixtures {
    public static final String PASSWORD = "a-long-test-password-42";

    /** A signed-in person. */
    public record Person(String id, String email, String token) {}

    /**
     * The usual cast of a team test (Mattermost's InitBasic): a team of three people, its General
     * channel (all three are in it) and a private channel of the owner and {@code member}, not
     * {@code teammate}.
     */
    public record BasicTeam(String id, Person owner, Person member, Person teammate, String general, String privateChannel) {}

    private final TestServer server;
    private final Api api;
    private final String adminToken;

    public ChatFixtures(TestServer server) {
        this.server = server;
        this.api = server.api;
        this.adminToken = server.login("admin");
    }

    public Person person(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
        Api.Response r = api.post("/api/v1/admin/users", Map.of("email", email, "displayName", name, "password", PASSWORD), adminToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Person(r.json().get("id").asText(), email, api.login(email, PASSWORD));
    }

    /** A new person in the organisation with this code (for example YDX): someone from another organisation. */
    public Person personIn(String name, String organisationCode) {
        String organisationId = null;
        for (JsonNode o : api.get("/api/v1/admin/organisations?limit=200", adminToken).json().get("items")) {
            if (organisationCode.equals(o.get("code").asText())) {
                organisationId = o.get("id").asText();
            }
        }
        assertThat(organisationId).as("organisation " + organisationCode).isNotNull();
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
        Api.Response r = api.post("/api/v1/admin/users", Map.of("organisationId", organisationId, "email", email,
                "displayName", name, "password", PASSWORD), adminToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("organisationId").asText()).isEqualTo(organisationId);
        return new Person(r.json().get("id").asText(), email, api.login(email, PASSWORD));
    }

    /** A demo person (alice, dan, ...) signed in afresh. */
    public Person demo(String localPart) {
        String token = server.login(localPart);
        Api.Response me = api.get("/api/v1/me", token);
        assertThat(me.status()).isEqualTo(200);
        return new Person(me.json().get("id").asText(), me.json().get("email").asText(), token);
    }

    public List<Person> people(String prefix, int n) {
        List<Person> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(person(prefix + i));
        }
        return out;
    }

    /** A group chat started by the first person with all the others. */
    public String group(List<Person> members) {
        List<String> others = members.subList(1, members.size()).stream().map(Person::id).toList();
        Api.Response r = api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", others), members.getFirst().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    public String direct(Person a, Person b) {
        Api.Response r = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(b.id())), a.token());
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.json().get("id").asText();
    }

    public Api.Response post(Person who, String conversationId, String text) {
        return api.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()), who.token());
    }

    /** A team made by {@code owner}; returns its id. */
    public String team(Person owner, String name) {
        Api.Response r = api.post("/api/v1/teams", Map.of("name", name), owner.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    public void addToTeam(Person owner, String teamId, Person member) {
        Api.Response r = api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", member.id()), owner.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    /** A new {@link BasicTeam}: its owner made it and added the two others. */
    public BasicTeam basicTeam() {
        Person owner = person("owner");
        Person member = person("member");
        Person teammate = person("teammate");
        String teamId = teamWith(owner, member, teammate);
        String privateChannel = channel(owner, teamId, "Private " + UUID.randomUUID().toString().substring(0, 6), "private", List.of(member));
        return new BasicTeam(teamId, owner, member, teammate, general(owner, teamId), privateChannel);
    }

    /** The id of the team's General channel, as {@code who} sees it. */
    public String general(Person who, String teamId) {
        Api.Response r = api.get("/api/v1/teams/" + teamId + "/channels", who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode c : r.json().get("items")) {
            if ("General".equals(c.get("name").asText())) {
                return c.get("id").asText();
            }
        }
        throw new AssertionError("no General channel in " + r);
    }

    /** A channel of a team; {@code memberIds} matter for private channels only. */
    public String channel(Person creator, String teamId, String name, String visibility, List<Person> members) {
        Api.Response r = api.post("/api/v1/teams/" + teamId + "/channels", Map.of("name", name, "visibility", visibility,
                "memberIds", members.stream().map(Person::id).toList()), creator.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** The caller's entry for one conversation in GET /api/v1/conversations, or null when it is not listed. */
    public JsonNode summary(Person who, String conversationId) {
        Api.Response r = api.get("/api/v1/conversations", who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode c : r.json().get("items")) {
            if (conversationId.equals(c.get("id").asText())) {
                return c;
            }
        }
        return null;
    }

    /** The ids of the items of a list response ({"items": [{"id": ...}, ...]}). */
    public static List<String> ids(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    /** The text of a JSON array of strings. */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(i -> out.add(i.asText()));
        return out;
    }

    public long lastSeq(Person who, String conversationId) {
        Api.Response r = api.get("/api/v1/conversations/" + conversationId, who.token());
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("lastSeq").asLong();
    }

    /** A group chat started by the first person with the others. */
    public String group(Person... members) {
        return group(List.of(members));
    }

    /** A group chat named {@code topic}, started by {@code starter} with {@code others}. */
    public String namedGroup(Person starter, String topic, Person... others) {
        Api.Response r = api.post("/api/v1/conversations",
                Map.of("kind", "group", "memberIds", Arrays.stream(others).map(Person::id).toList(), "topic", topic), starter.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** A team made by {@code owner} with {@code members} added. */
    public String teamWith(Person owner, Person... members) {
        String teamId = team(owner, "Ward " + UUID.randomUUID().toString().substring(0, 6));
        for (Person m : members) {
            addToTeam(owner, teamId, m);
        }
        return teamId;
    }

    /** A stream that has said hello (no cursors: live from now) and is ready. */
    public StreamClient stream(Person who) {
        StreamClient c = StreamClient.connect(api.base(), who.token(), true);
        c.hello(Map.of(), null);
        c.awaitType("ready");
        return c;
    }
}
