package org.confer.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The filters identity systems send before they write (RFC 7644 section 3.4.2.2), and the ones refused. */
class ScimFilterTest {

    private static List<ScimFilter.Clause> users(String filter) {
        return ScimFilter.parse(filter, ScimUsers.FILTERABLE);
    }

    @Test
    void an_equality_test_reads_its_attribute_ignoring_case_and_urn_and_its_quoted_value_with_escapes() {
        assertThat(users("userName eq \"ada@trust.nhs.uk\"")).containsExactly(new ScimFilter.Clause("username", "ada@trust.nhs.uk"));
        assertThat(users("urn:ietf:params:scim:schemas:core:2.0:User:USERNAME EQ \"a\\\"b\""))
                .containsExactly(new ScimFilter.Clause("username", "a\"b"));
    }

    @Test
    void tests_join_with_and_and_booleans_are_bare() {
        assertThat(users("externalId eq \"e1\" and active eq false")).containsExactly(
                new ScimFilter.Clause("externalid", "e1"), new ScimFilter.Clause("active", "false"));
    }

    @Test
    void entra_s_membership_check_on_groups_is_understood() {
        assertThat(ScimFilter.parse("id eq \"g\" and members[value eq \"u\"]", ScimGroups.FILTERABLE)).containsExactly(
                new ScimFilter.Clause("id", "g"), new ScimFilter.Clause("members.value", "u"));
    }

    @Test
    void no_filter_is_no_clause() {
        assertThat(users(null)).isEmpty();
        assertThat(users("  ")).isEmpty();
    }

    @Test
    void other_operators_or_not_parentheses_unknown_attributes_and_unclosed_quotes_are_invalidFilter() {
        for (String bad : List.of("userName co \"a\"", "userName sw \"a\"", "title pr", "userName eq \"a\" or active eq true",
                "not (active eq true)", "(userName eq \"a\")", "nickName eq \"a\"", "userName eq \"open", "userName eq maybe",
                "userName eq \"a\" and", "members[value eq \"u\"]")) {
            assertThatThrownBy(() -> users(bad)).as(bad).isInstanceOfSatisfying(ScimException.class,
                    e -> assertThat(e.scimType()).isEqualTo("invalidFilter"));
        }
    }

    @Test
    void a_filter_too_long_to_be_a_lookup_is_refused() {
        assertThatThrownBy(() -> users("userName eq \"" + "a".repeat(ScimFilter.MAX_LENGTH) + "\""))
                .isInstanceOf(ScimException.class);
    }
}
