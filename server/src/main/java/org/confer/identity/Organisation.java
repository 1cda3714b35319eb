package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A health or care organisation (trust, practice, pathology network), identified by an ODS-style code. */
public record Organisation(UUID id, String code, String name, OffsetDateTime createdAt) {}
