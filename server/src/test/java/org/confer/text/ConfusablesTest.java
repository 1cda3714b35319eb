package org.confer.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Confusables' skeleton is ICU4J's (UTS #39) — checked for every code point, so a stale or cut
 * table fails here — and it tells lookalike names from different ones.
 */
class ConfusablesTest {
    private final Confusables confusables = Confusables.load();
    private final SpoofChecker icu = new SpoofChecker.Builder().build();

    @Test
    void the_skeleton_of_every_code_point_equals_icu_s() {
        List<String> differing = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String one = new String(Character.toChars(cp));
            if (!confusables.skeleton(one).equals(icu.getSkeleton(one)) && differing.size() < 20) {
                differing.add(Integer.toHexString(cp));
            }
        }
        assertThat(differing).isEmpty();
    }

    @Test
    void random_mixed_script_strings_have_icu_s_skeleton() {
        Random random = new Random(20261204);
        int[][] ranges = {{0x20, 0x7E}, {0xC0, 0x17F}, {0x300, 0x36F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x530, 0x58F},
                {0x5D0, 0x5EA}, {0x620, 0x64A}, {0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0xFF01, 0xFF5E}, {0x1D400, 0x1D7FF},
                {0x1F300, 0x1F64F}};
        for (int n = 0; n < 5_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int len = 1 + random.nextInt(12); len > 0; len--) {
                int[] r = ranges[random.nextInt(ranges.length)];
                s.appendCodePoint(r[0] + random.nextInt(r[1] - r[0] + 1));
            }
            assertThat(confusables.skeleton(s.toString())).as("U+%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(icu.getSkeleton(s));
        }
    }

    @Test
    void a_latin_name_written_with_cyrillic_letters_is_confusable_with_it() {
        assertThat(confusables.confusable("Platform Admin", "Pl\u0430tf\u043Erm Admin")).isTrue();
        assertThat(confusables.confusable("paypal", "p\u0430yp\u0430l")).isTrue();
        assertThat(confusables.confusable("Sam Okafor", "Sam Ok\u0430f\u043Er")).isTrue();
    }

    @Test
    void different_names_are_not_confusable_and_a_name_is_confusable_with_itself() {
        assertThat(confusables.confusable("Ann Smith", "Anne Smith")).isFalse();
        assertThat(confusables.confusable("Priya Shah", "Priya Shaw")).isFalse();
        assertThat(confusables.confusable("Priya Shah", "Priya Shah")).isTrue();
    }

    @Test
    void digits_and_letters_that_look_alike_follow_icu() {
        assertThat(confusables.confusable("l", "1")).isEqualTo(icu.getSkeleton("l").equals(icu.getSkeleton("1")));
        assertThat(confusables.confusable("l", "I")).isEqualTo(icu.getSkeleton("l").equals(icu.getSkeleton("I")));
        assertThat(confusables.confusable("0", "O")).isTrue();
    }

    @Test
    void a_precomposed_letter_and_its_decomposed_form_are_confusable() {
        assertThat(confusables.confusable("Ren\u00E9e", "Rene\u0301e")).isTrue();
    }

    @Test
    void the_table_is_loaded_whole() {
        assertThat(confusables.size()).isGreaterThan(6_000);
    }
}
