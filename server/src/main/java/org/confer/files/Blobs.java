package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.confer.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blob store and its index together: a file row and its blobs are written under the blob's
 * row lock, and a blob is removed — content, then index row — under the same lock once no file
 * row refers to it (docs/files.md, "Retention"). Content outlives its row only if a removal fails
 * halfway; the periodic collection finishes it.
 */
public final class Blobs {
    private static final Logger log = LoggerFactory.getLogger(Blobs.class);

    private final Database db;
    private final FileStore store;
    private final BlobStore blobs;
    private final Clock clock;

    public Blobs(Database db, FileStore store, BlobStore blobs, Clock clock) {
        this.db = db;
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Stores the content (and thumbnail) and writes the file's row, in one transaction. */
    public StoredFile storeFile(StoredFile f, Path content, Images.Thumbnail thumbnail) throws IOException {
        Path thumb = null;
        try {
            String thumbSha = null;
            if (thumbnail != null) {
                thumb = Files.createTempFile(content.getParent(), "thumb", ".tmp");
                Files.write(thumb, thumbnail.bytes());
                thumbSha = FileIntake.sha256(thumb);
            }
            StoredFile row = new StoredFile(f.id(), f.uploaderId(), f.conversationId(), f.name(), f.size(), f.sha256(),
                    f.contentType(), f.status(), f.width(), f.height(), thumbSha, f.createdAt());
            Path thumbPath = thumb;
            db.dsl().transaction(cfg -> {
                OffsetDateTime now = OffsetDateTime.now(clock);
                store.lockBlob(cfg.dsl(), row.sha256(), row.size(), now);
                put(row.sha256(), content);
                if (row.thumbnailSha256() != null) {
                    store.lockBlob(cfg.dsl(), row.thumbnailSha256(), Files.size(thumbPath), now);
                    put(row.thumbnailSha256(), thumbPath);
                }
                store.insertFile(cfg.dsl(), row);
            });
            return row;
        } finally {
            if (thumb != null) {
                Files.deleteIfExists(thumb);
            }
        }
    }

    private void put(String sha256, Path source) throws IOException {
        if (!blobs.exists(sha256)) {
            blobs.put(sha256, source);
        }
    }

    public InputStream open(String sha256) throws IOException {
        return blobs.open(sha256);
    }

    /** Removes each of these blobs that no file refers to any more. */
    public void release(List<String> candidates) {
        for (String sha : candidates) {
            try {
                db.dsl().transaction(cfg -> {
                    if (store.dropIfUnreferenced(cfg.dsl(), sha)) {
                        blobs.delete(sha);
                    }
                });
            } catch (RuntimeException e) {
                // Left for the periodic collection: an unreferenced blob costs space, never access.
                log.warn("could not remove blob {}: {}", sha, e.getMessage());
            }
        }
    }

    /** Removes unreferenced blobs, a batch at a time; returns how many were looked at. */
    public int collect() {
        List<String> unreferenced = store.unreferencedBlobs(db.dsl(), 500);
        release(unreferenced);
        return unreferenced.size();
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
