package org.confer.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * What a visit's guest session allows (docs/virtual-visits.md, "Joining"): that one visit, until
 * {@code until} (the visit's end plus the grace period).
 */
public record GuestPass(UUID visitId, Instant until) {}
