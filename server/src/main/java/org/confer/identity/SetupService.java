package org.confer.identity;

import org.confer.text.Fields;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.http.RateLimitedException;
import org.confer.http.ProblemType;
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
    private final LoginThrottle throttle;
    private final Clock clock;

    public SetupService(Database db, SetupTokenStore tokensStore, OrganisationStore organisations, UserStore users,
                        PasswordHasher hasher, PasswordPolicy policy, Tokens tokens, LoginThrottle throttle, Clock clock) {
        this.db = db;
        this.tokensStore = tokensStore;
        this.organisations = organisations;
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.tokens = tokens;
        this.throttle = throttle;
        this.clock = clock;
    }

    private boolean tokenUsable(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return false;
        }
        byte[] presented = Tokens.sha256Hex(token).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean match = false;
        for (String stored : tokensStore.usableHashes(db.dsl(), OffsetDateTime.now(clock))) {
            match |= java.security.MessageDigest.isEqual(presented, stored.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return match;
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

    /** 410 at once when there is nothing to set up (a platform admin exists): no parsing, no hashing. */
    public void requireNeeded() {
        if (!needed()) {
            throw new ApiException(ProblemType.GONE, "First-start set-up is already done; sign in instead");
        }
    }

    /**
     * Creates the first organisation and platform admin, consuming the token in the same
     * transaction. The cheap checks come first, in this order, so that a public caller cannot
     * make the server compute password hashes for nothing: set-up still needed, the address's
     * budget, the token (compared in constant time), the fields — and only then Argon2.
     */
    public User complete(String token, FirstAdmin req, String clientAddress) {
        requireNeeded();
        throttle.trySetup(clientAddress).ifPresent(wait -> {
            throw new RateLimitedException("Too many set-up attempts; try again in " + wait + " s", wait);
        });
        if (!tokenUsable(token)) {
            audit.warn("first-start set-up refused: wrong token address={}", clientAddress);
            throw new ApiException(ProblemType.FORBIDDEN, "The setup token is not valid (unknown, used or expired)");
        }
        String code = Fields.orgCode("organisationCode", req.organisationCode());
        String orgName = Fields.required("organisationName", req.organisationName(), 200);
        String email = Fields.email("email", req.email());
        String displayName = Fields.required("displayName", req.displayName(), 200);
        String jobTitle = Fields.optional("jobTitle", req.jobTitle(), 200);
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
