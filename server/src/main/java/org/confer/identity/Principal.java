package org.confer.identity;

import java.util.UUID;

/**
 * Who is making the current request: a person resolved from a live session, or a bot from its
 * token (docs/bots-and-results.md).
 *
 * @param viaCookie true when the session came from the browser cookie, which makes unsafe
 *                  requests subject to the CSRF check
 * @param bot       null for a person; for a bot, its token's scopes and conversation allow-list
 * @param guest     null for a person or bot; for a visit's guest, what its guest session allows
 *                  (accepted only at the guest paths: docs/virtual-visits.md, "Joining")
 */
public record Principal(UUID userId, UUID organisationId, Role role, UUID sessionId, boolean viaCookie, BotGrant bot,
                        GuestPass guest) {

    /** A person. */
    public Principal(UUID userId, UUID organisationId, Role role, UUID sessionId, boolean viaCookie) {
        this(userId, organisationId, role, sessionId, viaCookie, null, null);
    }

    /** A person or a bot. */
    public Principal(UUID userId, UUID organisationId, Role role, UUID sessionId, boolean viaCookie, BotGrant bot) {
        this(userId, organisationId, role, sessionId, viaCookie, bot, null);
    }

    /** A visit's guest: never an administrator; its session is a guest session. */
    public static Principal ofGuest(UUID guestUserId, UUID organisationId, UUID guestSessionId, boolean viaCookie, GuestPass pass) {
        return new Principal(guestUserId, organisationId, Role.MEMBER, guestSessionId, viaCookie, null, pass);
    }

    public boolean isGuest() {
        return guest != null;
    }

    /** A bot: never an administrator, never a session, never a cookie. */
    public static Principal ofBot(UUID botUserId, UUID organisationId, BotGrant grant) {
        return new Principal(botUserId, organisationId, Role.MEMBER, null, false, grant);
    }

    public boolean isBot() {
        return bot != null;
    }

    public boolean isPlatformAdmin() {
        return role == Role.PLATFORM_ADMIN;
    }

    /** Whether this principal may manage users of {@code organisation}. */
    public boolean administers(UUID organisation) {
        return role == Role.PLATFORM_ADMIN || (role == Role.ORG_ADMIN && organisationId.equals(organisation));
    }
}
