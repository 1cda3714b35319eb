package org.confer.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.http.RateLimitedException;
import org.confer.http.ProblemType;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password sign-in and password change. A wrong email and a wrong password get the same answer
 * after the same work (an Argon2 verification either way), so the response does not reveal
 * which accounts exist.
 */
public final class AuthService {
    private static final Logger audit = LoggerFactory.getLogger("confer.audit");

    /** A successful sign-in; {@code deviceCookie} is the new value of the browser's device cookie. */
    public record SignedIn(String token, User user, Session session, String deviceCookie) {}

    private final Database db;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final SessionService sessions;
    private final DeviceCookies devices;
    private final AuditTrail trail;
    private final Clock clock;

    public AuthService(Database db, UserStore users, PasswordHasher hasher, PasswordPolicy policy,
                       LoginThrottle throttle, SessionService sessions, DeviceCookies devices, AuditTrail trail, Clock clock) {
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.sessions = sessions;
        this.devices = devices;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Signs in. {@code deviceCookie} is the browser's device cookie (null for API clients): a
     * browser that signed in to this account before is not held back by strangers' failures.
     */
    public SignedIn login(String email, String password, String userAgent, String clientAddress, String deviceCookie) {
        String normalised = UserStore.normalise(email);
        LoginThrottle.Client client = new LoginThrottle.Client(clientAddress, devices.recognise(deviceCookie, normalised));
        OptionalLong wait = throttle.tryAttempt(normalised, client);
        if (wait.isPresent()) {
            audit.warn("login throttled email={} address={} knownDevice={}", normalised, clientAddress, client.device().isPresent());
            throw new RateLimitedException(wait.getAsLong());
        }
        Optional<UserStore.Credentials> found = users.credentialsByEmail(db.dsl(), normalised);
        if (found.isEmpty()) {
            hasher.verifyDecoy(password);
            throttle.failed("unknown_account");
            audit.info("login failed (no such account) email={} address={}", normalised, clientAddress);
            // No person to name: the subject is the email's hash (docs/audit.md, "Sign-ins"), never the email or password typed.
            record(null, "auth.sign_in_failed", "email", emailSubject(normalised), "unknown_account", clientAddress, null);
            throw invalidCredentials();
        }
        UserStore.Credentials creds = found.get();
        // A bot never signs in (it has no password; this holds even if one were ever stored).
        boolean ok = !creds.user().bot() && creds.passwordHash() != null && hasher.verify(password, creds.passwordHash());
        if (!ok || creds.user().status() != UserStatus.ACTIVE) {
            throttle.failed(ok ? "disabled" : "password");
            audit.info("login failed user={} address={} reason={}", creds.user().id(), clientAddress,
                    ok ? "disabled" : "password");
            record(creds.user().organisationId(), "auth.sign_in_failed", "user", creds.user().id(), ok ? "disabled" : "password",
                    clientAddress, null);
            throw invalidCredentials();
        }
        throttle.succeeded(normalised, client);
        refuseIfSingleSignOnOnly(creds.user(), clientAddress);
        if (hasher.needsRehash(creds.passwordHash())) {
            users.setPasswordHash(db.dsl(), creds.user().id(), hasher.hash(password), OffsetDateTime.now(clock));
        }
        SessionService.Issued issued = sessions.issue(creds.user().id(), userAgent, clientAddress);
        audit.info("login user={} session={} address={} knownDevice={}", creds.user().id(), issued.session().id(), clientAddress,
                client.device().isPresent());
        record(creds.user().organisationId(), "auth.signed_in", "user", creds.user().id(), null, clientAddress, creds.user().id());
        return new SignedIn(issued.token(), creds.user(), issued.session(), devices.remember(deviceCookie, normalised));
    }

    /** Passwords allowed everywhere until the composition root hands over single sign-on's rule. */
    private volatile PasswordSignInRule passwordRule = organisationId -> Optional.empty();

    /** Called once by the composition root, after single sign-on is built. */
    public void usePasswordSignInRule(PasswordSignInRule rule) {
        this.passwordRule = rule;
    }

    /**
     * Checked only after the password was right, so the answer tells a guesser nothing. Platform
     * admins keep their password as the break-glass way in when a provider is down or
     * misconfigured (docs/single-sign-on.md, "Local passwords").
     */
    private void refuseIfSingleSignOnOnly(User user, String clientAddress) {
        if (user.role() == Role.PLATFORM_ADMIN) {
            return;
        }
        passwordRule.singleSignOnOnly(user.organisationId()).ifPresent(code -> {
            audit.info("login refused (organisation uses single sign-on) user={} address={}", user.id(), clientAddress);
            throw new ApiException(ProblemType.SSO_REQUIRED, "Your organisation signs you in with its own account: choose "
                    + "\"Sign in with your organisation\"", java.util.Map.of("organisationCode", code));
        });
    }

    /** Changes the caller's password after checking the current one; ends their other sessions. */
    public void changePassword(Principal who, String currentPassword, String newPassword, String clientAddress) {
        User user = users.byId(db.dsl(), who.userId()).orElseThrow(() -> ApiException.notFound("User"));
        // A budget of its own: a stolen session must not become a password-guessing oracle.
        OptionalLong wait = throttle.tryPasswordChange(who.userId());
        if (wait.isPresent()) {
            throw new RateLimitedException(wait.getAsLong());
        }
        String hash = users.passwordHash(db.dsl(), who.userId()).orElse(null);
        if (!hasher.verify(currentPassword, hash)) {
            throw new ApiException(ProblemType.INVALID_CREDENTIALS, "The current password is not correct");
        }
        policy.problem(newPassword, user.email()).ifPresent(p -> {
            throw new ApiException(ProblemType.WEAK_PASSWORD, p, java.util.Map.of("field", "newPassword"));
        });
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID keep = who.sessionId();
        db.dsl().transaction(cfg -> {
            users.setPasswordHash(cfg.dsl(), who.userId(), hasher.hash(newPassword), now);
        });
        int ended = sessions.revokeAll(who.userId(), keep);
        audit.info("password changed user={} otherSessionsEnded={}", who.userId(), ended);
    }

    /** One audit record of a sign-in or a failed one, in a transaction of its own (nothing else is written with it). */
    private void record(UUID organisationId, String action, String subjectType, UUID subjectId, String reason, String address,
                        UUID actorId) {
        java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
        if (reason != null) {
            detail.put("reason", reason);
        }
        if (address != null) {
            detail.put("address", address.length() > 64 ? address.substring(0, 64) : address);
        }
        db.dsl().transaction(cfg -> trail.record(cfg.dsl(), organisationId, actorId, action, subjectType, subjectId, detail,
                OffsetDateTime.now(clock)));
    }

    /**
     * The subject of a failed sign-in to an address no account has: the first 128 bits of the
     * SHA-256 of the normalised email, as a UUID. Repeated tries at one address share it, and an
     * investigator who suspects an address can compute it; the address itself is not stored.
     */
    public static UUID emailSubject(String normalisedEmail) {
        String h = Tokens.sha256Hex(normalisedEmail);
        return UUID.fromString(h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20, 32));
    }

    private static ApiException invalidCredentials() {
        return new ApiException(ProblemType.INVALID_CREDENTIALS, "Email or password is not correct");
    }
}
