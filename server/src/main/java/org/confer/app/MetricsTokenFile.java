package org.confer.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.confer.identity.ServerSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generated /metrics token, written to the data directory (owner-only) so that an operator
 * can hand it to Prometheus; used when CONFER_METRICS_TOKEN is not set.
 */
final class MetricsTokenFile {
    private static final Logger log = LoggerFactory.getLogger(MetricsTokenFile.class);

    private MetricsTokenFile() {}

    /** Writes the token (when the file is missing or differs) and returns the start banner's line about it. */
    static String write(ServerSecrets.Secret token, Path dataDir) {
        Path file = dataDir.resolve("metrics-token.txt");
        try {
            Files.createDirectories(dataDir);
            if (!Files.isRegularFile(file) || !Files.readString(file).strip().equals(token.value())) {
                Files.writeString(file, token.value() + System.lineSeparator());
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data directory's own permissions protect it.
                }
            }
        } catch (IOException e) {
            log.warn("could not write {}: {}", file, e.getMessage());
        }
        return token.createdNow()
                ? "Metrics: GET /metrics needs 'Authorization: Bearer <token>'; a token was generated and written to " + file
                : "Metrics: GET /metrics needs the bearer token in " + file + " (or set CONFER_METRICS_TOKEN).";
    }
}
