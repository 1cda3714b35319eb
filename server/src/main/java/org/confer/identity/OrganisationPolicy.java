package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.jooq.DSLContext;

/**
 * The one place that decides whether people of different organisations may be together
 * (docs/organisation-policy.md). Each organisation takes a stance towards another, or towards
 * every other: allowed, blocked, or allowed only in teams it names. Two people may be together in
 * a place only when both their organisations' stances allow that place, so either side can say
 * no. Chat (conversations, teams, channels), meetings and the directory ask here; results and
 * service requests never leave the organisation at all.
 *
 * <p>Read from the database on every check, never cached: a change applies to the next request
 * on every node. Checks are made when people are brought together (a new conversation, member,
 * team member, invitee or meeting joiner), never per message, so the cost is a query per change.
 */
public final class OrganisationPolicy {
    /** In a stance, "every other organisation" (one without a stance of its own). */
    public static final UUID EVERY_OTHER = new UUID(0L, 0L);

    /** What one organisation allows of another's people. */
    public enum Mode {
        ALLOWED("allowed"), BLOCKED("blocked"), NAMED_TEAMS("named-teams");

        private final String code;

        Mode(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Mode fromCode(String code) {
            for (Mode m : values()) {
                if (m.code.equals(code)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no policy mode " + code);
        }
    }

    /** One organisation's stance towards another ({@link #EVERY_OTHER} for its default). */
    public record Stance(UUID organisationId, UUID otherOrganisationId, Mode mode, Set<UUID> teams,
                         OffsetDateTime updatedAt, UUID updatedBy) {
        /** Whether this stance lets the two organisations' people be together in a place of {@code teamId} (null: no team's). */
        public boolean allowsIn(UUID teamId) {
            return switch (mode) {
                case ALLOWED -> true;
                case BLOCKED -> false;
                case NAMED_TEAMS -> teamId != null && teams.contains(teamId);
            };
        }

        static Stance allowedByDefault(UUID from, UUID to) {
            return new Stance(from, to, Mode.ALLOWED, Set.of(), null, null);
        }
    }

    /** A set of stances read together, and the rule that combines them. */
    public static final class Stances {
        private final Map<List<UUID>, Stance> byPair = new HashMap<>();

        public Stances(Collection<Stance> stances) {
            stances.forEach(s -> byPair.put(List.of(s.organisationId(), s.otherOrganisationId()), s));
        }

        /** What {@code from} allows of {@code to}'s people: its stance towards them, else its default, else allowed. */
        public Stance of(UUID from, UUID to) {
            Stance own = byPair.get(List.of(from, to));
            if (own != null) {
                return own;
            }
            Stance fallback = byPair.get(List.of(from, EVERY_OTHER));
            return fallback == null ? Stance.allowedByDefault(from, to)
                    : new Stance(from, to, fallback.mode(), fallback.teams(), fallback.updatedAt(), fallback.updatedBy());
        }

        /** Whether {@code from} has a stance of its own towards {@code to} (else its default applies). */
        public boolean hasOwn(UUID from, UUID to) {
            return byPair.containsKey(List.of(from, to));
        }

        /** The stance that keeps people of {@code a} and {@code b} apart in a place of {@code teamId}, if one does. */
        public Optional<Stance> refusing(UUID a, UUID b, UUID teamId) {
            if (a.equals(b)) {
                return Optional.empty();
            }
            Stance ab = of(a, b);
            if (!ab.allowsIn(teamId)) {
                return Optional.of(ab);
            }
            Stance ba = of(b, a);
            return ba.allowsIn(teamId) ? Optional.empty() : Optional.of(ba);
        }

        /** Whether either side blocks the other everywhere (the directory hides such people). */
        public boolean blocked(UUID a, UUID b) {
            return !a.equals(b) && (of(a, b).mode() == Mode.BLOCKED || of(b, a).mode() == Mode.BLOCKED);
        }

        public boolean isEmpty() {
            return byPair.isEmpty();
        }
    }

    private final OrganisationPolicyStore store;
    private final OrganisationStore organisations;

    public OrganisationPolicy(OrganisationPolicyStore store, OrganisationStore organisations) {
        this.store = store;
        this.organisations = organisations;
    }

    /** The organisations of these people. */
    public Set<UUID> organisationsOf(DSLContext db, Collection<UUID> userIds) {
        return store.organisationsOf(db, userIds);
    }

    /**
     * Refuses (403 cross-organisation) unless people of {@code newcomers} may join people of
     * {@code present} and of each other in a place of {@code teamId} (null: a chat or meeting
     * that is no team's). Organisations, not people: callers read them in their own transaction.
     */
    public void requireTogether(DSLContext db, Set<UUID> present, Set<UUID> newcomers, UUID teamId) {
        refusal(db, present, newcomers, teamId).ifPresent(stance -> {
            throw refusalOf(db, stance);
        });
    }

    /** The stance that refuses, if one does (see {@link #requireTogether}). */
    public Optional<Stance> refusal(DSLContext db, Set<UUID> present, Set<UUID> newcomers, UUID teamId) {
        Set<UUID> everyone = new LinkedHashSet<>(present);
        everyone.addAll(newcomers);
        if (everyone.size() < 2) {
            return Optional.empty(); // one organisation: nothing to decide, and no query
        }
        Stances stances = new Stances(store.among(db, everyone));
        if (stances.isEmpty()) {
            return Optional.empty();
        }
        for (UUID n : newcomers) {
            for (UUID o : everyone) {
                Optional<Stance> refusing = stances.refusing(n, o, teamId);
                if (refusing.isPresent()) {
                    return refusing;
                }
            }
        }
        return Optional.empty();
    }

    /** The organisations whose people {@code organisationId}'s people do not see in the directory: blocked either way. */
    public Set<UUID> hiddenFrom(DSLContext db, UUID organisationId) {
        Stances stances = new Stances(store.involving(db, organisationId));
        if (stances.isEmpty()) {
            return Set.of();
        }
        Set<UUID> hidden = new LinkedHashSet<>();
        for (UUID other : organisations.allIds(db)) {
            if (stances.blocked(organisationId, other)) {
                hidden.add(other);
            }
        }
        return hidden;
    }

    /** The stances of these organisations (the admin pages and the list of conflicts). */
    public Stances stancesAmong(DSLContext db, Collection<UUID> organisationIds) {
        return new Stances(store.among(db, organisationIds));
    }

    /** Every stance (platform admins' list of conflicts). */
    public Stances allStances(DSLContext db) {
        return new Stances(store.all(db));
    }

    /**
     * Sets {@code organisationId}'s stance towards {@code other} ({@link #EVERY_OTHER}: its default),
     * or with a null mode removes it; inside the caller's transaction, which audits the change.
     */
    public void setStance(DSLContext tx, UUID organisationId, UUID other, Mode mode, Set<UUID> teams, UUID by, OffsetDateTime now) {
        store.put(tx, organisationId, other, mode, mode == Mode.NAMED_TEAMS ? teams : Set.of(), by, now);
    }

    /** A problem that says which organisation's stance refused and what it allows. */
    public ApiException refusalOf(DSLContext db, Stance stance) {
        String own = name(db, stance.organisationId());
        String other = name(db, stance.otherOrganisationId());
        String detail = stance.mode() == Mode.BLOCKED
                ? own + " does not allow its people to work with people of " + other + " in Confer"
                : own + " allows people of " + other + " only in the teams it has named for them";
        return new ApiException(ProblemType.CROSS_ORGANISATION, detail,
                Map.of("organisationId", stance.organisationId().toString(), "rule", stance.mode().code()));
    }

    private String name(DSLContext db, UUID organisationId) {
        if (EVERY_OTHER.equals(organisationId)) {
            return "another organisation";
        }
        return organisations.byId(db, organisationId).map(Organisation::name).orElse("another organisation");
    }

    /** A mode from an admin's request, with a clear error. */
    public static Mode parseMode(String code) {
        try {
            return Mode.fromCode(code == null ? "" : code.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("mode", "'mode' must be allowed, blocked, named-teams or default");
        }
    }
}
