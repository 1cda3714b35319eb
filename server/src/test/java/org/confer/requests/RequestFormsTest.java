package org.confer.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.confer.http.ApiException;
import org.junit.jupiter.api.Test;

class RequestFormsTest {
    private static final List<FormField> FORM = List.of(
            new FormField("fasting", "Fasting", "choice", true, List.of("yes", "no")),
            new FormField("tubes", "Tubes", "number", false, null),
            new FormField("note", "Note", "text", false, null));

    private static String refusedField(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return (String) e.extras().get("field");
        }
        throw new AssertionError("not refused");
    }

    @Test
    void answers_are_kept_in_the_forms_order_as_text() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("note", "left arm");
        given.put("tubes", 3);
        given.put("fasting", "no");
        assertThat(RequestForms.answers(FORM, given)).containsExactly(Map.entry("fasting", "no"), Map.entry("tubes", "3"),
                Map.entry("note", "left arm"));
    }

    @Test
    void a_number_field_takes_numbers_written_as_text_and_refuses_words() {
        assertThat(RequestForms.answers(FORM, Map.of("fasting", "yes", "tubes", "2.50"))).containsEntry("tubes", "2.50");
        assertThat(refusedField(() -> RequestForms.answers(FORM, Map.of("fasting", "yes", "tubes", "two")))).isEqualTo("fields.tubes");
    }

    @Test
    void a_missing_required_answer_an_unknown_field_and_a_choice_not_offered_are_refused() {
        assertThat(refusedField(() -> RequestForms.answers(FORM, Map.of()))).isEqualTo("fields.fasting");
        assertThat(refusedField(() -> RequestForms.answers(FORM, Map.of("fasting", "yes", "ward", "7")))).isEqualTo("fields.ward");
        assertThat(refusedField(() -> RequestForms.answers(FORM, Map.of("fasting", "Yes")))).isEqualTo("fields.fasting");
        assertThat(refusedField(() -> RequestForms.answers(FORM, Map.of("fasting", List.of("yes"))))).isEqualTo("fields.fasting");
    }

    @Test
    void the_required_fields_without_answers_are_what_a_command_cannot_fill() {
        assertThat(RequestForms.missing(FORM, Map.of())).extracting(FormField::name).containsExactly("fasting");
    }

    @Test
    void a_definition_drops_duplicate_choices_and_keeps_twenty_fields_at_most() {
        List<FormField> d = RequestForms.definition(List.of(new FormField("site", " Site ", "choice", false, List.of("a", "a", "b"))));
        assertThat(d.getFirst().label()).isEqualTo("Site");
        assertThat(d.getFirst().choices()).containsExactly("a", "b");
        List<FormField> many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> new FormField("f" + i, "F", "text", false, null)).toList();
        assertThatThrownBy(() -> RequestForms.definition(many)).isInstanceOf(ApiException.class);
        assertThat(RequestForms.definition(many.subList(0, 20))).hasSize(20);
    }

    @Test
    void slugs_are_lower_case_words_with_dashes() {
        assertThat(RequestForms.slug("swab-team")).isEqualTo("swab-team");
        assertThat(refusedField(() -> RequestForms.slug("Swab Team"))).isEqualTo("slug");
        assertThat(refusedField(() -> RequestForms.slug("x"))).isEqualTo("slug");
    }
}
