package org.confer.search;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A message as the index keeps it: its current text, who wrote it where and when, whom it
 * mentions, and the names of its files (from the event snapshot's optional {@code files}).
 */
public record IndexedMessage(UUID id, UUID conversationId, UUID authorId, OffsetDateTime createdAt, String text,
                             List<UUID> mentions, boolean mentionsChannel, List<String> fileNames) {

    public IndexedMessage {
        mentions = List.copyOf(mentions);
        fileNames = List.copyOf(fileNames);
    }

    /** What is tokenized: the text, then each file's name on a line of its own. */
    String searchable() {
        return fileNames.isEmpty() ? nullToEmpty(text) : nullToEmpty(text) + "\n" + String.join("\n", fileNames);
    }

    boolean hasFiles() {
        return !fileNames.isEmpty();
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static long micros(OffsetDateTime t) {
        return t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
