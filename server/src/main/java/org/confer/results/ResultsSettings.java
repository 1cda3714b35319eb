package org.confer.results;

import java.time.Duration;

/**
 * The results feature's settings (docs/operations.md): the HL7 listener and how often the
 * escalation timer looks for due escalations, pending alerts and urgent acknowledgements.
 */
public record ResultsSettings(MllpSettings mllp, Duration tick) {}
