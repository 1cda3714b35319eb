package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.confer.chat.ConversationAccess;
import org.confer.db.Database;
import org.confer.files.FileViews.NewUploadView;
import org.confer.files.FileViews.UploadState;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.http.RateLimitedException;
import org.confer.identity.Principal;
import org.confer.limits.KeyedBudget;
import org.confer.text.Fields;

/**
 * Resumable uploads (docs/files.md, "Upload protocol"): create, then chunks at the offset the
 * server holds, then the chunk that completes the upload hands the staged file to
 * {@link FileIntake}. The SHA-256 is computed while the chunks stream in; if this node lost the
 * running digest (a restart), it is recomputed from the staged bytes.
 */
public final class UploadService {
    /** The chunk size the server suggests: 4 MiB, a few seconds on a ward's Wi-Fi, so little is resent after a drop. */
    public static final int CHUNK_BYTES = 4 * 1024 * 1024;
    /** The largest chunk accepted (the contract's 8 MiB): bounds one request's time and buffer. */
    public static final int MAX_CHUNK_BYTES = 8 * 1024 * 1024;
    static final int MAX_NAME = 255;
    private static final int COPY_BUFFER = 64 * 1024;

    private final Database db;
    private final FileStore store;
    private final ConversationAccess access;
    private final FileIntake intake;
    private final FileSettings settings;
    private final Path staging;
    private final Clock clock;
    private final KeyedBudget<UUID> kibPerHour;
    private final Map<UUID, Running> digests = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    /** A digest of the first {@code offset} bytes of an upload. */
    private record Running(MessageDigest digest, long offset) {}

    public UploadService(Database db, FileStore store, ConversationAccess access, FileIntake intake, FileSettings settings,
                         Path staging, Clock clock) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.intake = intake;
        this.settings = settings;
        this.staging = staging;
        this.clock = clock;
        int kib = (int) Math.min(Integer.MAX_VALUE, settings.mibPerHour() * 1024L);
        this.kibPerHour = new KeyedBudget<>(kib, kib, Duration.ofHours(1), clock, 100_000);
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public NewUploadView create(Principal who, UUID conversationId, String rawName, Long size) {
        if (conversationId == null) {
            throw ApiException.invalid("conversationId", "'conversationId' is required");
        }
        String name = name(rawName);
        if (size == null || size < 1) {
            throw ApiException.invalid("size", "'size' must be the file's size in bytes, at least 1");
        }
        if (size > settings.maxBytes()) {
            throw new ApiException(ProblemType.FILE_TOO_LARGE, "The file is " + size + " bytes; the limit is " + settings.maxBytes(),
                    Map.of("maxBytes", settings.maxBytes()));
        }
        ConversationAccess.requireWritable(access.requireMember(who, conversationId));
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (store.openUploads(db.dsl(), who.userId(), now) >= settings.concurrentUploads()) {
            throw new RateLimitedException("At most " + settings.concurrentUploads()
                    + " uploads at once: finish or cancel one first", 10);
        }
        // The whole declared size is counted now, before any bytes: a refused chunk cannot get round it.
        java.util.OptionalLong wait = kibPerHour.tryTake(who.userId(), (size + 1023) / 1024);
        if (wait.isPresent()) {
            throw new RateLimitedException("You may upload " + settings.mibPerHour() + " MiB an hour; try again later",
                    wait.getAsLong());
        }
        Upload u = new Upload(UUID.randomUUID(), who.userId(), conversationId, name, size, 0, now, now.plus(settings.uploadTtl()));
        try {
            Files.createDirectories(staging);
            Files.createFile(staged(u.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage an upload", e);
        }
        store.insertUpload(db.dsl(), u);
        return new NewUploadView(u.id(), 0, size, CHUNK_BYTES, u.expiresAt());
    }

    /** The file's name as shown: directory parts a browser may send are dropped; never used as a path. */
    static String name(String raw) {
        String n = raw == null ? null : raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        return Fields.required("name", n, MAX_NAME);
    }

    public UploadState status(Principal who, UUID id) {
        Upload u = require(who, id);
        return new UploadState(u.id(), u.received(), u.size());
    }

    public void cancel(Principal who, UUID id) {
        Upload u = require(who, id);
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            store.deleteUpload(db.dsl(), u.id());
            discard(u.id());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes one chunk at {@code ?offset=}. Returns the new state, or the completed upload with its
     * file when this chunk was the last.
     */
    public Object put(Principal who, UUID id, String rawOffset, long declaredLength, InputStream body) throws IOException {
        require(who, id); // first: someone else's upload is not found, whatever the request's other faults
        long offset;
        try {
            offset = Long.parseLong(rawOffset == null ? "" : rawOffset);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("offset", "'offset' must be the byte offset this chunk starts at");
        }
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            Upload u = require(who, id);
            if (offset != u.received()) {
                throw new ApiException(ProblemType.UPLOAD_OFFSET_MISMATCH, "The upload is at offset " + u.received()
                        + "; send the chunk that starts there", Map.of("offset", u.received()));
            }
            long room = Math.min(MAX_CHUNK_BYTES, u.size() - u.received());
            if (declaredLength > room) {
                throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "A chunk may be at most " + room
                        + " bytes here (8 MiB, and no further than the declared size)");
            }
            MessageDigest digest = digestAt(u);
            long written = write(u, body, room, digest);
            long now = u.received() + written;
            if (written > 0 && !store.advance(db.dsl(), u.id(), u.received(), now)) {
                throw new ApiException(ProblemType.UPLOAD_OFFSET_MISMATCH, "Another chunk moved the upload on",
                        Map.of("offset", store.upload(db.dsl(), id, who.userId()).map(Upload::received).orElse(u.received())));
            }
            if (now < u.size()) {
                digests.put(u.id(), new Running(digest, now));
                return new UploadState(u.id(), now, u.size());
            }
            digests.remove(u.id());
            try {
                StoredFile f = intake.complete(who, u, staged(u.id()), java.util.HexFormat.of().formatHex(digest.digest()));
                return new FileViews.CompletedUpload(u.id(), now, u.size(), FileViews.FileView.of(f));
            } finally {
                store.deleteUpload(db.dsl(), u.id());
                discard(u.id());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Copies at most {@code room} bytes of the body to the staged file at the upload's offset; 413 past that. */
    private long write(Upload u, InputStream body, long room, MessageDigest digest) throws IOException {
        try (FileChannel out = FileChannel.open(staged(u.id()), StandardOpenOption.WRITE)) {
            out.position(u.received());
            byte[] buffer = new byte[COPY_BUFFER];
            long total = 0;
            int n;
            while ((n = read(body, buffer, (int) Math.min(buffer.length, room + 1 - total))) > 0) {
                total += n;
                if (total > room) {
                    out.truncate(u.received());
                    throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "A chunk may be at most " + room
                            + " bytes here (8 MiB, and no further than the declared size)");
                }
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                while (b.hasRemaining()) {
                    out.write(b);
                }
                digest.update(buffer, 0, n);
            }
            // Bytes of an earlier chunk that broke off past this point are not part of the file.
            out.truncate(u.received() + total);
            out.force(false);
            return total;
        }
    }

    /** Reads the request body; a connection that breaks off midway is the client's, not a server error. */
    private static int read(InputStream body, byte[] buffer, int max) {
        try {
            return body.read(buffer, 0, max);
        } catch (IOException broken) {
            throw new ApiException(ProblemType.VALIDATION, "The chunk ended before all its bytes arrived; "
                    + "ask GET /api/v1/uploads/{id} for the offset and send it again", Map.of("field", "body"));
        }
    }

    /**
     * A copy of the running digest at the upload's offset (a copy, so a chunk that breaks off
     * midway leaves it untouched), or one recomputed from the staged bytes.
     */
    private MessageDigest digestAt(Upload u) throws IOException {
        Running r = digests.get(u.id());
        try {
            if (r != null && r.offset() == u.received()) {
                return (MessageDigest) r.digest().clone();
            }
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(staged(u.id()))) {
                byte[] buffer = new byte[COPY_BUFFER];
                long left = u.received();
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                    d.update(buffer, 0, n);
                    left -= n;
                }
            }
            return d;
        } catch (CloneNotSupportedException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes uploads past their expiry and their staged bytes; returns how many. */
    public int removeExpired() {
        int removed = 0;
        for (UUID id : store.expiredUploads(db.dsl(), OffsetDateTime.now(clock), 500)) {
            ReentrantLock lock = lock(id);
            lock.lock();
            try {
                if (store.deleteUpload(db.dsl(), id)) {
                    removed++;
                }
                discard(id);
            } finally {
                lock.unlock();
            }
        }
        return removed;
    }

    private Upload require(Principal who, UUID id) {
        return store.upload(db.dsl(), id, who.userId()).filter(u -> u.expiresAt().isAfter(OffsetDateTime.now(clock)))
                .orElseThrow(() -> ApiException.notFound("Upload"));
    }

    /** The staged bytes: named by the upload's random id, never by anything the client sent. */
    Path staged(UUID id) {
        return staging.resolve(id.toString());
    }

    private void discard(UUID id) {
        digests.remove(id);
        try {
            Files.deleteIfExists(staged(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReentrantLock lock(UUID id) {
        return stripes[Math.floorMod(id.hashCode(), stripes.length)];
    }
}
