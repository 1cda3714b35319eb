package org.confer.text;

/**
 * Invisible formatting characters (Unicode category Cf) in names, titles and notes: bidi
 * controls (U+202E makes "Pay<U+202E>gnp.exe" show as "Payexe.png"), zero-width spaces and
 * joiners (two names that look the same but differ), the byte-order mark and the like. Names
 * may not contain them. The exceptions are the ones emoji need, so that a team called
 * "🧑‍⚕️ Doctors" or "🏴󠁧󠁢󠁥󠁮󠁧󠁿 Region" is still allowed: a zero-width joiner between two pictographs,
 * and the tag characters of a flag sequence after U+1F3F4 (the flags of England, Scotland and Wales).
 */
public final class FormatCharacters {
    private static final int ZWJ = 0x200D;
    private static final int BLACK_FLAG = 0x1F3F4;

    private FormatCharacters() {}

    /** The first format character that is not part of an emoji sequence, or -1 when there is none. */
    public static int firstDisallowed(String s) {
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (Character.getType(cp) != Character.FORMAT) {
                continue;
            }
            if (cp == ZWJ && i > 0 && i + 1 < cps.length && pictographBefore(cps, i) && Character.isExtendedPictographic(cps[i + 1])) {
                continue;
            }
            if (cp >= 0xE0020 && cp <= 0xE007F && inFlagTags(cps, i)) {
                continue;
            }
            return cp;
        }
        return -1;
    }

    /** A pictograph just before {@code i}, allowing for a variation selector or skin-tone modifier after it. */
    private static boolean pictographBefore(int[] cps, int i) {
        int j = i - 1;
        while (j > 0 && (cps[j] == 0xFE0F || (cps[j] >= 0x1F3FB && cps[j] <= 0x1F3FF))) {
            j--;
        }
        return Character.isExtendedPictographic(cps[j]);
    }

    private static boolean inFlagTags(int[] cps, int i) {
        int j = i - 1;
        while (j >= 0 && cps[j] >= 0xE0020 && cps[j] <= 0xE007E) {
            j--;
        }
        return j >= 0 && cps[j] == BLACK_FLAG;
    }

    /** 400 naming {@code field} when {@code value} has a format character that is not part of an emoji. */
    public static void refuse(String field, String value) {
        int cp = value == null ? -1 : firstDisallowed(value);
        if (cp >= 0) {
            throw org.confer.http.ApiException.invalid(field, "'" + field + "' must not contain invisible formatting characters"
                    + " such as " + String.format("U+%04X", cp) + " (bidi controls, zero-width characters)");
        }
    }
}
