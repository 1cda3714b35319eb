package org.confer.clinical;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Who ordered a FHIR result. First the requester of each {@code basedOn} ServiceRequest (a
 * Practitioner, a PractitionerRole's practitioner, or a logical identifier) — that is the
 * clinician who asked. Only when there is none: {@code resultsInterpreter} then
 * {@code performer}, and only Practitioners with a GMC, NMC or HCPC number — a performer is
 * usually the lab itself, and alerting a lab scientist's local id would route a result to the
 * wrong person.
 */
final class FhirOrderers {

    private FhirOrderers() {}

    static List<ResultReport.Clinician> of(DiagnosticReport report, Function<Reference, Resource> resolve) {
        Map<String, ResultReport.Clinician> out = new LinkedHashMap<>();
        for (Reference basedOn : report.getBasedOn()) {
            if (resolve.apply(basedOn) instanceof ServiceRequest request && request.hasRequester()) {
                Reference requester = request.getRequester();
                Practitioner p = practitioner(resolve.apply(requester), resolve);
                ResultReport.Clinician c = p == null ? null : FhirReads.clinician(p, false);
                if (c == null && requester.hasIdentifier() && requester.getIdentifier().hasValue()) {
                    c = FhirReads.clinician(requester.getIdentifier(), requester.hasDisplay() ? requester.getDisplay() : null);
                }
                add(out, c);
            }
        }
        if (!out.isEmpty()) {
            return List.copyOf(out.values());
        }
        for (List<Reference> refs : List.of(report.getResultsInterpreter(), report.getPerformer())) {
            for (Reference ref : refs) {
                Practitioner p = practitioner(resolve.apply(ref), resolve);
                if (p != null) {
                    add(out, FhirReads.clinician(p, true));
                } else if (ref.hasIdentifier() && FhirReads.isProfessional(ref.getIdentifier())
                        && ref.getIdentifier().hasValue()) {
                    add(out, FhirReads.clinician(ref.getIdentifier(), ref.hasDisplay() ? ref.getDisplay() : null));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** A Practitioner, or a PractitionerRole's practitioner; null for anything else (an Organization). */
    private static Practitioner practitioner(Resource r, Function<Reference, Resource> resolve) {
        if (r instanceof Practitioner p) {
            return p;
        }
        if (r instanceof PractitionerRole role && resolve.apply(role.getPractitioner()) instanceof Practitioner p) {
            return p;
        }
        return null;
    }

    private static void add(Map<String, ResultReport.Clinician> out, ResultReport.Clinician c) {
        if (c != null) {
            out.putIfAbsent(c.system() + "|" + c.value(), c);
        }
    }
}
