package org.confer.files;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** JSON shapes of the files API (docs/api/openapi.json, docs/files.md). */
public final class FileViews {
    private FileViews() {}

    public record FileView(UUID id, String name, String contentType, long size, String sha256, String status, Integer width,
                           Integer height, boolean thumbnail, OffsetDateTime createdAt, UUID uploaderId) {
        static FileView of(StoredFile f) {
            return new FileView(f.id(), f.name(), f.contentType(), f.size(), f.sha256(), f.status(), f.width(), f.height(),
                    f.thumbnailSha256() != null, f.createdAt(), f.uploaderId());
        }
    }

    /** A file as a conversation's or team's Files tab lists it: the file and the message that shared it. */
    public record SharedFileView(UUID id, String name, String contentType, long size, String sha256, String status, Integer width,
                                 Integer height, boolean thumbnail, OffsetDateTime createdAt, UUID uploaderId, UUID conversationId,
                                 UUID messageId, UUID authorId, OffsetDateTime sharedAt) {
        static SharedFileView of(SharedFile s) {
            StoredFile f = s.file();
            return new SharedFileView(f.id(), f.name(), f.contentType(), f.size(), f.sha256(), f.status(), f.width(), f.height(),
                    f.thumbnailSha256() != null, f.createdAt(), f.uploaderId(), s.conversationId(), s.messageId(), s.authorId(),
                    s.sharedAt());
        }
    }

    public record UploadState(UUID id, long offset, long size) {}

    public record NewUploadView(UUID id, long offset, long size, int chunkBytes, OffsetDateTime expiresAt) {}

    public record CompletedUpload(UUID id, long offset, long size, FileView file) {}

    public record FilePage(List<SharedFileView> files, String nextCursor) {}
}
