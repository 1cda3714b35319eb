package org.confer.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer both engines share (docs/search.md, "How tokens are made"). */
class ClinicalTokensTest {

    private static boolean finds(String text, String query) {
        return ClinicalTokens.matches(ClinicalTokens.terms(text), SearchQuery.clauses(query));
    }

    @Test
    void words_are_lower_cased_and_stemmed_with_the_english_stemmer() {
        assertThat(ClinicalTokens.terms("Nurses REVIEWED the Obs")).containsExactly("nurs", "review", "the", "ob");
        assertThat(finds("two nurses on the ward", "nurse")).isTrue();
    }

    @Test
    void ions_keep_their_charge_so_k_plus_is_not_k() {
        assertThat(ClinicalTokens.terms("K+ 6.1, Na+ 128, Ca2+")).containsExactly("kplus", "6.1", "naplus", "128", "ca2plus");
        assertThat(finds("bed 14 K+ 6.1", "K+")).isTrue();
        assertThat(finds("vitamin K given", "K+")).isFalse();
    }

    @Test
    void bed_numbers_and_results_are_found_as_words_and_as_phrases() {
        assertThat(finds("Bed 14: K+ 6.1 this morning", "bed 14 K+")).isTrue();
        assertThat(finds("Bed 14: K+ 6.1 this morning", "\"bed 14\"")).isTrue();
        assertThat(finds("bed 41, 14 units", "\"bed 14\"")).isFalse();
        assertThat(finds("Hb 72 after the transfusion", "Hb 72")).isTrue();
        assertThat(finds("Hb 72 after the transfusion", "hb 27")).isFalse();
    }

    @Test
    void nhs_numbers_are_one_term_however_they_are_spaced() {
        List<String> spaced = ClinicalTokens.terms("NHS 943 476 5919 seen");
        assertThat(spaced).containsExactly("nhs", "9434765919", "seen");
        assertThat(ClinicalTokens.terms("943-476-5919")).containsExactly("9434765919");
        assertThat(finds("NHS no 943 476 5919", "9434765919")).isTrue();
        assertThat(finds("NHS no 9434765919", "943 476 5919")).isTrue();
        assertThat(finds("NHS no 9434765919", "\"943 476 5919\"")).isTrue();
    }

    @Test
    void codes_with_digits_are_kept_whole_and_unstemmed() {
        assertThat(ClinicalTokens.terms("T2DM, O2 sats 92%")).containsExactly("t2dm", "o2", "sat", "92");
        assertThat(finds("known T2DM, O2 sats 92% on air", "O2 sats 92%")).isTrue();
        assertThat(finds("known T2DM", "t2dm")).isTrue();
    }

    @Test
    void accents_mentions_and_punctuation_do_not_make_terms() {
        assertThat(ClinicalTokens.terms("<@0f0e0d0c-0b0a-0908-0706-050403020100> Café — résumé!")).containsExactly("cafe", "resum");
        assertThat(ClinicalTokens.terms("")).isEmpty();
        assertThat(ClinicalTokens.terms(null)).isEmpty();
    }

    @Test
    void every_term_is_one_word_to_postgresqls_simple_parser() {
        for (String t : ClinicalTokens.terms("Bed 14 K+ 6.1 Ca2+ T2DM 943 476 5919 O2 92% Hb 72 naïve 1.2.3")) {
            assertThat(t).matches("[a-z0-9]+|[0-9]+(\\.[0-9]+)+");
        }
    }
}
