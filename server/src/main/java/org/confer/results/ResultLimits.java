package org.confer.results;

import org.confer.clinical.ResultReport;

/**
 * The sizes V15's columns hold. A report that does not fit is refused as a whole (AE / 422), never
 * truncated: a clipped value could change its clinical meaning.
 */
final class ResultLimits {
    /** More observations than any panel a lab sends (a full blood count is about 20). */
    static final int MAX_OBSERVATIONS = 200;

    private ResultLimits() {}

    static void check(ResultReport r) {
        fits("source id", r.sourceId(), 400, true);
        fits("lab", r.lab(), 200, false);
        fits("patient name", r.patientName(), 300, false);
        fits("placer order number", r.placerOrderNumber(), 200, false);
        fits("filler order number", r.fillerOrderNumber(), 200, false);
        fits("test code", r.testCode(), 200, false);
        fits("test name", r.testName(), 300, false);
        fits("specimen", r.specimen(), 300, false);
        fits("status", r.status(), 32, false);
        if (r.nhsNumber() != null && !r.nhsNumber().matches("[0-9]{10}")) {
            throw new ResultIntake.Refused("the NHS number must be 10 digits");
        }
        if (r.patientIds() != null && String.join("\n", r.patientIds()).length() > 2000) {
            throw new ResultIntake.Refused("too many patient identifiers");
        }
        if (r.orderers() != null && r.orderers().size() > 20) {
            throw new ResultIntake.Refused("more than 20 ordering clinicians");
        }
        if (r.observations() == null || r.observations().isEmpty()) {
            throw new ResultIntake.Refused("the report has no observations");
        }
        if (r.observations().size() > MAX_OBSERVATIONS) {
            throw new ResultIntake.Refused("more than " + MAX_OBSERVATIONS + " observations");
        }
        for (ResultReport.Observation o : r.observations()) {
            fits("observation code", o.code(), 200, false);
            fits("observation name", o.name(), 300, false);
            fits("observation value", o.value(), 2000, false);
            fits("units", o.units(), 100, false);
            fits("reference range", o.referenceRange(), 200, false);
            fits("observation status", o.status(), 32, false);
            if (o.abnormalFlags() != null && String.join(",", o.abnormalFlags()).length() > 100) {
                throw new ResultIntake.Refused("too many abnormal flags");
            }
        }
    }

    private static void fits(String what, String value, int max, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw new ResultIntake.Refused("the " + what + " is missing");
            }
            return;
        }
        if (value.length() > max) {
            throw new ResultIntake.Refused("the " + what + " is longer than " + max + " characters");
        }
    }
}
