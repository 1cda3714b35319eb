package org.confer.identity;

import java.util.Optional;

/**
 * Resolves a visit guest's token ({@value #PREFIX}…) to its principal, implemented by the visits
 * feature. The authenticator asks it only at the guest paths: anywhere else a guest token is an
 * unknown token.
 */
@FunctionalInterface
public interface GuestTokenResolver {
    String PREFIX = "cg_";

    /** The guest, while its session is live (not expired, not revoked, its visit not cancelled). */
    Optional<Principal> resolve(String token, boolean viaCookie);

    /** When a live guest session ends (a guest's stream is closed then); empty when it is not one, or has ended. */
    default Optional<java.time.Instant> liveUntil(java.util.UUID sessionId) {
        return Optional.empty();
    }
}
