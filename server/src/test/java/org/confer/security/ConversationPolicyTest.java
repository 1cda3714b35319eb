package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.confer.testing.Api.Response;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The product decisions of docs/decisions.md ("Who may add, remove and see what"), as behaviour:
 * in a group chat anyone may add people and anyone may leave, but only its creator removes
 * others (so nobody removes the creator); people added to a chat or channel read its whole
 * history; read positions are shared in direct and group chats, never in channels.
 */
class ConversationPolicyTest extends ServerTest {
    private ChatFixtures people;

    @Override
    protected void afterStart() {
        people = new ChatFixtures(server);
    }

    @Test
    void any_member_may_add_people_to_a_group_chat() {
        Person creator = people.person("creator");
        Person member = people.person("member");
        Person other = people.person("other");
        Person newcomer = people.person("newcomer");
        String group = people.group(creator, member, other);

        Response add = api.post("/api/v1/conversations/" + group + "/members", Map.of("userId", newcomer.id()), member.token());

        assertThat(add.status()).isEqualTo(204);
        assertThat(people.summary(newcomer, group)).isNotNull();
    }

    @Test
    void only_the_creator_removes_others_from_a_group_chat_and_nobody_removes_the_creator() {
        Person creator = people.person("creator");
        Person member = people.person("member");
        Person other = people.person("other");
        String group = people.group(creator, member, other);

        Response memberRemovesOther = api.delete("/api/v1/conversations/" + group + "/members/" + other.id(), member.token());
        Response memberRemovesCreator = api.delete("/api/v1/conversations/" + group + "/members/" + creator.id(), member.token());

        assertThat(memberRemovesOther.status()).isEqualTo(403);
        assertThat(memberRemovesCreator.status()).isEqualTo(403);
        assertThat(people.summary(other, group)).as("still a member").isNotNull();
        assertThat(people.summary(creator, group)).isNotNull();
        assertThat(api.delete("/api/v1/conversations/" + group + "/members/" + member.id(), member.token()).status())
                .as("anyone may leave").isEqualTo(204);
        assertThat(api.delete("/api/v1/conversations/" + group + "/members/" + other.id(), creator.token()).status())
                .as("the creator removes others").isEqualTo(204);
        assertThat(people.summary(other, group)).isNull();
    }

    @Test
    void someone_added_to_a_group_chat_reads_its_history_from_the_start() {
        Person creator = people.person("creator");
        Person member = people.person("member");
        Person other = people.person("other");
        Person registrar = people.person("registrar");
        String group = people.group(creator, member, other);
        people.post(creator, group, "Bed 14: K+ 6.1, repeat at 14:00");

        api.post("/api/v1/conversations/" + group + "/members", Map.of("userId", registrar.id()), creator.token());
        Response history = api.get("/api/v1/conversations/" + group + "/messages", registrar.token());

        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("items")).anySatisfy(m ->
                assertThat(m.get("text").asText()).isEqualTo("Bed 14: K+ 6.1, repeat at 14:00"));
        JsonNode summary = people.summary(registrar, group);
        assertThat(summary.get("unreadCount").asInt()).as("what came before is history, not unread").isZero();
    }

    @Test
    void read_positions_are_shared_in_chats_but_in_a_channel_each_member_sees_only_their_own() {
        Person owner = people.person("owner");
        Person nurse = people.person("nurse");
        String team = people.teamWith(owner, nurse);
        String channel = people.general(owner, team);
        people.post(owner, channel, "Huddle at 9");
        api.post("/api/v1/conversations/" + channel + "/read", Map.of("seq", people.lastSeq(nurse, channel)), nurse.token());
        String direct = people.direct(owner, nurse);
        people.post(owner, direct, "Are you on today?");
        api.post("/api/v1/conversations/" + direct + "/read", Map.of("seq", people.lastSeq(nurse, direct)), nurse.token());

        JsonNode inChannel = api.get("/api/v1/conversations/" + channel + "/read-markers", owner.token()).json().get("readSeqs");
        JsonNode inChat = api.get("/api/v1/conversations/" + direct + "/read-markers", owner.token()).json().get("readSeqs");

        assertThat(inChannel.has(nurse.id())).as("the nurse's position in the channel").isFalse();
        assertThat(inChannel.has(owner.id())).as("the caller's own").isTrue();
        assertThat(inChat.has(nurse.id())).as("seen-by in a direct chat").isTrue();
    }
}
