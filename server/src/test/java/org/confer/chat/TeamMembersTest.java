package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.ChatFixtures.ids;
import static org.confer.testing.ChatFixtures.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The team member list the web client shows (who, with which role), and the membership changes
 * the server refuses: people outside the team in a private channel, members of a direct chat or
 * a standard channel changed by hand.
 */
class TeamMembersTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    private record Member(String userId, String role) {}

    private List<Member> members(String teamId, Person who) {
        Api.Response r = api.get("/api/v1/teams/" + teamId + "/members", who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Member> out = new ArrayList<>();
        for (JsonNode m : r.json().get("members")) {
            out.add(new Member(m.get("userId").asText(), m.get("role").asText()));
        }
        return out;
    }

    @Test
    void team_members_are_listed_with_their_roles_owners_first_to_every_member() {
        Person owner = fx.person("owner");
        Person nurse = fx.person("nurse");
        Person visitor = fx.personIn("visitor", "YDX");
        String teamId = fx.team(owner, "Ward 9");
        fx.addToTeam(owner, teamId, nurse);
        Api.Response promote = api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", visitor.id(), "role", "owner"),
                owner.token());
        assertThat(promote.status()).as(promote.toString()).isEqualTo(204);

        for (Person viewer : List.of(owner, nurse, visitor)) {
            List<Member> listed = members(teamId, viewer);
            assertThat(listed).containsExactlyInAnyOrder(new Member(owner.id(), "owner"), new Member(visitor.id(), "owner"),
                    new Member(nurse.id(), "member"));
            assertThat(listed.subList(0, 2)).as("owners first").allMatch(m -> m.role().equals("owner"));
            assertThat(strings(api.get("/api/v1/teams/" + teamId + "/members", viewer.token()).json().get("userIds")))
                    .containsExactlyElementsOf(listed.stream().map(Member::userId).toList());
        }
    }

    @Test
    void someone_outside_the_team_gets_404_for_its_member_list_and_learns_nobody_in_it() {
        Person owner = fx.person("owner");
        Person nurse = fx.person("nurse");
        Person outsider = fx.person("outsider");
        String teamId = fx.team(owner, "Stroke unit");
        fx.addToTeam(owner, teamId, nurse);

        Api.Response r = api.get("/api/v1/teams/" + teamId + "/members", outsider.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.body()).doesNotContain(owner.id()).doesNotContain(nurse.id()).doesNotContain("Stroke unit");
    }

    @Test
    void a_private_channel_member_cannot_add_someone_who_is_not_in_the_team() {
        Person owner = fx.person("owner");
        Person insider = fx.person("insider");
        Person outsider = fx.person("outsider");
        String teamId = fx.team(owner, "Renal");
        fx.addToTeam(owner, teamId, insider);
        String secret = fx.channel(owner, teamId, "Transplant list", "private", List.of(insider));
        long before = fx.lastSeq(owner, secret);

        Api.Response add = api.post("/api/v1/conversations/" + secret + "/members", Map.of("userId", outsider.id()), insider.token());
        assertThat(add.status()).as(add.toString()).isEqualTo(400);
        assertThat(add.json().get("field").asText()).isEqualTo("userId");

        assertThat(api.get("/api/v1/conversations/" + secret, outsider.token()).status()).isEqualTo(404);
        assertThat(strings(api.get("/api/v1/conversations/" + secret, owner.token()).json().get("memberIds")))
                .containsExactlyInAnyOrder(owner.id(), insider.id());
        assertThat(fx.lastSeq(owner, secret)).isEqualTo(before);
    }

    @Test
    void a_private_channel_member_may_add_a_teammate_who_then_sees_it() {
        BasicTeam team = fx.basicTeam();
        Person owner = team.owner();
        Person insider = team.member();
        Person teammate = team.teammate();
        String secret = team.privateChannel();

        Api.Response add = api.post("/api/v1/conversations/" + secret + "/members", Map.of("userId", teammate.id()), insider.token());
        assertThat(add.status()).as(add.toString()).isEqualTo(204);
        assertThat(fx.summary(teammate, secret)).isNotNull();
        // Removing someone else from a private channel stays with the team's owners.
        Api.Response remove = api.delete("/api/v1/conversations/" + secret + "/members/" + teammate.id(), insider.token());
        assertThat(remove.status()).as(remove.toString()).isEqualTo(403);
        assertThat(api.delete("/api/v1/conversations/" + secret + "/members/" + teammate.id(), owner.token()).status())
                .isEqualTo(204);
        assertThat(fx.summary(teammate, secret)).isNull();
    }

    @Test
    void direct_chats_and_standard_channels_refuse_membership_changes_by_hand() {
        Person owner = fx.person("owner");
        Person member = fx.person("member");
        Person third = fx.person("third");
        String teamId = fx.team(owner, "Cardiology");
        fx.addToTeam(owner, teamId, member);
        String general = fx.general(owner, teamId);
        String direct = fx.direct(owner, member);
        long generalBefore = fx.lastSeq(owner, general);
        long directBefore = fx.lastSeq(owner, direct);

        List<Api.Response> refused = List.of(
                api.post("/api/v1/conversations/" + direct + "/members", Map.of("userId", third.id()), owner.token()),
                api.delete("/api/v1/conversations/" + direct + "/members/" + owner.id(), owner.token()),
                api.post("/api/v1/conversations/" + general + "/members", Map.of("userId", third.id()), owner.token()),
                api.delete("/api/v1/conversations/" + general + "/members/" + member.id(), owner.token()),
                api.delete("/api/v1/conversations/" + general + "/members/" + member.id(), member.token()));
        for (Api.Response r : refused) {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.problemType()).isEqualTo("conflict");
        }
        assertThat(strings(api.get("/api/v1/conversations/" + direct, owner.token()).json().get("memberIds")))
                .containsExactlyInAnyOrder(owner.id(), member.id());
        assertThat(strings(api.get("/api/v1/conversations/" + general, owner.token()).json().get("memberIds")))
                .containsExactlyInAnyOrder(owner.id(), member.id());
        assertThat(fx.lastSeq(owner, general)).isEqualTo(generalBefore);
        assertThat(fx.lastSeq(owner, direct)).isEqualTo(directBefore);
        assertThat(fx.summary(third, general)).isNull();
    }

    @Test
    void an_owner_makes_a_member_owner_who_can_then_manage_the_team_and_the_last_owner_cannot_step_down() {
        Person owner = fx.person("owner");
        Person nurse = fx.person("nurse");
        Person newcomer = fx.person("newcomer");
        String teamId = fx.team(owner, "Night shift");
        fx.addToTeam(owner, teamId, nurse);

        Api.Response promote = api.patch("/api/v1/teams/" + teamId + "/members/" + nurse.id(), Map.of("role", "owner"), owner.token());
        assertThat(promote.status()).as(promote.toString()).isEqualTo(204);
        assertThat(members(teamId, owner)).contains(new Member(nurse.id(), "owner"));
        assertThat(api.get("/api/v1/teams", nurse.token()).json().at("/items/0/myRole").asText()).isEqualTo("owner");
        Api.Response add = api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", newcomer.id()), nurse.token());
        assertThat(add.status()).as(add.toString()).isEqualTo(204);

        // The first owner steps down; the nurse is now the only owner and cannot.
        assertThat(api.patch("/api/v1/teams/" + teamId + "/members/" + owner.id(), Map.of("role", "member"), owner.token()).status())
                .isEqualTo(204);
        Api.Response stepDown = api.patch("/api/v1/teams/" + teamId + "/members/" + nurse.id(), Map.of("role", "member"), nurse.token());
        assertThat(stepDown.status()).as(stepDown.toString()).isEqualTo(409);
        assertThat(stepDown.problemType()).isEqualTo("conflict");
        // ...and the former owner has no owner rights left.
        Api.Response back = api.patch("/api/v1/teams/" + teamId + "/members/" + owner.id(), Map.of("role", "owner"), owner.token());
        assertThat(back.status()).as(back.toString()).isEqualTo(403);
        assertThat(members(teamId, nurse)).containsExactlyInAnyOrder(new Member(nurse.id(), "owner"),
                new Member(owner.id(), "member"), new Member(newcomer.id(), "member"));
    }

    @Test
    void a_role_change_needs_a_known_role_and_someone_in_the_team() {
        Person owner = fx.person("owner");
        Person outsider = fx.person("outsider");
        String teamId = fx.team(owner, "Endoscopy");

        for (Object role : new Object[] {"admin", ""}) {
            Api.Response r = api.patch("/api/v1/teams/" + teamId + "/members/" + owner.id(), Map.of("role", role), owner.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("role");
        }
        Api.Response missing = api.patch("/api/v1/teams/" + teamId + "/members/" + owner.id(), Map.of(), owner.token());
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        Api.Response notInTeam = api.patch("/api/v1/teams/" + teamId + "/members/" + outsider.id(), Map.of("role", "owner"),
                owner.token());
        assertThat(notInTeam.status()).as(notInTeam.toString()).isEqualTo(404);
        assertThat(ids(api.get("/api/v1/teams", outsider.token()))).doesNotContain(teamId);
        assertThat(members(teamId, owner)).containsExactly(new Member(owner.id(), "owner"));
    }
}
