package org.confer.sso;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.identity.FederatedSignIn;
import org.confer.identity.SessionService;
import org.confer.identity.User;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization code flow with PKCE (S256), state and nonce (docs/single-sign-on.md, "The
 * flow"): {@link #start} keeps the flow in the database and sends the browser to the provider;
 * {@link #finish} takes the flow out (once), exchanges the code, validates the ID token, maps its
 * claims to a person of the configured organisation and issues a session.
 */
public final class SsoSignIn {
    private static final Logger log = LoggerFactory.getLogger("confer.audit");
    /** Long enough to sign in at the provider with a second factor; short enough that a leaked state is soon worthless. */
    static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);
    public static final String CALLBACK_PATH = "/api/v1/sso/callback";

    /** Where to send the browser, and the value of its flow cookie (binds the flow to this browser). */
    public record Started(URI authorizationUri, String browserValue) {}

    /** A finished sign-in: the session's token and where the web app continues. */
    public record SignedIn(String token, User user, String returnPath) {}

    private final Database db;
    private final SsoStore store;
    private final FederatedSignIn identity;
    private final OidcProviders providers;
    private final SsoKeys keys;
    private final SessionService sessions;
    private final AuditTrail audit;
    private final Supplier<String> publicBaseUrl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SsoSignIn(Database db, SsoStore store, FederatedSignIn identity, OidcProviders providers, SsoKeys keys, SessionService sessions,
              AuditTrail audit, Supplier<String> publicBaseUrl, Clock clock) {
        this.keys = keys;
        this.db = db;
        this.store = store;
        this.identity = identity;
        this.providers = providers;
        this.sessions = sessions;
        this.audit = audit;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    /** Starts a sign-in at the provider of the organisation named by its code, or by the email's domain. */
    public Started start(String organisationCode, String email, String returnPath) {
        SsoSettings s = settingsFor(organisationCode, email);
        OidcProviders.Provider p = providers.provider(s.issuer());
        String state = randomToken();
        String nonce = randomToken();
        String browser = randomToken();
        CodeVerifier verifier = new CodeVerifier();
        URI redirect = URI.create(publicBaseUrl.get() + CALLBACK_PATH);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            store.deleteExpired(cfg.dsl(), now); // an indexed delete of a few rows; no timer needed
            store.insertFlow(cfg.dsl(), new SsoStore.Flow(sha256(state), sha256(browser), s.organisationId(), nonce,
                    verifier.getValue(), redirect.toString(), returnPath, now, now.plus(FLOW_LIFETIME)));
        });
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(s.scopes().toArray(String[]::new)),
                new ClientID(s.clientId()), redirect)
                .endpointURI(p.metadata().getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        return new Started(request.toURI(), browser);
    }

    /**
     * Finishes the sign-in the provider sent back. Every refusal is recorded ({@code sso.sign_in_failed}
     * with its reason) and thrown as a {@link SsoError.Failure}; success is recorded as {@code sso.sign_in}.
     */
    public SignedIn finish(String state, String code, String providerError, String browserValue, String userAgent,
                           String clientAddress) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (state == null || state.isEmpty() || state.length() > 200) {
            throw fail(null, null, SsoError.INVALID_STATE, "no state", clientAddress, now, null);
        }
        String stateHash = sha256(state);
        SsoStore.Flow flow = db.dsl().transactionResult(cfg -> store.take(cfg.dsl(), stateHash)).orElse(null);
        if (flow == null) {
            // Unknown, or used already (a replay): the row is gone either way.
            throw fail(null, UUID.nameUUIDFromBytes(stateHash.getBytes(StandardCharsets.US_ASCII)), SsoError.INVALID_STATE,
                    "unknown or used state", clientAddress, now, null);
        }
        UUID org = flow.organisationId();
        if (!now.isBefore(flow.expiresAt())) {
            throw fail(org, null, SsoError.INVALID_STATE, "expired state", clientAddress, now, null);
        }
        if (browserValue == null || !MessageDigest.isEqual(sha256(browserValue).getBytes(StandardCharsets.US_ASCII),
                flow.browserHash().getBytes(StandardCharsets.US_ASCII))) {
            throw fail(org, null, SsoError.INVALID_STATE, "flow started in another browser", clientAddress, now, null);
        }
        try {
            if (providerError != null) {
                throw new SsoError.Failure(SsoError.PROVIDER_REFUSED, "provider answered error=" + providerError);
            }
            if (code == null || code.isEmpty() || code.length() > 4096) {
                throw new SsoError.Failure(SsoError.PROVIDER_REFUSED, "no code");
            }
            SsoSettings s = store.settings(db.dsl(), org).filter(SsoSettings::enabled)
                    .orElseThrow(() -> new SsoError.Failure(SsoError.NOT_CONFIGURED, "switched off during the flow"));
            OidcProviders.Provider p = providers.provider(s.issuer());
            JWK key = s.clientAuth() == SsoSettings.ClientAuth.PRIVATE_KEY_JWT ? keys.signingKey(org) : null;
            JWT idToken = providers.exchange(p, s, key, clock.instant(), code, URI.create(flow.redirectUri()), flow.codeVerifier());
            JWTClaimsSet claims = providers.validate(p, s, idToken, flow.nonce());
            FederatedSignIn.Claims person = ClaimMapping.person(s, claims);
            User user;
            try {
                user = resolve(org, s, person, clientAddress, now);
            } catch (IntegrityConstraintViolationException e) {
                // Two first sign-ins of one person at once (two tabs, two nodes): one linked the
                // subject and the other's insert met the unique key; asked again, it finds the link.
                user = resolve(org, s, person, clientAddress, now);
            }
            SessionService.Issued issued = sessions.issue(user.id(), userAgent, clientAddress);
            log.info("sso sign-in user={} session={} org={} address={}", user.id(), issued.session().id(), org, clientAddress);
            return new SignedIn(issued.token(), user, flow.returnPath());
        } catch (SsoError.Failure f) {
            throw fail(org, null, f.error, f.getMessage(), clientAddress, now, f.userId);
        }
    }

    /** The person, found or provisioned, and the audit records of the sign-in, in one transaction. */
    private User resolve(UUID org, SsoSettings s, FederatedSignIn.Claims person, String clientAddress, OffsetDateTime now) {
        return db.dsl().transactionResult(cfg -> {
            FederatedSignIn.Outcome outcome = identity.resolve(cfg.dsl(), org, s.issuer(), person, s.justInTimeProvisioning(),
                    s.emailUpdatesAllowed(), now);
            return switch (outcome) {
                case FederatedSignIn.Outcome.Refused r ->
                        throw new SsoError.Failure(SsoError.ofCode(r.reason()), "user " + r.userId(), r.userId());
                case FederatedSignIn.Outcome.Person ok -> {
                    recordSignIn(cfg.dsl(), org, s.issuer(), person.subject(), ok, clientAddress, now);
                    yield ok.user();
                }
            };
        });
    }

    /** sso.sign_in, and before it what the sign-in changed: the subject linked, the email replaced. */
    private void recordSignIn(DSLContext tx, UUID org, String issuer, String subject, FederatedSignIn.Outcome.Person ok,
                              String clientAddress, OffsetDateTime now) {
        UUID id = ok.user().id();
        if (ok.linked()) {
            audit.record(tx, org, id, "sso.subject_linked", "user", id, Map.of("issuer", issuer, "subject", subject), now);
        }
        if (ok.previousEmail() != null) {
            audit.record(tx, org, id, "sso.email_updated", "user", id, Map.of("issuer", issuer, "subject", subject,
                    "from", ok.previousEmail(), "to", ok.user().email()), now);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("issuer", issuer);
        detail.put("provisioned", ok.provisioned());
        if (ok.updated()) {
            detail.put("profileUpdated", true);
        }
        if (ok.emailKept() != null) {
            detail.put("emailClaimIgnored", ok.emailKept());
        }
        detail.put("address", truncate(clientAddress));
        audit.record(tx, org, id, "sso.sign_in", "user", id, detail, now);
    }

    private SsoSettings settingsFor(String organisationCode, String email) {
        Optional<UUID> org;
        if (organisationCode != null && !organisationCode.isBlank()) {
            String code = organisationCode.trim().toUpperCase(Locale.ROOT);
            org = code.length() > 10 ? Optional.empty()
                    : identity.organisationByCode(db.dsl(), code).map(o -> o.id());
        } else if (email != null && !email.isBlank()) {
            String e = email.trim().toLowerCase(Locale.ROOT);
            int at = e.lastIndexOf('@');
            String domain = at >= 0 ? e.substring(at + 1) : e;
            org = domain.isEmpty() || domain.length() > 253 ? Optional.empty() : store.organisationOfDomain(db.dsl(), domain);
        } else {
            throw new SsoError.Failure(SsoError.NOT_CONFIGURED, "neither org nor email");
        }
        return org.flatMap(id -> store.settings(db.dsl(), id)).filter(SsoSettings::enabled)
                .orElseThrow(() -> new SsoError.Failure(SsoError.NOT_CONFIGURED, "no enabled single sign-on"));
    }

    /**
     * Records the refusal in its own transaction and returns it to throw. {@code subject}: the
     * organisation when the flow named one, else an id derived from the state (repeats of one
     * state share it; the state itself is not stored). {@code userId}: the account the refusal
     * protected, when there was one (a takeover attempt names its target).
     */
    private SsoError.Failure fail(UUID organisationId, UUID stateSubject, SsoError error, String why, String clientAddress,
                                  OffsetDateTime now, UUID userId) {
        log.info("sso sign-in failed org={} reason={} address={} ({})", organisationId, error.code(), clientAddress, why);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", error.code());
        detail.put("address", truncate(clientAddress));
        if (userId != null) {
            detail.put("userId", userId.toString());
        }
        UUID subject = organisationId != null ? organisationId : stateSubject != null ? stateSubject : new UUID(0, 0);
        String subjectType = organisationId != null ? "organisation" : "sso_state";
        db.dsl().transaction(cfg -> audit.record(cfg.dsl(), organisationId, null, "sso.sign_in_failed", subjectType, subject, detail, now));
        return new SsoError.Failure(error, why);
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String truncate(String address) {
        return address == null ? "" : address.length() > 64 ? address.substring(0, 64) : address;
    }

    /** Reads the returned web path: a path of this site only, never another origin ("//evil", "/\\evil"). */
    public static String safeReturnPath(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 300 || !raw.startsWith("/") || raw.startsWith("//")
                || raw.startsWith("/\\") || !raw.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && ch != '\\')) {
            return "/";
        }
        return raw;
    }
}
