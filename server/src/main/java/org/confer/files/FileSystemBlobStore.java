package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Blobs as files under {@code <data dir>/blobs/ab/cd/<sha256>}: two levels of 256 directories keep
 * any one directory small. A blob is written to a temporary name in its directory and then moved
 * into place atomically, so a reader never sees half a blob and a crash leaves only a temporary
 * file (named {@code .tmp-*}) behind.
 */
public final class FileSystemBlobStore implements BlobStore {
    private final Path root;

    public FileSystemBlobStore(Path root) {
        this.root = root;
    }

    @Override
    public void start() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the blob directory " + root, e);
        }
    }

    Path path(String sha256) {
        String s = BlobStore.checked(sha256);
        return root.resolve(s.substring(0, 2)).resolve(s.substring(2, 4)).resolve(s);
    }

    @Override
    public void put(String sha256, Path source) throws IOException {
        Path target = path(sha256);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(".tmp-" + UUID.randomUUID());
        try {
            Files.copy(source, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(path(sha256));
    }
}
