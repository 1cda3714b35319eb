package org.confer.clinical;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A laboratory report as Confer understands it, whichever way it arrived (HL7 v2 ORU^R01 or FHIR
 * R4 DiagnosticReport): who it is about, who asked for it, and its observations. Values are
 * plain text as the lab sent them (unescaped, never HTML).
 *
 * @param sourceId        the sender's id for this report: MSH-10 (MSH-10/1, MSH-10/2 … when one
 *                        message carries several orders, one report per OBR), or the FHIR
 *                        identifier system|value; a resend carries the same one
 * @param hl7Version      MSH-12 (2.3 … 2.5.1), or "R4" for FHIR
 * @param status          the report status as HL7 table 0123 letters (F, P, C, X …); FHIR codes
 *                        are mapped to them
 * @param sendingFacility MSH-4 (HL7) or the submitting bot's organisation (FHIR)
 * @param nhsNumber       the patient's NHS number (10 digits, modulus-11 valid), or null when absent
 * @param patientIds      every patient identifier sent, as "system|value" (MRN, hospital numbers)
 * @param orderers        the ordering clinicians' identifiers (OBR-16 / ORC-12 / FHIR requester)
 * @param reportedAt      when the lab reported it (OBR-22 / DiagnosticReport.issued), or null
 */
public record ResultReport(
        String sourceId,
        String hl7Version,
        String sendingFacility,
        String lab,
        String nhsNumber,
        List<String> patientIds,
        String patientName,
        String placerOrderNumber,
        String fillerOrderNumber,
        String testCode,
        String testName,
        String specimen,
        String status,
        OffsetDateTime collectedAt,
        OffsetDateTime reportedAt,
        List<Clinician> orderers,
        List<Observation> observations) {

    /**
     * A clinician as a result names them: {@code system} is {@code GMC}, {@code NMC}, {@code HCPC}
     * or a local code system ("LOCAL" or the sender's assigning authority), matched against the
     * professional identifiers on people's profiles.
     */
    public record Clinician(String system, String value, String name) {}

    /**
     * One OBX / Observation.
     *
     * @param abnormalFlags HL7 table 0078 codes as sent (H, L, HH, LL, A, AA, N …); FHIR
     *                      interpretation codes are mapped to the same table
     * @param critical      true for HH, LL, AA (or FHIR critical interpretation): the alert must be acknowledged
     */
    public record Observation(
            String code,
            String name,
            String value,
            String units,
            String referenceRange,
            List<String> abnormalFlags,
            boolean critical,
            String status,
            OffsetDateTime observedAt) {}

    public boolean critical() {
        return observations.stream().anyMatch(Observation::critical);
    }
}
