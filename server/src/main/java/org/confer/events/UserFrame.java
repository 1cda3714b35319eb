package org.confer.events;

import java.util.UUID;

/** A persisted event addressed to one user (userSeq), encoded once. */
public record UserFrame(UUID userId, long userSeq, String frame) {}
