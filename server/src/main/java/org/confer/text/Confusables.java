package org.confer.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * The Unicode confusables skeleton (UTS #39, section 4): two strings that look alike — "Sam
 * Okafor" and "Sam Okаfor" with a Cyrillic "а" — have the same skeleton. skeleton(s) = NFD(map
 * each code point of NFD(s) to its prototype). The prototypes are the table
 * {@code /text/confusables.txt}, generated from ICU4J by ConfusablesTableGenerator (in the
 * tests, with how to regenerate it) and checked by ConfusablesTest against ICU for every code
 * point, so the server does not need ICU itself at run time.
 */
public final class Confusables {
    /** Code points with a prototype, ascending, and each one's prototype. */
    private final int[] from;
    private final String[] to;

    private Confusables(int[] from, String[] to) {
        this.from = from;
        this.to = to;
    }

    /** Reads the table from the classpath (about 6,500 entries); the composition root makes one. */
    public static Confusables load() {
        try (InputStream in = Confusables.class.getResourceAsStream("/text/confusables.txt")) {
            if (in == null) {
                throw new IllegalStateException("text/confusables.txt is missing from the build");
            }
            int[] from = new int[8192];
            String[] to = new String[8192];
            int n = 0;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                StringBuilder prototype = new StringBuilder();
                for (int i = 1; i < parts.length; i++) {
                    prototype.appendCodePoint(Integer.parseInt(parts[i], 16));
                }
                if (n == from.length) {
                    from = Arrays.copyOf(from, n * 2);
                    to = Arrays.copyOf(to, n * 2);
                }
                from[n] = Integer.parseInt(parts[0], 16);
                to[n] = prototype.toString();
                if (n > 0 && from[n] <= from[n - 1]) {
                    throw new IllegalStateException("text/confusables.txt must be in ascending code point order");
                }
                n++;
            }
            return new Confusables(Arrays.copyOf(from, n), Arrays.copyOf(to, n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read text/confusables.txt", e);
        }
    }

    public String skeleton(String s) {
        String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        nfd.codePoints().forEach(cp -> {
            int i = Arrays.binarySearch(from, cp);
            if (i >= 0) {
                out.append(to[i]);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return Normalizer.normalize(out, Normalizer.Form.NFD);
    }

    /** Whether the two look alike (they may also be equal). */
    public boolean confusable(String a, String b) {
        return skeleton(a).equals(skeleton(b));
    }

    public int size() {
        return from.length;
    }
}
