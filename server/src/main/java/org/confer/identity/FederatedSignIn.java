package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.List;
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
 *
 * <p>People are found by the provider's (issuer, subject) pair first, linked at their first
 * single sign-on; by email only until then. A second subject presenting the email of a person
 * this issuer already linked is refused (account takeover guard) until an admin unlinks the
 * first (docs/single-sign-on.md, "Matching by subject").
 */
public final class FederatedSignIn {

    /** The person as the provider describes them (already checked against the field rules); {@code subject} is the token's sub. */
    public record Claims(String subject, String email, String displayName, String jobTitle) {}

    /** A link as an admin sees it: whose it is, and the provider's (issuer, subject) pair. */
    public record LinkedIdentity(UUID id, UUID userId, UUID organisationId, String email, String displayName, String issuer,
                                 String subject, OffsetDateTime linkedAt, OffsetDateTime lastSignInAt) {}

    /** The outcome: a person to sign in, or a stable reason to refuse. */
    public sealed interface Outcome {
        /**
         * @param linked        the (issuer, subject) pair was linked to the person now
         * @param previousEmail the email replaced by the provider's, when it changed and the organisation allows it
         * @param emailKept     why a changed email claim was not taken: "not-allowed" or "taken"; null when it was not changed
         */
        record Person(User user, boolean provisioned, boolean updated, boolean linked, String previousEmail, String emailKept)
                implements Outcome {}

        /** {@code reason}: account-disabled, other-organisation, no-account, lookalike-name, linked-to-another-identity. */
        record Refused(String reason, UUID userId) implements Outcome {}
    }

    private final OrganisationStore organisations;
    private final UserStore users;
    private final FederatedSubjectStore subjects = new FederatedSubjectStore();

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
     * The person the issuer's subject is linked to; else the account with the claimed email (then
     * linked to the subject), if it is an active person of {@code organisationId}; with
     * {@code provision}, a new member of that organisation (linked) when no account has the email.
     * The provider's name and job title replace the stored ones when they differ (the provider is
     * the organisation's record of its staff); its email too for a linked person, with
     * {@code emailUpdates} and when no other account has it.
     */
    public Outcome resolve(DSLContext tx, UUID organisationId, String issuer, Claims claims, boolean provision, boolean emailUpdates,
                           OffsetDateTime now) {
        Optional<User> bySubject = subjects.userOf(tx, issuer, claims.subject()).flatMap(id -> users.byId(tx, id));
        if (bySubject.isPresent()) {
            User u = bySubject.get();
            Optional<Outcome> refused = refusal(u, organisationId);
            if (refused.isPresent()) {
                return refused.get();
            }
            subjects.touch(tx, issuer, claims.subject(), now);
            String previousEmail = null;
            String kept = null;
            if (!u.email().equalsIgnoreCase(claims.email())) {
                if (!emailUpdates) {
                    kept = "not-allowed";
                } else if (users.emailExists(tx, claims.email())) {
                    kept = "taken";
                } else {
                    subjects.setEmail(tx, u.id(), claims.email(), now);
                    previousEmail = u.email();
                    u = withEmail(u, claims.email());
                }
            }
            return profile(tx, u, claims, false, previousEmail, kept, now);
        }
        Optional<User> byEmail = users.credentialsByEmail(tx, claims.email()).map(UserStore.Credentials::user);
        if (byEmail.isPresent()) {
            User u = byEmail.get();
            Optional<Outcome> refused = refusal(u, organisationId);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (subjects.subjectOf(tx, u.id(), issuer).isPresent()) {
                // The issuer vouched for this person under another subject: a new subject that now
                // carries their email is someone else until an admin says otherwise.
                return new Outcome.Refused("linked-to-another-identity", u.id());
            }
            subjects.link(tx, issuer, claims.subject(), u.id(), organisationId, now);
            return profile(tx, u, claims, true, null, null, now);
        }
        if (!provision) {
            return new Outcome.Refused("no-account", null);
        }
        String name = claims.displayName() != null ? claims.displayName() : claims.email();
        if (users.lookalike(tx, name, null).isPresent() || users.imitated(tx, organisationId, name, true, null).isPresent()) {
            return new Outcome.Refused("lookalike-name", null);
        }
        User created = users.insert(tx, new User(UUID.randomUUID(), organisationId, claims.email(), name, claims.jobTitle(), null,
                Role.MEMBER, UserStatus.ACTIVE, now), null);
        subjects.link(tx, issuer, claims.subject(), created.id(), organisationId, now);
        return new Outcome.Person(created, true, false, true, null, null);
    }

    /** The organisation's linked identities (at most {@code limit}), by email; {@code query} narrows by email or name. */
    public List<LinkedIdentity> linkedIdentities(DSLContext db, UUID organisationId, String query, int limit) {
        return subjects.page(db, organisationId, query, limit);
    }

    /** Removes a link of the organisation's; empty when it has no such link. The person's next sign-in links again. */
    public Optional<LinkedIdentity> unlink(DSLContext tx, UUID organisationId, UUID linkId) {
        Optional<LinkedIdentity> found = subjects.byId(tx, linkId).filter(l -> l.organisationId().equals(organisationId));
        found.ifPresent(l -> subjects.delete(tx, l.id()));
        return found;
    }

    private static Optional<Outcome> refusal(User u, UUID organisationId) {
        if (!u.organisationId().equals(organisationId) || u.bot()) {
            return Optional.of(new Outcome.Refused("other-organisation", u.id()));
        }
        if (u.status() != UserStatus.ACTIVE) {
            return Optional.of(new Outcome.Refused("account-disabled", u.id()));
        }
        return Optional.empty();
    }

    private Outcome profile(DSLContext tx, User u, Claims claims, boolean linked, String previousEmail, String kept, OffsetDateTime now) {
        String name = claims.displayName() != null ? claims.displayName() : u.displayName();
        String title = claims.jobTitle() != null ? claims.jobTitle() : u.jobTitle();
        if (Objects.equals(name, u.displayName()) && Objects.equals(title, u.jobTitle())) {
            return new Outcome.Person(u, false, false, linked, previousEmail, kept);
        }
        if (!name.equals(u.displayName()) && users.lookalike(tx, name, u.id()).isPresent()) {
            // keep the stored name rather than take a lookalike
            return new Outcome.Person(u, false, false, linked, previousEmail, kept);
        }
        User changed = new User(u.id(), u.organisationId(), u.email(), name, title, u.department(), u.role(), u.status(),
                u.createdAt(), false);
        users.update(tx, changed, now);
        return new Outcome.Person(changed, false, true, linked, previousEmail, kept);
    }

    private static User withEmail(User u, String email) {
        return new User(u.id(), u.organisationId(), email, u.displayName(), u.jobTitle(), u.department(), u.role(), u.status(),
                u.createdAt(), u.bot());
    }
}
