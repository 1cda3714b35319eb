package org.confer.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.events.ConversationEvent.MessageCardUpdated;
import org.confer.events.ConversationEvent.FileSnapshot;
import org.confer.events.ConversationEvent.MessageDeleted;
import org.confer.events.ConversationEvent.MessageEdited;
import org.confer.events.ConversationEvent.MessagePosted;
import org.confer.events.ConversationWriter;
import org.confer.events.EventLog;
import org.confer.events.MessageCard;
import org.confer.events.StoredEvent;
import org.confer.events.UserEvent.UrgentNotice;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.text.Fields;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Messages: sending (idempotent by clientMsgId), history, threads, the event log over REST,
 * edits (author only, every earlier text kept) and deletion (author or team owner; a tombstone
 * stays). Every call starts at {@link ConversationAccess}.
 */
public final class MessageService {
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    /**
     * Edits kept per message. Every earlier text stays for audit (what a clinician was shown
     * matters), so rather than forget old versions, edits past this are refused: storage per
     * message is bounded at about 50 × 16 KiB, and no realistic correction needs more.
     */
    public static final int MAX_EDITS_PER_MESSAGE = 50;
    private static final Pattern MENTION = Pattern.compile("<@([0-9a-fA-F-]{36})>");
    private static final Pattern CLIENT_MSG_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    /** The outcome of a send: the message, its files, and whether this request created it (201) or found it (200). */
    public record Posted(Message message, boolean created, List<FileSnapshot> files) {}

    private final Database db;
    private final ConversationWriter writer;
    private final ConversationAccess access;
    private final MessageStore messages;
    private final ConversationStore conversations;
    private final TeamStore teams;
    private final UrgentStore urgent;
    private final EventLog log;
    private final WriteBudgets budgets;
    private final Attachments attachments;
    private final AuditTrail audit;

    public MessageService(Database db, ConversationWriter writer, ConversationAccess access, MessageStore messages,
                          ConversationStore conversations, TeamStore teams, UrgentStore urgent, EventLog log, WriteBudgets budgets,
                          Attachments attachments, AuditTrail audit) {
        this.db = db;
        this.writer = writer;
        this.access = access;
        this.messages = messages;
        this.conversations = conversations;
        this.teams = teams;
        this.urgent = urgent;
        this.log = log;
        this.budgets = budgets;
        this.attachments = attachments;
        this.audit = audit;
    }

    public Posted post(Principal who, UUID conversationId, String text, String clientMsgId, UUID threadRootId, boolean isUrgent) {
        return post(who, conversationId, text, null, clientMsgId, threadRootId, isUrgent);
    }

    /**
     * A send with an optional card: only bots send cards (docs/bots-and-results.md, "Cards"); the
     * text stays the markdown fallback. A built-in bot (BotPoster) is not held to the per-person
     * send budget: a burst of lab results must all be delivered.
     */
    public Posted post(Principal who, UUID conversationId, String text, MessageCard card, String clientMsgId, UUID threadRootId,
                       boolean isUrgent) {
        return post(who, conversationId, text, card, clientMsgId, threadRootId, isUrgent, List.of());
    }

    /** A send that may carry files (the sender's own, docs/files.md); the text may then be empty. */
    public Posted post(Principal who, UUID conversationId, String text, MessageCard card, String clientMsgId, UUID threadRootId,
                       boolean isUrgent, List<UUID> fileIds) {
        String body = !fileIds.isEmpty() && (text == null || text.isEmpty()) ? "" : Fields.messageText(text, MAX_TEXT_BYTES);
        if (fileIds.size() > Attachments.MAX_PER_MESSAGE) {
            throw ApiException.invalid("files", "A message carries at most " + Attachments.MAX_PER_MESSAGE + " files");
        }
        if (card != null && !who.isBot()) {
            throw ApiException.invalid("card", "Only bots send cards");
        }
        MessageCard checkedCard = card == null ? null : Cards.valid(card);
        if (clientMsgId == null || !CLIENT_MSG_ID.matcher(clientMsgId).matches()) {
            throw ApiException.invalid("clientMsgId", "'clientMsgId' is required: 1-64 letters, digits or ._:- (a UUID is ideal)");
        }
        Conversation c = access.requireMember(who, conversationId);
        try {
            return writer.inConversation(conversationId, tx -> {
                // A retry of a stored send is answered with the stored message, before the rate
                // limit and the archive check: what was accepted once stays accepted. Checked
                // only here, under the conversation's lock, where no other send can race it.
                Optional<Message> earlier = messages.byClientMsgId(tx.dsl(), conversationId, who.userId(), clientMsgId);
                if (earlier.isPresent()) {
                    return retried(tx.dsl(), earlier.get(), body, threadRootId, isUrgent);
                }
                if (!(who.isBot() && who.bot().isInternal())) {
                    budgets.take(who.userId(), WriteBudgets.Kind.POST);
                }
                ConversationAccess.requireWritable(c);
                if (threadRootId != null) {
                    requireThreadRoot(tx.dsl(), conversationId, threadRootId);
                }
                // The member list is read only when needed: a 300-member channel costs 300 rows per send.
                Set<UUID> memberSet = isUrgent || body.contains("<@")
                        ? new HashSet<>(conversations.memberIds(tx.dsl(), conversationId)) : Set.of();
                long seq = tx.writableSeq(conversationId);
                Message m = new Message(UUID.randomUUID(), conversationId, seq, who.userId(), clientMsgId, threadRootId, body,
                        isUrgent, mentionsIn(body, memberSet), EveryoneMention.in(body), tx.now(), null, null, checkedCard);
                messages.insert(tx.dsl(), m);
                List<FileSnapshot> files = attachments.attach(tx.dsl(), who.userId(), m.id(), fileIds);
                tx.appendWithSeq(conversationId, seq, new MessagePosted(ChatEvents.snapshot(m, files)));
                if (isUrgent) {
                    List<UUID> recipients = memberSet.stream().filter(u -> !u.equals(who.userId())).sorted().toList();
                    urgent.insert(tx.dsl(), m.id(), recipients, UrgentReminders.firstReminder(tx.now()));
                    for (UUID r : recipients) {
                        tx.toUser(r, new UrgentNotice(conversationId, m.id(), 1));
                    }
                }
                return new Posted(m, true, files);
            });
        } catch (DataAccessException duplicate) {
            // Another node stored the same clientMsgId first: answer with that message.
            return messages.byClientMsgId(db.dsl(), conversationId, who.userId(), clientMsgId)
                    .map(m -> retried(db.dsl(), m, body, threadRootId, isUrgent)).orElseThrow(() -> duplicate);
        }
    }

    private void requireThreadRoot(DSLContext dsl, UUID conversationId, UUID threadRootId) {
        Message root = messages.byId(dsl, threadRootId)
                .filter(m -> m.conversationId().equals(conversationId))
                .orElseThrow(() -> ApiException.invalid("threadRootId", "No such message in this conversation"));
        if (root.threadRootId() != null) {
            throw ApiException.invalid("threadRootId", "Reply to the thread's first message, not to a reply");
        }
    }

    /**
     * A send whose clientMsgId is already stored: a true retry gets the stored message; the same
     * key with another text, thread or urgency is a client bug that would otherwise lose the new
     * message without a word, so it is refused.
     */
    private Posted retried(DSLContext dsl, Message earlier, String text, UUID threadRootId, boolean isUrgent) {
        String posted = earlier.editedAt() == null && earlier.deletedAt() == null
                ? earlier.text() : messages.postedText(dsl, earlier.id()).orElse(earlier.text());
        if (!text.equals(posted) || !Objects.equals(threadRootId, earlier.threadRootId()) || isUrgent != earlier.urgent()) {
            throw new ApiException(ProblemType.CLIENT_MSG_ID_REUSED,
                    "This clientMsgId already names another message in this conversation; use a new one for a new message",
                    Map.of("field", "clientMsgId", "messageId", earlier.id().toString()));
        }
        return new Posted(earlier, false, attachments.of(dsl, List.of(earlier.id())).getOrDefault(earlier.id(), List.of()));
    }

    /** The members named as {@code <@uuid>} in the text, in order, once each; others are plain text. */
    static List<UUID> mentionsIn(String text, Set<UUID> members) {
        LinkedHashSet<UUID> out = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            try {
                UUID id = UUID.fromString(m.group(1));
                if (members.contains(id)) {
                    out.add(id);
                }
            } catch (IllegalArgumentException notAUuid) {
                // Text that merely looks like a mention.
            }
        }
        return List.copyOf(out);
    }

    /** Messages before {@code beforeSeq} (exclusive; null = latest), newest first. */
    public List<Message> history(Principal who, UUID conversationId, Long beforeSeq, int limit) {
        access.requireMember(who, conversationId);
        if (limit < 1 || limit > 200) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to 200");
        }
        return messages.before(db.dsl(), conversationId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit);
    }

    /**
     * The membership and name changes that happened among a history page's messages: seq in
     * (the oldest message's, {@code beforeSeq}), or from the start when the page reaches it. A
     * page's messages and its system lines thus cover the same stretch of the log, so paging
     * back shows every change once (docs/decisions.md, "System lines from the event log").
     */
    public List<StoredEvent> systemLines(Principal who, UUID conversationId, Long beforeSeq, List<Message> page, int limit) {
        access.requireMember(who, conversationId);
        long after = page.size() < limit ? 0 : page.getLast().seq();
        long upTo = beforeSeq == null ? Long.MAX_VALUE : beforeSeq - 1;
        return log.systemEvents(conversationId, after, upTo);
    }

    /** Stored events after {@code after}, ascending: gap fill and catch-up over REST. */
    public List<StoredEvent> events(Principal who, UUID conversationId, long after, int limit) {
        access.requireMember(who, conversationId);
        return log.conversationEvents(conversationId, after, limit);
    }

    /** The thread's first message and its replies in order. */
    public List<Message> thread(Principal who, UUID conversationId, UUID rootId) {
        access.requireMember(who, conversationId);
        Message root = find(db.dsl(), conversationId, rootId);
        if (root.threadRootId() != null) {
            throw ApiException.invalid("messageId", "This message is a reply; open its thread root " + root.threadRootId());
        }
        List<Message> out = new ArrayList<>();
        out.add(root);
        out.addAll(messages.replies(db.dsl(), rootId, 1000));
        return out;
    }

    /** The files of each message of a page, in one query. */
    public Map<UUID, List<FileSnapshot>> files(List<UUID> messageIds) {
        return attachments.of(db.dsl(), messageIds);
    }

    public Map<UUID, Integer> replyCounts(List<UUID> messageIds) {
        return messages.replyCounts(db.dsl(), messageIds);
    }

    public Message edit(Principal who, UUID conversationId, UUID messageId, String text) {
        String body = Fields.messageText(text, MAX_TEXT_BYTES);
        Conversation c = access.requireMember(who, conversationId);
        ConversationAccess.requireWritable(c);
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        return writer.inConversation(conversationId, tx -> {
            Message m = find(tx.dsl(), conversationId, messageId);
            if (!m.authorId().equals(who.userId())) {
                throw ApiException.forbidden("Only the author can edit a message");
            }
            if (m.deletedAt() != null) {
                throw new ApiException(ProblemType.GONE, "The message was deleted");
            }
            if (m.text().equals(body)) {
                return m;
            }
            if (messages.versionCount(tx.dsl(), messageId) >= MAX_EDITS_PER_MESSAGE) {
                throw new ApiException(ProblemType.CONFLICT, "A message can be edited at most " + MAX_EDITS_PER_MESSAGE
                        + " times; send a new message instead");
            }
            List<UUID> mentions = mentionsIn(body, Set.copyOf(conversations.memberIds(tx.dsl(), conversationId)));
            messages.saveVersion(tx.dsl(), messageId, m.text(), who.userId(), tx.now());
            messages.updateText(tx.dsl(), messageId, body, mentions, tx.now());
            Message edited = messages.byId(tx.dsl(), messageId).orElseThrow();
            List<FileSnapshot> files = attachments.of(tx.dsl(), List.of(messageId)).getOrDefault(messageId, List.of());
            // Earlier stored events of the message now carry the new text too: members see only the
            // current text, even by replaying the log; earlier texts stay in message_versions for audit.
            tx.redact(ChatEvents.snapshot(edited, files));
            tx.appendIfWritable(conversationId, new MessageEdited(ChatEvents.snapshot(edited, files)));
            // Last write of the transaction: the audit chain's head is locked from here to the commit.
            audit.recordRetaining(tx.dsl(), who.organisationId(), who.userId(), "message.edited", "message", messageId,
                    Map.of("conversationId", conversationId.toString()), m.text(), tx.now());
            return edited;
        });
    }

    public void delete(Principal who, UUID conversationId, UUID messageId) {
        Conversation c = access.requireMember(who, conversationId);
        ConversationAccess.requireWritable(c);
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        List<String> released = writer.inConversation(conversationId, tx -> {
            Message m = find(tx.dsl(), conversationId, messageId);
            boolean author = m.authorId().equals(who.userId());
            boolean owner = c.teamId() != null && teams.isOwner(tx.dsl(), c.teamId(), who.userId());
            if (!author && !owner) {
                throw ApiException.forbidden("Only the author or a team owner can delete a message");
            }
            if (m.deletedAt() != null) {
                return List.<String>of();
            }
            messages.saveVersion(tx.dsl(), messageId, m.text(), who.userId(), tx.now());
            messages.tombstone(tx.dsl(), messageId, tx.now());
            // Files follow their message: its links go now, and blobs nothing refers to after the commit.
            List<String> blobs = attachments.detach(tx.dsl(), messageId);
            tx.redact(ChatEvents.snapshot(messages.byId(tx.dsl(), messageId).orElseThrow(), List.of()));
            tx.appendIfWritable(conversationId, new MessageDeleted(messageId, who.userId()));
            audit.recordRetaining(tx.dsl(), who.organisationId(), who.userId(), "message.deleted", "message", messageId,
                    Map.of("conversationId", conversationId.toString(), "authorId", m.authorId().toString(),
                            "by", author ? "author" : "team_owner"), m.text(), tx.now());
            return blobs;
        });
        if (!released.isEmpty()) {
            attachments.release(released);
        }
    }

    /**
     * Replaces the card of a bot's own message (a request claimed, a result acknowledged); the
     * text is unchanged. Appends message.card-updated, which members' clients apply in place.
     */
    public Message updateCard(Principal bot, UUID conversationId, UUID messageId, MessageCard card) {
        // Membership first: a non-member learns nothing about the conversation, not even that it has cards.
        Conversation c = access.requireMember(bot, conversationId);
        if (!bot.isBot()) {
            throw ApiException.forbidden("Only bots have cards to change");
        }
        MessageCard checked = Cards.valid(card);
        ConversationAccess.requireWritable(c);
        if (!bot.bot().isInternal()) {
            budgets.take(bot.userId(), WriteBudgets.Kind.CHANGE);
        }
        return writer.inConversation(conversationId, tx -> {
            Message m = find(tx.dsl(), conversationId, messageId);
            if (!m.authorId().equals(bot.userId())) {
                throw ApiException.forbidden("Only the bot that posted a card can change it");
            }
            if (m.deletedAt() != null) {
                throw new ApiException(ProblemType.GONE, "The message was deleted");
            }
            messages.updateCard(tx.dsl(), messageId, checked);
            tx.appendIfWritable(conversationId, new MessageCardUpdated(messageId, checked, bot.userId()));
            return messages.byId(tx.dsl(), messageId).orElseThrow();
        });
    }

    /** A message the caller can see (a member of its conversation), for the card's buttons. */
    public Message visibleMessage(Principal who, UUID conversationId, UUID messageId) {
        access.requireMember(who, conversationId);
        return find(db.dsl(), conversationId, messageId);
    }

    /** A message of this conversation, or 404 (a message id from another conversation is not found here). */
    static Message find(MessageStore messages, DSLContext dsl, UUID conversationId, UUID messageId) {
        return messages.byId(dsl, messageId).filter(m -> m.conversationId().equals(conversationId))
                .orElseThrow(() -> ApiException.notFound("Message"));
    }

    private Message find(DSLContext dsl, UUID conversationId, UUID messageId) {
        return find(messages, dsl, conversationId, messageId);
    }
}
