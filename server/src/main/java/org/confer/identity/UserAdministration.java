package org.confer.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.http.RateLimitedException;
import org.confer.limits.KeyedBudget;
import org.confer.mail.Mail;
import org.confer.mail.Mailer;
import org.confer.text.Fields;

/**
 * What the admin pages do to a person or an organisation beyond creating and editing
 * (docs/administration.md): sign a person out everywhere, issue a one-time password link and
 * use it, rename an organisation. Every change is recorded in the audit trail in its own
 * transaction. Who may act on whom is {@link DirectoryService#user}'s rule (another
 * organisation's people do not exist for an organisation admin).
 */
public final class UserAdministration {
    /** How long a password link works: a working day and a night, for a link passed on by phone or mail. */
    static final Duration LINK_LIFETIME = Duration.ofHours(24);

    /** A link just issued: shown once to the admin (and mailed to the person). */
    public record IssuedLink(String link, OffsetDateTime expiresAt, boolean mailed) {}

    private final Database db;
    private final DirectoryService directory;
    private final OrganisationStore organisations;
    private final UserStore users;
    private final PasswordResetStore links;
    private final SessionService sessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Tokens tokens;
    private final Mailer mailer;
    private final AuditTrail audit;
    private final Supplier<String> baseUrl;
    private final Clock clock;
    /** Guesses at a link from one address: the token has 256 bits, this only keeps the route cheap (as set-up's 10 a minute). */
    private final KeyedBudget<String> attempts;

    public UserAdministration(Database db, DirectoryService directory, OrganisationStore organisations, UserStore users,
                              SessionService sessions, PasswordHasher hasher, PasswordPolicy policy, Tokens tokens, Mailer mailer,
                              AuditTrail audit, Supplier<String> baseUrl, Clock clock) {
        this.db = db;
        this.directory = directory;
        this.organisations = organisations;
        this.users = users;
        this.links = new PasswordResetStore();
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.tokens = tokens;
        this.mailer = mailer;
        this.audit = audit;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.attempts = new KeyedBudget<>(10, Duration.ofMinutes(1), clock, 100_000);
    }

    /** Ends every session of the person (their open apps return to sign-in at once); returns how many ended. */
    public int signOutEverywhere(Principal who, UUID userId) {
        User u = actionable(who, userId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return sessions.revokeAll(u.id(), null, tx -> audit.record(tx, u.organisationId(), who.userId(), "user.signed_out_everywhere",
                "user", u.id(), Map.of(), now));
    }

    /**
     * A new one-time link for the person to set a password, mailed to them and returned to the
     * admin to pass on; it replaces the person's earlier unused links.
     */
    public IssuedLink issuePasswordLink(Principal who, UUID userId) {
        User u = actionable(who, userId);
        if (u.status() != UserStatus.ACTIVE) {
            throw new ApiException(ProblemType.CONFLICT, "This person is disabled: enable them first");
        }
        String token = tokens.newToken();
        String link = baseUrl.get() + "/reset-password.html#token=" + token;
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expires = now.plus(LINK_LIFETIME);
        db.dsl().transaction(cfg -> {
            links.endUnused(cfg.dsl(), u.id(), now);
            links.insert(cfg.dsl(), UUID.randomUUID(), u.id(), Tokens.sha256Hex(token), who.userId(), now, expires);
            mailer.send(cfg.dsl(), new Mail(u.email(), u.id(), u.organisationId(), "Set your Confer password",
                    "Hello " + u.displayName() + ",\n\nAn administrator of Confer has issued a link for you to set a new password:\n\n"
                            + link + "\n\nThe link works once, until " + expires + " (UTC). Setting a password signs you out of Confer"
                            + " everywhere else.\nIf you did not expect this, tell your IT service desk.\n", null), now);
            audit.record(cfg.dsl(), u.organisationId(), who.userId(), "user.password_reset_issued", "user", u.id(),
                    Map.of("expiresAt", expires.toString()), now);
        });
        return new IssuedLink(link, expires, true);
    }

    /** Sets the password with a link's token (public: the token is the credential); ends every session of the person. */
    public void resetPassword(String token, String newPassword, String clientAddress) {
        attempts.tryTake(clientAddress == null ? "" : clientAddress).ifPresent(wait -> {
            throw new RateLimitedException("Too many attempts; try again in " + wait + " s", wait);
        });
        if (token == null || token.isEmpty() || token.length() > 128) {
            throw invalidLink();
        }
        String hash = Tokens.sha256Hex(token);
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID userId = links.usableUser(db.dsl(), hash, now).orElseThrow(UserAdministration::invalidLink);
        User u = users.byId(db.dsl(), userId).filter(x -> x.status() == UserStatus.ACTIVE).orElseThrow(UserAdministration::invalidLink);
        policy.problem(newPassword, u.email()).ifPresent(p -> {
            throw new ApiException(ProblemType.WEAK_PASSWORD, p, Map.of("field", "newPassword"));
        });
        String passwordHash = hasher.hash(newPassword);
        // The link is used up, the password set, the sessions ended and the step recorded together, or none of it.
        sessions.revokeAll(u.id(), null, tx -> {
            if (!links.use(tx, hash, now)) {
                throw invalidLink();
            }
            users.setPasswordHash(tx, u.id(), passwordHash, now);
            audit.record(tx, u.organisationId(), u.id(), "user.password_reset", "user", u.id(), Map.of(), now);
        });
    }

    /**
     * Renames an organisation (platform admins); its code stays, since other systems know it by its
     * code. An organisation admin is refused on their own organisation (403) and, as everywhere in
     * the admin API, another organisation does not exist for them (404).
     */
    public Organisation renameOrganisation(Principal who, UUID organisationId, String name) {
        if (!who.isPlatformAdmin()) {
            if (who.role().canAdministerUsers() && who.organisationId().equals(organisationId)) {
                throw ApiException.forbidden("Only a platform admin can rename an organisation");
            }
            throw ApiException.notFound("Organisation");
        }
        String n = Fields.required("name", name, 200);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.dsl().transactionResult(cfg -> {
            Organisation before = organisations.byId(cfg.dsl(), organisationId).orElseThrow(() -> ApiException.notFound("Organisation"));
            organisations.rename(cfg.dsl(), organisationId, n);
            audit.record(cfg.dsl(), organisationId, who.userId(), "organisation.updated", "organisation", organisationId,
                    Map.of("name", n, "previousName", before.name()), now);
            return new Organisation(before.id(), before.code(), n, before.createdAt());
        });
    }

    /** The person, if the admin may act on them: 404 outside their organisation; bots and platform admins only by their own rules. */
    private User actionable(Principal who, UUID userId) {
        User u = directory.user(who, userId);
        if (u.bot()) {
            throw new ApiException(ProblemType.CONFLICT, "This is a bot: manage it with /api/v1/bots");
        }
        if (u.role() == Role.PLATFORM_ADMIN && !who.isPlatformAdmin()) {
            throw ApiException.forbidden("Only a platform admin can do this to a platform admin");
        }
        return u;
    }

    private static ApiException invalidLink() {
        return new ApiException(ProblemType.RESET_LINK_INVALID, "This link is unknown, already used or expired: ask your administrator for a new one");
    }
}
