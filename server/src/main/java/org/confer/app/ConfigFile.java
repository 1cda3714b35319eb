package org.confer.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.confer.app.ConfigLoader.Raw;
import org.confer.app.ConfigLoader.Setting;

/** The configuration file (docs/operations.md): TOML with top-level keys, or Java properties. */
final class ConfigFile {
    private ConfigFile() {}

    /** The settings a confer.toml or confer.properties file gives, each with where it came from; an unknown key is an error. */
    static Map<Setting, Raw> read(Path file) {
        String source = file.getFileName().toString();
        Map<String, String> entries = new LinkedHashMap<>();
        try {
            if (source.endsWith(".toml")) {
                JsonNode root = new TomlMapper().readTree(file.toFile());
                root.properties().forEach(e -> {
                    if (e.getValue().isContainerNode()) {
                        throw new ConfigException(source + ": '" + e.getKey()
                                + "' must be a plain value; Confer's settings are top-level keys such as port = 8080");
                    }
                    entries.put(e.getKey(), e.getValue().asText());
                });
            } else {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                }
                p.stringPropertyNames().forEach(k -> entries.put(k, p.getProperty(k).trim()));
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + firstLine(e.getMessage()));
        }
        Map<Setting, Raw> result = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            Setting s = Setting.byKey(k.replace('-', '_').replace('.', '_').toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new ConfigException(source + ": unknown setting '" + k + "'; known settings: "
                            + Arrays.stream(Setting.values()).map(x -> x.key).toList()));
            result.put(s, new Raw(v, k + " in " + source));
        });
        return result;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
