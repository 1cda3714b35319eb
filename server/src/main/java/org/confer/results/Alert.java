package org.confer.results;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One alert of a result: a person (or the results-inbox channel when {@code userId} is null) told
 * about it for a {@code reason} (orderer, watcher, inbox, deputy, on-call) at escalation
 * {@code level}. {@code postedAt} is null until the direct message is committed.
 */
public record Alert(UUID id, UUID resultId, UUID organisationId, UUID userId, String reason, int level, UUID fromUserId,
                    boolean urgent, OffsetDateTime createdAt, OffsetDateTime postedAt, UUID conversationId, UUID messageId,
                    OffsetDateTime escalateAt, OffsetDateTime acknowledgedAt) {

    public static final String ORDERER = "orderer";
    public static final String WATCHER = "watcher";
    public static final String INBOX = "inbox";
    public static final String DEPUTY = "deputy";
    public static final String ON_CALL = "on-call";

    /** The unique key's target column: the user id, or "inbox". */
    static String target(UUID userId) {
        return userId == null ? INBOX : userId.toString();
    }
}
