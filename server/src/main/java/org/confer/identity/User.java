package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An account: a person, or a bot ({@code bot}: users.kind = 'bot', written only by the bots
 * feature; docs/bots-and-results.md). The password hash never leaves the identity package.
 */
public record User(
        UUID id,
        UUID organisationId,
        String email,
        String displayName,
        String jobTitle,
        String department,
        Role role,
        UserStatus status,
        OffsetDateTime createdAt,
        boolean bot) {

    /** A person. */
    public User(UUID id, UUID organisationId, String email, String displayName, String jobTitle, String department,
                Role role, UserStatus status, OffsetDateTime createdAt) {
        this(id, organisationId, email, displayName, jobTitle, department, role, status, createdAt, false);
    }
}
