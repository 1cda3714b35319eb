package org.confer.chat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.events.ConversationEvent.FileSnapshot;
import org.jooq.DSLContext;

/**
 * Files carried by messages. Chat owns messages and the send's transaction; the files feature
 * (above chat) owns files and implements this, wired in App.
 */
public interface Attachments {
    /** The most files one message carries (docs/files.md). */
    int MAX_PER_MESSAGE = 10;

    /**
     * Links the sender's own files to a new message, in the send's transaction (so a message and
     * its files commit together); refuses (400 on {@code files}) a file that is not the sender's,
     * does not exist, or was found infected. Returns the files as the message carries them.
     */
    List<FileSnapshot> attach(DSLContext tx, UUID senderId, UUID messageId, List<UUID> fileIds);

    /** The files of each message, in order; messages without files are absent. One query. */
    Map<UUID, List<FileSnapshot>> of(DSLContext db, Collection<UUID> messageIds);

    /**
     * In a deletion's transaction: the message's links go, and with them the files no other
     * message carries. Returns what {@link #release} must look at once the deletion committed.
     */
    List<String> detach(DSLContext tx, UUID messageId);

    /** After commit: removes the blobs that no file refers to any more. */
    void release(List<String> blobs);
}
