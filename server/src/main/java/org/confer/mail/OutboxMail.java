package org.confer.mail;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of the mail outbox: what was written, and whether (and how often) it was sent. */
public record OutboxMail(UUID id, String toAddress, UUID toUserId, UUID toOrganisationId, String subject, String textBody,
                         String ics, OffsetDateTime createdAt, OffsetDateTime sentAt, int attempts, String lastError) {}
