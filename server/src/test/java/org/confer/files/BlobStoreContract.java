package org.confer.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BlobStore} does, written once: the file-system store and the S3 store (against
 * a real S3-compatible server) each run it through an empty subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BlobStoreContract {
    @TempDir
    Path tmp;
    BlobStore store;

    /** A started store, empty. */
    abstract BlobStore newStore() throws Exception;

    void stopServer() throws Exception {}

    @BeforeAll
    void start() throws Exception {
        store = newStore();
        store.start();
    }

    @AfterAll
    void stop() throws Exception {
        store.close();
        stopServer();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    Path write(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(tmp, "blob", ".bin");
        Files.write(p, bytes);
        return p;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void a_blob_put_is_read_back_byte_for_byte() throws Exception {
        byte[] bytes = random(3 * 1024 * 1024 + 17, 1);
        String sha = sha256(bytes);
        store.put(sha, write(bytes));
        assertThat(store.exists(sha)).isTrue();
        try (InputStream in = store.open(sha)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void putting_the_same_bytes_twice_keeps_one_readable_blob() throws Exception {
        byte[] bytes = random(1000, 2);
        String sha = sha256(bytes);
        store.put(sha, write(bytes));
        store.put(sha, write(bytes));
        try (InputStream in = store.open(sha)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void a_deleted_blob_is_gone_and_deleting_again_is_harmless() throws Exception {
        byte[] bytes = random(500, 3);
        String sha = sha256(bytes);
        store.put(sha, write(bytes));
        store.delete(sha);
        assertThat(store.exists(sha)).isFalse();
        assertThatThrownBy(() -> store.open(sha).close()).isInstanceOf(NoSuchFileException.class);
        store.delete(sha);
    }

    @Test
    void an_unknown_blob_does_not_exist() throws Exception {
        String sha = sha256(random(10, 4));
        assertThat(store.exists(sha)).isFalse();
        assertThatThrownBy(() -> store.open(sha).close()).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void a_key_that_is_not_a_sha256_is_refused_so_no_name_becomes_a_path() {
        for (String bad : new String[] {"../../etc/passwd", "ABCDEF", "a/b", "", "0".repeat(63) + "/"}) {
            assertThatThrownBy(() -> store.put(bad, write(new byte[] {1}))).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void an_empty_blob_round_trips() throws Exception {
        String sha = sha256(new byte[0]);
        store.put(sha, write(new byte[0]));
        try (InputStream in = store.open(sha)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }
}
