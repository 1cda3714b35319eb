package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * What single sign-on (org.confer.sso, docs/single-sign-on.md) needs from identity: organisations
 * by code, and the person an identity provider vouched for, found or provisioned just in time in
 * the caller's transaction. Sessions are then issued by {@link SessionService#issue}, exactly as
 * for a password sign-in. The rules of who may come in are here, beside the users table:
 * a disabled person, a bot, a visit guest and a person of another organisation are refused.
 */
public final class FederatedSignIn {

    /** The person as the provider describes them (already checked against the field rules). */
    public record Claims(String email, String displayName, String jobTitle) {}

    /** The outcome: a person to sign in, or a stable reason to refuse. */
    public sealed interface Outcome {
        record Person(User user, boolean provisioned, boolean updated) implements Outcome {}

        /** {@code reason}: account-disabled, other-organisation, no-account, lookalike-name. */
        record Refused(String reason, UUID userId) implements Outcome {}
    }

    private final OrganisationStore organisations;
    private final UserStore users;

    public FederatedSignIn(OrganisationStore organisations, UserStore users) {
        this.organisations = organisations;
        this.users = users;
    }

    public Optional<Organisation> organisationByCode(DSLContext db, String code) {
        return organisations.byCode(db, code);
    }

    public Optional<Organisation> organisation(DSLContext db, UUID id) {
        return organisations.byId(db, id);
    }

    /**
     * The account with the claimed email, if it is an active person of {@code organisationId};
     * with {@code provision}, a new member of that organisation when no account has the email.
     * The provider's name and job title replace the stored ones when they differ (the provider
     * is the organisation's record of its staff).
     */
    public Outcome resolve(DSLContext tx, UUID organisationId, Claims claims, boolean provision, OffsetDateTime now) {
        Optional<User> found = users.credentialsByEmail(tx, claims.email()).map(UserStore.Credentials::user);
        if (found.isPresent()) {
            User u = found.get();
            if (!u.organisationId().equals(organisationId) || u.bot()) {
                return new Outcome.Refused("other-organisation", u.id());
            }
            if (u.status() != UserStatus.ACTIVE) {
                return new Outcome.Refused("account-disabled", u.id());
            }
            String name = claims.displayName() != null ? claims.displayName() : u.displayName();
            String title = claims.jobTitle() != null ? claims.jobTitle() : u.jobTitle();
            if (Objects.equals(name, u.displayName()) && Objects.equals(title, u.jobTitle())) {
                return new Outcome.Person(u, false, false);
            }
            if (!name.equals(u.displayName()) && users.lookalike(tx, name, u.id()).isPresent()) {
                return new Outcome.Person(u, false, false); // keep the stored name rather than take a lookalike
            }
            User changed = new User(u.id(), u.organisationId(), u.email(), name, title, u.department(), u.role(), u.status(),
                    u.createdAt(), false);
            users.update(tx, changed, now);
            return new Outcome.Person(changed, false, true);
        }
        if (!provision) {
            return new Outcome.Refused("no-account", null);
        }
        String name = claims.displayName() != null ? claims.displayName() : claims.email();
        if (users.lookalike(tx, name, null).isPresent() || users.imitated(tx, organisationId, name, true, null).isPresent()) {
            return new Outcome.Refused("lookalike-name", null);
        }
        User created = new User(UUID.randomUUID(), organisationId, claims.email(), name, claims.jobTitle(), null, Role.MEMBER,
                UserStatus.ACTIVE, now);
        return new Outcome.Person(users.insert(tx, created, null), true, false);
    }
}
