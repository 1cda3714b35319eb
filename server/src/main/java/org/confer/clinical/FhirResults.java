package org.confer.clinical;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;

/**
 * FHIR R4 DiagnosticReport (with its Observations contained, or beside it in a transaction or
 * collection Bundle) → {@link ResultReport}, or the reasons it was refused as an
 * OperationOutcome. Build one per application and share it: the FhirContext it holds takes
 * seconds to build and is thread-safe; a parser is made per call (parsers are not).
 *
 * <p>Parsing is strict ({@link StrictErrorHandler}): an unknown element is refused rather than
 * skipped, because a misspelt element ("interpretaton") would otherwise silently drop a
 * critical flag. The rules Confer adds on top of FHIR's own are listed in docs/integrations.md
 * ("FHIR R4: what Confer reads").
 */
public final class FhirResults {

    /** The outcome of reading one request body. */
    public sealed interface Outcome permits Parsed, Invalid {}

    public record Parsed(ResultReport report) implements Outcome {}

    /**
     * Refused: every problem found ({@code issues}) and the same as an OperationOutcome JSON
     * document, ready to send with status 400 (structure) or 422 (rules).
     */
    public record Invalid(List<Issue> issues, String operationOutcome) implements Outcome {
        public Invalid {
            issues = List.copyOf(issues);
        }
    }

    /**
     * One OperationOutcome issue (severity error).
     *
     * @param code        FHIR IssueType: {@code structure} (not JSON, not FHIR), {@code required}
     *                    (missing), {@code invalid} (present but wrong)
     * @param expression  FHIRPath of the offending element, e.g. {@code DiagnosticReport.subject}
     */
    public record Issue(String code, String diagnostics, String expression) {}

    private final FhirContext context;

    public FhirResults() {
        this.context = FhirContext.forR4();
    }

    /**
     * Reads a request body. {@code sendingFacility} is who submitted it (the bot's organisation),
     * copied into the report because FHIR has no MSH-4.
     */
    public Outcome parse(String json, String sendingFacility) {
        IBaseResource resource;
        try {
            IParser parser = context.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
            resource = parser.parseResource(json);
        } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
            return invalid(List.of(new Issue("structure", "not a FHIR R4 JSON resource: " + brief(e.getMessage()), "")));
        }
        Map<String, Resource> index = new LinkedHashMap<>();
        DiagnosticReport report;
        if (resource instanceof DiagnosticReport r) {
            report = r;
        } else if (resource instanceof Bundle bundle) {
            List<Issue> problems = new ArrayList<>();
            report = fromBundle(bundle, index, problems);
            if (report == null) {
                return invalid(problems);
            }
        } else {
            return invalid(List.of(new Issue("invalid", "expected a DiagnosticReport (or a transaction or collection "
                    + "Bundle holding one), got " + resource.fhirType(), resource.fhirType())));
        }
        for (Resource contained : report.getContained()) {
            String id = contained.getIdElement().getIdPart();
            if (id != null) {
                index.put("#" + id.replaceFirst("^#", ""), contained);
            }
        }
        return new FhirReport(report, index, sendingFacility).read();
    }

    /** A one-issue OperationOutcome as JSON, for the route's own refusals (wrong scope, too large …). */
    public String outcome(String severity, String code, String diagnostics, String expression) {
        OperationOutcome outcome = new OperationOutcome();
        addIssue(outcome, severity, code, diagnostics, expression);
        return context.newJsonParser().encodeResourceToString(outcome);
    }

    Invalid invalid(List<Issue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (Issue i : issues) {
            addIssue(outcome, "error", i.code(), i.diagnostics(), i.expression());
        }
        return new Invalid(issues, context.newJsonParser().encodeResourceToString(outcome));
    }

    private static void addIssue(OperationOutcome outcome, String severity, String code, String diagnostics,
            String expression) {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.fromCode(severity))
                .setCode(OperationOutcome.IssueType.fromCode(code))
                .setDiagnostics(diagnostics);
        if (expression != null && !expression.isEmpty()) {
            issue.addExpression(expression);
        }
    }

    private static DiagnosticReport fromBundle(Bundle bundle, Map<String, Resource> index, List<Issue> problems) {
        if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.COLLECTION) {
            problems.add(new Issue("invalid", "a Bundle must be of type transaction or collection", "Bundle.type"));
            return null;
        }
        List<DiagnosticReport> reports = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource r = entry.getResource();
            if (r == null) {
                continue;
            }
            if (entry.hasFullUrl()) {
                index.put(entry.getFullUrl(), r);
            }
            if (r.getIdElement().hasIdPart()) {
                index.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
            if (r instanceof DiagnosticReport d) {
                reports.add(d);
            }
        }
        if (reports.size() != 1) {
            problems.add(new Issue(reports.isEmpty() ? "required" : "invalid",
                    "a Bundle must hold exactly one DiagnosticReport (found " + reports.size() + ")", "Bundle.entry"));
            return null;
        }
        return reports.getFirst();
    }

    private static String brief(String message) {
        String m = message == null ? "" : message.replaceAll("\\s+", " ");
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    /** The rules, applied to one DiagnosticReport and the resources it may refer to. */
    private final class FhirReport {
        private final DiagnosticReport report;
        private final Map<String, Resource> index;
        private final String sendingFacility;
        private final List<Issue> issues = new ArrayList<>();

        FhirReport(DiagnosticReport report, Map<String, Resource> index, String sendingFacility) {
            this.report = report;
            this.index = index;
            this.sendingFacility = sendingFacility;
        }

        Outcome read() {
            if (!report.hasStatus()) {
                issues.add(new Issue("required", "status is required", "DiagnosticReport.status"));
            }
            if (FhirReads.text(report.getCode()).isEmpty()) {
                issues.add(new Issue("required", "code is required (the test)", "DiagnosticReport.code"));
            }
            Identifier id = report.getIdentifier().stream()
                    .filter(i -> i.hasSystem() && i.hasValue()).findFirst().orElse(null);
            if (id == null) {
                issues.add(new Issue("required", "an identifier with system and value is required (it makes a resend "
                        + "recognisable)", "DiagnosticReport.identifier"));
            }
            FhirPatient patient = FhirPatient.of(report.getSubject(), this::resolve, issues);
            List<ResultReport.Observation> observations = observations();
            if (!issues.isEmpty()) {
                return invalid(issues);
            }
            return new Parsed(new ResultReport(
                    id.getSystem() + "|" + id.getValue(),
                    "R4",
                    sendingFacility,
                    lab(),
                    patient.nhsNumber(),
                    patient.ids(),
                    patient.name(),
                    placerOrderNumber(),
                    id.getValue(),
                    Hl7Fields.orNull(FhirReads.code(report.getCode())),
                    Hl7Fields.orNull(FhirReads.text(report.getCode())),
                    specimen(),
                    FhirReads.status(report.hasStatus() ? report.getStatus().toCode() : null),
                    FhirReads.time(report.getEffective()),
                    report.hasIssued() ? FhirReads.time(report.getIssuedElement()) : null,
                    FhirOrderers.of(report, this::resolve),
                    observations));
        }

        private List<ResultReport.Observation> observations() {
            List<ResultReport.Observation> out = new ArrayList<>();
            boolean anyValue = false;
            for (int i = 0; i < report.getResult().size(); i++) {
                String where = "DiagnosticReport.result[" + i + "]";
                if (!(resolve(report.getResult().get(i)) instanceof Observation o)) {
                    issues.add(new Issue("invalid", "result " + i + " is not an Observation contained in the report "
                            + "or in the Bundle", where));
                    continue;
                }
                if (FhirReads.text(o.getCode()).isEmpty()) {
                    issues.add(new Issue("required", "the Observation's code is required", where + ".code"));
                    continue;
                }
                String value = FhirReads.value(o.getValue());
                anyValue |= !value.isEmpty();
                List<String> flags = FhirReads.flags(o);
                out.add(new ResultReport.Observation(
                        Hl7Fields.orNull(FhirReads.code(o.getCode())),
                        FhirReads.text(o.getCode()),
                        Hl7Fields.orNull(value),
                        Hl7Fields.orNull(FhirReads.units(o.getValue())),
                        Hl7Fields.orNull(FhirReads.referenceRange(o)),
                        flags,
                        flags.contains("HH") || flags.contains("LL") || flags.contains("AA"),
                        FhirReads.status(o.hasStatus() ? o.getStatus().toCode() : null),
                        FhirReads.time(o.getEffective())));
            }
            if (!anyValue && issues.stream().noneMatch(x -> x.expression().startsWith("DiagnosticReport.result"))) {
                issues.add(new Issue("required", "at least one result Observation with a value is required",
                        "DiagnosticReport.result"));
            }
            return out;
        }

        private String lab() {
            for (Reference ref : report.getPerformer()) {
                if (resolve(ref) instanceof Organization org && org.hasName()) {
                    return org.getName();
                }
                // A display alone ({"display": "Northgate Pathology"}) names an organisation unless
                // the reference or identifier says it is a person.
                boolean organisation = ref.getReference() == null || ref.getReference().startsWith("Organization");
                boolean person = ref.hasIdentifier() && FhirReads.isProfessional(ref.getIdentifier());
                if (ref.hasDisplay() && organisation && !person && resolve(ref) == null) {
                    return ref.getDisplay();
                }
            }
            return null;
        }

        private String specimen() {
            for (Reference ref : report.getSpecimen()) {
                if (resolve(ref) instanceof Specimen s && s.hasType()) {
                    return Hl7Fields.orNull(FhirReads.text(s.getType()));
                }
            }
            return null;
        }

        private String placerOrderNumber() {
            for (Reference ref : report.getBasedOn()) {
                if (resolve(ref) instanceof ServiceRequest sr) {
                    for (Identifier i : sr.getIdentifier()) {
                        if (i.hasValue()) {
                            return i.getValue();
                        }
                    }
                }
            }
            return null;
        }

        private Resource resolve(Reference ref) {
            if (ref == null || ref.isEmpty()) {
                return null;
            }
            if (ref.getResource() instanceof Resource r) {
                return r;
            }
            String target = ref.getReference();
            return target == null ? null : index.get(target);
        }
    }
}
