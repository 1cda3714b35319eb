package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a completed upload before it becomes a file (docs/files.md, "Safety"): its
 * type sniffed from the content and checked against the allow-list (415), an image's size and
 * frames read from its header before anything is decoded (422), location removed from JPEG
 * photos, a thumbnail made, the malware scan (422 when infected; held as scanning when clamd
 * cannot be reached), then the blob stored and the file row written.
 */
public final class FileIntake {
    private static final Logger log = LoggerFactory.getLogger(FileIntake.class);

    private final Database db;
    private final FileStore store;
    private final Blobs blobs;
    private final MalwareScanner scanner;
    private final AuditTrail audit;
    private final FileSettings settings;
    private final Clock clock;

    public FileIntake(Database db, FileStore store, Blobs blobs, MalwareScanner scanner, AuditTrail audit, FileSettings settings,
                      Clock clock) {
        this.db = db;
        this.store = store;
        this.blobs = blobs;
        this.scanner = scanner;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Turns the staged bytes of a finished upload into a file, or refuses them. The caller removes the staged file. */
    public StoredFile complete(Principal who, Upload u, Path staged, String sha256) throws IOException {
        String type = Sniffer.sniff(staged).orElseThrow(() -> new ApiException(ProblemType.FILE_TYPE_NOT_ALLOWED,
                "This kind of file cannot be shared: images (PNG, JPEG, GIF, WebP), PDF, plain text, CSV, Office and "
                        + "OpenDocument files, and DICOM are allowed"));
        Integer width = null;
        Integer height = null;
        Images.Thumbnail thumbnail = null;
        String sha = sha256;
        if (Sniffer.isImage(type)) {
            Images.Header h;
            try {
                h = Images.header(staged, type, settings.maxFrames());
            } catch (Images.Unreadable e) {
                throw new ApiException(ProblemType.FILE_TYPE_NOT_ALLOWED, "The file starts like an image but is not one");
            }
            if (h.pixels() > settings.maxPixels() || h.frames() > settings.maxFrames()) {
                throw new ApiException(ProblemType.IMAGE_TOO_LARGE, "The image is " + h.width() + " × " + h.height()
                        + " pixels in " + h.frames() + " frame(s); at most " + settings.maxPixels() + " pixels and "
                        + settings.maxFrames() + " frames are accepted", Map.of("maxPixels", settings.maxPixels()));
            }
            width = h.width();
            height = h.height();
            if (type.equals(Sniffer.JPEG) && settings.stripLocation()) {
                sha = stripLocation(staged, sha);
            }
            thumbnail = Images.thumbnail(staged, type, h).orElse(null);
        }
        String status = StoredFile.READY;
        if (scanner.enabled()) {
            try {
                Optional<String> found = scanner.scan(staged);
                if (found.isPresent()) {
                    refuseInfected(who, u, sha, found.get());
                }
            } catch (IOException unreachable) {
                // Fail closed: the file is kept, unreadable by anyone but its uploader, and scanned again by the tick.
                log.warn("clamd could not scan upload {}: {}; the file is held as scanning", u.id(), unreachable.getMessage());
                status = StoredFile.SCANNING;
            }
        }
        StoredFile f = new StoredFile(UUID.randomUUID(), u.uploaderId(), u.conversationId(), u.name(), Files.size(staged), sha, type,
                status, width, height, null, OffsetDateTime.now(clock));
        return blobs.storeFile(f, staged, thumbnail);
    }

    private void refuseInfected(Principal who, Upload u, String sha, String signature) {
        db.dsl().transaction(cfg -> audit.record(cfg.dsl(), who.organisationId(), who.userId(), "file.infected", "upload", u.id(),
                Map.of("name", u.name(), "sha256", sha, "signature", signature, "conversationId", u.conversationId().toString()),
                OffsetDateTime.now(clock)));
        log.warn("upload {} by {} is infected ({}); refused", u.id(), who.userId(), signature);
        throw new ApiException(ProblemType.FILE_INFECTED, "The malware scanner found " + signature + " in this file; it was not kept",
                Map.of("signature", signature));
    }

    /** Replaces the staged JPEG with a copy without Exif/XMP location; returns the SHA-256 of what is kept. */
    private static String stripLocation(Path staged, String sha) throws IOException {
        Path clean = staged.resolveSibling(staged.getFileName() + ".clean");
        try {
            if (!Images.stripJpegMetadata(staged, clean)) {
                return sha;
            }
            Files.move(clean, staged, StandardCopyOption.REPLACE_EXISTING);
            return sha256(staged);
        } catch (Images.Unreadable e) {
            // Not a JPEG we can walk: keep it as it came (it is served safely either way) and say so.
            log.warn("could not remove metadata from a JPEG: {}", e.getMessage());
            return sha;
        } finally {
            Files.deleteIfExists(clean);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
