package org.confer.identity;

import static org.confer.db.schema.Tables.ORGANISATION_POLICIES;
import static org.confer.db.schema.Tables.ORGANISATION_POLICY_TEAMS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.identity.OrganisationPolicy.Mode;
import org.confer.identity.OrganisationPolicy.Stance;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** The SQL of the cross-organisation policy: organisations' stances and their named teams. */
public final class OrganisationPolicyStore {

    /** The stances that decide between any two of {@code organisations}: theirs towards each other and their defaults. */
    List<Stance> among(DSLContext db, Collection<UUID> organisations) {
        return stances(db, ORGANISATION_POLICIES.ORGANISATION_ID.in(organisations)
                .and(ORGANISATION_POLICIES.OTHER_ORGANISATION_ID.in(organisations)
                        .or(ORGANISATION_POLICIES.OTHER_ORGANISATION_ID.eq(OrganisationPolicy.EVERY_OTHER))));
    }

    /** Every stance that involves {@code organisationId}, and every organisation's default. */
    List<Stance> involving(DSLContext db, UUID organisationId) {
        return stances(db, ORGANISATION_POLICIES.ORGANISATION_ID.eq(organisationId)
                .or(ORGANISATION_POLICIES.OTHER_ORGANISATION_ID.in(organisationId, OrganisationPolicy.EVERY_OTHER)));
    }

    /** Every stance there is (platform admins' list of conflicts). */
    List<Stance> all(DSLContext db) {
        return stances(db, org.jooq.impl.DSL.trueCondition());
    }

    /** The distinct organisations of these people. */
    Set<UUID> organisationsOf(DSLContext db, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(db.selectDistinct(USERS.ORGANISATION_ID).from(USERS).where(USERS.ID.in(userIds))
                .fetch(USERS.ORGANISATION_ID));
    }

    /** Sets (or, with a null mode, removes) one stance; its named teams are replaced. */
    void put(DSLContext tx, UUID organisationId, UUID other, Mode mode, Collection<UUID> teams, UUID by, OffsetDateTime now) {
        tx.deleteFrom(ORGANISATION_POLICIES).where(ORGANISATION_POLICIES.ORGANISATION_ID.eq(organisationId)
                .and(ORGANISATION_POLICIES.OTHER_ORGANISATION_ID.eq(other))).execute();
        if (mode == null) {
            return;
        }
        tx.insertInto(ORGANISATION_POLICIES).set(ORGANISATION_POLICIES.ORGANISATION_ID, organisationId)
                .set(ORGANISATION_POLICIES.OTHER_ORGANISATION_ID, other).set(ORGANISATION_POLICIES.MODE, mode.code())
                .set(ORGANISATION_POLICIES.UPDATED_AT, now).set(ORGANISATION_POLICIES.UPDATED_BY, by).execute();
        for (UUID team : teams) {
            tx.insertInto(ORGANISATION_POLICY_TEAMS).set(ORGANISATION_POLICY_TEAMS.ORGANISATION_ID, organisationId)
                    .set(ORGANISATION_POLICY_TEAMS.OTHER_ORGANISATION_ID, other).set(ORGANISATION_POLICY_TEAMS.TEAM_ID, team).execute();
        }
    }

    private static List<Stance> stances(DSLContext db, Condition which) {
        Map<List<UUID>, Set<UUID>> teams = new HashMap<>();
        db.select(ORGANISATION_POLICY_TEAMS.ORGANISATION_ID, ORGANISATION_POLICY_TEAMS.OTHER_ORGANISATION_ID, ORGANISATION_POLICY_TEAMS.TEAM_ID)
                .from(ORGANISATION_POLICY_TEAMS).join(ORGANISATION_POLICIES)
                .on(ORGANISATION_POLICIES.ORGANISATION_ID.eq(ORGANISATION_POLICY_TEAMS.ORGANISATION_ID)
                        .and(ORGANISATION_POLICIES.OTHER_ORGANISATION_ID.eq(ORGANISATION_POLICY_TEAMS.OTHER_ORGANISATION_ID)))
                .where(which).fetch()
                .forEach(r -> teams.computeIfAbsent(List.of(r.value1(), r.value2()), k -> new LinkedHashSet<>()).add(r.value3()));
        return db.selectFrom(ORGANISATION_POLICIES).where(which).orderBy(ORGANISATION_POLICIES.ORGANISATION_ID,
                        ORGANISATION_POLICIES.OTHER_ORGANISATION_ID).fetch()
                .map(r -> new Stance(r.getOrganisationId(), r.getOtherOrganisationId(), Mode.fromCode(r.getMode()),
                        Set.copyOf(teams.getOrDefault(List.of(r.getOrganisationId(), r.getOtherOrganisationId()), Set.of())),
                        r.getUpdatedAt(), r.getUpdatedBy()));
    }
}
