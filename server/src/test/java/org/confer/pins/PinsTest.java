package org.confer.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.VerifyAction.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.events.ConversationEvent.MessagePinned;
import org.confer.events.ConversationEvent.MessageUnpinned;
import org.confer.events.UserEvent.MessageSaved;
import org.confer.events.UserEvent.MessageUnsaved;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ClientState;
import org.confer.testing.Covers;
import org.confer.testing.ServerTest;
import org.confer.testing.VerifyAction;
import org.junit.jupiter.api.Test;

/**
 * Pinned messages (shared by a conversation's members, live as message.pinned / message.unpinned)
 * and saved messages (a person's own, on their other devices as message.saved / message.unsaved):
 * who may, the limit, idempotency, and what a non-member or a former member sees (nothing).
 */
public class PinsTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    // ---- as clients see them (EveryEventKindHasACaseTest) ----

    @Test
    @Covers(MessagePinned.class)
    void a_message_one_member_pins_shows_in_every_members_pinned_list() throws NoSuchMethodException {
        List<Person> p = fx.people("pinner", 3);
        String group = fx.group(p);
        String id = post(p.get(0), group, "Escalation: bleep 4421 for the on-call registrar");
        VerifyAction verifier = new VerifyAction(api);
        ClientState seen = verifier.verify(p.get(2), expect(MessagePinned.class), () -> ok(api.post(pin(group, id), Map.of(), p.get(1).token())));
        assertThat(seen.conversation(group).pins).containsOnlyKeys(id);
        assertThat(seen.conversation(group).pins.get(id).pinnedBy()).isEqualTo(p.get(1).id());
        verifier.assertCovered(getClass().getDeclaredMethod("a_message_one_member_pins_shows_in_every_members_pinned_list"));
    }

    @Test
    @Covers(MessageUnpinned.class)
    void an_unpinned_message_leaves_every_members_pinned_list() throws NoSuchMethodException {
        List<Person> p = fx.people("unpinner", 3);
        String group = fx.group(p);
        String id = post(p.get(0), group, "Rota for December");
        ok(api.post(pin(group, id), Map.of(), p.get(0).token()));
        VerifyAction verifier = new VerifyAction(api);
        ClientState seen = verifier.verify(p.get(0), expect(MessageUnpinned.class), () -> ok(api.delete(pin(group, id), p.get(1).token())));
        assertThat(seen.conversation(group).pins).isEmpty();
        verifier.assertCovered(getClass().getDeclaredMethod("an_unpinned_message_leaves_every_members_pinned_list"));
    }

    @Test
    @Covers(MessageSaved.class)
    void a_message_saved_on_one_device_is_in_the_saved_list_of_the_others() throws NoSuchMethodException {
        List<Person> p = fx.people("saver", 3);
        String direct = fx.direct(p.get(0), p.get(1));
        String id = post(p.get(0), direct, "Potassium 6.2 for bed 7, repeat at 14:00");
        VerifyAction verifier = new VerifyAction(api);
        ClientState seen = verifier.verify(p.get(1), expect(MessageSaved.class), () -> ok(api.post(save(direct, id), Map.of(), p.get(1).token())));
        assertThat(seen.view().saved()).containsOnlyKeys(id);
        assertThat(seen.view().saved().get(id).conversationId()).isEqualTo(direct);
        verifier.assertCovered(getClass().getDeclaredMethod("a_message_saved_on_one_device_is_in_the_saved_list_of_the_others"));
    }

    @Test
    @Covers(MessageUnsaved.class)
    void a_message_unsaved_on_one_device_leaves_the_saved_list_of_the_others() throws NoSuchMethodException {
        List<Person> p = fx.people("unsaver", 3);
        String direct = fx.direct(p.get(0), p.get(1));
        String id = post(p.get(0), direct, "Check the drug chart");
        ok(api.post(save(direct, id), Map.of(), p.get(1).token()));
        VerifyAction verifier = new VerifyAction(api);
        ClientState seen = verifier.verify(p.get(1), expect(MessageUnsaved.class), () -> ok(api.delete(save(direct, id), p.get(1).token())));
        assertThat(seen.view().saved()).isEmpty();
        verifier.assertCovered(getClass().getDeclaredMethod("a_message_unsaved_on_one_device_leaves_the_saved_list_of_the_others"));
    }

    // ---- rules ----

    @Test
    void the_pinned_list_shows_the_message_who_pinned_it_and_the_newest_pin_first() {
        List<Person> p = fx.people("listed", 3);
        String group = fx.group(p);
        String first = post(p.get(0), group, "First");
        String second = post(p.get(0), group, "Second");
        ok(api.post(pin(group, first), Map.of(), p.get(0).token()));
        server.clock.advance(java.time.Duration.ofSeconds(1));
        ok(api.post(pin(group, second), Map.of(), p.get(1).token()));
        JsonNode items = api.get(pins(group), p.get(1).token()).json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("messageId").asText()).isEqualTo(second);
        assertThat(items.get(0).get("pinnedBy").asText()).isEqualTo(p.get(1).id());
        assertThat(items.get(0).get("message").get("text").asText()).isEqualTo("Second");
        assertThat(items.get(1).get("message").get("authorId").asText()).isEqualTo(p.get(0).id());
    }

    @Test
    void pinning_twice_or_unpinning_what_is_not_pinned_changes_nothing_and_adds_no_event() {
        List<Person> p = fx.people("twice", 3);
        String group = fx.group(p);
        String id = post(p.get(0), group, "Once");
        ok(api.post(pin(group, id), Map.of(), p.get(0).token()));
        long seq = fx.lastSeq(p.get(0), group);
        ok(api.post(pin(group, id), Map.of(), p.get(1).token()));
        assertThat(fx.lastSeq(p.get(0), group)).isEqualTo(seq);
        ok(api.delete(pin(group, id), p.get(0).token()));
        ok(api.delete(pin(group, id), p.get(0).token()));
        assertThat(fx.lastSeq(p.get(0), group)).isEqualTo(seq + 1);
        // The log stays gapless after the refused no-ops: the next message takes the next seq.
        post(p.get(0), group, "After");
        assertThat(fx.lastSeq(p.get(0), group)).isEqualTo(seq + 2);
    }

    @Test
    void a_conversation_holds_at_most_fifty_pins_and_the_next_is_refused_with_a_stable_type() {
        List<Person> p = fx.people("limit", 3);
        String group = fx.group(p);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= PinService.MAX_PINS; i++) {
            ids.add(post(p.get(i % 2), group, "Note " + i));
        }
        for (int i = 0; i < PinService.MAX_PINS; i++) {
            ok(api.post(pin(group, ids.get(i)), Map.of(), p.get(i % 2).token()));
        }
        long seq = fx.lastSeq(p.get(0), group);
        Api.Response refused = api.post(pin(group, ids.getLast()), Map.of(), p.get(1).token());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemType()).isEqualTo("pin-limit");
        assertThat(fx.lastSeq(p.get(0), group)).as("nothing stored").isEqualTo(seq);
        // A deleted pinned message frees its place.
        ok(api.delete("/api/v1/conversations/" + group + "/messages/" + ids.getFirst(), p.get(0).token()));
        ok(api.post(pin(group, ids.getLast()), Map.of(), p.get(1).token()));
        assertThat(api.get(pins(group), p.get(0).token()).json().get("items")).hasSize(PinService.MAX_PINS);
    }

    @Test
    void a_deleted_message_cannot_be_pinned_or_saved_and_leaves_the_pinned_list() {
        List<Person> p = fx.people("deleted", 3);
        String group = fx.group(p);
        String id = post(p.get(0), group, "Wrong patient, ignore");
        ok(api.post(pin(group, id), Map.of(), p.get(1).token()));
        ok(api.delete("/api/v1/conversations/" + group + "/messages/" + id, p.get(0).token()));
        assertThat(api.get(pins(group), p.get(1).token()).json().get("items")).isEmpty();
        assertThat(api.post(pin(group, id), Map.of(), p.get(1).token()).status()).isEqualTo(410);
        assertThat(api.post(save(group, id), Map.of(), p.get(1).token()).status()).isEqualTo(410);
    }

    @Test
    void an_archived_conversation_takes_no_new_pins() {
        List<Person> p = fx.people("archived", 3);
        String group = fx.group(p);
        String id = post(p.get(0), group, "Closing this chat");
        ok(api.post("/api/v1/conversations/" + group + "/archive", Map.of(), p.get(0).token()));
        Api.Response r = api.post(pin(group, id), Map.of(), p.get(1).token());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.problemType()).isEqualTo("conflict");
    }

    @Test
    void saved_messages_are_private_to_the_person_who_saved_them() {
        List<Person> p = fx.people("private", 3);
        String group = fx.group(p);
        String id = post(p.get(0), group, "Only mine");
        ok(api.post(save(group, id), Map.of(), p.get(0).token()));
        assertThat(api.get("/api/v1/me/saved", p.get(0).token()).json().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/me/saved", p.get(1).token()).json().get("items")).isEmpty();
        JsonNode item = api.get("/api/v1/me/saved", p.get(0).token()).json().get("items").get(0);
        assertThat(item.get("conversationId").asText()).isEqualTo(group);
        assertThat(item.get("message").get("text").asText()).isEqualTo("Only mine");
    }

    @Test
    void saved_messages_of_a_conversation_one_has_left_are_not_shown() {
        List<Person> p = fx.people("left", 3);
        String group = fx.group(p);
        String id = post(p.get(0), group, "Saved, then left");
        ok(api.post(save(group, id), Map.of(), p.get(2).token()));
        ok(api.delete("/api/v1/conversations/" + group + "/members/" + p.get(2).id(), p.get(2).token()));
        assertThat(api.get("/api/v1/me/saved", p.get(2).token()).json().get("items")).isEmpty();
        assertThat(api.delete(save(group, id), p.get(2).token()).status()).as("no longer a member").isEqualTo(404);
    }

    // ---- forbidden paths: a non-member finds nothing, changes nothing ----

    @Test
    void someone_outside_the_conversation_cannot_see_pin_unpin_or_save_its_messages() {
        List<Person> p = fx.people("inside", 3);
        Person outsider = fx.person("outsider");
        String group = fx.group(p);
        String id = post(p.get(0), group, "Ward 7 only");
        ok(api.post(pin(group, id), Map.of(), p.get(0).token()));
        long seq = fx.lastSeq(p.get(0), group);
        assertThat(api.get(pins(group), outsider.token()).status()).isEqualTo(404);
        assertThat(api.post(pin(group, id), Map.of(), outsider.token()).status()).isEqualTo(404);
        assertThat(api.delete(pin(group, id), outsider.token()).status()).isEqualTo(404);
        assertThat(api.post(save(group, id), Map.of(), outsider.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/me/saved", outsider.token()).json().get("items")).isEmpty();
        assertThat(fx.lastSeq(p.get(0), group)).isEqualTo(seq);
        assertThat(api.get(pins(group), p.get(1).token()).json().get("items")).hasSize(1);
    }

    @Test
    void a_message_of_another_conversation_is_not_found_through_one_i_am_in() {
        List<Person> p = fx.people("cross", 3);
        Person other = fx.person("cross-other");
        String mine = fx.group(p);
        String theirs = fx.direct(p.get(0), other);
        String id = post(other, theirs, "Not for the group");
        assertThat(api.post(pin(mine, id), Map.of(), p.get(1).token()).status()).isEqualTo(404);
        assertThat(api.post(save(mine, id), Map.of(), p.get(1).token()).status()).isEqualTo(404);
        assertThat(api.post(pin(mine, UUID.randomUUID().toString()), Map.of(), p.get(1).token()).status()).isEqualTo(404);
    }

    // ---- helpers ----

    private static String pins(String conversationId) {
        return "/api/v1/conversations/" + conversationId + "/pins";
    }

    private static String pin(String conversationId, String messageId) {
        return "/api/v1/conversations/" + conversationId + "/messages/" + messageId + "/pin";
    }

    private static String save(String conversationId, String messageId) {
        return "/api/v1/conversations/" + conversationId + "/messages/" + messageId + "/save";
    }

    private String post(Person who, String conversationId, String text) {
        Api.Response r = fx.post(who, conversationId, text);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 204);
    }
}
