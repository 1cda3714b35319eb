package org.confer.chat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.confer.events.ConversationEvent.ConversationCreated;
import org.confer.events.ConversationEvent.MemberAdded;
import org.confer.events.ConversationEvent.MemberRemoved;
import org.confer.events.Outbox;
import org.confer.events.UserEvent.ConversationAdded;
import org.confer.events.UserEvent.ConversationRemoved;
import org.confer.identity.OrganisationPolicy;

/**
 * Who is in a conversation, changed inside a write: every change is an event in the
 * conversation's log, a user event for the person concerned, and a membership change on the
 * bus (so a removed member stops receiving at once). Shared by chats and teams. Nobody joins
 * anything but here, so this is where the cross-organisation policy is enforced for every
 * conversation: in the write's own transaction, against the members as they are now.
 */
public final class ConversationMembership {
    private final ConversationStore conversations;
    private final UrgentStore urgent;
    private final OrganisationPolicy policy;

    public ConversationMembership(ConversationStore conversations, UrgentStore urgent, OrganisationPolicy policy) {
        this.conversations = conversations;
        this.urgent = urgent;
        this.policy = policy;
    }

    Conversation create(Outbox tx, ConversationKind kind, UUID teamId, String name, String visibility,
                        UUID by, List<UUID> memberIds, String directKey) {
        policy.requireTogether(tx.dsl(), Set.of(), policy.organisationsOf(tx.dsl(), memberIds), teamId);
        Conversation c = new Conversation(UUID.randomUUID(), kind, teamId, name, visibility, 0, by, tx.now(), null);
        conversations.insert(tx.dsl(), c, directKey);
        for (UUID m : memberIds) {
            conversations.addMember(tx.dsl(), c.id(), m, 0, tx.now());
        }
        long seq = tx.append(c.id(), new ConversationCreated(ChatEvents.snapshot(c), memberIds, by));
        Conversation created = new Conversation(c.id(), kind, teamId, name, visibility, seq, by, tx.now(), null);
        for (UUID m : memberIds) {
            tx.toUser(m, new ConversationAdded(ChatEvents.snapshot(created)));
            tx.membershipChanged(c.id(), m, true);
        }
        return created;
    }

    void add(Outbox tx, Conversation c, UUID userId, UUID by) {
        policy.requireTogether(tx.dsl(), conversations.memberOrganisations(tx.dsl(), c.id()),
                policy.organisationsOf(tx.dsl(), List.of(userId)), c.teamId());
        // Their read marker starts at the latest seq (c may be stale: it was read before this transaction).
        long current = conversations.byId(tx.dsl(), c.id()).orElseThrow().lastSeq();
        if (!conversations.addMember(tx.dsl(), c.id(), userId, current, tx.now())) {
            return;
        }
        long seq = tx.append(c.id(), new MemberAdded(userId, by));
        Conversation now = new Conversation(c.id(), c.kind(), c.teamId(), c.name(), c.visibility(), seq, c.createdBy(),
                c.createdAt(), c.archivedAt());
        tx.toUser(userId, new ConversationAdded(ChatEvents.snapshot(now)));
        tx.membershipChanged(c.id(), userId, true);
    }

    boolean remove(Outbox tx, Conversation c, UUID userId, UUID by) {
        if (!conversations.removeMember(tx.dsl(), c.id(), userId)) {
            return false;
        }
        urgent.stopFor(tx.dsl(), c.id(), userId);
        tx.append(c.id(), new MemberRemoved(userId, by));
        tx.toUser(userId, new ConversationRemoved(c.id()));
        tx.membershipChanged(c.id(), userId, false);
        return true;
    }
}
