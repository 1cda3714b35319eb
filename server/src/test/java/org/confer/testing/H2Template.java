package org.confer.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.confer.db.Database;

/**
 * One H2 database per test JVM, migrated once to the latest version, whose file every
 * {@link TestStorage#createMigrated} data directory starts with. Running the migrations costs
 * each test server's start a few hundred milliseconds of CPU (more on a loaded machine); the
 * suite starts a server on H2 for every ServerTest and BrowserTest class. The migrations
 * themselves are tested on empty databases by MigrationsTest and by every test that uses
 * {@link TestStorage#create}.
 */
final class H2Template {
    /** The file name ConfigLoader's default H2 URL gives the database in a data directory. */
    private static final String DB_FILE = "confer.mv.db";
    private static Path template;

    private H2Template() {}

    /** Copies the migrated database into {@code dataDir}, where the server's default H2 URL finds it. */
    static void copyInto(Path dataDir) {
        try {
            Files.copy(template(), dataDir.resolve(DB_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the migrated H2 template into " + dataDir, e);
        }
    }

    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path dir = Files.createTempDirectory("confer-h2-template");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestServer.deleteRecursively(dir)));
            // The URL ConfigLoader builds for a data directory; closing the pool closes the database.
            String url = "jdbc:h2:file:" + dir.resolve("confer").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
            try (Database db = new Database(url, "sa", "", dir, new SimpleMeterRegistry())) {
                db.migrate();
            }
            template = dir.resolve(DB_FILE);
            if (!Files.exists(template)) {
                throw new IllegalStateException("no " + DB_FILE + " after migrating " + url);
            }
        }
        return template;
    }
}
