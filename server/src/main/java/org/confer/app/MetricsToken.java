package org.confer.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;
import org.confer.identity.ServerSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token /metrics needs: CONFER_METRICS_TOKEN, or else one generated at the first
 * start, kept in the database (every node of a cluster shares it) and written to
 * {@code <data dir>/metrics-token.txt} (owner-only) for the operator's scraper.
 */
final class MetricsToken {
    private static final Logger log = LoggerFactory.getLogger(MetricsToken.class);
    private final Optional<String> configured;
    private final Supplier<ServerSecrets.Secret> generated;
    private final Path dataDir;

    MetricsToken(Optional<String> configured, Supplier<ServerSecrets.Secret> generated, Path dataDir) {
        this.configured = configured;
        this.generated = generated;
        this.dataDir = dataDir;
    }

    String value() {
        return configured.orElseGet(() -> generated.get().value());
    }

    /** The start banner's line about it; a generated token is written to its file first. */
    String banner() {
        return configured.isPresent() ? "Metrics: GET /metrics with the bearer token of CONFER_METRICS_TOKEN." : write(generated.get());
    }

    /** Writes the token (when the file is missing or differs) and returns the start banner's line about it. */
    private String write(ServerSecrets.Secret token) {
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
