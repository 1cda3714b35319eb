package org.confer.chat;

import org.confer.testing.ChatFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.ChatFixtures.ids;
import static org.confer.testing.ChatFixtures.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Teams, their standard and private channels, and direct and group chats: who is in what. */
class TeamsAndChannelsTest extends ServerTest {
    private ChatFixtures fx;


    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    // ---- teams ----

    @Test
    void creating_a_team_makes_the_creator_owner_with_a_general_channel_they_are_in() {
        Person owner = fx.person("owner");
        Api.Response created = api.post("/api/v1/teams", Map.of("name", "Ward 7 nurses", "description", "Day and night shifts"),
                owner.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("myRole").asText()).isEqualTo("owner");
        String teamId = created.json().get("id").asText();

        Api.Response teams = api.get("/api/v1/teams", owner.token());
        assertThat(ids(teams)).containsExactly(teamId);
        assertThat(teams.json().at("/items/0/myRole").asText()).isEqualTo("owner");
        assertThat(teams.json().at("/items/0/name").asText()).isEqualTo("Ward 7 nurses");
        assertThat(strings(api.get("/api/v1/teams/" + teamId + "/members", owner.token()).json().get("userIds")))
                .containsExactly(owner.id());

        Api.Response channels = api.get("/api/v1/teams/" + teamId + "/channels", owner.token());
        assertThat(channels.status()).isEqualTo(200);
        assertThat(channels.json().get("items")).hasSize(1);
        JsonNode general = channels.json().at("/items/0");
        assertThat(general.get("name").asText()).isEqualTo("General");
        assertThat(general.get("kind").asText()).isEqualTo("channel");
        assertThat(general.get("visibility").asText()).isEqualTo("standard");
        assertThat(general.get("teamId").asText()).isEqualTo(teamId);

        String generalId = general.get("id").asText();
        assertThat(fx.summary(owner, generalId)).as("General in the creator's conversations").isNotNull();
        Api.Response detail = api.get("/api/v1/conversations/" + generalId, owner.token());
        assertThat(strings(detail.json().get("memberIds"))).containsExactly(owner.id());
    }

    @Test
    void an_owner_adds_a_member_who_then_sees_the_team_and_is_in_general() {
        Person owner = fx.person("owner");
        Person member = fx.person("member");
        String teamId = fx.team(owner, "Respiratory");
        String general = fx.general(owner, teamId);
        assertThat(ids(api.get("/api/v1/teams", member.token()))).doesNotContain(teamId);

        Api.Response add = api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", member.id()), owner.token());
        assertThat(add.status()).as(add.toString()).isEqualTo(204);

        Api.Response teams = api.get("/api/v1/teams", member.token());
        assertThat(ids(teams)).containsExactly(teamId);
        assertThat(teams.json().at("/items/0/myRole").asText()).isEqualTo("member");
        assertThat(strings(api.get("/api/v1/teams/" + teamId + "/members", member.token()).json().get("userIds")))
                .containsExactlyInAnyOrder(owner.id(), member.id());
        assertThat(fx.summary(member, general)).as("General in the new member's conversations").isNotNull();
        assertThat(strings(api.get("/api/v1/conversations/" + general, member.token()).json().get("memberIds")))
                .containsExactlyInAnyOrder(owner.id(), member.id());
        assertThat(fx.post(member, general, "Hello team").status()).isEqualTo(201);
    }

    @Test
    void a_member_who_is_not_an_owner_cannot_add_or_remove_people() {
        Person owner = fx.person("owner");
        Person member = fx.person("member");
        Person other = fx.person("other");
        String teamId = fx.team(owner, "Pharmacy");
        fx.addToTeam(owner, teamId, member);

        Api.Response add = api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", other.id()), member.token());
        assertThat(add.status()).as(add.toString()).isEqualTo(403);
        assertThat(add.problemType()).isEqualTo("forbidden");
        Api.Response remove = api.delete("/api/v1/teams/" + teamId + "/members/" + owner.id(), member.token());
        assertThat(remove.status()).as(remove.toString()).isEqualTo(403);

        assertThat(strings(api.get("/api/v1/teams/" + teamId + "/members", owner.token()).json().get("userIds")))
                .containsExactlyInAnyOrder(owner.id(), member.id());
        assertThat(ids(api.get("/api/v1/teams", other.token()))).doesNotContain(teamId);
    }

    @Test
    void standard_channels_include_every_team_member_including_people_added_later() {
        Person owner = fx.person("owner");
        Person early = fx.person("early");
        Person later = fx.person("later");
        String teamId = fx.team(owner, "Acute medicine");
        fx.addToTeam(owner, teamId, early);
        String handover = fx.channel(owner, teamId, "Handover", "standard", List.of());
        assertThat(strings(api.get("/api/v1/conversations/" + handover, early.token()).json().get("memberIds")))
                .containsExactlyInAnyOrder(owner.id(), early.id());

        fx.addToTeam(owner, teamId, later);

        String general = fx.general(owner, teamId);
        for (String channel : List.of(general, handover)) {
            assertThat(strings(api.get("/api/v1/conversations/" + channel, owner.token()).json().get("memberIds")))
                    .containsExactlyInAnyOrder(owner.id(), early.id(), later.id());
            assertThat(fx.summary(later, channel)).as("channel " + channel + " listed for the later member").isNotNull();
        }
        assertThat(ids(api.get("/api/v1/teams/" + teamId + "/channels", later.token()))).containsExactlyInAnyOrder(general, handover);
    }

    @Test
    void a_private_channel_has_only_its_listed_members_and_is_invisible_to_the_rest_of_the_team() {
        Person owner = fx.person("owner");
        Person insider = fx.person("insider");
        Person teammate = fx.person("teammate");
        Person outsider = fx.person("outsider");
        String teamId = fx.team(owner, "Safeguarding");
        fx.addToTeam(owner, teamId, insider);
        fx.addToTeam(owner, teamId, teammate);

        Api.Response notInTeam = api.post("/api/v1/teams/" + teamId + "/channels", Map.of("name", "Leak", "visibility", "private",
                "memberIds", List.of(insider.id(), outsider.id())), owner.token());
        assertThat(notInTeam.status()).as(notInTeam.toString()).isEqualTo(400);
        assertThat(notInTeam.json().get("field").asText()).isEqualTo("memberIds");
        assertThat(ids(api.get("/api/v1/teams/" + teamId + "/channels", owner.token()))).hasSize(1);

        String secret = fx.channel(owner, teamId, "Case review", "private", List.of(insider));
        Api.Response detail = api.get("/api/v1/conversations/" + secret, insider.token());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().get("visibility").asText()).isEqualTo("private");
        assertThat(strings(detail.json().get("memberIds"))).containsExactlyInAnyOrder(owner.id(), insider.id());
        assertThat(ids(api.get("/api/v1/teams/" + teamId + "/channels", insider.token()))).contains(secret);
        assertThat(fx.post(insider, secret, "Private case notes").status()).isEqualTo(201);

        // Someone added to the team later is in the standard channels but not in the private one.
        Person later = fx.person("later");
        fx.addToTeam(owner, teamId, later);
        for (Person p : List.of(teammate, later)) {
            assertThat(ids(api.get("/api/v1/teams/" + teamId + "/channels", p.token()))).doesNotContain(secret).hasSize(1);
            Api.Response hidden = api.get("/api/v1/conversations/" + secret, p.token());
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.body()).doesNotContain("Case review").doesNotContain("Private case notes");
            assertThat(fx.summary(p, secret)).isNull();
        }
        assertThat(strings(api.get("/api/v1/conversations/" + secret, owner.token()).json().get("memberIds")))
                .containsExactlyInAnyOrder(owner.id(), insider.id());
    }

    @Test
    void removing_someone_from_the_team_removes_them_from_its_channels() {
        Person owner = fx.person("owner");
        Person removed = fx.person("removed");
        Person leaver = fx.person("leaver");
        String teamId = fx.team(owner, "Theatres");
        fx.addToTeam(owner, teamId, removed);
        fx.addToTeam(owner, teamId, leaver);
        String general = fx.general(owner, teamId);
        String secret = fx.channel(owner, teamId, "Rota", "private", List.of(removed, leaver));

        Api.Response removal = api.delete("/api/v1/teams/" + teamId + "/members/" + removed.id(), owner.token());
        assertThat(removal.status()).as(removal.toString()).isEqualTo(204);
        Api.Response leave = api.delete("/api/v1/teams/" + teamId + "/members/" + leaver.id(), leaver.token());
        assertThat(leave.status()).as(leave.toString()).isEqualTo(204);

        for (Person gone : List.of(removed, leaver)) {
            assertThat(ids(api.get("/api/v1/teams", gone.token()))).doesNotContain(teamId);
            assertThat(api.get("/api/v1/teams/" + teamId + "/channels", gone.token()).status()).isEqualTo(404);
            for (String channel : List.of(general, secret)) {
                assertThat(fx.summary(gone, channel)).isNull();
                assertThat(api.get("/api/v1/conversations/" + channel, gone.token()).status()).isEqualTo(404);
                assertThat(api.get("/api/v1/conversations/" + channel + "/messages", gone.token()).status()).isEqualTo(404);
                assertThat(strings(api.get("/api/v1/conversations/" + channel, owner.token()).json().get("memberIds")))
                        .containsExactly(owner.id());
            }
        }
        assertThat(strings(api.get("/api/v1/teams/" + teamId + "/members", owner.token()).json().get("userIds")))
                .containsExactly(owner.id());
    }

    @Test
    void the_last_owner_cannot_leave_but_can_once_there_is_another_owner() {
        Person owner = fx.person("owner");
        Person second = fx.person("second");
        String teamId = fx.team(owner, "Outpatients");

        Api.Response leave = api.delete("/api/v1/teams/" + teamId + "/members/" + owner.id(), owner.token());
        assertThat(leave.status()).as(leave.toString()).isEqualTo(409);
        assertThat(leave.problemType()).isEqualTo("conflict");
        assertThat(ids(api.get("/api/v1/teams", owner.token()))).contains(teamId);
        assertThat(fx.summary(owner, fx.general(owner, teamId))).isNotNull();

        Api.Response promote = api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", second.id(), "role", "owner"),
                owner.token());
        assertThat(promote.status()).as(promote.toString()).isEqualTo(204);
        assertThat(api.delete("/api/v1/teams/" + teamId + "/members/" + owner.id(), owner.token()).status()).isEqualTo(204);
        assertThat(ids(api.get("/api/v1/teams", owner.token()))).doesNotContain(teamId);
        // Now the second owner is the last one.
        assertThat(api.delete("/api/v1/teams/" + teamId + "/members/" + second.id(), second.token()).status()).isEqualTo(409);
    }

    @Test
    void a_team_spans_organisations_but_is_invisible_to_people_of_another_organisation_not_in_it() {
        Person owner = fx.person("owner");
        Person dan = fx.demo("dan");
        Person olu = fx.demo("olu");
        Person hannah = fx.demo("hannah");
        String teamId = fx.team(owner, "Blood results liaison");
        String general = fx.general(owner, teamId);
        assertThat(fx.post(owner, general, "Potassium results for bay 3").status()).isEqualTo(201);

        Api.Response add = api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", dan.id()), owner.token());
        assertThat(add.status()).as(add.toString()).isEqualTo(204);
        assertThat(ids(api.get("/api/v1/teams", dan.token()))).contains(teamId);
        assertThat(ids(api.get("/api/v1/teams/" + teamId + "/channels", dan.token()))).containsExactly(general);
        assertThat(fx.summary(dan, general)).isNotNull();
        assertThat(fx.post(dan, general, "Haemolysed sample, please repeat").status()).isEqualTo(201);

        for (Person stranger : List.of(olu, hannah)) {
            assertThat(ids(api.get("/api/v1/teams", stranger.token()))).doesNotContain(teamId);
            for (String path : List.of("/api/v1/teams/" + teamId + "/channels", "/api/v1/teams/" + teamId + "/members",
                    "/api/v1/conversations/" + general, "/api/v1/conversations/" + general + "/messages")) {
                Api.Response r = api.get(path, stranger.token());
                assertThat(r.status()).as(path + " " + r).isEqualTo(404);
                assertThat(r.body()).doesNotContain("Blood results liaison").doesNotContain("Potassium").doesNotContain(owner.id());
            }
            assertThat(fx.summary(stranger, general)).isNull();
        }
    }

    // ---- direct and group chats ----

    @Test
    void asking_twice_for_a_direct_chat_with_the_same_person_returns_the_same_conversation() {
        Person a = fx.person("a");
        Person b = fx.person("b");
        Api.Response first = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(b.id())), a.token());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String id = first.json().get("id").asText();
        assertThat(first.json().get("kind").asText()).isEqualTo("direct");
        assertThat(strings(first.json().get("memberIds"))).containsExactlyInAnyOrder(a.id(), b.id());

        Api.Response again = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(b.id())), a.token());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(id);
        // Listing yourself as well changes nothing.
        Api.Response withSelf = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(a.id(), b.id())),
                a.token());
        assertThat(withSelf.status()).as(withSelf.toString()).isEqualTo(200);
        assertThat(withSelf.json().get("id").asText()).isEqualTo(id);
        Api.Response otherSide = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(a.id())), b.token());
        assertThat(otherSide.status()).as(otherSide.toString()).isEqualTo(200);
        assertThat(otherSide.json().get("id").asText()).isEqualTo(id);

        assertThat(ids(api.get("/api/v1/conversations", a.token())).stream().filter(id::equals)).hasSize(1);
        assertThat(ids(api.get("/api/v1/conversations", b.token())).stream().filter(id::equals)).hasSize(1);
    }

    @Test
    void a_direct_chat_needs_exactly_one_other_person_and_a_group_at_least_two() {
        Person me = fx.person("me");
        Person b = fx.person("b");
        Person c = fx.person("c");
        int before = ids(api.get("/api/v1/conversations", me.token())).size();

        List<Map<String, Object>> bad = List.of(
                Map.of("kind", "direct", "memberIds", List.of(me.id())),
                Map.of("kind", "direct", "memberIds", List.of()),
                Map.of("kind", "direct", "memberIds", List.of(b.id(), c.id())),
                Map.of("kind", "group", "memberIds", List.of(b.id())),
                Map.of("kind", "group", "memberIds", List.of(me.id(), b.id())),
                Map.of("kind", "group", "memberIds", List.of(b.id(), b.id())));
        for (Map<String, Object> body : bad) {
            Api.Response r = api.post("/api/v1/conversations", body, me.token());
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().get("field").asText()).as(body.toString()).isEqualTo("memberIds");
        }
        assertThat(ids(api.get("/api/v1/conversations", me.token()))).hasSize(before);

        Api.Response group = api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", List.of(b.id(), c.id())),
                me.token());
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        assertThat(group.json().get("kind").asText()).isEqualTo("group");
        assertThat(strings(group.json().get("memberIds"))).containsExactlyInAnyOrder(me.id(), b.id(), c.id());
    }

    @Test
    void a_group_chat_can_be_renamed_but_a_direct_chat_cannot() {
        List<Person> people = fx.people("rename", 3);
        String group = fx.group(people);
        Api.Response renamed = api.patch("/api/v1/conversations/" + group, Map.of("name", "Discharge planning"), people.get(1).token());
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Discharge planning");
        assertThat(api.get("/api/v1/conversations/" + group, people.get(2).token()).json().get("name").asText())
                .isEqualTo("Discharge planning");
        assertThat(fx.summary(people.get(0), group).get("name").asText()).isEqualTo("Discharge planning");

        String direct = fx.direct(people.get(0), people.get(1));
        long before = fx.lastSeq(people.get(0), direct);
        Api.Response refused = api.patch("/api/v1/conversations/" + direct, Map.of("name", "Ours"), people.get(0).token());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.problemType()).isEqualTo("conflict");
        Api.Response after = api.get("/api/v1/conversations/" + direct, people.get(0).token());
        assertThat(after.json().hasNonNull("name")).isFalse();
        assertThat(after.json().get("lastSeq").asLong()).isEqualTo(before);
    }

    @Test
    void an_archived_conversation_refuses_new_messages_and_stores_nothing() {
        List<Person> people = fx.people("archive", 3);
        String group = fx.group(people);
        assertThat(fx.post(people.get(1), group, "before archiving").status()).isEqualTo(201);

        Api.Response archived = api.post("/api/v1/conversations/" + group + "/archive", Map.of(), people.get(0).token());
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.json().get("archived").asBoolean()).isTrue();
        long lastSeq = fx.lastSeq(people.get(0), group);

        Api.Response post = fx.post(people.get(1), group, "after archiving");
        assertThat(post.status()).as(post.toString()).isEqualTo(409);
        assertThat(post.problemType()).isEqualTo("conflict");
        assertThat(fx.lastSeq(people.get(0), group)).isEqualTo(lastSeq);
        Api.Response history = api.get("/api/v1/conversations/" + group + "/messages", people.get(2).token());
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("items")).hasSize(1);
        assertThat(history.body()).contains("before archiving").doesNotContain("after archiving");
        assertThat(api.get("/api/v1/conversations/" + group, people.get(2).token()).json().get("archived").asBoolean()).isTrue();
        Api.Response rename = api.patch("/api/v1/conversations/" + group, Map.of("name", "Too late"), people.get(0).token());
        assertThat(rename.status()).isEqualTo(409);
        assertThat(fx.lastSeq(people.get(0), group)).isEqualTo(lastSeq);
    }

    @Test
    void someone_who_leaves_a_group_can_no_longer_read_it() {
        List<Person> people = fx.people("leave", 3);
        String group = fx.group(people);
        Person leaver = people.get(2);
        assertThat(fx.post(people.get(0), group, "before leaving").status()).isEqualTo(201);
        assertThat(api.get("/api/v1/conversations/" + group + "/messages", leaver.token()).status()).isEqualTo(200);

        Api.Response leave = api.delete("/api/v1/conversations/" + group + "/members/" + leaver.id(), leaver.token());
        assertThat(leave.status()).as(leave.toString()).isEqualTo(204);

        for (String path : List.of("", "/messages", "/events?after=0", "/read-markers")) {
            Api.Response r = api.get("/api/v1/conversations/" + group + path, leaver.token());
            assertThat(r.status()).as(path + " " + r).isEqualTo(404);
            assertThat(r.body()).doesNotContain("before leaving");
        }
        assertThat(fx.post(leaver, group, "still here?").status()).isEqualTo(404);
        assertThat(fx.summary(leaver, group)).isNull();
        assertThat(strings(api.get("/api/v1/conversations/" + group, people.get(0).token()).json().get("memberIds")))
                .containsExactlyInAnyOrder(people.get(0).id(), people.get(1).id());
    }
}
