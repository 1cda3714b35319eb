package org.confer.calls;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What the meetings feature tells calls about one occurrence of a meeting someone asks to join:
 * which conversation carries it, who hosts it (organiser and presenters: they bypass the lobby and
 * admit or deny), who may bypass the lobby under its policy, and the occurrence's start (a denial
 * or removal holds for that occurrence). The meetings feature has already checked that the person
 * may join at all (invited, or a member of its conversation).
 */
public record MeetingAccess(UUID meetingId, Instant occurrenceStart, UUID conversationId, String title, String media,
                            LobbyPolicy lobby, UUID organiserId, UUID organiserOrganisationId, Set<UUID> presenters,
                            Set<UUID> namedInvitees) {}
