package org.confer.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.app.ApiException;
import org.confer.app.ProblemType;
import org.confer.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: while no active platform admin exists, a one-time setup token (printed to stdout
 * at start, valid 24 hours, replaced at each start) lets the operator create the first
 * organisation and its platform admin.
 */
public final class SetupService {
    private static final Logger audit = LoggerFactory.getLogger("confer.audit");
    static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    /** What the operator submits with the token. */
    public record FirstAdmin(String organisationCode, String organisationName, String email, String displayName,
                             String jobTitle, String password) {}

    private final Database db;
    private final SetupTokenStore tokensStore;
    private final OrganisationStore organisations;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Tokens tokens;
    private final Clock clock;

    public SetupService(Database db, SetupTokenStore tokensStore, OrganisationStore organisations, UserStore users,
                        PasswordHasher hasher, PasswordPolicy policy, Tokens tokens, Clock clock) {
        this.db = db;
        this.tokensStore = tokensStore;
        this.organisations = organisations;
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.tokens = tokens;
        this.clock = clock;
    }

    public boolean needed() {
        return !users.anyPlatformAdmin(db.dsl());
    }

    /** Issues a fresh setup token when set-up is needed; the caller prints it. */
    public Optional<String> issueTokenIfNeeded() {
        if (!needed()) {
            return Optional.empty();
        }
        String token = tokens.newToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> tokensStore.replace(cfg.dsl(), Tokens.sha256Hex(token), now, now.plus(TOKEN_LIFETIME)));
        return Optional.of(token);
    }

    /** Creates the first organisation and platform admin, consuming the token in the same transaction. */
    public User complete(String token, FirstAdmin req) {
        String code = Validation.orgCode("organisationCode", req.organisationCode());
        String orgName = Validation.required("organisationName", req.organisationName(), 200);
        String email = Validation.email("email", req.email());
        String displayName = Validation.required("displayName", req.displayName(), 200);
        String jobTitle = Validation.optional("jobTitle", req.jobTitle(), 200);
        policy.problem(req.password(), email).ifPresent(p -> {
            throw new ApiException(ProblemType.WEAK_PASSWORD, p, Map.of("field", "password"));
        });
        String hash = hasher.hash(req.password());
        OffsetDateTime now = OffsetDateTime.now(clock);
        User admin = db.dsl().transactionResult(cfg -> {
            if (token == null || !tokensStore.consume(cfg.dsl(), Tokens.sha256Hex(token), now) || users.anyPlatformAdmin(cfg.dsl())) {
                throw new ApiException(ProblemType.FORBIDDEN, "The setup token is not valid (unknown, used or expired)");
            }
            Organisation org = organisations.byCode(cfg.dsl(), code)
                    .orElseGet(() -> organisations.insert(cfg.dsl(), UUID.randomUUID(), code, orgName, now));
            if (users.emailExists(cfg.dsl(), email)) {
                throw new ApiException(ProblemType.CONFLICT, "A user with this email already exists", Map.of("field", "email"));
            }
            User u = new User(UUID.randomUUID(), org.id(), email, displayName, jobTitle, null, Role.PLATFORM_ADMIN,
                    UserStatus.ACTIVE, now);
            return users.insert(cfg.dsl(), u, hash);
        });
        audit.info("first platform admin created id={} org={}", admin.id(), admin.organisationId());
        return admin;
    }
}
