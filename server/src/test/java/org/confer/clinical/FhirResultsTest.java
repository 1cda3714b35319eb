package org.confer.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.confer.clinical.FhirResults.Outcome;
import org.confer.clinical.FhirResults.Parsed;
import org.confer.clinical.ResultReport.Clinician;
import org.confer.clinical.ResultReport.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FHIR R4 DiagnosticReports Confer takes, contained or bundled, and what it reads from them. */
class FhirResultsTest {
    /** One for all tests: a FhirContext takes seconds to build, as in the application. */
    static final FhirResults FHIR = new FhirResults();
    static final ObjectMapper JSON = new ObjectMapper();

    static String edited(String example, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(Examples.text(example));
            edit.accept(root);
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The contained resource of {@code root} with that id. */
    static ObjectNode contained(ObjectNode root, String id) {
        for (var node : root.withArray("contained")) {
            if (node.path("id").asText().equals(id)) {
                return (ObjectNode) node;
            }
        }
        throw new AssertionError("no contained " + id);
    }

    static ResultReport parsed(String json) {
        Outcome outcome = FHIR.parse(json, "org-1");
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Parsed.class);
        return ((Parsed) outcome).report();
    }

    @Test
    void a_report_with_contained_resources_reads_patient_orderer_lab_specimen_and_a_critical_result() {
        ResultReport r = parsed(Examples.text("diagnostic-report-contained.json"));
        assertThat(r.sourceId()).isEqualTo("https://fhir.northgate.nhs.uk/Id/lab-report|NGH26C0061");
        assertThat(r.hl7Version()).isEqualTo("R4");
        assertThat(r.sendingFacility()).isEqualTo("org-1");
        assertThat(r.lab()).isEqualTo("Northgate Pathology Laboratory");
        assertThat(r.nhsNumber()).isEqualTo("9434765870");
        assertThat(r.patientIds()).containsExactly(NhsNumber.SYSTEM + "|9434765870",
                "https://fhir.northgate.nhs.uk/Id/hospital-number|K778812");
        assertThat(r.patientName()).isEqualTo("JONES, David Huw");
        assertThat(r.placerOrderNumber()).isEqualTo("ORD5121");
        assertThat(r.fillerOrderNumber()).isEqualTo("NGH26C0061");
        assertThat(r.testCode()).isEqualTo("59573005");
        assertThat(r.testName()).isEqualTo("Potassium");
        assertThat(r.specimen()).isEqualTo("Serum specimen");
        assertThat(r.status()).isEqualTo("F");
        assertThat(r.collectedAt()).isEqualTo(OffsetDateTime.parse("2026-12-07T10:00:00Z"));
        assertThat(r.reportedAt()).isEqualTo(OffsetDateTime.parse("2026-12-07T11:05:00Z"));
        assertThat(r.orderers()).containsExactly(new Clinician("GMC", "7012345", "Dr Ravi Patel"));
        assertThat(r.observations()).containsExactly(new Observation("1000651000000109", "Potassium", "6.9", "mmol/L",
                "3.5-5.3", List.of("HH"), true, "F", OffsetDateTime.parse("2026-12-07T10:00:00Z")));
        assertThat(r.critical()).isTrue();
    }

    @Test
    void a_transaction_bundle_resolves_its_urn_uuid_references() {
        ResultReport r = parsed(Examples.text("diagnostic-report-bundle.json"));
        assertThat(r.sourceId()).isEqualTo("https://fhir.northgate.nhs.uk/Id/lab-report|NGH26H0012");
        assertThat(r.nhsNumber()).isEqualTo("9434765919");
        assertThat(r.patientName()).isEqualTo("SMITH, Jane Anne");
        assertThat(r.orderers()).containsExactly(new Clinician("GMC", "4812345", "Dr Amara Okafor"));
        assertThat(r.lab()).isEqualTo("Northgate Pathology Laboratory");
        assertThat(r.placerOrderNumber()).isEqualTo("ORD4471");
        assertThat(r.observations()).extracting(Observation::name, Observation::value, Observation::units,
                Observation::referenceRange).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Haemoglobin", "128", "g/L", "115-165"),
                        org.assertj.core.groups.Tuple.tuple("White cell count", "11.8", "10*9/L", "4.0-11.0"),
                        org.assertj.core.groups.Tuple.tuple("Platelets", "245", "10*9/L", "150-400"));
        assertThat(r.observations()).extracting(Observation::abnormalFlags)
                .containsExactly(List.of("N"), List.of("H"), List.of());
        assertThat(r.critical()).isFalse();
    }

    @Test
    void a_collection_bundle_with_relative_references_is_read_too() {
        String json = edited("diagnostic-report-bundle.json", root -> {
            root.put("type", "collection");
            ArrayNode entries = root.withArray("entry");
            for (var e : entries) {
                ((ObjectNode) e).remove("request");
            }
            ObjectNode observation = (ObjectNode) entries.get(4);
            observation.put("fullUrl", "https://lab.example.org/fhir/Observation/hb1");
            ((ObjectNode) observation.get("resource")).put("id", "hb1");
            ((ObjectNode) entries.get(0).get("resource").withArray("result").get(0)).put("reference", "Observation/hb1");
        });
        assertThat(parsed(json).observations()).extracting(Observation::name)
                .containsExactly("Haemoglobin", "White cell count", "Platelets");
    }

    @ParameterizedTest(name = "{0} is critical: {1}")
    @CsvSource({"HH, true", "LL, true", "AA, true", "H, false", "L, false", "A, false", "N, false"})
    void interpretation_codes_become_flags_and_only_panic_ones_are_critical(String code, boolean critical) {
        String json = edited("diagnostic-report-contained.json", root -> ((ObjectNode) contained(root, "potassium")
                .withArray("interpretation").get(0).withArray("coding").get(0)).put("code", code));
        Observation k = parsed(json).observations().getFirst();
        assertThat(k.abnormalFlags()).containsExactly(code);
        assertThat(k.critical()).isEqualTo(critical);
    }

    @Test
    void interpretation_codes_of_another_code_system_are_not_flags() {
        String json = edited("diagnostic-report-contained.json", root -> ((ObjectNode) contained(root, "potassium")
                .withArray("interpretation").get(0).withArray("coding").get(0)).put("system", "http://example.org/flags"));
        assertThat(parsed(json).observations().getFirst().abnormalFlags()).isEmpty();
        assertThat(parsed(json).critical()).isFalse();
    }

    @Test
    void a_coded_value_reads_as_its_text_and_a_string_value_as_itself() {
        String json = edited("diagnostic-report-contained.json", root -> {
            ObjectNode obs = contained(root, "potassium");
            obs.remove("valueQuantity");
            obs.putObject("valueCodeableConcept").putArray("coding").addObject()
                    .put("system", "http://snomed.info/sct").put("code", "260373001").put("display", "Detected");
        });
        assertThat(parsed(json).observations().getFirst().value()).isEqualTo("Detected");
        String text = edited("diagnostic-report-contained.json", root -> {
            ObjectNode obs = contained(root, "potassium");
            obs.remove("valueQuantity");
            obs.put("valueString", "Haemolysed sample: please repeat");
        });
        assertThat(parsed(text).observations().getFirst().value()).isEqualTo("Haemolysed sample: please repeat");
    }

    @Test
    void without_a_based_on_requester_a_gmc_registered_interpreter_is_the_orderer_but_a_local_one_is_not() {
        String json = edited("diagnostic-report-contained.json", root -> {
            root.remove("basedOn");
            ObjectNode interpreter = root.withArray("contained").addObject();
            interpreter.put("resourceType", "Practitioner").put("id", "interpreter");
            interpreter.putArray("identifier").addObject()
                    .put("system", "https://fhir.hl7.org.uk/Id/gmc-number").put("value", "6543210");
            ObjectNode scientist = root.withArray("contained").addObject();
            scientist.put("resourceType", "Practitioner").put("id", "scientist");
            scientist.putArray("identifier").addObject().put("system", "https://lab.example.org/staff").put("value", "S9");
            root.putArray("resultsInterpreter").addObject().put("reference", "#interpreter");
            root.withArray("performer").addObject().put("reference", "#scientist");
        });
        assertThat(parsed(json).orderers()).containsExactly(new Clinician("GMC", "6543210", null));
    }

    @Test
    void a_performer_given_only_by_name_is_the_lab() {
        String json = edited("diagnostic-report-contained.json", root -> {
            root.putArray("performer").addObject().put("display", "Northgate Pathology");
        });
        assertThat(parsed(json).lab()).isEqualTo("Northgate Pathology");
    }

    @Test
    void a_requester_given_only_by_identifier_is_still_an_orderer() {
        String json = edited("diagnostic-report-contained.json", root -> {
            ObjectNode requester = contained(root, "order").putObject("requester");
            requester.putObject("identifier").put("system", "https://fhir.hl7.org.uk/Id/nmc-number").put("value", "12A3456E");
            requester.put("display", "Sian Hughes");
        });
        assertThat(parsed(json).orderers()).containsExactly(new Clinician("NMC", "12A3456E", "Sian Hughes"));
    }

    @Test
    void a_subject_given_only_by_its_nhs_number_identifier_is_accepted() {
        String json = edited("diagnostic-report-contained.json", root -> {
            ObjectNode subject = root.putObject("subject");
            subject.putObject("identifier").put("system", NhsNumber.SYSTEM).put("value", "943 476 5919");
        });
        ResultReport r = parsed(json);
        assertThat(r.nhsNumber()).isEqualTo("9434765919");
        assertThat(r.patientName()).isNull();
        String displayed = edited("diagnostic-report-contained.json", root -> {
            ObjectNode subject = root.putObject("subject");
            subject.putObject("identifier").put("system", NhsNumber.SYSTEM).put("value", "9434765919");
            subject.put("display", "Margaret Turner");
        });
        assertThat(parsed(displayed).patientName()).isEqualTo("Margaret Turner");
    }
}
