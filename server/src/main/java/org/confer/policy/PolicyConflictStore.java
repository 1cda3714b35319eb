package org.confer.policy;

import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.TEAMS;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;
import static org.confer.db.schema.Tables.USERS;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Finds the places where people of several organisations are together now: the candidates for
 * conflicts with a changed policy. Reads chat's tables by SQL (like analytics does) so that the
 * policy imports no feature; archived conversations and teams are left out, nobody writes there.
 */
final class PolicyConflictStore {

    /** A conversation or team with the organisations of its members. */
    record Place(UUID id, String kind, String name, String conversationKind, UUID teamId, String teamName, Set<UUID> organisations,
                 int memberCount) {}

    record Member(UUID id, String displayName, UUID organisationId) {}

    /** Unarchived conversations with members of more than one organisation, one of them {@code organisationId} (null: any). */
    List<Place> mixedConversations(DSLContext db, UUID organisationId, int limit) {
        Condition scope = DSL.trueCondition();
        if (organisationId != null) {
            scope = CONVERSATION_MEMBERS.CONVERSATION_ID.in(DSL.select(CONVERSATION_MEMBERS.CONVERSATION_ID).from(CONVERSATION_MEMBERS)
                    .join(USERS).on(USERS.ID.eq(CONVERSATION_MEMBERS.USER_ID)).where(USERS.ORGANISATION_ID.eq(organisationId)));
        }
        Map<UUID, Set<UUID>> organisations = new LinkedHashMap<>();
        Map<UUID, Integer> counts = new LinkedHashMap<>();
        db.select(CONVERSATION_MEMBERS.CONVERSATION_ID, USERS.ORGANISATION_ID, DSL.count()).from(CONVERSATION_MEMBERS)
                .join(USERS).on(USERS.ID.eq(CONVERSATION_MEMBERS.USER_ID))
                .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID))
                .where(scope).and(CONVERSATIONS.ARCHIVED_AT.isNull())
                .groupBy(CONVERSATION_MEMBERS.CONVERSATION_ID, USERS.ORGANISATION_ID)
                .orderBy(CONVERSATION_MEMBERS.CONVERSATION_ID).fetch()
                .forEach(r -> {
                    organisations.computeIfAbsent(r.value1(), k -> new LinkedHashSet<>()).add(r.value2());
                    counts.merge(r.value1(), r.value3(), Integer::sum);
                });
        List<UUID> mixed = organisations.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .limit(limit).toList();
        if (mixed.isEmpty()) {
            return List.of();
        }
        return db.select(CONVERSATIONS.ID, CONVERSATIONS.KIND, CONVERSATIONS.NAME, CONVERSATIONS.TEAM_ID, TEAMS.NAME)
                .from(CONVERSATIONS).leftJoin(TEAMS).on(TEAMS.ID.eq(CONVERSATIONS.TEAM_ID))
                .where(CONVERSATIONS.ID.in(mixed)).orderBy(CONVERSATIONS.CREATED_AT, CONVERSATIONS.ID).fetch()
                .map(r -> new Place(r.value1(), "conversation", r.value3(), r.value2(), r.value4(), r.value5(),
                        organisations.get(r.value1()), counts.get(r.value1())));
    }

    /** Unarchived teams with members of more than one organisation, one of them {@code organisationId} (null: any). */
    List<Place> mixedTeams(DSLContext db, UUID organisationId, int limit) {
        Condition scope = DSL.trueCondition();
        if (organisationId != null) {
            scope = TEAM_MEMBERS.TEAM_ID.in(DSL.select(TEAM_MEMBERS.TEAM_ID).from(TEAM_MEMBERS)
                    .join(USERS).on(USERS.ID.eq(TEAM_MEMBERS.USER_ID)).where(USERS.ORGANISATION_ID.eq(organisationId)));
        }
        Map<UUID, Set<UUID>> organisations = new LinkedHashMap<>();
        Map<UUID, Integer> counts = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        db.select(TEAM_MEMBERS.TEAM_ID, USERS.ORGANISATION_ID, DSL.count(), TEAMS.NAME).from(TEAM_MEMBERS)
                .join(USERS).on(USERS.ID.eq(TEAM_MEMBERS.USER_ID)).join(TEAMS).on(TEAMS.ID.eq(TEAM_MEMBERS.TEAM_ID))
                .where(scope).and(TEAMS.ARCHIVED_AT.isNull())
                .groupBy(TEAM_MEMBERS.TEAM_ID, USERS.ORGANISATION_ID, TEAMS.NAME).orderBy(TEAMS.NAME, TEAM_MEMBERS.TEAM_ID).fetch()
                .forEach(r -> {
                    organisations.computeIfAbsent(r.value1(), k -> new LinkedHashSet<>()).add(r.value2());
                    counts.merge(r.value1(), r.value3(), Integer::sum);
                    names.put(r.value1(), r.value4());
                });
        return organisations.entrySet().stream().filter(e -> e.getValue().size() > 1).limit(limit)
                .map(e -> new Place(e.getKey(), "team", names.get(e.getKey()), null, e.getKey(), names.get(e.getKey()), e.getValue(),
                        counts.get(e.getKey())))
                .toList();
    }

    /** Up to {@code limit} members of a place, by name: whom the admins need to talk to. */
    List<Member> members(DSLContext db, Place place, int limit) {
        if (place.kind().equals("team")) {
            return db.select(USERS.ID, USERS.DISPLAY_NAME, USERS.ORGANISATION_ID).from(TEAM_MEMBERS).join(USERS).on(USERS.ID.eq(TEAM_MEMBERS.USER_ID))
                    .where(TEAM_MEMBERS.TEAM_ID.eq(place.id())).orderBy(USERS.DISPLAY_NAME).limit(limit)
                    .fetch(r -> new Member(r.value1(), r.value2(), r.value3()));
        }
        return db.select(USERS.ID, USERS.DISPLAY_NAME, USERS.ORGANISATION_ID).from(CONVERSATION_MEMBERS).join(USERS)
                .on(USERS.ID.eq(CONVERSATION_MEMBERS.USER_ID)).where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(place.id()))
                .orderBy(USERS.DISPLAY_NAME).limit(limit).fetch(r -> new Member(r.value1(), r.value2(), r.value3()));
    }

    /** The organisation whose people created each team (a team belongs to its creator's organisation). */
    Map<UUID, UUID> teamOrganisations(DSLContext db, Set<UUID> teamIds) {
        Map<UUID, UUID> out = new LinkedHashMap<>();
        if (teamIds.isEmpty()) {
            return out;
        }
        db.select(TEAMS.ID, USERS.ORGANISATION_ID).from(TEAMS).join(USERS).on(USERS.ID.eq(TEAMS.CREATED_BY))
                .where(TEAMS.ID.in(teamIds)).fetch().forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    Map<UUID, String> teamNames(DSLContext db, Set<UUID> teamIds) {
        Map<UUID, String> out = new LinkedHashMap<>();
        if (!teamIds.isEmpty()) {
            db.select(TEAMS.ID, TEAMS.NAME).from(TEAMS).where(TEAMS.ID.in(teamIds)).fetch().forEach(r -> out.put(r.value1(), r.value2()));
        }
        return out;
    }
}
