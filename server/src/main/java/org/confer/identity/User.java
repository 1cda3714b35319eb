package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A person with an account. The password hash never leaves the identity package. */
public record User(
        UUID id,
        UUID organisationId,
        String email,
        String displayName,
        String jobTitle,
        String department,
        Role role,
        UserStatus status,
        OffsetDateTime createdAt) {}
