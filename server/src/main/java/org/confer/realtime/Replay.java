package org.confer.realtime;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.events.Audience;
import org.confer.events.ConversationFrame;
import org.confer.events.ServerFrame;
import org.confer.events.UserFrame;

/**
 * What a connection sends between the client's hello and {@code ready} (docs/protocol.md
 * section 3.2, which promises this order): for each of the person's conversations, the events after the
 * client's cursor, or {@code resync-required} when they will not be replayed; then
 * {@code not-a-member} for each cursor of a conversation the person is not in; then the user
 * events after the client's userSeq, or {@code user-resync-required}; then {@code ready}.
 */
final class Replay {
    /** Events fetched from a log per query. */
    static final int PAGE = 500;

    private final StreamConnection connection;
    private final Hello hello;

    Replay(StreamConnection connection, Hello hello) {
        this.connection = connection;
        this.hello = hello;
    }

    void run() throws Exception {
        Map<UUID, Long> cursors = hello.cursors() == null ? Map.of() : hello.cursors();
        long replayed = 0;
        for (Audience.Cursor c : connection.node().audience().conversationsOf(connection.user())) {
            Long cursor = cursors.get(c.conversationId());
            if (cursor != null) {
                replayed += conversation(c, cursor);
            }
            connection.sentUpTo(c.conversationId(), c.lastSeq());
        }
        for (UUID unknown : cursors.keySet()) {
            if (!connection.sentAny(unknown)) {
                connection.sendControl(new ServerFrame.NotAMember(unknown));
            }
        }
        userLog();
        connection.sendReady(replayed);
    }

    /** The events after the client's cursor, or resync-required when the cursor is bad or too far behind. */
    private long conversation(Audience.Cursor c, long cursor) throws Exception {
        if (cursor < 0 || cursor > c.lastSeq() || c.lastSeq() - cursor > connection.node().limits().maxReplayPerConversation()) {
            connection.sendControl(new ServerFrame.ResyncRequired(c.conversationId(), cursor, c.lastSeq()));
            return 0;
        }
        long replayed = 0;
        long from = cursor;
        while (from < c.lastSeq()) {
            List<ConversationFrame> page = connection.node().log().frames(c.conversationId(), from, c.lastSeq(), PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (ConversationFrame f : page) {
                connection.sendReplayed(f);
                replayed++;
            }
            from = page.getLast().seq();
        }
        return replayed;
    }

    private void userLog() throws Exception {
        long lastStored = connection.node().log().lastUserSeq(connection.user());
        Long userSeq = hello.userSeq();
        if (userSeq == null) {
            connection.userSeqSentUpTo(lastStored);
            return;
        }
        if (userSeq < 0 || userSeq > lastStored) {
            // A cursor this log never reached (a client of a reset or restored server): serving
            // it would silently skip every user event up to it, so the client is told to reload.
            connection.sendControl(new ServerFrame.UserResyncRequired(userSeq, lastStored));
            connection.userSeqSentUpTo(lastStored);
            return;
        }
        long last = userSeq;
        while (true) {
            List<UserFrame> page = connection.node().log().userFrames(connection.user(), last, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (UserFrame f : page) {
                connection.sendReplayed(f);
                last = f.userSeq();
            }
        }
        connection.userSeqSentUpTo(last);
    }
}
