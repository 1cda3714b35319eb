package org.confer.policy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.Organisation;
import org.confer.identity.OrganisationPolicy;
import org.confer.identity.OrganisationPolicy.Mode;
import org.confer.identity.OrganisationPolicy.Stance;
import org.confer.identity.OrganisationPolicy.Stances;
import org.confer.identity.OrganisationStore;
import org.confer.identity.Principal;
import org.confer.policy.PolicyConflictStore.Place;
import org.confer.policy.PolicyViews.Conflict;
import org.confer.policy.PolicyViews.Conflicts;
import org.confer.policy.PolicyViews.OtherOrganisation;
import org.confer.policy.PolicyViews.PolicyView;
import org.confer.policy.PolicyViews.StanceView;
import org.confer.policy.PolicyViews.TeamRef;

/**
 * The admins' side of the cross-organisation policy (docs/organisation-policy.md): an
 * organisation's admins set its stances (platform admins any organisation's), every change is
 * audited, and the places where people are together now against the policy are listed for the
 * admins to resolve. Nothing is ever removed by a change: taking people out of a conversation
 * they use for care is for people to decide, not a rule.
 */
final class PolicyAdmin {
    static final int MAX_NAMED_TEAMS = 50;
    static final int MAX_CONFLICTS = 200;
    private static final int PEOPLE_SHOWN = 12;

    private final Database db;
    private final OrganisationPolicy policy;
    private final OrganisationStore organisations;
    private final PolicyConflictStore places;
    private final AuditTrail audit;
    private final Clock clock;

    PolicyAdmin(Database db, OrganisationPolicy policy, OrganisationStore organisations, PolicyConflictStore places, AuditTrail audit,
                Clock clock) {
        this.db = db;
        this.policy = policy;
        this.organisations = organisations;
        this.places = places;
        this.audit = audit;
        this.clock = clock;
    }

    PolicyView view(Principal who, UUID organisationId) {
        Organisation own = administered(who, organisationId);
        List<Organisation> all = organisations.all(db.dsl());
        Stances stances = policy.stancesAmong(db.dsl(), all.stream().map(Organisation::id).toList());
        Set<UUID> teamIds = new HashSet<>();
        all.forEach(o -> {
            teamIds.addAll(stances.of(organisationId, o.id()).teams());
            teamIds.addAll(stances.of(o.id(), organisationId).teams());
        });
        Map<UUID, String> teamNames = places.teamNames(db.dsl(), teamIds);
        List<OtherOrganisation> others = new ArrayList<>();
        for (Organisation o : all) {
            if (o.id().equals(organisationId)) {
                continue;
            }
            Stance ours = stances.of(organisationId, o.id());
            Stance theirs = stances.of(o.id(), organisationId);
            others.add(new OtherOrganisation(o.id(), o.code(), o.name(), view(ours, stances.hasOwn(organisationId, o.id()), teamNames),
                    view(theirs, stances.hasOwn(o.id(), organisationId), teamNames), effective(ours, theirs)));
        }
        Stance every = stances.of(organisationId, OrganisationPolicy.EVERY_OTHER);
        return new PolicyView(own.id(), own.name(), view(every, stances.hasOwn(organisationId, OrganisationPolicy.EVERY_OTHER),
                places.teamNames(db.dsl(), every.teams())), others);
    }

    PolicyView change(Principal who, UUID organisationId, PolicyViews.Change change) {
        administered(who, organisationId);
        UUID other = change.otherOrganisationId() == null ? OrganisationPolicy.EVERY_OTHER : change.otherOrganisationId();
        if (other.equals(organisationId)) {
            throw ApiException.invalid("otherOrganisationId", "An organisation has no policy towards itself");
        }
        if (!other.equals(OrganisationPolicy.EVERY_OTHER) && organisations.byId(db.dsl(), other).isEmpty()) {
            throw ApiException.invalid("otherOrganisationId", "No such organisation");
        }
        Mode mode = "default".equals(change.mode()) ? null : OrganisationPolicy.parseMode(change.mode());
        Set<UUID> teams = namedTeams(organisationId, other, mode, change.teamIds());
        db.dsl().transaction(cfg -> {
            org.jooq.DSLContext tx = cfg.dsl();
            OffsetDateTime now = OffsetDateTime.now(clock);
            policy.setStance(tx, organisationId, other, mode, teams, who.userId(), now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("otherOrganisation", other.equals(OrganisationPolicy.EVERY_OTHER) ? "every other" : other.toString());
            detail.put("mode", mode == null ? "default" : mode.code());
            detail.put("teams", teams.stream().map(UUID::toString).toList());
            audit.record(tx, organisationId, who.userId(), "organisation-policy.changed", "organisation", organisationId, detail, now);
        });
        return view(who, organisationId);
    }

    /** Where people are together now against the policy: conversations and teams with members of organisations it keeps apart. */
    Conflicts conflicts(Principal who, UUID organisationId) {
        administered(who, organisationId);
        List<Place> mixed = new ArrayList<>(places.mixedTeams(db.dsl(), organisationId, MAX_CONFLICTS + 1));
        mixed.addAll(places.mixedConversations(db.dsl(), organisationId, MAX_CONFLICTS + 1));
        Set<UUID> involved = new LinkedHashSet<>();
        mixed.forEach(p -> involved.addAll(p.organisations()));
        Stances stances = policy.stancesAmong(db.dsl(), involved);
        Map<UUID, String> names = new LinkedHashMap<>();
        organisations.all(db.dsl()).forEach(o -> names.put(o.id(), o.name()));
        List<Conflict> out = new ArrayList<>();
        for (Place p : mixed) {
            refusing(stances, p).ifPresent(s -> out.add(new Conflict(p.kind(), p.id(), p.name(), p.conversationKind(), p.teamName(),
                    s.mode().code(), names.get(s.organisationId()), names.get(s.otherOrganisationId()),
                    places.members(db.dsl(), p, PEOPLE_SHOWN).stream()
                            .map(m -> new PolicyViews.Person(m.id(), m.displayName(), names.get(m.organisationId()))).toList(),
                    p.memberCount())));
        }
        boolean truncated = out.size() > MAX_CONFLICTS;
        return new Conflicts(truncated ? out.subList(0, MAX_CONFLICTS) : out, truncated);
    }

    private static Optional<Stance> refusing(Stances stances, Place p) {
        for (UUID a : p.organisations()) {
            for (UUID b : p.organisations()) {
                Optional<Stance> s = stances.refusing(a, b, p.teamId());
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    /** Named teams must exist and belong to one of the two organisations (to the organisation itself for its default). */
    private Set<UUID> namedTeams(UUID organisationId, UUID other, Mode mode, List<UUID> requested) {
        Set<UUID> ids = new LinkedHashSet<>(requested == null ? List.of() : requested);
        ids.remove(null);
        if (mode != Mode.NAMED_TEAMS) {
            if (!ids.isEmpty()) {
                throw ApiException.invalid("teamIds", "Teams are named only with the mode named-teams");
            }
            return Set.of();
        }
        if (ids.isEmpty() || ids.size() > MAX_NAMED_TEAMS) {
            throw ApiException.invalid("teamIds", "Name 1 to " + MAX_NAMED_TEAMS + " teams");
        }
        Map<UUID, UUID> owners = places.teamOrganisations(db.dsl(), ids);
        for (UUID id : ids) {
            UUID owner = owners.get(id);
            if (owner == null || !(owner.equals(organisationId) || owner.equals(other))) {
                throw ApiException.invalid("teamIds", "Each team must be one of your organisation's"
                        + (other.equals(OrganisationPolicy.EVERY_OTHER) ? "" : " or the other organisation's") + ": " + id);
            }
        }
        return ids;
    }

    private Organisation administered(Principal who, UUID organisationId) {
        if (!who.administers(organisationId)) {
            throw ApiException.notFound("Organisation");
        }
        return organisations.byId(db.dsl(), organisationId).orElseThrow(() -> ApiException.notFound("Organisation"));
    }

    private static StanceView view(Stance s, boolean own, Map<UUID, String> teamNames) {
        return new StanceView(s.mode().code(), s.teams().stream().map(t -> new TeamRef(t, teamNames.getOrDefault(t, "(deleted team)")))
                .sorted(java.util.Comparator.comparing(TeamRef::name)).toList(), own, s.updatedAt());
    }

    /** What applies between two organisations, both stances read together. */
    static String effective(Stance ours, Stance theirs) {
        if (ours.mode() == Mode.BLOCKED || theirs.mode() == Mode.BLOCKED) {
            return Mode.BLOCKED.code();
        }
        if (ours.mode() == Mode.NAMED_TEAMS || theirs.mode() == Mode.NAMED_TEAMS) {
            return Mode.NAMED_TEAMS.code();
        }
        return Mode.ALLOWED.code();
    }
}
