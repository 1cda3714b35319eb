package org.confer.chat;

import java.util.UUID;

/** One person in a team and what they may do there. */
public record TeamMember(UUID userId, TeamRole role) {}
