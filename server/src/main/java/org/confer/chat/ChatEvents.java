package org.confer.chat;

import java.util.List;
import org.confer.events.ConversationEvent.ConversationSnapshot;
import org.confer.events.ConversationEvent.FileSnapshot;
import org.confer.events.ConversationEvent.MessageSnapshot;

/** Chat's records as events carry them (the event records live in org.confer.events). */
final class ChatEvents {
    private ChatEvents() {}

    /** The message with the files it carries (a deleted message carries none). */
    static MessageSnapshot snapshot(Message m, List<FileSnapshot> files) {
        return new MessageSnapshot(m.id(), m.conversationId(), m.seq(), m.authorId(), m.clientMsgId(), m.threadRootId(),
                m.text(), m.urgent(), m.mentions(), m.mentionsChannel(), m.createdAt(), m.editedAt(), m.deletedAt(),
                m.deletedAt() == null ? m.card() : null, m.deletedAt() == null && !files.isEmpty() ? files : null);
    }

    static ConversationSnapshot snapshot(Conversation c) {
        return new ConversationSnapshot(c.id(), c.kind().code(), c.teamId(), c.name(), c.visibility(), c.lastSeq(),
                c.archived(), c.createdAt());
    }
}
