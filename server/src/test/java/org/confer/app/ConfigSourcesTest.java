package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configuration: where settings come from (confer.toml, confer.properties, a file named by
 * --config or CONFER_CONFIG, the environment, flags) and which source wins, and how flags and
 * their values are written. The defaults and the messages for unusable values are in
 * ConfigLoaderTest.
 */
class ConfigSourcesTest extends ConfigTestSupport {

    // ---- sources and precedence ----

    @Test
    void confer_toml_in_the_working_directory_is_read() throws IOException {
        write("confer.toml", """
                # a comment
                port = 9001
                bind = "127.0.0.1"
                demo = true
                trusted_proxies = "10.0.0.1, 10.0.0.2"
                log_format = "JSON"
                """);

        Config c = load();

        assertThat(c.port()).isEqualTo(9001);
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.demo()).isTrue();
        assertThat(c.trustedProxies()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(c.logFormat()).isEqualTo("json");
    }

    @Test
    void confer_properties_in_the_working_directory_is_read() throws IOException {
        write("confer.properties", """
                port=9002
                data.dir=store
                session-idle-minutes = 30
                """);

        Config c = load();

        assertThat(c.port()).isEqualTo(9002);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("store"));
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            confer.toml       | port = 9001 |
            confer.properties | port=9001   |
            """)
    void the_environment_beats_the_file_and_a_flag_beats_both(String fileName, String content) throws IOException {
        write(fileName, content + "\n");
        assertThat(load().port()).as("file only").isEqualTo(9001);

        env.put("CONFER_PORT", "9002");
        assertThat(load().port()).as("file and environment").isEqualTo(9002);

        assertThat(load("--port=9003").port()).as("file, environment and flag").isEqualTo(9003);
    }

    @Test
    void a_file_beats_the_defaults_only_for_the_settings_it_names() throws IOException {
        write("confer.toml", "bind = \"127.0.0.1\"\n");
        env.put("CONFER_LOG_LEVEL", "debug");

        Config c = load("--demo");

        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.demo()).isTrue();
        assertThat(c.port()).isEqualTo(8080);
    }

    @Test
    void when_both_files_exist_confer_toml_is_the_one_read() throws IOException {
        write("confer.toml", "port = 9001\n");
        write("confer.properties", "port=9002\n");

        assertThat(load().port()).isEqualTo(9001);
    }

    @Test
    void the_config_flag_names_the_file_in_either_form_and_it_replaces_the_default_file() throws IOException {
        write("confer.toml", "port = 9001\nbind = \"10.1.1.1\"\n");
        Files.createDirectories(dir.resolve("etc"));
        write("etc/site.toml", "port = 9100\n");

        Config equals = load("--config=etc/site.toml");
        Config separate = load("--config", "etc/site.toml");

        assertThat(equals.port()).isEqualTo(9100);
        assertThat(separate.port()).isEqualTo(9100);
        assertThat(equals.bind()).as("confer.toml is not read as well").isEqualTo("0.0.0.0");
    }

    @Test
    void confer_config_names_the_file_and_the_config_flag_beats_it() throws IOException {
        write("a.properties", "port=9101\n");
        write("b.toml", "port = 9102\n");
        env.put("CONFER_CONFIG", "a.properties");

        assertThat(load().port()).isEqualTo(9101);
        assertThat(load("--config=b.toml").port()).isEqualTo(9102);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flag", "environment"})
    void a_named_file_still_loses_to_the_environment_and_to_flags(String naming) throws IOException {
        write("site.properties", "port=9201\nlog_level=warn\n");
        String[] args = naming.equals("flag") ? new String[] {"--config=site.properties"} : new String[0];
        if (naming.equals("environment")) {
            env.put("CONFER_CONFIG", "site.properties");
        }
        env.put("CONFER_PORT", "9202");

        Config fromEnv = load(args);
        assertThat(fromEnv.port()).isEqualTo(9202);
        assertThat(fromEnv.logLevel()).isEqualTo("warn");

        String[] withFlag = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--port", "9203"))
                .toArray(String[]::new);
        assertThat(load(withFlag).port()).isEqualTo(9203);
    }

    @Test
    void flags_take_a_value_after_an_equals_sign_or_as_the_next_argument() {
        assertThat(load("--port=9000").port()).isEqualTo(9000);
        assertThat(load("--port", "9000").port()).isEqualTo(9000);
        assertThat(load("--data-dir", "elsewhere", "--log-level=warn").dataDir()).isEqualTo(dir.resolve("elsewhere"));
    }

    @Test
    void demo_alone_means_true_and_can_be_followed_by_other_flags() {
        assertThat(load("--demo").demo()).isTrue();
        Config c = load("--demo", "--port", "9000");
        assertThat(c.demo()).isTrue();
        assertThat(c.port()).isEqualTo(9000);
        assertThat(load("--demo=false").demo()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"true", "TRUE", "1", "yes"})
    void demo_accepts_the_usual_spellings_of_true(String value) {
        env.put("CONFER_DEMO", value);
        assertThat(load().demo()).isTrue();
    }

    @Test
    void a_blank_demo_password_counts_as_not_set() {
        env.put("CONFER_DEMO_PASSWORD", "  ");
        assertThat(load().demoPassword()).isEmpty();
        env.put("CONFER_DEMO_PASSWORD", "chosen-demo-password");
        assertThat(load().demoPassword()).contains("chosen-demo-password");
    }
}
