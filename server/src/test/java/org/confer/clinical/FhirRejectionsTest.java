package org.confer.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.clinical.FhirResultsTest.FHIR;
import static org.confer.clinical.FhirResultsTest.JSON;
import static org.confer.clinical.FhirResultsTest.contained;
import static org.confer.clinical.FhirResultsTest.edited;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.confer.clinical.FhirResults.Invalid;
import org.confer.clinical.FhirResults.Issue;
import org.confer.clinical.FhirResults.Outcome;
import org.junit.jupiter.api.Test;

/** What Confer refuses, with an OperationOutcome naming the field. */
class FhirRejectionsTest {

    /** The refusal, checking that its OperationOutcome says the same as its issues. */
    private static Invalid invalid(String json) {
        Outcome outcome = FHIR.parse(json, "org-1");
        assertThat(outcome).isInstanceOf(Invalid.class);
        Invalid invalid = (Invalid) outcome;
        try {
            JsonNode oo = JSON.readTree(invalid.operationOutcome());
            assertThat(oo.path("resourceType").asText()).isEqualTo("OperationOutcome");
            assertThat(oo.path("issue")).hasSize(invalid.issues().size());
            for (int i = 0; i < invalid.issues().size(); i++) {
                Issue expected = invalid.issues().get(i);
                JsonNode issue = oo.path("issue").get(i);
                assertThat(issue.path("severity").asText()).isEqualTo("error");
                assertThat(issue.path("code").asText()).isEqualTo(expected.code());
                assertThat(issue.path("diagnostics").asText()).isEqualTo(expected.diagnostics());
                assertThat(issue.path("expression").path(0).asText()).isEqualTo(expected.expression());
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return invalid;
    }

    private static Issue only(Invalid invalid) {
        assertThat(invalid.issues()).hasSize(1);
        return invalid.issues().getFirst();
    }

    @Test
    void a_report_without_a_subject_is_refused_as_required() {
        Issue issue = only(invalid(edited("diagnostic-report-contained.json", root -> root.remove("subject"))));
        assertThat(issue.code()).isEqualTo("required");
        assertThat(issue.expression()).isEqualTo("DiagnosticReport.subject");
    }

    @Test
    void a_patient_without_an_nhs_number_is_refused() {
        Issue issue = only(invalid(edited("diagnostic-report-contained.json",
                root -> contained(root, "patient").withArray("identifier").remove(0))));
        assertThat(issue.code()).isEqualTo("required");
        assertThat(issue.expression()).isEqualTo("DiagnosticReport.subject.identifier");
        assertThat(issue.diagnostics()).contains(NhsNumber.SYSTEM);
    }

    @Test
    void an_nhs_number_failing_modulus_11_is_refused_as_invalid() {
        Issue issue = only(invalid(edited("diagnostic-report-contained.json",
                root -> ((ObjectNode) contained(root, "patient").withArray("identifier").get(0)).put("value", "9434765871"))));
        assertThat(issue.code()).isEqualTo("invalid");
        assertThat(issue.diagnostics()).contains("modulus 11");
        assertThat(issue.expression()).isEqualTo("DiagnosticReport.subject.identifier");
    }

    @Test
    void a_subject_that_is_not_a_patient_is_refused() {
        Issue issue = only(invalid(edited("diagnostic-report-contained.json",
                root -> ((ObjectNode) root.get("subject")).put("reference", "#lab"))));
        assertThat(issue.code()).isEqualTo("invalid");
        assertThat(issue.diagnostics()).contains("Organization");
    }

    @Test
    void a_missing_status_code_or_identifier_are_each_reported() {
        Invalid invalid = invalid(edited("diagnostic-report-contained.json", root -> {
            root.remove("status");
            root.remove("code");
            root.remove("identifier");
        }));
        assertThat(invalid.issues()).extracting(Issue::code, Issue::expression).containsExactly(
                org.assertj.core.groups.Tuple.tuple("required", "DiagnosticReport.status"),
                org.assertj.core.groups.Tuple.tuple("required", "DiagnosticReport.code"),
                org.assertj.core.groups.Tuple.tuple("required", "DiagnosticReport.identifier"));
    }

    @Test
    void an_identifier_without_a_system_does_not_count() {
        Issue issue = only(invalid(edited("diagnostic-report-contained.json",
                root -> ((ObjectNode) root.withArray("identifier").get(0)).remove("system"))));
        assertThat(issue.expression()).isEqualTo("DiagnosticReport.identifier");
    }

    @Test
    void a_report_without_observations_is_refused() {
        Issue issue = only(invalid(edited("diagnostic-report-contained.json", root -> root.remove("result"))));
        assertThat(issue.code()).isEqualTo("required");
        assertThat(issue.expression()).isEqualTo("DiagnosticReport.result");
    }

    @Test
    void a_report_whose_observations_have_no_value_is_refused() {
        Issue issue = only(invalid(edited("diagnostic-report-contained.json", root -> {
            ObjectNode obs = contained(root, "potassium");
            obs.remove("valueQuantity");
            obs.putObject("dataAbsentReason").put("text", "Sample haemolysed");
        })));
        assertThat(issue.expression()).isEqualTo("DiagnosticReport.result");
    }

    @Test
    void a_result_reference_to_an_observation_that_was_not_sent_is_refused() {
        Issue issue = only(invalid(edited("diagnostic-report-contained.json",
                root -> ((ObjectNode) root.withArray("result").get(0)).put("reference", "Observation/elsewhere"))));
        assertThat(issue.code()).isEqualTo("invalid");
        assertThat(issue.expression()).isEqualTo("DiagnosticReport.result[0]");
    }

    @Test
    void another_resource_type_is_refused() {
        Issue issue = only(invalid("{\"resourceType\":\"Patient\",\"id\":\"p\"}"));
        assertThat(issue.code()).isEqualTo("invalid");
        assertThat(issue.diagnostics()).contains("got Patient");
    }

    @Test
    void malformed_json_is_refused_as_structure() {
        assertThat(only(invalid("{\"resourceType\": \"DiagnosticReport\", ")).code()).isEqualTo("structure");
        assertThat(only(invalid("not json")).code()).isEqualTo("structure");
        assertThat(only(invalid("")).code()).isEqualTo("structure");
        assertThat(only(invalid("{\"resourceType\":\"NoSuchThing\"}")).code()).isEqualTo("structure");
    }

    @Test
    void an_unknown_element_is_refused_rather_than_silently_dropped() {
        Issue issue = only(invalid(edited("diagnostic-report-contained.json", root -> {
            ObjectNode obs = contained(root, "potassium");
            obs.set("interpretaton", obs.remove("interpretation"));
        })));
        assertThat(issue.code()).isEqualTo("structure");
        assertThat(issue.diagnostics()).contains("interpretaton");
    }

    @Test
    void a_bundle_of_another_type_or_without_exactly_one_report_is_refused() {
        assertThat(only(invalid(edited("diagnostic-report-bundle.json", root -> root.put("type", "searchset"))))
                .expression()).isEqualTo("Bundle.type");
        Issue none = only(invalid(edited("diagnostic-report-bundle.json", root -> root.withArray("entry").remove(0))));
        assertThat(none.code()).isEqualTo("required");
        assertThat(none.expression()).isEqualTo("Bundle.entry");
        Issue two = only(invalid(edited("diagnostic-report-bundle.json",
                root -> root.withArray("entry").add(root.withArray("entry").get(0).deepCopy()))));
        assertThat(two.code()).isEqualTo("invalid");
    }

    @Test
    void the_route_s_own_outcome_is_a_one_issue_operation_outcome() throws Exception {
        JsonNode oo = JSON.readTree(FHIR.outcome("error", "forbidden", "the token lacks results:submit", ""));
        assertThat(oo.path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(oo.path("issue").get(0).path("code").asText()).isEqualTo("forbidden");
        assertThat(oo.path("issue").get(0).path("diagnostics").asText()).isEqualTo("the token lacks results:submit");
        assertThat(oo.path("issue").get(0).has("expression")).isFalse();
    }
}
