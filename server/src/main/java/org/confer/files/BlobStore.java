package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where file contents live, addressed by their SHA-256 (lower-case hex): the same bytes are kept
 * once however many files name them. Two implementations: {@link FileSystemBlobStore} in the data
 * directory (the embedded default) and {@link S3BlobStore} for clusters (docs/files.md, "Storage").
 * Which blobs are still referred to is the database's business ({@code blobs} and {@code files});
 * a store only keeps bytes.
 *
 * <p>Lifecycle: built by {@link FilesModule}, {@link #start()} once before use (an S3 store checks
 * its bucket), {@link #close()} at shutdown.
 */
public interface BlobStore extends AutoCloseable {
    Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    /** Checks the store can be used; called once at start. */
    default void start() {}

    /** Stores the file's bytes under {@code sha256} (which the caller computed over exactly those bytes). */
    void put(String sha256, Path source) throws IOException;

    /** The bytes; {@link java.nio.file.NoSuchFileException} when there is no such blob. */
    InputStream open(String sha256) throws IOException;

    boolean exists(String sha256) throws IOException;

    /** Removes the blob; nothing happens when it is not there. */
    void delete(String sha256) throws IOException;

    @Override
    default void close() {}

    /** Refuses anything but a SHA-256 in hex, so a key can never be a path or carry a separator. */
    static String checked(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex");
        }
        return sha256;
    }
}
