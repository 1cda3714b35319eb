package org.confer.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <scenario> [--url U[,U...] | --start h2|postgres [--nodes N]] [--key value ...]}. A repeated
 * {@code --url} adds a node (the same as a comma-separated list); any other repeated key keeps its last value.
 */
record Options(String scenario, Map<String, String> values) {

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: java -jar confer-bench.jar <scenario> [--url http://host:port[,http://host2:port] | --start h2|postgres [--nodes N]] [--key value ...]; scenarios: " + String.join(", ", ServerUnderTest.scenarios()));
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            boolean joined = key.equals("url");
            v.merge(key, value, (before, after) -> joined ? before + "," + after : after);
        }
        return new Options(args[0], v);
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    int intValue(String key, int fallback) {
        return Integer.parseInt(values.getOrDefault(key, Integer.toString(fallback)));
    }
}
