package org.confer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a test server keeps its data: a fresh temporary data directory and, for PostgreSQL, a
 * fresh schema. Outlives the servers started on it, so a test can stop a server and start
 * another on the same database (restarts, migrations, idempotent seeding). Closing it drops the
 * schema and deletes the directory.
 */
public final class TestStorage implements AutoCloseable {
    public final Backend backend;
    public final Path dataDir;
    /** The PostgreSQL schema, or null on H2. */
    public final String schema;

    private TestStorage(Backend backend, Path dataDir, String schema) {
        this.backend = backend;
        this.dataDir = dataDir;
        this.schema = schema;
    }

    /** Empty storage on {@code backend}; skips the caller when PostgreSQL is down (fails when required). */
    public static TestStorage create(Backend backend) {
        if (backend == Backend.POSTGRES) {
            Postgres.assumeAvailable();
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("confer-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String schema = backend == Backend.POSTGRES ? Postgres.createSchema() : null;
        return new TestStorage(backend, dataDir, schema);
    }

    /**
     * Like {@link #create}, but on H2 the data directory starts with a copy of a database already
     * migrated to the latest version (see {@link H2Template}), so the server's start validates
     * the migrations instead of running them. For servers that need fresh but not unmigrated
     * storage; tests of migrations and first starts use {@link #create}.
     */
    public static TestStorage createMigrated(Backend backend) {
        TestStorage storage = create(backend);
        if (backend == Backend.H2) {
            try {
                H2Template.copyInto(storage.dataDir);
            } catch (RuntimeException | Error e) {
                storage.close();
                throw e;
            }
        }
        return storage;
    }

    /** The CONFER_* settings that point a server at this storage. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONFER_DATA_DIR", dataDir.toString());
        if (schema != null) {
            env.put("CONFER_DB_URL", Postgres.urlFor(schema));
            env.put("CONFER_DB_USER", Postgres.USER);
            env.put("CONFER_DB_PASSWORD", Postgres.PASSWORD);
        }
        return env;
    }

    @Override
    public void close() {
        try {
            if (schema != null) {
                Postgres.dropSchema(schema);
            }
        } finally {
            TestServer.deleteRecursively(dataDir);
        }
    }

    @Override
    public String toString() {
        return backend + (schema != null ? " schema " + schema : " " + dataDir);
    }
}
