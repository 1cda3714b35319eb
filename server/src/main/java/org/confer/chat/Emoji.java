package org.confer.chat;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * What counts as a reaction: one emoji as people type it — a pictograph, optionally with skin
 * tone modifiers, variation selectors, keycaps, flags (regional indicator pairs) and
 * zero-width-joiner sequences. At most 10 code points and 32 UTF-16 units; no text, no markup,
 * and only one of them (one grapheme cluster).
 */
final class Emoji {
    /**
     * The longest emoji Unicode recommends (RGI, emoji-test.txt 15.1/16.0) are the kiss and
     * couple-with-heart sequences with a skin tone for each person, e.g. 🧑🏻‍❤️‍💋‍🧑🏼: 10 code
     * points, 15 UTF-16 units. The web client's picker offers them (emojibase-data).
     */
    private static final int MAX_CODE_POINTS = 10;
    private static final int ZWJ = 0x200D;
    private static final int VS16 = 0xFE0F;
    private static final int KEYCAP = 0x20E3;

    private Emoji() {}

    static boolean isValid(String s) {
        if (s == null || s.isEmpty() || s.length() > 32) {
            return false;
        }
        int[] cps = s.codePoints().toArray();
        if (cps.length > MAX_CODE_POINTS) {
            return false;
        }
        boolean pictograph = false;
        for (int cp : cps) {
            if (Character.isExtendedPictographic(cp) || Character.isEmojiPresentation(cp) || isRegionalIndicator(cp)) {
                pictograph = true;
            } else if (!(cp == ZWJ || cp == VS16 || cp == KEYCAP || Character.isEmojiModifier(cp)
                    || Character.isEmojiComponent(cp))) {
                return false;
            }
        }
        return (pictograph || (cps.length >= 2 && cps[cps.length - 1] == KEYCAP)) && isOneCharacter(s);
    }

    /** One user-perceived character (extended grapheme cluster): 👍🏽 and 👨‍👩‍👧 are one, 👍👍 is two. */
    private static boolean isOneCharacter(String s) {
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(s);
        return characters.next() == s.length();
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }
}
