package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.junit.jupiter.api.Test;

/**
 * What a message's text may hold (tab, line feed and carriage return but no other C0 control,
 * stored exactly as sent) and which messages the mention count counts.
 */
class MessageTextAndMentionCountTest extends RealtimeTestSupport {

    @Test
    void message_text_may_hold_tab_line_feed_and_carriage_return_but_no_other_c0_control() {
        List<Person> people = fx.people("controls", 2);
        Person author = people.get(0);
        String conversation = fx.direct(author, people.get(1));
        String messages = "/api/v1/conversations/" + conversation + "/messages";
        long before = fx.lastSeq(author, conversation);
        for (char c = 0; c < 0x20; c++) {
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            Api.Response refused = fx.post(author, conversation, "obs" + c + "ok");
            assertThat(refused.status()).as("U+%04X", (int) c).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).isEqualTo("text");
        }
        assertThat(fx.lastSeq(author, conversation)).isEqualTo(before);

        // Stored exactly as sent: layout characters, DEL and C1 controls are accepted, nothing trimmed.
        String text = "  BP 120/80\tHR 72\r\nSpO2 97%\n\u007f\u0085  ";
        Api.Response posted = fx.post(author, conversation, text);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.json().get("text").asText()).isEqualTo(text);
        String id = posted.json().get("id").asText();
        Api.Response edit = api.patch(messages + "/" + id, Map.of("text", "bell\u0007"), author.token());
        assertThat(edit.status()).as("an edit follows the same rule").isEqualTo(400);
        assertThat(fx.post(author, conversation, " \t\r\n ").status()).as("blank").isEqualTo(400);
    }

    @Test
    void mention_count_counts_unread_messages_by_others_that_mention_me_or_everyone_by_whole_token_once_each() {
        List<Person> people = fx.people("badge", 3);
        Person me = people.get(0);
        Person colleague = people.get(1);
        Person other = people.get(2);
        String conversation = fx.group(people);
        String messages = "/api/v1/conversations/" + conversation + "/messages";
        assertThat(api.post("/api/v1/conversations/" + conversation + "/read", Map.of("seq", fx.lastSeq(me, conversation)),
                me.token()).status()).isEqualTo(200);

        List<String> texts = List.of(
                "<@" + me.id() + "> and again <@" + me.id() + ">", // one message, one mention
                "cc @team",
                "send it to ward@team.example", // @team inside an address: not a whole token, not everyone
                "see @teamwork notes", // nor a longer word
                "nothing for me",
                "<@" + other.id() + "> only");
        for (String text : texts) {
            assertThat(fx.post(colleague, conversation, text).status()).isEqualTo(201);
        }
        Api.Response deleted = fx.post(colleague, conversation, "<@" + me.id() + "> withdrawn @channel");
        assertThat(api.delete(messages + "/" + deleted.json().get("id").asText(), colleague.token()).status()).isEqualTo(204);
        assertThat(fx.post(me, conversation, "@channel from me, <@" + me.id() + ">").status()).isEqualTo(201);
        Api.Response address = api.get(messages + "?limit=10", me.token());
        assertThat(address.json().get("items")).filteredOn(m -> m.path("text").asText().contains("ward@team.example"))
                .singleElement().satisfies(m -> assertThat(m.get("mentionsChannel").asBoolean()).isFalse());

        JsonNode summary = fx.summary(me, conversation);
        assertThat(summary.get("unreadCount").asInt()).as("the colleague's messages that are not deleted").isEqualTo(6);
        assertThat(summary.get("mentionCount").asInt()).as("of those, the ones naming me or @channel/@team as a whole token")
                .isEqualTo(2);
    }
}
