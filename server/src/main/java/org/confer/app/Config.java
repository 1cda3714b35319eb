package org.confer.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.confer.media.MediaSettings;

/**
 * Everything the server needs to know at start-up, already validated. Built by
 * {@link ConfigLoader} from defaults, an optional file, CONFER_* environment variables and
 * command-line flags (later sources win).
 */
public record Config(
        int port,
        String bind,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> natsUrl,
        String baseUrl,
        boolean demo,
        Optional<String> demoPassword,
        Duration sessionIdleTimeout,
        Duration sessionMaxAge,
        long maxBodyBytes,
        int loginAttemptsPerAccount,
        int loginAttemptsPerAddress,
        int loginAccountCeiling,
        List<String> trustedProxies,
        Optional<String> metricsToken,
        int streamQueueFrames,
        Duration streamSendTimeout,
        Duration streamPingInterval,
        Duration streamHelloTimeout,
        int postsPerMinutePerUser,
        int changesPerMinutePerUser,
        int readMarksPerMinutePerUser,
        int createsPerHourPerUser,
        int addsPerHourPerUser,
        int maxConnectionsPerAddress,
        Duration headerTimeout,
        String logFormat,
        String logLevel,
        MediaSettings media,
        Optional<org.confer.mail.SmtpSettings> smtp,
        org.confer.results.ResultsSettings results,
        org.confer.visits.VisitSettings visits,
        org.confer.files.FileSettings files,
        int auditRetentionDays,
        org.confer.analytics.UsageSettings usage,
        int retentionIntervalMinutes,
        Duration drainTime) {

    public boolean isPostgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }

    /** Cookies get the Secure attribute when the public address is HTTPS. */
    public boolean secureCookies() {
        return baseUrl.startsWith("https://");
    }
}
