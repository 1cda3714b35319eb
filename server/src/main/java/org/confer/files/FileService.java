package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.chat.ConversationAccess;
import org.confer.db.Database;
import org.confer.files.FileViews.FilePage;
import org.confer.files.FileViews.FileView;
import org.confer.files.FileViews.SharedFileView;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.jooq.Condition;

/**
 * Reading files: metadata, content, thumbnails and the Files tabs. Every call starts with the one
 * access rule (the uploader, or a current member of a conversation where a standing message
 * carries the file: {@link FileStore#visible}); anyone else gets 404, never 403.
 */
public final class FileService {
    /** Page sizes of the Files tabs: a gallery screen's worth by default, bounded like message history. */
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private final Database db;
    private final FileStore store;
    private final Blobs blobs;
    private final ConversationAccess access;
    private final AuditTrail audit;
    private final java.time.Clock clock;

    public FileService(Database db, FileStore store, Blobs blobs, ConversationAccess access, AuditTrail audit, java.time.Clock clock) {
        this.db = db;
        this.store = store;
        this.blobs = blobs;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** A file's bytes with what the response needs to describe them. */
    public record Content(StoredFile file, String contentType, long size, InputStream bytes) {}

    private StoredFile require(Principal who, UUID id) {
        return store.visible(db.dsl(), id, who.userId()).orElseThrow(() -> ApiException.notFound("File"));
    }

    public FileView metadata(Principal who, UUID id) {
        return FileView.of(require(who, id));
    }

    /** The bytes of a file, recorded in the audit log first (file.downloaded; thumbnails are not). */
    public Content content(Principal who, UUID id) throws IOException {
        StoredFile f = readable(require(who, id));
        db.dsl().transaction(cfg -> audit.record(cfg.dsl(), who.organisationId(), who.userId(), "file.downloaded", "file", f.id(),
                java.util.Map.of("name", f.name(), "size", f.size(), "sha256", f.sha256()), OffsetDateTime.now(clock)));
        return new Content(f, f.contentType(), f.size(), blobs.open(f.sha256()));
    }

    public Optional<Content> thumbnail(Principal who, UUID id) throws IOException {
        StoredFile f = readable(require(who, id));
        if (f.thumbnailSha256() == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = blobs.open(f.thumbnailSha256())) {
            bytes = in.readAllBytes();
        }
        String type = bytes.length > 1 && (bytes[0] & 0xff) == 0x89 ? Sniffer.PNG : Sniffer.JPEG;
        return Optional.of(new Content(f, type, bytes.length, new java.io.ByteArrayInputStream(bytes)));
    }

    /** Scanning files are not served (409) and infected ones are gone (410): the sender sees the status instead. */
    private static StoredFile readable(StoredFile f) {
        return switch (f.status()) {
            case StoredFile.SCANNING -> throw new ApiException(ProblemType.FILE_NOT_READY,
                    "The file is being checked for malware; try again shortly");
            case StoredFile.INFECTED -> throw new ApiException(ProblemType.GONE, "The malware scanner found this file infected; it was removed");
            default -> f;
        };
    }

    public FilePage conversationFiles(Principal who, UUID conversationId, int limit, String before, String kind) {
        access.requireMember(who, conversationId);
        return page(FileStore.inConversation(conversationId), limit, before, kind);
    }

    public FilePage teamFiles(Principal who, UUID teamId, int limit, String before, String kind) {
        if (!store.isTeamMember(db.dsl(), teamId, who.userId())) {
            throw ApiException.notFound("Team");
        }
        return page(FileStore.inTeamFor(teamId, who.userId()), limit, before, kind);
    }

    private FilePage page(Condition where, int limit, String before, String kind) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to " + MAX_PAGE);
        }
        Boolean images = switch (kind == null ? "" : kind) {
            case "" -> null;
            case "image" -> true;
            case "other" -> false;
            default -> throw ApiException.invalid("kind", "'kind' must be image or other");
        };
        List<SharedFile> rows = store.shared(db.dsl(), where, cursor(before), images, limit + 1);
        List<SharedFileView> files = rows.stream().limit(limit).map(SharedFileView::of).toList();
        String next = rows.size() > limit ? cursor(rows.get(limit - 1)) : null;
        return new FilePage(files, next);
    }

    /** Opaque to clients: the last row's time (microseconds), message id and position. */
    static String cursor(SharedFile last) {
        Instant t = last.sharedAt().toInstant();
        String raw = (t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000) + ":" + last.messageId() + ":" + last.position();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static FileStore.Cursor cursor(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(before), StandardCharsets.US_ASCII).split(":");
            long micros = Long.parseLong(p[0]);
            Instant t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new FileStore.Cursor(OffsetDateTime.ofInstant(t, ZoneOffset.UTC), UUID.fromString(p[1]), Integer.parseInt(p[2]));
        } catch (RuntimeException e) {
            throw ApiException.invalid("before", "'before' must be the nextCursor of an earlier page");
        }
    }
}
