package org.confer.search;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The wire shapes of GET /api/v1/search (docs/api/openapi.json); a key is absent when its type was not asked for. */
final class SearchViews {
    private SearchViews() {}

    record FileRef(UUID id, String name, String contentType) {}

    record MessageHit(UUID id, UUID conversationId, String conversationName, String conversationKind, UUID teamId, String teamName,
                      long seq, UUID threadRootId, UUID authorId, String authorName, String text, OffsetDateTime createdAt,
                      OffsetDateTime editedAt, boolean hasFiles, List<FileRef> files) {}

    record PersonHit(UUID id, String displayName, String jobTitle, String organisationName) {}

    record ConversationHit(UUID id, String kind, String name, UUID teamId, String teamName) {}

    record TeamHit(UUID id, String name) {}

    record FileHit(UUID id, String name, String contentType, long size, UUID conversationId, UUID messageId, OffsetDateTime createdAt) {}

    record Results(List<MessageHit> messages, String nextCursor, List<PersonHit> people, List<ConversationHit> conversations,
                   List<TeamHit> teams, List<FileHit> files) {}

    record RebuildStarted(String engine, String status) {}
}
