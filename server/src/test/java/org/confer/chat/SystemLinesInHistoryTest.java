package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * A history page carries the membership and name changes among its messages ("Hannah removed
 * Dan", "Renamed to …"), so a client shows them after a reload as it did live; paging back
 * shows each change once, on the page whose stretch of the log holds it.
 */
class SystemLinesInHistoryTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    @Test
    void a_history_page_carries_the_membership_and_name_changes_among_its_messages() {
        List<Person> p = fx.people("lines", 4);
        String group = fx.group(p.get(0), p.get(1), p.get(2));
        fx.post(p.get(0), group, "Morning all");
        ok(api.post(path(group) + "/members", Map.of("userId", p.get(3).id()), p.get(1).token()));
        ok(api.patch(path(group), Map.of("name", "Ward 7 nights"), p.get(1).token()));
        ok(api.delete(path(group) + "/members/" + p.get(3).id(), p.get(0).token()));
        ok(api.delete(path(group) + "/members/" + p.get(2).id(), p.get(2).token()));
        fx.post(p.get(0), group, "Handover at 8");

        JsonNode page = api.get(path(group) + "/messages", p.get(1).token()).json();
        assertThat(page.get("items")).hasSize(2);
        List<String> lines = new ArrayList<>();
        for (JsonNode e : page.get("events")) {
            JsonNode ev = e.get("event");
            lines.add(ev.get("kind").asText() + ":" + ev.path("userId").asText(ev.path("name").asText()) + ":" + ev.path("by").asText());
        }
        assertThat(lines).containsExactly(
                "member.added:" + p.get(3).id() + ":" + p.get(1).id(),
                "conversation.renamed:Ward 7 nights:" + p.get(1).id(),
                "member.removed:" + p.get(3).id() + ":" + p.get(0).id(),
                "member.removed:" + p.get(2).id() + ":" + p.get(2).id());
    }

    @Test
    void paging_back_shows_each_change_once_on_the_page_that_holds_it() {
        List<Person> p = fx.people("paged", 4);
        String group = fx.group(p.get(0), p.get(1), p.get(3));
        fx.post(p.get(0), group, "one");
        ok(api.patch(path(group), Map.of("name", "Early name"), p.get(0).token()));
        fx.post(p.get(0), group, "two");
        fx.post(p.get(0), group, "three");
        ok(api.post(path(group) + "/members", Map.of("userId", p.get(2).id()), p.get(0).token()));
        fx.post(p.get(0), group, "four");

        JsonNode newest = api.get(path(group) + "/messages?limit=2", p.get(0).token()).json();
        assertThat(kinds(newest)).containsExactly("member.added");
        long before = newest.get("items").get(1).get("seq").asLong();
        JsonNode older = api.get(path(group) + "/messages?limit=2&before=" + before, p.get(0).token()).json();
        assertThat(older.get("items")).hasSize(2);
        assertThat(kinds(older)).containsExactly("conversation.renamed");
        JsonNode oldest = api.get(path(group) + "/messages?limit=2&before=" + older.get("items").get(1).get("seq").asLong(),
                p.get(0).token()).json();
        assertThat(oldest.get("items")).isEmpty();
        assertThat(kinds(oldest)).isEmpty();
    }

    @Test
    void someone_outside_the_conversation_gets_no_page_and_no_lines() {
        List<Person> p = fx.people("outside-lines", 3);
        String group = fx.group(p);
        Person outsider = fx.person("outside-lines-x");
        assertThat(api.get(path(group) + "/messages", outsider.token()).status()).isEqualTo(404);
    }

    private static List<String> kinds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("events").forEach(e -> out.add(e.get("event").get("kind").asText()));
        return out;
    }

    private static String path(String conversationId) {
        return "/api/v1/conversations/" + conversationId;
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 204);
    }
}
