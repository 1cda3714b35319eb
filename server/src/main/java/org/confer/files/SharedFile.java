package org.confer.files;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A file and the message that shared it (a Files tab's row). */
public record SharedFile(StoredFile file, UUID conversationId, UUID messageId, int position, UUID authorId, OffsetDateTime sharedAt) {}
