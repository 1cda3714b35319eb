package org.confer.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of files (docs/files.md, docs/operations.md), parsed and checked at start-up by
 * the app's FilesConfig.
 *
 * @param maxBytes          the largest file (CONFER_FILES_MAX_BYTES, default 100 MiB)
 * @param concurrentUploads uploads one person may have open at once
 * @param mibPerHour        MiB one person may upload per hour (counted when an upload is created)
 * @param uploadTtl         how long an unfinished upload, or a file never sent in a message, is kept
 * @param maxPixels         the largest image, in pixels, read from its header before decoding
 * @param maxFrames         the most frames an animated image may have
 * @param stripLocation     whether JPEG photos lose their Exif/XMP metadata (orientation kept)
 * @param tick              how often expired uploads are removed and files held as scanning are scanned again
 * @param s3                the S3-compatible store, or empty for the data directory
 * @param clamd             the malware scanner, or empty for none
 */
public record FileSettings(long maxBytes, int concurrentUploads, int mibPerHour, Duration uploadTtl, long maxPixels, int maxFrames,
                           boolean stripLocation, Duration tick, Optional<S3Settings> s3, Optional<Clamd> clamd) {
    /** The contract's default: 100 MiB, enough for a scanned discharge pack or a short video clip. */
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;
    /** 50 megapixels: a 48 MP phone photo passes, a decompression bomb does not. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /** clamd's socket: a Unix socket path, or a host and port. */
    public record Clamd(Optional<Path> socket, Optional<String> host, int port) {}

    public static FileSettings defaults() {
        return new FileSettings(DEFAULT_MAX_BYTES, 5, 2048, Duration.ofHours(24), DEFAULT_MAX_PIXELS, 1000, true,
                Duration.ofSeconds(60), Optional.empty(), Optional.empty());
    }
}
