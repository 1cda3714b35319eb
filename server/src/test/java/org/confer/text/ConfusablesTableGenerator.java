package org.confer.text;

import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.util.VersionInfo;
import java.text.Normalizer;
import java.util.stream.Collectors;

/**
 * Writes server/src/main/resources/text/confusables.txt from ICU4J (a test dependency only):
 * one line per code point whose UTS #39 prototype differs from itself. Regenerate after
 * upgrading ICU4J, from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl server test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/confer-cp.txt
 * java -cp server/target/test-classes:$(cat /tmp/confer-cp.txt) org.confer.text.ConfusablesTableGenerator \
 *     &gt; server/src/main/resources/text/confusables.txt
 * </pre>
 *
 * ConfusablesTest then proves the table reproduces ICU's skeleton for every code point.
 */
public final class ConfusablesTableGenerator {
    private ConfusablesTableGenerator() {}

    public static void main(String[] args) {
        SpoofChecker icu = new SpoofChecker.Builder().build();
        StringBuilder out = new StringBuilder();
        out.append("# UTS #39 confusables prototypes, generated from ICU4J ").append(VersionInfo.ICU_VERSION)
                .append(" (Unicode ").append(com.ibm.icu.lang.UCharacter.getUnicodeVersion()).append(")\n");
        out.append("# by org.confer.text.ConfusablesTableGenerator (server/src/test); do not edit by hand.\n");
        out.append("# <code point> <prototype code points>, hex; code points mapping to themselves are left out.\n");
        int lines = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                continue;
            }
            String one = new String(Character.toChars(cp));
            // The table maps code points of NFD text: a code point NFD changes is never looked up.
            if (!Normalizer.normalize(one, Normalizer.Form.NFD).equals(one)) {
                continue;
            }
            String skeleton = icu.getSkeleton(one);
            if (!skeleton.equals(one)) {
                out.append(Integer.toHexString(cp).toUpperCase()).append(' ')
                        .append(skeleton.codePoints().mapToObj(c -> Integer.toHexString(c).toUpperCase())
                                .collect(Collectors.joining(" ")))
                        .append('\n');
                lines++;
            }
        }
        System.out.print(out);
        System.err.println(lines + " code points written");
    }
}
