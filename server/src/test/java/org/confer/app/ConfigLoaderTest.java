package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configuration: the defaults, and the one-line messages an operator gets for a value that
 * cannot be used, which never hold a secret. Where settings come from and which source wins is
 * in ConfigSourcesTest.
 */
class ConfigLoaderTest extends ConfigTestSupport {

    private String failure(String... args) {
        try {
            load(args);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException for env " + env + " and args " + String.join(" ", args));
    }

    /** Asserts the message is one line and returns it for further checks. */
    private static AbstractStringAssert<?> assertOneLine(String message) {
        return assertThat(message).isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }

    // ---- defaults ----

    @Test
    void without_any_configuration_the_defaults_apply() {
        Config c = load();

        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.dataDir()).isAbsolute();
        assertThat(c.demo()).isFalse();
        assertThat(c.demoPassword()).isEmpty();
        assertThat(c.natsUrl()).isEmpty();
        assertThat(c.metricsToken()).isEmpty();
        assertThat(c.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(c.secureCookies()).isFalse();
        assertThat(c.isPostgres()).isFalse();
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(720));
        assertThat(c.sessionMaxAge()).isEqualTo(Duration.ofHours(168));
        assertThat(c.maxBodyBytes()).isEqualTo(65536);
        assertThat(c.streamSendTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.streamPingInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(c.streamHelloTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.trustedProxies()).isEmpty();
        assertThat(c.logFormat()).isEqualTo("text");
        assertThat(c.logLevel()).isEqualTo("info");
    }

    @Test
    void the_default_database_is_an_embedded_h2_file_inside_the_data_directory_that_writes_every_commit() {
        Config c = load();

        assertThat(c.dbUrl()).startsWith("jdbc:h2:file:" + dir.resolve("data").resolve("confer"));
        assertThat(c.dbUrl()).contains(";WRITE_DELAY=0");
        assertThat(c.dbUser()).isEqualTo("sa");
        assertThat(c.dbPassword()).isEmpty();
    }

    @Test
    void a_relative_data_directory_is_resolved_against_the_working_directory_and_holds_the_h2_file() {
        env.put("CONFER_DATA_DIR", "state/../var/confer");

        Config c = load();

        assertThat(c.dataDir()).isEqualTo(dir.resolve("var").resolve("confer"));
        assertThat(c.dbUrl()).startsWith("jdbc:h2:file:" + dir.resolve("var").resolve("confer").resolve("confer") + ";")
                .contains("WRITE_DELAY=0");
    }

    @Test
    void the_base_url_follows_the_port_and_loses_trailing_slashes() {
        env.put("CONFER_PORT", "9443");
        assertThat(load().baseUrl()).isEqualTo("http://localhost:9443");

        env.put("CONFER_BASE_URL", "https://confer.trust.nhs.uk//");
        assertThat(load().baseUrl()).isEqualTo("https://confer.trust.nhs.uk");
    }

    @Test
    void an_https_base_url_turns_on_secure_cookies() {
        env.put("CONFER_BASE_URL", "https://confer.trust.nhs.uk");
        assertThat(load().secureCookies()).isTrue();

        env.put("CONFER_BASE_URL", "http://confer.internal");
        assertThat(load().secureCookies()).isFalse();
    }

    @Test
    void a_postgresql_url_takes_user_and_password_only_from_configuration() {
        env.put("CONFER_DB_URL", "jdbc:postgresql://db.internal:5432/confer");
        env.put("CONFER_DB_USER", "confer");
        env.put("CONFER_DB_PASSWORD", "pg-secret");

        Config c = load();

        assertThat(c.isPostgres()).isTrue();
        assertThat(c.dbUser()).isEqualTo("confer");
        assertThat(c.dbPassword()).isEqualTo("pg-secret");
    }

    // ---- invalid values: one line naming the setting, the value and what is accepted ----

    @ParameterizedTest(name = "CONFER_PORT={0}")
    @ValueSource(strings = {"abc", "70000", "-1", "80.5", ""})
    void an_unusable_port_is_named_with_its_value_and_the_accepted_range(String value) {
        env.put("CONFER_PORT", value);

        assertOneLine(failure())
                .contains("CONFER_PORT")
                .contains("'" + value + "'")
                .contains("environment")
                .contains("whole number from 0 to 65535");
    }

    @Test
    void a_bad_value_from_a_file_names_the_file_and_the_environment_variable() throws IOException {
        write("confer.toml", "port = \"eighty\"\n");

        assertOneLine(failure()).contains("CONFER_PORT").contains("'eighty'").contains("confer.toml").contains("whole number");
    }

    @Test
    void a_bad_value_from_a_flag_names_the_flag() {
        assertOneLine(failure("--port=http")).contains("CONFER_PORT").contains("'http'").contains("--port").contains("whole number");
    }

    @Test
    void a_database_url_that_is_not_jdbc_h2_or_postgresql_is_refused() {
        env.put("CONFER_DB_URL", "mysql://x");

        assertOneLine(failure()).contains("CONFER_DB_URL").contains("'mysql://x'")
                .contains("jdbc:postgresql://").contains("jdbc:h2:file:");
    }

    @Test
    void an_unknown_log_format_is_refused_with_the_accepted_ones() {
        env.put("CONFER_LOG_FORMAT", "xml");

        assertOneLine(failure()).contains("CONFER_LOG_FORMAT").contains("'xml'").contains("text, json");
    }

    @Test
    void an_unknown_log_level_is_refused_with_the_accepted_ones() {
        env.put("CONFER_LOG_LEVEL", "verbose");

        assertOneLine(failure()).contains("CONFER_LOG_LEVEL").contains("'verbose'").contains("trace, debug, info, warn, error");
    }

    @Test
    void a_nats_url_must_use_nats_or_tls_and_a_cluster_needs_postgresql() {
        env.put("CONFER_DB_URL", "jdbc:postgresql://db-1:5432/confer");
        env.put("CONFER_NATS_URL", "http://x");
        assertOneLine(failure()).contains("CONFER_NATS_URL").contains("'http://x'").contains("nats://");
        env.put("CONFER_NATS_URL", "nats://nats-1:4222,http://nats-2:4222");
        assertOneLine(failure()).contains("CONFER_NATS_URL").contains("several separated by commas");

        env.put("CONFER_NATS_URL", "nats://nats-1:4222, nats://nats-2:4222");
        assertThat(load().natsUrl()).contains("nats://nats-1:4222, nats://nats-2:4222");

        env.remove("CONFER_DB_URL");
        assertOneLine(failure()).as("on the embedded database").contains("CONFER_NATS_URL").contains("a cluster needs PostgreSQL");
    }

    @Test
    void smtp_is_off_by_default_on_with_a_host_and_a_bad_sender_or_a_password_without_a_user_is_refused() {
        assertThat(load().smtp()).as("no host: mail stays in the outbox").isEmpty();

        env.put("CONFER_SMTP_HOST", "smtp.trust.example");
        env.put("CONFER_BASE_URL", "https://confer.trust.example");
        org.confer.mail.SmtpSettings smtp = load().smtp().orElseThrow();
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.startTls()).isTrue();
        assertThat(smtp.from()).isEqualTo("confer@confer.trust.example");
        assertThat(smtp.username()).isEmpty();

        env.put("CONFER_SMTP_PASSWORD", "s3cret-relay-password");
        assertOneLine(failure()).contains("CONFER_SMTP_USERNAME").doesNotContain("s3cret-relay-password");
        env.put("CONFER_SMTP_USERNAME", "confer");
        env.put("CONFER_SMTP_PORT", "2525");
        env.put("CONFER_SMTP_STARTTLS", "false");
        smtp = load().smtp().orElseThrow();
        assertThat(smtp.password()).contains("s3cret-relay-password");
        assertThat(smtp.port()).isEqualTo(2525);
        assertThat(smtp.startTls()).isFalse();

        env.put("CONFER_SMTP_FROM", "not an address");
        assertOneLine(failure()).contains("CONFER_SMTP_FROM").contains("'not an address'");
        env.put("CONFER_SMTP_FROM", "confer@trust.example");
        env.put("CONFER_SMTP_PORT", "0");
        assertOneLine(failure()).contains("CONFER_SMTP_PORT");
    }

    @Test
    void files_keep_blobs_in_the_data_directory_unscanned_by_default_and_s3_and_clamd_are_checked() {
        org.confer.files.FileSettings files = load().files();
        assertThat(files.maxBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(files.s3()).isEmpty();
        assertThat(files.clamd()).isEmpty();
        assertThat(files.stripLocation()).isTrue();

        env.put("CONFER_FILES_MAX_BYTES", "1048576");
        env.put("CONFER_CLAMD_SOCKET", "/run/clamav/clamd.ctl");
        env.put("CONFER_S3_ENDPOINT", "https://minio.trust.example:9000");
        env.put("CONFER_S3_BUCKET", "confer-files");
        env.put("CONFER_S3_ACCESS_KEY", "confer");
        env.put("CONFER_S3_SECRET_KEY", "s3cret-s3-key");
        files = load().files();
        assertThat(files.maxBytes()).isEqualTo(1048576);
        assertThat(files.clamd().orElseThrow().socket()).contains(java.nio.file.Path.of("/run/clamav/clamd.ctl"));
        assertThat(files.s3().orElseThrow().bucket()).isEqualTo("confer-files");
        assertThat(files.s3().orElseThrow().region()).isEqualTo("us-east-1");
        assertThat(files.s3().orElseThrow().toString()).doesNotContain("s3cret-s3-key");

        env.remove("CONFER_S3_BUCKET");
        assertOneLine(failure()).contains("CONFER_S3_BUCKET");
        env.put("CONFER_S3_BUCKET", "confer-files");
        env.put("CONFER_S3_ENDPOINT", "minio:9000");
        assertOneLine(failure()).contains("CONFER_S3_ENDPOINT");
        env.put("CONFER_S3_ENDPOINT", "https://minio.trust.example:9000");
        env.put("CONFER_CLAMD_HOST", "clamd.trust.example");
        assertOneLine(failure()).contains("CONFER_CLAMD_HOST");
        env.remove("CONFER_CLAMD_HOST");
        env.put("CONFER_FILES_MAX_BYTES", "10");
        assertOneLine(failure()).contains("CONFER_FILES_MAX_BYTES", "1024");
    }

    @Test
    void the_mllp_listener_is_off_on_loopback_with_a_one_mib_frame_limit_by_default_and_bad_values_are_refused() {
        org.confer.results.ResultsSettings results = load().results();
        assertThat(results.mllp().port()).as("off unless a port is set").isZero();
        assertThat(results.mllp().bind()).isEqualTo("127.0.0.1");
        assertThat(results.mllp().maxFrameBytes()).isEqualTo(1024 * 1024);
        assertThat(results.tick()).isEqualTo(java.time.Duration.ofSeconds(15));

        env.put("CONFER_MLLP_PORT", "2575");
        env.put("CONFER_MLLP_BIND", "0.0.0.0");
        env.put("CONFER_MLLP_MAX_FRAME_BYTES", "65536");
        results = load().results();
        assertThat(results.mllp().port()).isEqualTo(2575);
        assertThat(results.mllp().bind()).isEqualTo("0.0.0.0");
        assertThat(results.mllp().maxFrameBytes()).isEqualTo(65536);

        env.put("CONFER_MLLP_BIND", "lab.example");
        assertOneLine(failure()).contains("CONFER_MLLP_BIND", "lab.example");
        env.put("CONFER_MLLP_BIND", "127.0.0.1");
        env.put("CONFER_MLLP_MAX_FRAME_BYTES", "10");
        assertOneLine(failure()).contains("CONFER_MLLP_MAX_FRAME_BYTES", "1024");
        env.put("CONFER_MLLP_MAX_FRAME_BYTES", "65536");
        env.put("CONFER_MLLP_PORT", "70000");
        assertOneLine(failure()).contains("CONFER_MLLP_PORT", "65535");
    }

    @Test
    void usage_figures_use_the_london_calendar_by_default_a_named_zone_when_set_and_refuse_an_unknown_zone() {
        org.confer.analytics.UsageSettings usage = load().usage();
        assertThat(usage.zone()).isEqualTo(java.time.ZoneId.of("Europe/London"));
        assertThat(usage.tick()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(usage.syntheticOrgs()).isZero();
        env.put("CONFER_USAGE_TIME_ZONE", "Europe/Dublin");
        env.put("CONFER_USAGE_SYNTHETIC_ORGS", "200");
        assertThat(load().usage().zone()).isEqualTo(java.time.ZoneId.of("Europe/Dublin"));
        assertThat(load().usage().syntheticOrgs()).isEqualTo(200);
        env.put("CONFER_USAGE_TIME_ZONE", "Europe/Atlantis");
        assertOneLine(failure()).contains("CONFER_USAGE_TIME_ZONE");
    }

    @Test
    void a_base_url_must_be_http_or_https() {
        env.put("CONFER_BASE_URL", "ftp://x");

        assertOneLine(failure()).contains("CONFER_BASE_URL").contains("'ftp://x'").contains("http://").contains("https://");
    }

    @Test
    void demo_must_be_a_boolean() {
        env.put("CONFER_DEMO", "maybe");

        assertOneLine(failure()).contains("CONFER_DEMO").contains("'maybe'").contains("true, false");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "CONFER_SESSION_IDLE_MINUTES, 0",
            "CONFER_SESSION_MAX_HOURS, 100000",
            "CONFER_MAX_BODY_BYTES, 10",
            "CONFER_LOGIN_ATTEMPTS_PER_ACCOUNT, many",
            "CONFER_STREAM_SEND_TIMEOUT_SECONDS, 0",
            "CONFER_STREAM_PING_SECONDS, 301",
            "CONFER_STREAM_HELLO_SECONDS, 0"})
    void numbers_outside_their_range_are_refused(String name, String value) {
        env.put(name, value);

        assertOneLine(failure()).contains(name).contains("'" + value + "'").contains("whole number from");
    }

    @Test
    void an_unknown_flag_is_named_with_the_known_ones() {
        assertOneLine(failure("--prot=8080")).contains("--prot=8080").contains("--port").contains("--data-dir");
    }

    @Test
    void a_bare_word_on_the_command_line_is_refused() {
        assertOneLine(failure("serve")).contains("'serve'").contains("--port=8080");
    }

    @Test
    void a_flag_without_its_value_is_refused() {
        assertOneLine(failure("--port")).contains("--port").contains("needs a value");
        assertOneLine(failure("--port", "--demo")).contains("--port").contains("needs a value");
        assertOneLine(failure("--config")).contains("--config").contains("needs a file path");
    }

    @Test
    void an_unknown_key_in_confer_toml_is_named() throws IOException {
        write("confer.toml", "port = 8080\nprot = 9000\n");

        assertOneLine(failure()).contains("confer.toml").contains("'prot'").contains("port");
    }

    @Test
    void an_unknown_key_in_confer_properties_is_named() throws IOException {
        write("confer.properties", "databse_url=jdbc:h2:mem:x\n");

        assertOneLine(failure()).contains("confer.properties").contains("'databse_url'");
    }

    @Test
    void a_nested_table_in_confer_toml_is_refused() throws IOException {
        write("confer.toml", """
                [server]
                port = 9000
                """);

        assertOneLine(failure()).contains("confer.toml").contains("'server'").contains("top-level");
    }

    @Test
    void a_config_file_that_does_not_exist_is_named_with_where_it_was_named() {
        assertOneLine(failure("--config=missing.toml")).contains("missing.toml").contains("--config").contains("does not exist");

        env.put("CONFER_CONFIG", "also-missing.properties");
        assertOneLine(failure()).contains("also-missing.properties").contains("CONFER_CONFIG").contains("does not exist");
    }

    @Test
    void a_toml_syntax_error_is_reported_on_one_line() throws IOException {
        write("confer.toml", "port = = 9000\n");

        assertOneLine(failure()).contains("confer.toml");
    }

    @Test
    void a_value_containing_a_line_break_still_gives_a_one_line_message() {
        env.put("CONFER_PORT", "8080\nconfer: everything is fine");

        assertOneLine(failure()).contains("CONFER_PORT").contains("'8080\\nconfer: everything is fine'");
    }

    // ---- secrets never appear in messages ----

    @Test
    void secrets_do_not_appear_when_another_setting_is_invalid() {
        env.put("CONFER_DB_URL", "jdbc:postgresql://db/confer");
        env.put("CONFER_DB_PASSWORD", "db-secret-1234");
        env.put("CONFER_DEMO_PASSWORD", "demo-secret-1234");
        env.put("CONFER_METRICS_TOKEN", "metrics-secret-1234");
        env.put("CONFER_LOG_FORMAT", "xml");

        assertOneLine(failure()).doesNotContain("secret-1234");
    }

    @Test
    void a_secret_under_a_misspelt_key_is_not_echoed() throws IOException {
        write("confer.toml", "db_pasword = \"toml-secret-1234\"\n");
        assertOneLine(failure()).contains("'db_pasword'").doesNotContain("toml-secret-1234");

        Files.delete(dir.resolve("confer.toml"));
        write("confer.properties", "metrics.tokn=props-secret-1234\n");
        assertOneLine(failure()).contains("'metrics.tokn'").doesNotContain("props-secret-1234");
    }

    @Test
    void a_secret_on_a_line_with_a_toml_syntax_error_is_not_echoed() throws IOException {
        write("confer.toml", "port = 8080\ndb_password = toml-secret-1234 oops\n");

        assertOneLine(failure()).contains("confer.toml").doesNotContain("toml-secret-1234");
    }

    @Test
    void a_password_inside_an_unusable_database_url_is_not_echoed() {
        env.put("CONFER_DB_URL", "postgres://confer:url-secret@1234@db.internal:5432/confer?sslmode=require");

        assertOneLine(failure()).contains("CONFER_DB_URL").contains("db.internal:5432/confer").doesNotContain("url-secret")
                .doesNotContain("1234");

        env.put("CONFER_DB_URL", "postgresql://db.internal/confer?user=confer&password=url-secret-1234");
        assertOneLine(failure()).contains("CONFER_DB_URL").doesNotContain("url-secret-1234");
    }
}
