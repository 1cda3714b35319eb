package org.confer.clinical;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.confer.clinical.FhirResults.Issue;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The patient of a DiagnosticReport: its subject, a Patient (contained or in the Bundle) or a
 * logical reference ({@code subject.identifier}), which must carry an NHS number
 * ({@value NhsNumber#SYSTEM}) that passes modulus 11.
 */
record FhirPatient(String nhsNumber, List<String> ids, String name) {

    private static final String WHERE = "DiagnosticReport.subject";

    static FhirPatient of(Reference subject, Function<Reference, Resource> resolve, List<Issue> issues) {
        if (subject == null || subject.isEmpty()) {
            issues.add(new Issue("required", "subject is required: the patient, with an NHS number", WHERE));
            return new FhirPatient(null, List.of(), null);
        }
        List<Identifier> identifiers = new ArrayList<>();
        String name = null;
        Resource target = resolve.apply(subject);
        if (target instanceof Patient patient) {
            identifiers.addAll(patient.getIdentifier());
            name = FhirReads.patientName(patient.getName());
        } else if (target != null) {
            issues.add(new Issue("invalid", "subject must be a Patient, not " + target.fhirType(), WHERE));
            return new FhirPatient(null, List.of(), null);
        }
        if (subject.hasIdentifier()) {
            identifiers.add(subject.getIdentifier());
        }
        List<String> ids = new ArrayList<>();
        String nhs = null;
        for (Identifier id : identifiers) {
            if (!id.hasValue()) {
                continue;
            }
            if (NhsNumber.SYSTEM.equals(id.getSystem())) {
                String valid = NhsNumber.normalise(id.getValue()).orElse(null);
                if (valid == null) {
                    issues.add(new Issue("invalid", "the NHS number is not valid (modulus 11)", WHERE + ".identifier"));
                    return new FhirPatient(null, List.of(), null);
                }
                if (nhs != null && !nhs.equals(valid)) {
                    issues.add(new Issue("invalid", "the subject has two different NHS numbers", WHERE + ".identifier"));
                    return new FhirPatient(null, List.of(), null);
                }
                nhs = valid;
                String entry = NhsNumber.SYSTEM + "|" + valid;
                if (!ids.contains(entry)) {
                    ids.add(entry);
                }
            } else {
                ids.add((id.hasSystem() ? id.getSystem() : "LOCAL") + "|" + id.getValue().strip());
            }
        }
        if (nhs == null) {
            issues.add(new Issue("required", target == null && !subject.hasIdentifier()
                    ? "subject must be a Patient contained in the report or in the Bundle, or an identifier"
                    : "the subject needs an NHS number identifier (system " + NhsNumber.SYSTEM + ")",
                    WHERE + ".identifier"));
            return new FhirPatient(null, List.of(), null);
        }
        if (name == null && subject.hasDisplay()) {
            name = subject.getDisplay().strip(); // a logical reference's only name
        }
        return new FhirPatient(nhs, List.copyOf(ids), name);
    }
}
