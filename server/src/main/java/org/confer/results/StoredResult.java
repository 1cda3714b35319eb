package org.confer.results;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.confer.clinical.ResultReport;

/** A result as stored: the report, where it came from, and its acknowledgement. */
public record StoredResult(UUID id, UUID organisationId, String source, ResultReport report, boolean critical,
                           OffsetDateTime receivedAt, UUID acknowledgedBy, OffsetDateTime acknowledgedAt) {}
