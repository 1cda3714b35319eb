package org.confer.clinical;

import static org.confer.clinical.Hl7Fields.first;
import static org.confer.clinical.Hl7Fields.orNull;
import static org.confer.clinical.Hl7Fields.text;
import static org.confer.clinical.Hl7Fields.time;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.confer.clinical.Hl7Ack.Code;
import org.confer.clinical.Hl7Ack.Condition;

/**
 * HL7 v2 ORU^R01 (versions 2.3, 2.3.1, 2.4, 2.5, 2.5.1) → one {@link ResultReport} per order
 * (OBR), and the ACK to answer with. Build one per application (it holds HAPI's parser) and share
 * it: {@link #parse} is safe to call from many threads.
 *
 * <p>Every message is read with HAPI's 2.5.1 structures ({@code CanonicalModelClassFactory}),
 * so the older versions' fields land in the same places, and with validation off: a lab's
 * unknown local code or over-long field must not lose a result. What Confer itself requires is
 * checked here instead, and docs/integrations.md ("HL7 v2 over MLLP: what Confer reads") lists
 * it. A message is refused whole or taken whole: never part of it.
 */
public final class Hl7Results {

    /** The result of reading one message. */
    public sealed interface Outcome permits Parsed, Rejected {
        Hl7Header header();
    }

    /** A usable ORU^R01: its header (for the feed lookup and the ACK) and one report per OBR. */
    public record Parsed(Hl7Header header, List<ResultReport> reports) implements Outcome {
        public Parsed {
            reports = List.copyOf(reports);
        }
    }

    /**
     * A message Confer will not store: {@code code} AR (rejected: not an ORU^R01 2.3–2.5.1, not
     * production, unparsable, malformed segments) or AE (well formed but unusable: no patient
     * identifier, an invalid NHS number, an order without results).
     */
    public record Rejected(Code code, Condition condition, String reason, Hl7Header header) implements Outcome {
        /** MSH-10 of the refused message ("" when unreadable), for MSA-2 and the log. */
        public String controlId() {
            return header.controlId();
        }
    }

    static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");

    private final PipeParser parser;
    private final Hl7Ack acks;

    public Hl7Results(Clock clock) {
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        // Labs send OBX-2 types HAPI does not know (or none): read those values as text.
        context.getParserConfiguration().setDefaultObx2Type("ST");
        context.getParserConfiguration().setInvalidObx2Type("ST");
        this.parser = context.getPipeParser();
        this.acks = new Hl7Ack(clock);
    }

    /** Reads a message's bytes in the charset its MSH-18 declares (see {@link Hl7Header#charsetOf}). */
    public Outcome parse(byte[] message) {
        return parse(new String(message, Hl7Header.charsetOf(message)));
    }

    /** Reads one message; segments separated by CR (LF and CRLF are taken as CR too). */
    public Outcome parse(String message) {
        String text = message.replace("\r\n", "\r").replace('\n', '\r');
        Hl7Header header = Hl7Header.read(text);
        Rejected refusal = Hl7Segments.checkHeader(header, text);
        if (refusal != null) {
            return refusal;
        }
        Hl7Segments segments = Hl7Segments.split(text, header);
        refusal = segments.problem();
        if (refusal != null) {
            return refusal;
        }
        Message parsed;
        try {
            parsed = parser.parse(segments.joined());
        } catch (HL7Exception | RuntimeException e) {
            return new Rejected(Code.AR, Condition.DATA_TYPE_ERROR,
                    "unparsable: " + Hl7Ack.safe(String.valueOf(e.getMessage())), header);
        }
        if (!(parsed instanceof ORU_R01 oru)) {
            return new Rejected(Code.AR, Condition.UNSUPPORTED_MESSAGE_TYPE, "unsupported message type", header);
        }
        try {
            return read(oru, header, segments);
        } catch (HL7Exception e) {
            return new Rejected(Code.AR, Condition.DATA_TYPE_ERROR,
                    "unparsable: " + Hl7Ack.safe(String.valueOf(e.getMessage())), header);
        }
    }

    /** The ACK for an outcome: AA for {@link Parsed} (send it only once the reports are stored), else its refusal. */
    public String ack(Outcome outcome) {
        return switch (outcome) {
            case Parsed p -> acks.ack(p.header(), Code.AA, null, "");
            case Rejected r -> acks.ack(r.header(), r.code(), r.condition(), r.reason());
        };
    }

    /** An ACK with the caller's own code and reason (unknown sender, storage failure …). */
    public String ack(Hl7Header original, Code code, Condition condition, String text) {
        return acks.ack(original, code, condition, text);
    }

    /** An ACK for raw message text, even unparsable text: the MSH is read by splitting. */
    public String ack(String original, Code code, Condition condition, String text) {
        return acks.ack(original, code, condition, text);
    }

    /** An ACK for raw bytes, even unparsable ones: the MSH is read by splitting. */
    public String ack(byte[] original, Code code, Condition condition, String text) {
        return acks.ack(Hl7Header.read(original), code, condition, text);
    }

    private Outcome read(ORU_R01 oru, Hl7Header header, Hl7Segments raw) throws HL7Exception {
        if (raw.count("PID") == 0) {
            return ae(Condition.REQUIRED_FIELD_MISSING, "no patient (PID)", header);
        }
        if (raw.count("OBR") == 0) {
            return ae(Condition.REQUIRED_FIELD_MISSING, "no order (OBR)", header);
        }
        if (raw.count("OBX") == 0) {
            return ae(Condition.REQUIRED_FIELD_MISSING, "no results (OBX)", header);
        }
        List<ResultReport> reports = new ArrayList<>();
        int pids = 0;
        int obrs = 0;
        int obxs = 0;
        String msh4 = header.sendingFacility();
        for (int p = 0; p < oru.getPATIENT_RESULTReps(); p++) {
            ORU_R01_PATIENT_RESULT patientResult = oru.getPATIENT_RESULT(p);
            PID pid = patientResult.getPATIENT().getPID();
            if (pid.isEmpty()) {
                return ae(Condition.REQUIRED_FIELD_MISSING, "no patient (PID) before an order", header);
            }
            pids++;
            Patient patient = patient(pid);
            if (patient.problem() != null) {
                return ae(patient.problemCondition(), patient.problem(), header);
            }
            if (patientResult.getORDER_OBSERVATIONReps() == 0) {
                // There are OBRs (checked above), just not after this PID: they are out of place.
                return ar(Condition.SEGMENT_SEQUENCE_ERROR, "no order (OBR) after patient " + (p + 1), header);
            }
            for (int o = 0; o < patientResult.getORDER_OBSERVATIONReps(); o++) {
                ORU_R01_ORDER_OBSERVATION order = patientResult.getORDER_OBSERVATION(o);
                if (order.getOBR().isEmpty()) {
                    return ar(Condition.SEGMENT_SEQUENCE_ERROR, "OBX or ORC outside an order (no OBR before it)", header);
                }
                obrs++;
                List<ResultReport.Observation> observations = new ArrayList<>();
                String lab = "";
                for (int x = 0; x < order.getOBSERVATIONReps(); x++) {
                    ORU_R01_OBSERVATION observation = order.getOBSERVATION(x);
                    OBX obx = observation.getOBX();
                    if (obx.isEmpty()) {
                        continue;
                    }
                    obxs++;
                    observations.add(observation(obx, header.escapeCharacter()));
                    lab = first(lab, text(obx, 23, 1));
                }
                String spmSpecimen = "";
                for (int s = 0; s < order.getSPECIMENReps(); s++) {
                    spmSpecimen = first(spmSpecimen, text(order.getSPECIMEN(s).getSPM(), 4, 0, 2, 1),
                            text(order.getSPECIMEN(s).getSPM(), 4, 0, 1, 1));
                    obxs += order.getSPECIMEN(s).getOBXReps(); // specimen facts, not results
                }
                if (observations.isEmpty()) {
                    return ae(Condition.REQUIRED_FIELD_MISSING, "order " + (obrs) + " (OBR) has no results (OBX)", header);
                }
                reports.add(report(header, order, patient, observations, first(lab, msh4), spmSpecimen));
            }
        }
        if (reports.isEmpty()) {
            return ae(Condition.REQUIRED_FIELD_MISSING, "no order (OBR)", header);
        }
        // Every PID, OBR and OBX on the wire must have landed where a result is read from; one
        // that HAPI had to put elsewhere means the message is not the shape it claims.
        if (pids != raw.count("PID") || obrs != raw.count("OBR") || obxs != raw.count("OBX")) {
            return ar(Condition.SEGMENT_SEQUENCE_ERROR, "segments out of order (PID, OBR, OBX)", header);
        }
        if (reports.size() > 1) {
            List<ResultReport> numbered = new ArrayList<>();
            for (int i = 0; i < reports.size(); i++) {
                numbered.add(withSourceId(reports.get(i), header.controlId() + "/" + (i + 1)));
            }
            reports = numbered;
        }
        return new Parsed(header, reports);
    }

    private ResultReport report(Hl7Header header, ORU_R01_ORDER_OBSERVATION order, Patient patient,
            List<ResultReport.Observation> observations, String lab, String spmSpecimen) throws HL7Exception {
        OBR obr = order.getOBR();
        ORC orc = order.getORC();
        Map<String, ResultReport.Clinician> orderers = new LinkedHashMap<>();
        for (ResultReport.Clinician c : Hl7Fields.clinicians(obr, 16)) {
            orderers.putIfAbsent(c.system() + "|" + c.value(), c);
        }
        if (!orc.isEmpty()) {
            for (ResultReport.Clinician c : Hl7Fields.clinicians(orc, 12)) {
                orderers.putIfAbsent(c.system() + "|" + c.value(), c);
            }
        }
        String specimen = first(spmSpecimen, text(obr, 15, 0, 1, 2), text(obr, 15, 0, 1, 1));
        return new ResultReport(
                header.controlId(),
                header.version(),
                orNull(header.sendingFacility()),
                orNull(lab),
                patient.nhsNumber(),
                patient.ids(),
                patient.name(),
                orNull(first(text(obr, 2, 1), orc.isEmpty() ? "" : text(orc, 2, 1))),
                orNull(first(text(obr, 3, 1), orc.isEmpty() ? "" : text(orc, 3, 1))),
                orNull(text(obr, 4, 1)),
                orNull(first(text(obr, 4, 2), text(obr, 4, 1))),
                orNull(specimen),
                orNull(text(obr, 25, 1)),
                time(text(obr, 7, 1)),
                time(text(obr, 22, 1)),
                List.copyOf(orderers.values()),
                List.copyOf(observations));
    }

    private static ResultReport.Observation observation(OBX obx, char escape) throws HL7Exception {
        List<String> flags = Hl7Fields.flags(obx);
        boolean critical = flags.contains("HH") || flags.contains("LL") || flags.contains("AA");
        return new ResultReport.Observation(
                orNull(text(obx, 3, 1)),
                orNull(first(text(obx, 3, 2), text(obx, 3, 1))),
                orNull(Hl7Fields.value(obx, escape)),
                orNull(first(text(obx, 6, 1), text(obx, 6, 2))),
                orNull(text(obx, 7, 1)),
                flags,
                critical,
                orNull(text(obx, 11, 1)),
                time(text(obx, 14, 1)));
    }

    /** The patient of a PID: identifiers of PID-3 (and PID-2, where old UK feeds put the NHS number). */
    private record Patient(String nhsNumber, List<String> ids, String name, Condition problemCondition, String problem) {}

    private static Patient patient(PID pid) throws HL7Exception {
        List<String> ids = new ArrayList<>();
        String nhs = null;
        for (int field : new int[] {3, 2}) {
            for (int rep = 0; rep < Hl7Fields.reps(pid, field); rep++) {
                String value = text(pid, field, rep, 1, 1);
                if (value.isEmpty()) {
                    continue;
                }
                String authority = text(pid, field, rep, 4, 1);
                String universal = text(pid, field, rep, 4, 2);
                String type = text(pid, field, rep, 5, 1);
                if (Hl7Fields.isNhsNumber(authority, universal, type)) {
                    String valid = NhsNumber.normalise(value).orElse(null);
                    if (valid == null) {
                        return new Patient(null, ids, null, Condition.DATA_TYPE_ERROR,
                                "invalid NHS number in PID-" + field + " (modulus 11)");
                    }
                    if (nhs != null && !nhs.equals(valid)) {
                        return new Patient(null, ids, null, Condition.DATA_TYPE_ERROR,
                                "two different NHS numbers in PID-" + field);
                    }
                    nhs = valid;
                    String id = NhsNumber.SYSTEM + "|" + valid;
                    if (!ids.contains(id)) {
                        ids.add(id);
                    }
                } else {
                    String system = first(authority, universal, type, "LOCAL").toUpperCase(Locale.ROOT);
                    ids.add(system + "|" + value);
                }
            }
        }
        if (ids.isEmpty()) {
            return new Patient(null, ids, null, Condition.REQUIRED_FIELD_MISSING, "no patient identifier (PID-3)");
        }
        return new Patient(nhs, List.copyOf(ids), Hl7Fields.patientName(pid), null, null);
    }

    private static ResultReport withSourceId(ResultReport r, String sourceId) {
        return new ResultReport(sourceId, r.hl7Version(), r.sendingFacility(), r.lab(), r.nhsNumber(),
                r.patientIds(), r.patientName(), r.placerOrderNumber(), r.fillerOrderNumber(), r.testCode(),
                r.testName(), r.specimen(), r.status(), r.collectedAt(), r.reportedAt(), r.orderers(),
                r.observations());
    }

    private static Rejected ae(Condition condition, String reason, Hl7Header header) {
        return new Rejected(Code.AE, condition, reason, header);
    }

    private static Rejected ar(Condition condition, String reason, Hl7Header header) {
        return new Rejected(Code.AR, condition, reason, header);
    }
}
