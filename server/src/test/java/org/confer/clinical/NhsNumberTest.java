package org.confer.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NhsNumberTest {

    @Test
    void numbers_with_the_right_modulus_11_check_digit_are_valid() {
        assertThat(NhsNumber.isValid("9434765919")).isTrue();
        assertThat(NhsNumber.isValid("4010232137")).isTrue();
        assertThat(NhsNumber.isValid("9876543210")).isTrue();
    }

    @Test
    void a_remainder_of_0_gives_check_digit_0() {
        // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 8×3 + 7×2 = 308 = 28 × 11: 11 − 0 = 11 → 0.
        assertThat(NhsNumber.checkDigit("943476587")).isZero();
        assertThat(NhsNumber.normalise("9434765870")).contains("9434765870");
    }

    @Test
    void a_wrong_check_digit_is_invalid() {
        assertThat(NhsNumber.isValid("9434765918")).isFalse();
        assertThat(NhsNumber.isValid("9434765871")).isFalse();
    }

    @Test
    void nine_digits_whose_check_digit_would_be_10_never_make_a_valid_number() {
        // 1×10 + 2×9 + 3×8 + 4×7 + 5×6 + 6×5 + 7×4 + 8×3 + 9×2 = 210; 210 mod 11 = 1; 11 − 1 = 10.
        assertThat(NhsNumber.checkDigit("123456789")).isEqualTo(-1);
        for (int last = 0; last <= 9; last++) {
            assertThat(NhsNumber.isValid("123456789" + last)).as("123456789%d", last).isFalse();
        }
    }

    @Test
    void wrong_lengths_and_other_characters_are_invalid() {
        assertThat(NhsNumber.isValid("943476591")).isFalse();
        assertThat(NhsNumber.isValid("94347659190")).isFalse();
        assertThat(NhsNumber.isValid("")).isFalse();
        assertThat(NhsNumber.isValid(null)).isFalse();
        assertThat(NhsNumber.isValid("943476591X")).isFalse();
        assertThat(NhsNumber.isValid("943.476.5919")).isFalse();
        assertThat(NhsNumber.isValid("９４３４７６５９１９")).as("full-width digits").isFalse();
    }

    @Test
    void spaces_and_dashes_are_stripped() {
        assertThat(NhsNumber.normalise("943 476 5919")).contains("9434765919");
        assertThat(NhsNumber.normalise("943-476-5919")).contains("9434765919");
        assertThat(NhsNumber.normalise(" 9434765919 ")).contains("9434765919");
    }

    @Test
    void valid_numbers_are_formatted_3_3_4() {
        assertThat(NhsNumber.format("9434765919")).contains("943 476 5919");
        assertThat(NhsNumber.format("943-476-5919")).contains("943 476 5919");
        assertThat(NhsNumber.format("9434765918")).isEmpty();
    }
}
