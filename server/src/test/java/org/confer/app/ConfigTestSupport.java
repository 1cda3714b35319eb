package org.confer.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ConfigLoaderTest and ConfigSourcesTest share: for each test an empty working directory
 * and environment, loading the configuration from them, and writing a file into the directory.
 */
abstract class ConfigTestSupport {

    @TempDir
    Path dir;

    final Map<String, String> env = new HashMap<>();

    Config load(String... args) {
        return new ConfigLoader(env, dir).load(args);
    }

    void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
