package org.confer.retention;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What one run did for one organisation: {@code messages} deleted or anonymised, {@code files}
 * removed with them, {@code held} due but kept by a legal hold. {@code trigger} is
 * {@code schedule} or {@code manual}.
 */
record RetentionRun(UUID id, UUID organisationId, String trigger, String action, int days, OffsetDateTime cutoff, int messages,
                    int files, int held, OffsetDateTime startedAt, OffsetDateTime finishedAt) {}
