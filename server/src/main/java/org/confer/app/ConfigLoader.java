package org.confer.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.confer.files.FileSettings;
import org.confer.mail.SmtpSettings;
import org.confer.realtime.StreamLimits;

/**
 * Reads configuration from, lowest to highest precedence: built-in defaults, a file
 * ({@code confer.toml} or {@code confer.properties} in the working directory, or the one named by
 * {@code --config} / {@code CONFER_CONFIG}), environment variables {@code CONFER_<KEY>}, and
 * command-line flags {@code --<key>=<value>}. Keys are lower_snake_case in files, upper case in
 * the environment and kebab-case on the command line.
 */
public final class ConfigLoader {

    /** What a setting's value is: how it is parsed and checked. */
    enum Kind { TEXT, SECRET, WHOLE_NUMBER, YES_NO, CHOICE }

    /**
     * Every setting, each in one row: its key, its default (null when there is none), and what
     * is accepted — the bounds of a whole number, the choices of a choice. {@link #build} parses
     * each by its kind; nothing else states a default or a bound. docs/operations.md explains them.
     */
    public enum Setting {
        PORT("port", "8080", 0, 65535),
        BIND("bind", "0.0.0.0"),
        DATA_DIR("data_dir", "./data"),
        DB_URL("db_url", null),
        DB_USER("db_user", null),
        DB_PASSWORD("db_password", null, Kind.SECRET),
        NATS_URL("nats_url", null),
        BASE_URL("base_url", null),
        DEMO("demo", "false", Kind.YES_NO),
        DEMO_PASSWORD("demo_password", null, Kind.SECRET),
        SESSION_IDLE_MINUTES("session_idle_minutes", "720", 1, 60 * 24 * 30),
        SESSION_MAX_HOURS("session_max_hours", "168", 1, 24 * 365),
        MAX_BODY_BYTES("max_body_bytes", "65536", 1024, 64 * 1024 * 1024),
        LOGIN_ATTEMPTS_PER_ACCOUNT("login_attempts_per_account", "10", 1, 10_000),
        LOGIN_ATTEMPTS_PER_ADDRESS("login_attempts_per_address", "300", 1, 1_000_000),
        LOGIN_ACCOUNT_CEILING("login_account_ceiling", "100", 1, 1_000_000),
        TRUSTED_PROXIES("trusted_proxies", ""),
        METRICS_TOKEN("metrics_token", null, Kind.SECRET),
        STREAM_QUEUE_FRAMES("stream_queue_frames", Integer.toString(StreamLimits.DEFAULT_OUTBOUND_QUEUE_FRAMES), 16, 1_000_000),
        STREAM_SEND_TIMEOUT_SECONDS("stream_send_timeout_seconds", Integer.toString(StreamLimits.DEFAULT_SEND_TIMEOUT_SECONDS), 1, 300),
        STREAM_PING_SECONDS("stream_ping_seconds", Integer.toString(StreamLimits.DEFAULT_PING_SECONDS), 1, 300),
        STREAM_HELLO_SECONDS("stream_hello_seconds", Integer.toString(StreamLimits.DEFAULT_HELLO_SECONDS), 1, 300),
        POSTS_PER_MINUTE_PER_USER("posts_per_minute_per_user", "300", 1, 100_000_000),
        CHANGES_PER_MINUTE_PER_USER("changes_per_minute_per_user", "60", 1, 100_000_000),
        READ_MARKS_PER_MINUTE_PER_USER("read_marks_per_minute_per_user", "600", 1, 100_000_000),
        CREATES_PER_HOUR_PER_USER("creates_per_hour_per_user", "60", 6, 100_000_000),
        ADDS_PER_HOUR_PER_USER("adds_per_hour_per_user", "300", 6, 100_000_000),
        MAX_CONNECTIONS_PER_ADDRESS("max_connections_per_address", "1000", 1, 10_000_000),
        HEADER_TIMEOUT_SECONDS("header_timeout_seconds", "10", 1, 300),
        LOG_FORMAT("log_format", "text", List.of("text", "json")),
        LOG_LEVEL("log_level", "info", List.of("trace", "debug", "info", "warn", "error")),
        // Media servers for calls (docs/calls-and-meetings.md); parsed by MediaConfig.
        JANUS_URL("janus_url", null),
        JANUS_WS_URL("janus_ws_url", null),
        JANUS_API_SECRET("janus_api_secret", null, Kind.SECRET),
        JANUS_TOKEN_SECRET("janus_token_secret", null, Kind.SECRET),
        JANUS_ADMIN_KEY("janus_admin_key", null, Kind.SECRET),
        JANUS_EMBEDDED("janus_embedded", "auto", List.of("auto", "off")),
        JANUS_INTERFACES("janus_interfaces", null),
        STUN_URLS("stun_urls", ""),
        TURN_URLS("turn_urls", ""),
        TURN_SECRET("turn_secret", null, Kind.SECRET),
        // 12 h: longer than any call should need to reconnect (docs/calls-and-meetings.md).
        TURN_TTL_SECONDS("turn_ttl_seconds", "43200", 60, 7 * 24 * 3600),
        TURN_RELAY_ONLY("turn_relay_only", "false", Kind.YES_NO),
        // Mail (org.confer.mail): without a host, mail stays in the outbox (GET /api/v1/admin/email-outbox).
        SMTP_HOST("smtp_host", null),
        SMTP_PORT("smtp_port", "587", 1, 65535),
        SMTP_USERNAME("smtp_username", null),
        SMTP_PASSWORD("smtp_password", null, Kind.SECRET),
        SMTP_FROM("smtp_from", null),
        SMTP_STARTTLS("smtp_starttls", "true", Kind.YES_NO),
        // Results (docs/bots-and-results.md); parsed by ResultsConfig. MLLP has no authentication: loopback by default.
        MLLP_PORT("mllp_port", "0", 0, 65535),
        MLLP_BIND("mllp_bind", "127.0.0.1"),
        MLLP_MAX_FRAME_BYTES("mllp_max_frame_bytes", Integer.toString(1024 * 1024), 1024, 64 * 1024 * 1024),
        RESULTS_TICK_SECONDS("results_tick_seconds", "15", 1, 300),
        // Virtual visits (docs/virtual-visits.md); parsed by VisitsConfig. SMS is off without a URL.
        VISITS_TICK_SECONDS("visits_tick_seconds", "30", 1, 300),
        VISITS_POW_BITS("visits_pow_bits", "16", 0, 28),
        SMS_URL("sms_url", null),
        SMS_TEMPLATE("sms_template", null),
        SMS_AUTHORIZATION("sms_authorization", null, Kind.SECRET),
        // Files (docs/files.md); parsed by FilesConfig. Blobs go to the data directory without an S3 endpoint.
        FILES_MAX_BYTES("files_max_bytes", Long.toString(FileSettings.DEFAULT_MAX_BYTES), 1024, Integer.MAX_VALUE),
        FILES_UPLOADS_PER_PERSON("files_uploads_per_person", "5", 1, 1000),
        FILES_MIB_PER_HOUR("files_mib_per_hour", "2048", 1, 1_000_000),
        FILES_STRIP_LOCATION("files_strip_location", "true", Kind.YES_NO),
        FILES_TICK_SECONDS("files_tick_seconds", "60", 1, 3600),
        S3_ENDPOINT("s3_endpoint", null),
        S3_BUCKET("s3_bucket", null),
        S3_REGION("s3_region", "us-east-1"),
        S3_ACCESS_KEY("s3_access_key", null),
        S3_SECRET_KEY("s3_secret_key", null, Kind.SECRET),
        CLAMD_SOCKET("clamd_socket", null),
        CLAMD_HOST("clamd_host", null),
        CLAMD_PORT("clamd_port", "3310", 1, 65535),
        // The audit log's own retention (docs/audit.md); 0 keeps it for ever.
        AUDIT_RETENTION_DAYS("audit_retention_days", "0", 0, 36_500),
        // Retention of messages and files (docs/retention.md): minutes between runs of the job; 0 runs it only on demand.
        RETENTION_INTERVAL_MINUTES("retention_interval_minutes", "60", 0, 10_080),
        // Seconds between failing /readyz and closing on SIGTERM, so a load balancer stops sending first (docs/cluster.md).
        DRAIN_SECONDS("drain_seconds", "0", 0, 120),
        // Usage analytics (docs/analytics.md); parsed by UsageConfig.
        USAGE_TIME_ZONE("usage_time_zone", "Europe/London"),
        USAGE_TICK_SECONDS("usage_tick_seconds", "60", 1, 3600),
        USAGE_SYNTHETIC_ORGS("usage_synthetic_orgs", "0", 0, 1000);

        final String key;
        final String defaultValue;
        final Kind kind;
        final int min;
        final int max;
        final List<String> choices;

        Setting(String key, String defaultValue, Kind kind, int min, int max, List<String> choices) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.kind = kind;
            this.min = min;
            this.max = max;
            this.choices = choices;
        }

        Setting(String key, String defaultValue) {
            this(key, defaultValue, Kind.TEXT, 0, 0, List.of());
        }

        Setting(String key, String defaultValue, Kind kind) {
            this(key, defaultValue, kind, 0, 0, kind == Kind.YES_NO ? List.of("true", "false", "1", "0", "yes", "no") : List.of());
        }

        Setting(String key, String defaultValue, int min, int max) {
            this(key, defaultValue, Kind.WHOLE_NUMBER, min, max, List.of());
        }

        Setting(String key, String defaultValue, List<String> choices) {
            this(key, defaultValue, Kind.CHOICE, 0, 0, choices);
        }

        public String envName() {
            return "CONFER_" + key.toUpperCase(Locale.ROOT);
        }

        public String flagName() {
            return "--" + key.replace('_', '-');
        }

        static Optional<Setting> byKey(String key) {
            return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
        }
    }

    /** A raw value and where it came from, so an error can say which source to fix. */
    record Raw(String value, String source) {}

    private final Map<String, String> environment;
    private final Path workingDirectory;

    public ConfigLoader(Map<String, String> environment, Path workingDirectory) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    public Config load(String... args) {
        Map<Setting, Raw> raw = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            if (s.defaultValue != null) {
                raw.put(s, new Raw(s.defaultValue, "default"));
            }
        }
        Flags flags = parseFlags(args);
        Optional<Path> file = configFile(flags.configPath());
        file.ifPresent(f -> raw.putAll(ConfigFile.read(f)));
        for (Setting s : Setting.values()) {
            String v = environment.get(s.envName());
            if (v != null) {
                raw.put(s, new Raw(v, s.envName() + " (environment)"));
            }
        }
        raw.putAll(flags.values());
        return build(raw);
    }

    private Optional<Path> configFile(String flagConfigPath) {
        String named = flagConfigPath != null ? flagConfigPath : environment.get("CONFER_CONFIG");
        if (named != null) {
            Path p = workingDirectory.resolve(named);
            if (!Files.isRegularFile(p)) {
                throw new ConfigException("configuration file " + p + " (named by "
                        + (flagConfigPath != null ? "--config" : "CONFER_CONFIG") + ") does not exist");
            }
            return Optional.of(p);
        }
        for (String candidate : List.of("confer.toml", "confer.properties")) {
            Path p = workingDirectory.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The command line: settings given as flags, and the --config file if one was named. */
    private record Flags(Map<Setting, Raw> values, String configPath) {}

    private Flags parseFlags(String[] args) {
        Map<Setting, Raw> flags = new LinkedHashMap<>();
        String flagConfigPath = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + arg + "': flags look like --port=8080; see --help");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("config")) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new ConfigException("--config needs a file path, e.g. --config=confer.toml");
                    }
                    value = args[++i];
                }
                flagConfigPath = value;
                continue;
            }
            String key = name.replace('-', '_');
            Setting s = Setting.byKey(key).orElseThrow(() -> new ConfigException(
                    "unknown flag " + arg + "; known flags: " + knownFlags()));
            if (value == null) {
                if (s == Setting.DEMO) {
                    value = "true";
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value = args[++i];
                } else {
                    throw new ConfigException(s.flagName() + " needs a value, e.g. " + s.flagName() + "=" + example(s));
                }
            }
            flags.put(s, new Raw(value, s.flagName() + " (command line)"));
        }
        return new Flags(flags, flagConfigPath);
    }

    private static String knownFlags() {
        StringBuilder sb = new StringBuilder("--config");
        for (Setting s : Setting.values()) {
            sb.append(", ").append(s.flagName());
        }
        return sb.toString();
    }

    private static String example(Setting s) {
        return s.defaultValue == null || s.defaultValue.isEmpty() ? "..." : s.defaultValue;
    }

    private Config build(Map<Setting, Raw> raw) {
        int port = whole(raw, Setting.PORT);
        String bind = text(raw, Setting.BIND).orElse(Setting.BIND.defaultValue);
        Path dataDir = workingDirectory.resolve(text(raw, Setting.DATA_DIR).orElse(Setting.DATA_DIR.defaultValue)).normalize();
        String dbUrl = text(raw, Setting.DB_URL).orElse(
                "jdbc:h2:file:" + dataDir.resolve("confer").toAbsolutePath()
                        // WRITE_DELAY=0: every commit is written before it is acknowledged, so a
                        // committed transaction survives kill -9 (DESIGN.md section 6).
                        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw invalid(raw, Setting.DB_URL, "a JDBC URL starting with jdbc:postgresql:// or jdbc:h2:file:");
        }
        String dbUser = text(raw, Setting.DB_USER).orElse(dbUrl.startsWith("jdbc:h2:") ? "sa" : null);
        String dbPassword = text(raw, Setting.DB_PASSWORD).orElse(dbUrl.startsWith("jdbc:h2:") ? "" : null);
        Optional<String> nats = text(raw, Setting.NATS_URL);
        nats.ifPresent(n -> {
            for (String server : n.split(",")) {
                if (!server.strip().startsWith("nats://") && !server.strip().startsWith("tls://")) {
                    throw invalid(raw, Setting.NATS_URL, "a URL such as nats://127.0.0.1:4222, or several separated by commas");
                }
            }
            // Nodes share their state through the database: an embedded H2 file belongs to one process.
            if (!dbUrl.startsWith("jdbc:postgresql:")) {
                throw invalid(raw, Setting.NATS_URL, "a cluster needs PostgreSQL: set CONFER_DB_URL to a jdbc:postgresql:// URL, "
                        + "or leave CONFER_NATS_URL empty for a single node");
            }
        });
        String baseUrl = text(raw, Setting.BASE_URL).orElse("http://localhost:" + port);
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw invalid(raw, Setting.BASE_URL, "an http:// or https:// address such as https://confer.trust.nhs.uk");
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        boolean demo = bool(raw, Setting.DEMO);
        Optional<String> demoPassword = text(raw, Setting.DEMO_PASSWORD);
        Duration idle = Duration.ofMinutes(whole(raw, Setting.SESSION_IDLE_MINUTES));
        Duration max = Duration.ofHours(whole(raw, Setting.SESSION_MAX_HOURS));
        long maxBody = whole(raw, Setting.MAX_BODY_BYTES);
        int perAccount = whole(raw, Setting.LOGIN_ATTEMPTS_PER_ACCOUNT);
        int perAddress = whole(raw, Setting.LOGIN_ATTEMPTS_PER_ADDRESS);
        int ceiling = whole(raw, Setting.LOGIN_ACCOUNT_CEILING);
        List<String> proxies = text(raw, Setting.TRUSTED_PROXIES)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
        Optional<String> metricsToken = text(raw, Setting.METRICS_TOKEN);
        int streamQueue = whole(raw, Setting.STREAM_QUEUE_FRAMES);
        Duration streamSendTimeout = Duration.ofSeconds(whole(raw, Setting.STREAM_SEND_TIMEOUT_SECONDS));
        Duration streamPing = Duration.ofSeconds(whole(raw, Setting.STREAM_PING_SECONDS));
        Duration streamHello = Duration.ofSeconds(whole(raw, Setting.STREAM_HELLO_SECONDS));
        int postsPerMinute = whole(raw, Setting.POSTS_PER_MINUTE_PER_USER);
        int changesPerMinute = whole(raw, Setting.CHANGES_PER_MINUTE_PER_USER);
        int readMarksPerMinute = whole(raw, Setting.READ_MARKS_PER_MINUTE_PER_USER);
        int createsPerHour = whole(raw, Setting.CREATES_PER_HOUR_PER_USER);
        int addsPerHour = whole(raw, Setting.ADDS_PER_HOUR_PER_USER);
        int connectionsPerAddress = whole(raw, Setting.MAX_CONNECTIONS_PER_ADDRESS);
        Duration headerTimeout = Duration.ofSeconds(whole(raw, Setting.HEADER_TIMEOUT_SECONDS));
        String logFormat = oneOf(raw, Setting.LOG_FORMAT);
        String logLevel = oneOf(raw, Setting.LOG_LEVEL);
        Optional<SmtpSettings> smtp = MailConfig.parse(raw, baseUrl);
        return new Config(port, bind, dataDir, dbUrl, dbUser, dbPassword, nats, baseUrl, demo, demoPassword,
                idle, max, maxBody, perAccount, perAddress, ceiling, proxies, metricsToken, streamQueue, streamSendTimeout, streamPing, streamHello,
                postsPerMinute, changesPerMinute, readMarksPerMinute, createsPerHour, addsPerHour, connectionsPerAddress, headerTimeout,
                logFormat, logLevel, MediaConfig.parse(raw), smtp, ResultsConfig.parse(raw), VisitsConfig.parse(raw),
                FilesConfig.parse(raw), whole(raw, Setting.AUDIT_RETENTION_DAYS), UsageConfig.parse(raw),
                whole(raw, Setting.RETENTION_INTERVAL_MINUTES), Duration.ofSeconds(whole(raw, Setting.DRAIN_SECONDS)));
    }

    static Optional<String> text(Map<Setting, Raw> raw, Setting s) {
        Raw r = raw.get(s);
        return r == null || r.value().isBlank() ? Optional.empty() : Optional.of(r.value().trim());
    }

    /** A whole number within the setting's bounds. */
    static int whole(Map<Setting, Raw> raw, Setting s) {
        String accepted = "a whole number from " + s.min + " to " + s.max;
        String v = text(raw, s).orElseThrow(() -> invalid(raw, s, accepted));
        try {
            int n = Integer.parseInt(v);
            if (n < s.min || n > s.max) {
                throw invalid(raw, s, accepted);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(raw, s, accepted);
        }
    }

    static boolean bool(Map<Setting, Raw> raw, Setting s) {
        return switch (oneOf(raw, s)) {
            case "true", "1", "yes" -> true;
            default -> false;
        };
    }

    /** One of the setting's choices, lower-cased. */
    static String oneOf(Map<Setting, Raw> raw, Setting s) {
        String v = text(raw, s).map(x -> x.toLowerCase(Locale.ROOT)).orElse("");
        if (!s.choices.contains(v)) {
            throw invalid(raw, s, "one of " + String.join(", ", s.choices));
        }
        return v;
    }

    /** A database URL can carry a password (user:password@host, password=...); never echo it. */
    static String withoutPassword(String url) {
        return url.replaceAll("(://[^/?#@:]*):[^/?#]*@", "$1:***@")
                .replaceAll("(?i)([?&;](password|pwd|passwd)=)[^&;]*", "$1***");
    }

    static ConfigException invalid(Map<Setting, Raw> raw, Setting s, String accepted) {
        Raw r = raw.get(s);
        String value = r == null ? "" : r.value();
        String shown = s.kind == Kind.SECRET
                ? "(hidden)" : "'" + (s == Setting.DB_URL ? withoutPassword(value) : value) + "'";
        String from = r == null ? s.envName() : r.source();
        return new ConfigException("invalid " + s.envName() + " = " + shown + " from " + from
                + "; expected " + accepted);
    }
}
