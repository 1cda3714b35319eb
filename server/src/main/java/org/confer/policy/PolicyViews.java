package org.confer.policy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the policy's admin routes answer (docs/organisation-policy.md). */
final class PolicyViews {
    private PolicyViews() {}

    record TeamRef(UUID id, String name) {}

    /** A stance as an admin reads it: {@code own} when it is set for this organisation, not inherited from the default. */
    record StanceView(String mode, List<TeamRef> teams, boolean own, OffsetDateTime updatedAt) {}

    /** Another organisation: our stance towards it, its stance towards us, and what applies between the two. */
    record OtherOrganisation(UUID id, String code, String name, StanceView ours, StanceView theirs, String effective) {}

    record PolicyView(UUID organisationId, String organisationName, StanceView everyOther, List<OtherOrganisation> organisations) {}

    /** PUT body: {@code otherOrganisationId} null for every other organisation; mode "default" removes the rule. */
    record Change(UUID otherOrganisationId, String mode, List<UUID> teamIds) {}

    record Person(UUID id, String displayName, String organisationName) {}

    /** A conversation or team whose members the policy would no longer bring together. */
    record Conflict(String kind, UUID id, String name, String conversationKind, String teamName, String rule,
                    String ruledBy, String with, List<Person> people, int memberCount) {}

    record Conflicts(List<Conflict> items, boolean truncated) {}
}
