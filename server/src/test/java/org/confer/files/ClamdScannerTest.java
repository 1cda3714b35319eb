package org.confer.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** clamd's INSTREAM protocol against a real clamd with a local EICAR signature. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClamdScannerTest {
    @TempDir
    Path tmp;
    private Clamd clamd;
    private ClamdScanner scanner;

    @BeforeAll
    void start() {
        clamd = Clamd.start();
        scanner = new ClamdScanner(clamd.settings());
    }

    @AfterAll
    void stop() {
        if (clamd != null) {
            clamd.close();
        }
    }

    @Test
    void the_eicar_test_file_is_found_by_its_signature() throws IOException {
        Path f = tmp.resolve("eicar.txt");
        Files.writeString(f, Clamd.EICAR, StandardCharsets.US_ASCII);
        assertThat(scanner.scan(f)).contains(Clamd.SIGNATURE);
    }

    @Test
    void a_clean_file_larger_than_one_chunk_passes() throws IOException {
        byte[] bytes = new byte[300 * 1024];
        new Random(5).nextBytes(bytes);
        Path f = tmp.resolve("clean.bin");
        Files.write(f, bytes);
        assertThat(scanner.scan(f)).isEqualTo(Optional.empty());
    }

    @Test
    void a_clamd_that_cannot_be_reached_is_an_error_never_a_clean_verdict() throws IOException {
        Path f = tmp.resolve("x.txt");
        Files.writeString(f, "hello");
        ClamdScanner nowhere = new ClamdScanner(new FileSettings.Clamd(Optional.of(tmp.resolve("no.sock")), Optional.empty(), 3310));
        assertThatThrownBy(() -> nowhere.scan(f)).isInstanceOf(IOException.class);
    }
}
