package org.confer.clinical;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The example messages under src/test/resources/clinical (see README.txt there). */
final class Examples {
    private Examples() {}

    static byte[] bytes(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/clinical/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example as text (the examples are ASCII or UTF-8). */
    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
