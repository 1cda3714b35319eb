package org.confer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.VerifyAction.expect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.confer.events.ConversationEvent.ConversationArchived;
import org.confer.events.ConversationEvent.ConversationCreated;
import org.confer.events.ConversationEvent.ConversationRenamed;
import org.confer.events.ConversationEvent.MemberAdded;
import org.confer.events.ConversationEvent.MemberRemoved;
import org.confer.events.ConversationEvent.MessageAcknowledged;
import org.confer.events.ConversationEvent.MessageDeleted;
import org.confer.events.ConversationEvent.MessageEdited;
import org.confer.events.ConversationEvent.MessagePosted;
import org.confer.events.ConversationEvent.ReactionAdded;
import org.confer.events.ConversationEvent.ReactionRemoved;
import org.confer.events.UserEvent.ConversationAdded;
import org.confer.events.UserEvent.ConversationRemoved;
import org.confer.events.UserEvent.ReadMoved;
import org.confer.events.UserEvent.UrgentNotice;
import org.confer.events.ConversationEvent;
import org.confer.events.UserEvent;
import org.confer.testing.Api;
import org.confer.testing.BotFixtures;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ClientState;
import org.confer.testing.ClientModel.Conversation;
import org.confer.testing.ClientModel.Message;
import org.confer.testing.ClientModel.Recipient;
import org.confer.testing.Covers;
import org.confer.testing.ServerTest;
import org.confer.testing.VerifyAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every event kind as a client sees it (Zulip's test_events.py): each case runs an action with
 * {@link VerifyAction}, which applies the frames it sent to the state the client read over REST
 * before and compares the result with REST after. Each case also states the outcome in its own
 * terms. EveryEventKindHasACaseTest fails for a kind without a case here.
 */
class EventsAsClientsSeeThemTest extends ServerTest {
    private static final String THUMBS_UP = "👍";
    private ChatFixtures fx;
    private VerifyAction verifier;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    @BeforeEach
    void newVerifier() {
        verifier = new VerifyAction(api);
    }

    @AfterEach
    void theCaseAppliedTheKindsItCovers(TestInfo test) {
        verifier.assertCovered(test.getTestMethod().orElseThrow());
    }

    // ---- conversation events ----

    @Test
    @Covers(ConversationCreated.class)
    void a_new_group_chat_arrives_with_its_members_and_who_started_it() {
        List<Person> p = fx.people("created", 3);
        AtomicReference<String> group = new AtomicReference<>();
        ClientState seen = verifyAction(p.get(1), expect(ConversationCreated.class, ConversationAdded.class),
                () -> group.set(fx.group(p)));
        Conversation c = seen.conversation(group.get());
        assertThat(c.memberIds).containsExactlyInAnyOrderElementsOf(p.stream().map(Person::id).toList());
        assertThat(c.createdBy).isEqualTo(p.get(0).id());
        assertThat(c.lastSeq).isEqualTo(1);
    }

    @Test
    @Covers(ConversationRenamed.class)
    void a_renamed_channel_shows_its_new_name_to_its_members() {
        BasicTeam team = fx.basicTeam();
        ClientState seen = verifyAction(team.member(), expect(ConversationRenamed.class),
                () -> ok(api.patch(conversationPath(team.privateChannel()), Map.of("name", "Safeguarding huddle"), team.owner().token())));
        assertThat(seen.conversation(team.privateChannel()).name).isEqualTo("Safeguarding huddle");
    }

    @Test
    @Covers(ConversationArchived.class)
    void an_archived_group_chat_is_read_only_for_everyone_in_it() {
        List<Person> p = fx.people("archived", 3);
        String group = fx.group(p);
        ClientState seen = verifyAction(p.get(2), expect(ConversationArchived.class),
                () -> ok(api.post(conversationPath(group) + "/archive", Map.of(), p.get(1).token())));
        assertThat(seen.conversation(group).archived).isTrue();
    }

    @Test
    @Covers(MemberAdded.class)
    void a_teammate_added_to_a_private_channel_appears_among_its_members() {
        BasicTeam team = fx.basicTeam();
        ClientState seen = verifyAction(team.owner(), expect(MemberAdded.class), () -> ok(api.post(
                conversationPath(team.privateChannel()) + "/members", Map.of("userId", team.teammate().id()), team.member().token())));
        assertThat(seen.conversation(team.privateChannel()).memberIds)
                .containsExactlyInAnyOrder(team.owner().id(), team.member().id(), team.teammate().id());
    }

    @Test
    @Covers(MemberRemoved.class)
    void someone_removed_from_a_group_chat_leaves_its_members_for_the_others() {
        List<Person> p = fx.people("removed", 4);
        String group = fx.group(p);
        ClientState seen = verifyAction(p.get(1), expect(MemberRemoved.class),
                () -> ok(api.delete(conversationPath(group) + "/members/" + p.get(3).id(), p.get(0).token())));
        assertThat(seen.conversation(group).memberIds).doesNotContain(p.get(3).id()).hasSize(3);
    }

    @Test
    @Covers(MessagePosted.class)
    void a_reply_that_mentions_me_is_unread_mentions_me_and_counts_in_its_thread() {
        List<Person> p = fx.people("posted", 3);
        Person me = p.get(1);
        String group = fx.group(p);
        String root = post(me, group, "Who can cover bay 3 after 4pm?");
        AtomicReference<String> reply = new AtomicReference<>();
        ClientState seen = verifyAction(me, expect(MessagePosted.class),
                () -> reply.set(post(p.get(0), group, "<@" + me.id() + "> I can", root)));
        assertThat(seen.message(group, reply.get()).threadRootId).isEqualTo(root);
        assertThat(seen.message(group, root).replyCount).isEqualTo(1);
        assertThat(seen.conversation(group).unreadCount).isEqualTo(1);
        assertThat(seen.conversation(group).mentionCount).isEqualTo(1);
    }

    @Test
    @Covers(MessageEdited.class)
    void an_edit_that_drops_my_mention_changes_the_text_and_my_mention_count_and_keeps_the_reactions() {
        List<Person> p = fx.people("edited", 3);
        Person me = p.get(1);
        String group = fx.group(p);
        String id = post(p.get(0), group, "<@" + me.id() + "> obs due on bed 4");
        react(p.get(2), group, id, THUMBS_UP);
        ClientState seen = verifyAction(me, expect(MessageEdited.class),
                () -> ok(api.patch(messagePath(group, id), Map.of("text", "Obs on bed 4 done"), p.get(0).token())));
        Message m = seen.message(group, id);
        assertThat(m.text).isEqualTo("Obs on bed 4 done");
        assertThat(m.editedAt).isNotNull();
        assertThat(m.reactions).containsOnlyKeys(THUMBS_UP);
        assertThat(seen.conversation(group).unreadCount).isEqualTo(1);
        assertThat(seen.conversation(group).mentionCount).isZero();
    }

    @Test
    @Covers(MessageDeleted.class)
    void a_message_a_team_owner_deletes_is_a_tombstone_without_text_reactions_or_an_unread_mention() {
        BasicTeam team = fx.basicTeam();
        Person me = team.teammate();
        String id = post(team.member(), team.general(), "<@" + me.id() + "> results for the wrong patient");
        react(team.owner(), team.general(), id, THUMBS_UP);
        ClientState seen = verifyAction(me, expect(MessageDeleted.class),
                () -> ok(api.delete(messagePath(team.general(), id), team.owner().token())));
        Message m = seen.message(team.general(), id);
        assertThat(m.deleted).isTrue();
        assertThat(m.text).isNull();
        assertThat(m.reactions).isEmpty();
        assertThat(seen.conversation(team.general()).unreadCount).isZero();
        assertThat(seen.conversation(team.general()).mentionCount).isZero();
    }

    @Test
    @Covers(ReactionAdded.class)
    void a_reaction_adds_its_person_to_the_emoji_on_my_message() {
        List<Person> p = fx.people("reacted", 3);
        Person me = p.get(0);
        String group = fx.group(p);
        String id = post(me, group, "Ward round at 9");
        react(p.get(1), group, id, THUMBS_UP);
        ClientState seen = verifyAction(me, expect(ReactionAdded.class), () -> react(p.get(2), group, id, THUMBS_UP));
        assertThat(seen.message(group, id).reactions.get(THUMBS_UP)).containsExactlyInAnyOrder(p.get(1).id(), p.get(2).id());
    }

    @Test
    @Covers(ReactionRemoved.class)
    void a_removed_reaction_takes_away_an_emoji_nobody_else_has() {
        List<Person> p = fx.people("unreacted", 3);
        Person me = p.get(0);
        String group = fx.group(p);
        String id = post(me, group, "Ward round at 10 today");
        react(p.get(1), group, id, THUMBS_UP);
        react(p.get(2), group, id, "❤️");
        ClientState seen = verifyAction(me, expect(ReactionRemoved.class), () -> ok(api.delete(
                messagePath(group, id) + "/reactions/%F0%9F%91%8D", p.get(1).token())));
        assertThat(seen.message(group, id).reactions).containsOnlyKeys("❤️");
    }

    @Test
    @Covers(MessageAcknowledged.class)
    void an_acknowledgement_of_my_urgent_message_shows_who_has_seen_it_and_who_has_not() {
        List<Person> p = fx.people("acknowledged", 3);
        Person me = p.get(0);
        String group = fx.group(p);
        String id = postUrgent(me, group, "Bed 12 NEWS2 of 7: review now please");
        ClientState seen = verifyAction(me, expect(MessageAcknowledged.class),
                () -> ok(api.post(messagePath(group, id) + "/acknowledge", Map.of(), p.get(1).token())));
        Map<String, Recipient> recipients = seen.message(group, id).recipients;
        assertThat(recipients).containsOnlyKeys(p.get(1).id(), p.get(2).id());
        assertThat(recipients.get(p.get(1).id()).acknowledgedAt()).isNotNull();
        assertThat(recipients.get(p.get(2).id()).acknowledgedAt()).isNull();
    }

    // ---- user events ----

    @Test
    @Covers(ConversationAdded.class)
    void someone_added_to_a_group_chat_catches_up_with_its_whole_history_from_the_log() {
        List<Person> p = fx.people("added", 3);
        Person me = fx.person("newcomer");
        String group = fx.group(p);
        ok(api.patch(conversationPath(group), Map.of("name", "Bay 3 handover"), p.get(0).token()));
        String root = post(p.get(0), group, "<@" + p.get(1).id() + "> bed 7 bloods?");
        post(p.get(1), group, "Sent at 10", root);
        String edited = post(p.get(2), group, "Porter booked for 11");
        ok(api.patch(messagePath(group, edited), Map.of("text", "Porter booked for 11:30"), p.get(2).token()));
        String deleted = post(p.get(1), group, "Wrong chat, sorry");
        ok(api.delete(messagePath(group, deleted), p.get(1).token()));
        react(p.get(0), group, edited, THUMBS_UP);
        String urgent = postUrgent(p.get(0), group, "Fire alarm test at 2pm: stay with patients");
        ok(api.post(messagePath(group, urgent) + "/acknowledge", Map.of(), p.get(2).token()));
        ClientState seen = verifyAction(me, expect(ConversationAdded.class),
                () -> ok(api.post(conversationPath(group) + "/members", Map.of("userId", me.id()), p.get(1).token())));
        Conversation c = seen.conversation(group);
        assertThat(c.name).isEqualTo("Bay 3 handover");
        assertThat(c.messages).hasSize(5);
        assertThat(c.memberIds).contains(me.id()).hasSize(4);
        assertThat(seen.message(group, urgent).recipients).containsOnlyKeys(p.get(1).id(), p.get(2).id());
        assertThat(c.unreadCount).as("what came before joining is history, not unread").isZero();
    }

    @Test
    @Covers(ConversationRemoved.class)
    void someone_removed_from_a_group_chat_loses_it_with_its_history() {
        List<Person> p = fx.people("dropped", 3);
        Person me = p.get(2);
        String group = fx.group(p);
        post(p.get(0), group, "Handover notes for the night team");
        // Whether the stream still hands the removed person their own member.removed depends on
        // timing (membership changes just after it is published); the client drops the chat either way.
        ClientState seen = verifyAction(me, expect(ConversationRemoved.class).orMaybe(MemberRemoved.class),
                () -> ok(api.delete(conversationPath(group) + "/members/" + me.id(), p.get(0).token())));
        assertThat(seen.conversation(group)).isNull();
    }

    @Test
    @Covers(UrgentNotice.class)
    void a_reminder_of_an_urgent_message_counts_as_another_notice_until_i_acknowledge() {
        List<Person> p = fx.people("reminded", 2);
        Person me = p.get(1);
        String direct = fx.direct(p.get(0), me);
        String id = postUrgent(p.get(0), direct, "Call theatre re: patient in bay 3");
        // The attempt of a notice is nowhere in REST; the closest is the recipient's notifiedCount in
        // the acknowledgements, which counts the first notice and every reminder: the state keeps that.
        ClientState seen = verifyAction(me, expect(UrgentNotice.class), () -> {
            server.clock.advance(Duration.ofMinutes(2));
            server.app().urgent().runDue();
        });
        assertThat(seen.message(direct, id).recipients.get(me.id())).isEqualTo(new Recipient(null, 2));
    }

    @Test
    @Covers(ReadMoved.class)
    void reading_on_another_device_moves_my_read_marker_and_what_is_still_unread() {
        List<Person> p = fx.people("read", 2);
        Person me = p.get(1);
        String direct = fx.direct(p.get(0), me);
        post(p.get(0), direct, "Bed 2 is ready for you");
        post(p.get(0), direct, "<@" + me.id() + "> and bed 5 after that");
        long firstSeq = fx.lastSeq(me, direct) - 1;
        ClientState seen = verifyAction(me, expect(ReadMoved.class),
                () -> ok(api.post(conversationPath(direct) + "/read", Map.of("seq", firstSeq), me.token())));
        Conversation c = seen.conversation(direct);
        assertThat(c.readSeq).isEqualTo(firstSeq);
        assertThat(c.unreadCount).isEqualTo(1);
        assertThat(c.mentionCount).as("the unread one mentions me").isEqualTo(1);
    }

    @Test
    @Covers(ConversationEvent.MessageCardUpdated.class)
    void a_bot_that_changes_its_card_shows_the_new_card_in_place_with_the_text_unchanged() {
        List<Person> p = fx.people("carded", 3);
        Person me = p.get(1);
        String group = fx.group(p);
        BotFixtures bots = new BotFixtures(server);
        BotFixtures.Bot bot = bots.bot(server.login("admin"), "Porters", "messages:write");
        bots.add(bot, group, p.get(0).token());
        String id = bots.postCard(bot, group, "Porter request 12: bed 4 to X-ray", Map.of("title", "Porter request 12",
                "severity", "info", "actions", List.of(Map.of("id", "porters.claim:12", "label", "Claim"))));
        ClientState seen = verifyAction(me, expect(ConversationEvent.MessageCardUpdated.class), () -> ok(bots.put(
                messagePath(group, id) + "/card", Map.of("card", Map.of("title", "Porter request 12", "severity", "success",
                        "footer", "Claimed by Dana")), bot.token())));
        assertThat(seen.message(group, id).card).contains("Claimed by Dana").contains("success");
        assertThat(seen.message(group, id).text).isEqualTo("Porter request 12: bed 4 to X-ray");
    }

    @Test
    @Covers(UserEvent.CommandReplied.class)
    void the_answer_to_my_slash_command_reaches_my_devices_and_nobody_elses() {
        List<Person> p = fx.people("commander", 3);
        Person me = p.get(1);
        String group = fx.group(p);
        ClientState seen = verifyAction(me, expect(UserEvent.CommandReplied.class), () -> {
            Api.Response r = api.post(conversationPath(group) + "/commands", Map.of("command", "/help", "text", ""), me.token());
            ok(r);
            assertThat(r.json().get("text").asText()).contains("/help");
        });
        assertThat(seen.conversation(group).messages).as("a private answer is no message of the chat").isEmpty();
    }

    @Test
    @Covers(UserEvent.ServiceRequestUpdated.class)
    void a_claimed_request_reaches_its_requester_as_an_update_and_a_message_from_the_requests_bot() {
        BasicTeam team = fx.basicTeam();
        Person me = fx.person("requester");
        Api.Response service = api.post("/api/v1/request-services", Map.of("slug", "ev-" + UUID.randomUUID().toString().substring(0, 6),
                "name", "Phlebotomy", "teamId", team.id(), "queueConversationId", team.general(), "leadId", team.owner().id(),
                "targets", Map.of("routine", 240, "urgent", 60, "emergency", 15)), team.owner().token());
        ok(service);
        Api.Response filed = api.post("/api/v1/requests", Map.of("serviceId", service.json().get("id").asText(), "location", "Ward 7",
                "details", "Fasting bloods", "clientRequestId", UUID.randomUUID().toString()), me.token());
        ok(filed);
        String requestId = filed.json().get("id").asText();
        // Filing opened the Requests bot's direct chat with me (its "received" message): the claim adds to it.
        ClientState seen = verifyAction(me, expect(UserEvent.ServiceRequestUpdated.class, MessagePosted.class),
                () -> ok(api.post("/api/v1/requests/" + requestId + "/claim", Map.of(), team.member().token())));
        String direct = null;
        for (var c : api.get("/api/v1/conversations", me.token()).json().get("items")) {
            if ("direct".equals(c.get("kind").asText())) {
                direct = c.get("id").asText();
            }
        }
        assertThat(seen.conversation(direct).messages.values().stream().map(m -> m.text))
                .anyMatch(t -> t.contains("was claimed by member"));
    }

    // ---- helpers ----

    private ClientState verifyAction(Person viewer, VerifyAction.Expected expected, Runnable action) {
        return verifier.verify(viewer, expected, action);
    }

    private static String conversationPath(String conversationId) {
        return "/api/v1/conversations/" + conversationId;
    }

    private static String messagePath(String conversationId, String messageId) {
        return conversationPath(conversationId) + "/messages/" + messageId;
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 204);
    }

    private String post(Person who, String conversationId, String text) {
        Api.Response r = fx.post(who, conversationId, text);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private String post(Person who, String conversationId, String text, String threadRootId) {
        return send(who, conversationId, Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "threadRootId", threadRootId));
    }

    private String postUrgent(Person who, String conversationId, String text) {
        return send(who, conversationId, Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "urgent", true));
    }

    private String send(Person who, String conversationId, Map<String, Object> body) {
        Api.Response r = api.post(conversationPath(conversationId) + "/messages", body, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private void react(Person who, String conversationId, String messageId, String emoji) {
        ok(api.post(messagePath(conversationId, messageId) + "/reactions", Map.of("emoji", emoji), who.token()));
    }
}
