package org.confer.identity;

import java.util.UUID;

/**
 * Who is making the current request, resolved from a live session.
 *
 * @param viaCookie true when the session came from the browser cookie, which makes unsafe
 *                  requests subject to the CSRF check
 */
public record Principal(UUID userId, UUID organisationId, Role role, UUID sessionId, boolean viaCookie) {

    public boolean isPlatformAdmin() {
        return role == Role.PLATFORM_ADMIN;
    }

    /** Whether this principal may manage users of {@code organisation}. */
    public boolean administers(UUID organisation) {
        return role == Role.PLATFORM_ADMIN || (role == Role.ORG_ADMIN && organisationId.equals(organisation));
    }
}
