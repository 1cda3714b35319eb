package org.confer.clinical;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/** Reading FHIR R4 values into the plain text and times of a {@link ResultReport}. */
final class FhirReads {

    static final String GMC = "https://fhir.hl7.org.uk/Id/gmc-number";
    static final String NMC = "https://fhir.hl7.org.uk/Id/nmc-number";
    static final String HCPC = "https://fhir.hl7.org.uk/Id/hcpc-number";
    private static final Map<String, String> PROFESSIONAL = Map.of(GMC, "GMC", NMC, "NMC", HCPC, "HCPC");

    /** Interpretation systems whose codes are HL7 table 0078's (v3 ObservationInterpretation, and v2's own). */
    private static final Set<String> INTERPRETATION_SYSTEMS = Set.of(
            "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
            "http://hl7.org/fhir/v2/0078", "http://terminology.hl7.org/CodeSystem/v2-0078");
    private static final Set<String> FLAGS = Set.of("HH", "LL", "AA", "H", "L", "A", "N");

    private FhirReads() {}

    /** Text of a concept: its text, else the first coding's display, else its code. */
    static String text(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return "";
        }
        if (concept.hasText()) {
            return concept.getText().strip();
        }
        for (Coding c : concept.getCoding()) {
            if (c.hasDisplay()) {
                return c.getDisplay().strip();
            }
        }
        return code(concept);
    }

    static String code(CodeableConcept concept) {
        for (Coding c : concept.getCoding()) {
            if (c.hasCode()) {
                return c.getCode().strip();
            }
        }
        return "";
    }

    /** An Observation's value as text, or "" when it has none (dataAbsentReason). */
    static String value(Type value) {
        return switch (value) {
            case null -> "";
            case Quantity q -> q.hasValue() ? (q.hasComparator() ? q.getComparator().toCode() : "")
                    + q.getValue().toPlainString() : "";
            case StringType s -> s.getValueNotNull().strip();
            case CodeableConcept c -> text(c);
            case IntegerType i -> i.hasValue() ? i.getValue().toString() : "";
            case BooleanType b -> b.hasValue() ? (b.booleanValue() ? "Yes" : "No") : "";
            case Range r -> range(r);
            case Ratio r -> r.hasNumerator() && r.hasDenominator()
                    ? value(r.getNumerator()) + ":" + value(r.getDenominator()) : "";
            case DateTimeType d -> d.getValueAsString() == null ? "" : d.getValueAsString();
            case Period p -> p.hasStart() ? p.getStartElement().getValueAsString() : "";
            default -> value.isPrimitive() && value.primitiveValue() != null ? value.primitiveValue() : "";
        };
    }

    static String units(Type value) {
        if (value instanceof Quantity q) {
            return q.hasUnit() ? q.getUnit() : q.hasCode() ? q.getCode() : "";
        }
        return "";
    }

    /** The first reference range as HL7 writes it: its text, or "low-high", ">=low", "<=high". */
    static String referenceRange(Observation o) {
        if (!o.hasReferenceRange()) {
            return "";
        }
        Observation.ObservationReferenceRangeComponent r = o.getReferenceRangeFirstRep();
        if (r.hasText()) {
            return r.getText();
        }
        String low = r.hasLow() && r.getLow().hasValue() ? r.getLow().getValue().toPlainString() : "";
        String high = r.hasHigh() && r.getHigh().hasValue() ? r.getHigh().getValue().toPlainString() : "";
        if (!low.isEmpty() && !high.isEmpty()) {
            return low + "-" + high;
        }
        return !low.isEmpty() ? ">=" + low : !high.isEmpty() ? "<=" + high : "";
    }

    private static String range(Range r) {
        String low = r.hasLow() ? value(r.getLow()) : "";
        String high = r.hasHigh() ? value(r.getHigh()) : "";
        return low.isEmpty() && high.isEmpty() ? "" : low + "-" + high;
    }

    /** Interpretation codes HH, LL, AA, H, L, A, N (table 0078), in order, without repeats. */
    static List<String> flags(Observation o) {
        Set<String> out = new LinkedHashSet<>();
        for (CodeableConcept concept : o.getInterpretation()) {
            for (Coding c : concept.getCoding()) {
                String code = c.hasCode() ? c.getCode().strip().toUpperCase(Locale.ROOT) : "";
                boolean knownSystem = !c.hasSystem() || INTERPRETATION_SYSTEMS.contains(c.getSystem());
                if (knownSystem && FLAGS.contains(code)) {
                    out.add(code);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * A FHIR date/time as an instant: with its offset when it has a time (FHIR requires one
     * then); a date alone is midnight UK time; a year or a month alone is too vague (null).
     */
    static OffsetDateTime time(BaseDateTimeType t) {
        if (t == null || t.isEmpty() || t.getValueAsString() == null) {
            return null;
        }
        String s = t.getValueAsString();
        try {
            if (s.contains("T")) {
                return OffsetDateTime.parse(s.replace("Z", "+00:00"));
            }
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(Hl7Fields.LOCAL_TIME).toOffsetDateTime() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static OffsetDateTime time(Type effective) {
        return switch (effective) {
            case DateTimeType d -> time(d);
            case InstantType i -> time(i);
            case Period p -> p.hasStart() ? time(p.getStartElement()) : null;
            case null, default -> null;
        };
    }

    /** "FAMILY, Given" (the NHS patient banner's form). */
    static String patientName(List<HumanName> names) {
        if (names.isEmpty()) {
            return null;
        }
        HumanName n = names.getFirst();
        String family = n.hasFamily() ? n.getFamily().strip().toUpperCase(Locale.ROOT) : "";
        String given = n.getGiven().stream().map(StringType::getValue).filter(v -> v != null && !v.isBlank())
                .reduce((a, b) -> a + " " + b).orElse("");
        if (family.isEmpty()) {
            return given.isEmpty() ? (n.hasText() ? n.getText() : null) : given;
        }
        return given.isEmpty() ? family : family + ", " + given;
    }

    /**
     * A practitioner as a {@link ResultReport.Clinician}: by a GMC, NMC or HCPC number when it has
     * one, else by its first identifier (system LOCAL); null when it has no identifier at all.
     */
    static ResultReport.Clinician clinician(Practitioner p, boolean professionalOnly) {
        Identifier chosen = null;
        for (Identifier id : p.getIdentifier()) {
            if (id.hasValue() && PROFESSIONAL.containsKey(id.getSystem())) {
                chosen = id;
                break;
            }
        }
        if (chosen == null && !professionalOnly) {
            chosen = p.getIdentifier().stream().filter(Identifier::hasValue).findFirst().orElse(null);
        }
        if (chosen == null) {
            return null;
        }
        return clinician(chosen, practitionerName(p));
    }

    static ResultReport.Clinician clinician(Identifier id, String name) {
        return new ResultReport.Clinician(PROFESSIONAL.getOrDefault(id.getSystem(), "LOCAL"), id.getValue().strip(), name);
    }

    static boolean isProfessional(Identifier id) {
        return PROFESSIONAL.containsKey(id.getSystem());
    }

    private static String practitionerName(Practitioner p) {
        if (!p.hasName()) {
            return null;
        }
        HumanName n = p.getNameFirstRep();
        List<String> parts = new ArrayList<>();
        n.getPrefix().forEach(x -> parts.add(x.getValue()));
        n.getGiven().forEach(x -> parts.add(x.getValue()));
        if (n.hasFamily()) {
            parts.add(n.getFamily());
        }
        parts.removeIf(x -> x == null || x.isBlank());
        return parts.isEmpty() ? (n.hasText() ? n.getText() : null) : String.join(" ", parts);
    }

    /**
     * A FHIR DiagnosticReport or Observation status as HL7 writes it (tables 0123/0085), so a
     * result reads the same whichever way it came: final F, preliminary/partial P,
     * amended/corrected/appended C, cancelled X, entered-in-error W, registered I.
     */
    static String status(String fhirCode) {
        if (fhirCode == null) {
            return null;
        }
        return switch (fhirCode) {
            case "final" -> "F";
            case "preliminary", "partial" -> "P";
            case "amended", "corrected", "appended" -> "C";
            case "cancelled" -> "X";
            case "entered-in-error" -> "W";
            case "registered" -> "I";
            default -> null;
        };
    }
}
