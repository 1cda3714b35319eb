package org.confer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class FileSystemBlobStoreTest extends BlobStoreContract {
    @Override
    BlobStore newStore() throws Exception {
        return new FileSystemBlobStore(Files.createTempDirectory("confer-blobs"));
    }

    @Test
    void blobs_live_under_two_levels_named_by_their_hash() throws Exception {
        byte[] bytes = random(100, 9);
        String sha = sha256(bytes);
        store.put(sha, write(bytes));
        assertThat(((FileSystemBlobStore) store).path(sha).toString())
                .endsWith(sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha);
    }
}
