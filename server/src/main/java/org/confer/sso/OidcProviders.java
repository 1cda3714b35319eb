package org.confer.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenID providers Confer talks to: discovery ({@code <issuer>/.well-known/openid-configuration},
 * cached), the token request, and ID token validation with the provider's JWKS through Nimbus
 * (docs/single-sign-on.md, "Security decisions").
 */
final class OidcProviders {
    private static final Logger log = LoggerFactory.getLogger(OidcProviders.class);

    /** Discovery documents change rarely (endpoints move with a new tenant, not daily); an admin's save forgets one at once. */
    static final Duration DISCOVERY_TTL = Duration.ofHours(1);
    /** A provider answers in well under a second; 5 s bounds a sign-in stuck on a dead provider without failing a slow one. */
    static final int TIMEOUT_MS = 5_000;
    /** Discovery documents and key sets are a few KiB; 512 KiB refuses anything that is not one. */
    static final int MAX_DOCUMENT_BYTES = 512 * 1024;
    /**
     * Clock difference tolerated on exp and iat: 60 s, Nimbus's default and what Entra ID and
     * Keycloak servers synchronised by NTP need; a longer one lengthens a stolen token's life.
     */
    static final int MAX_CLOCK_SKEW_SECONDS = 60;
    /** Asymmetric signatures only: never "none", never HMAC keyed by the client secret. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /**
     * A client assertion is used once, at once: 60 s covers the request and the provider's clock
     * skew (RFC 7523 asks for a short expiry; CIS2 refuses long-lived assertions).
     */
    static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);

    /** A provider's discovered endpoints. */
    record Provider(OIDCProviderMetadata metadata, long fetchedAtNanos) {}

    private record ValidatorKey(String issuer, String clientId, URI jwks) {}

    private final boolean allowHttp;
    private final LongSupplier nanoTime;
    private final Map<String, Provider> discovered = new ConcurrentHashMap<>();
    /** One validator (and so one cached key set) per provider and client: keys are re-read when an unknown key id appears. */
    private final Map<ValidatorKey, IDTokenValidator> validators = new ConcurrentHashMap<>();

    /** {@code allowHttp}: plain-HTTP providers are accepted only where Confer itself is served over HTTP (development, tests). */
    OidcProviders(boolean allowHttp, LongSupplier nanoTime) {
        this.allowHttp = allowHttp;
        this.nanoTime = nanoTime;
    }

    boolean allowHttp() {
        return allowHttp;
    }

    /** The provider's metadata, from the cache or discovery; the issuer in it must equal the configured one. */
    Provider provider(String issuer) {
        Provider cached = discovered.get(issuer);
        if (cached != null && nanoTime.getAsLong() - cached.fetchedAtNanos() < DISCOVERY_TTL.toNanos()) {
            return cached;
        }
        try {
            OIDCProviderMetadata m = OIDCProviderMetadata.resolve(new Issuer(issuer), TIMEOUT_MS, TIMEOUT_MS);
            requireAllowedScheme(m.getAuthorizationEndpointURI());
            requireAllowedScheme(m.getTokenEndpointURI());
            requireAllowedScheme(m.getJWKSetURI());
            Provider p = new Provider(m, nanoTime.getAsLong());
            discovered.put(issuer, p);
            return p;
        } catch (com.nimbusds.oauth2.sdk.GeneralException | IOException | IllegalArgumentException e) {
            log.warn("OpenID discovery failed issuer={}: {}", issuer, e.getMessage());
            throw new SsoError.Failure(SsoError.PROVIDER_UNAVAILABLE, "discovery: " + e.getMessage());
        }
    }

    /** An admin changed the configuration: the next sign-in discovers the provider again. */
    void forget(String issuer) {
        discovered.remove(issuer);
        validators.keySet().removeIf(k -> k.issuer().equals(issuer));
    }

    /**
     * Exchanges the code (with the PKCE verifier) for tokens and returns the ID token.
     * {@code signingKey}: the organisation's active key when it authenticates with private_key_jwt.
     */
    JWT exchange(Provider p, SsoSettings s, JWK signingKey, Instant now, String code, URI redirectUri, String codeVerifier) {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(codeVerifier));
        URI endpoint = p.metadata().getTokenEndpointURI();
        ClientID client = new ClientID(s.clientId());
        TokenRequest request;
        if (s.clientAuth() == SsoSettings.ClientAuth.PRIVATE_KEY_JWT) {
            request = new TokenRequest(endpoint, clientAssertion(client, endpoint, signingKey, now), grant);
        } else if (!s.hasSecret()) {
            request = new TokenRequest(endpoint, client, grant); // a public client: PKCE alone proves the code is ours
        } else {
            Secret secret = new Secret(s.clientSecret());
            ClientAuthentication auth = s.clientAuth() == SsoSettings.ClientAuth.CLIENT_SECRET_POST
                    ? new ClientSecretPost(client, secret) : new ClientSecretBasic(client, secret);
            request = new TokenRequest(endpoint, auth, grant);
        }
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MS);
        http.setReadTimeout(TIMEOUT_MS);
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new SsoError.Failure(SsoError.PROVIDER_UNAVAILABLE, "token endpoint: " + e.getMessage());
        } catch (ParseException e) {
            throw new SsoError.Failure(SsoError.TOKEN_EXCHANGE_FAILED, "token response: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            throw new SsoError.Failure(SsoError.TOKEN_EXCHANGE_FAILED,
                    "token endpoint refused: " + response.toErrorResponse().getErrorObject().getCode());
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new SsoError.Failure(SsoError.INVALID_TOKEN, "no ID token in the token response");
        }
        return idToken;
    }

    /**
     * Validates the ID token: signature by one of the provider's keys (asymmetric algorithms only),
     * issuer, audience (and azp), expiry and issue time with {@value #MAX_CLOCK_SKEW_SECONDS} s of
     * skew, and the nonce. Nimbus checks the signature before the claims, so when it refuses the
     * claims they are the provider's own and can name the reason.
     */
    JWTClaimsSet validate(Provider p, SsoSettings s, JWT idToken, String expectedNonce) {
        if (!(idToken instanceof SignedJWT)) {
            throw new SsoError.Failure(SsoError.INVALID_TOKEN, "the ID token is not signed");
        }
        IDTokenValidator validator = validator(p, s.clientId());
        try {
            return validator.validate(idToken, new Nonce(expectedNonce)).toJWTClaimsSet();
        } catch (BadJWTException e) {
            throw new SsoError.Failure(claimsReason(idToken, p.metadata().getIssuer().getValue(), s.clientId(), expectedNonce),
                    e.getMessage());
        } catch (BadJOSEException e) {
            throw new SsoError.Failure(SsoError.BAD_SIGNATURE, e.getMessage());
        } catch (JOSEException e) {
            throw new SsoError.Failure(SsoError.PROVIDER_UNAVAILABLE, "keys: " + e.getMessage());
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new SsoError.Failure(SsoError.INVALID_TOKEN, e.getMessage());
        }
    }

    private static SsoError claimsReason(JWT token, String issuer, String clientId, String expectedNonce) {
        try {
            JWTClaimsSet c = token.getJWTClaimsSet();
            if (!issuer.equals(c.getIssuer())) {
                return SsoError.WRONG_ISSUER;
            }
            List<String> audience = c.getAudience();
            String azp = c.getStringClaim("azp");
            if (audience == null || !audience.contains(clientId) || (audience.size() > 1 && !clientId.equals(azp))) {
                return SsoError.WRONG_AUDIENCE;
            }
            Date exp = c.getExpirationTime();
            if (exp == null || exp.getTime() + MAX_CLOCK_SKEW_SECONDS * 1000L < System.currentTimeMillis()) {
                return SsoError.TOKEN_EXPIRED;
            }
            if (!expectedNonce.equals(c.getStringClaim("nonce"))) {
                return SsoError.NONCE_MISMATCH;
            }
        } catch (java.text.ParseException e) {
            return SsoError.INVALID_TOKEN;
        }
        return SsoError.INVALID_TOKEN;
    }

    /**
     * The client assertion (RFC 7523, OIDC Core 9): iss = sub = the client id, aud = the token
     * endpoint, a fresh jti, and a short life ({@link #ASSERTION_LIFETIME}), signed with the
     * organisation's active key, whose kid the provider finds in the organisation's JWKS.
     */
    static PrivateKeyJWT clientAssertion(ClientID client, URI tokenEndpoint, JWK key, Instant now) {
        if (key == null) {
            throw new SsoError.Failure(SsoError.TOKEN_EXCHANGE_FAILED, "private_key_jwt without a key");
        }
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(client, List.of(new Audience(tokenEndpoint)),
                Date.from(now.plus(ASSERTION_LIFETIME)), null, Date.from(now), new JWTID());
        JWSAlgorithm alg = key.getAlgorithm() == null ? JWSAlgorithm.RS256 : JWSAlgorithm.parse(key.getAlgorithm().getName());
        try {
            PrivateKey privateKey = key instanceof ECKey ec ? ec.toPrivateKey() : key.toRSAKey().toPrivateKey();
            return new PrivateKeyJWT(claims, alg, privateKey, key.getKeyID(), null);
        } catch (JOSEException e) {
            throw new SsoError.Failure(SsoError.TOKEN_EXCHANGE_FAILED, "signing the client assertion: " + e.getMessage());
        }
    }

    private IDTokenValidator validator(Provider p, String clientId) {
        OIDCProviderMetadata m = p.metadata();
        return validators.computeIfAbsent(new ValidatorKey(m.getIssuer().getValue(), clientId, m.getJWKSetURI()), k -> {
            Set<JWSAlgorithm> algorithms = new HashSet<>(ALGORITHMS);
            if (m.getIDTokenJWSAlgs() != null) {
                algorithms.retainAll(m.getIDTokenJWSAlgs());
            }
            // Cached key set, read again (at most every 30 s) when a token names a key id it does not hold:
            // a provider's key rotation needs no restart (JWKSourceBuilder's defaults).
            JWKSource<SecurityContext> keys;
            try {
                keys = JWKSourceBuilder.create(k.jwks().toURL(), new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_DOCUMENT_BYTES))
                        .build();
            } catch (MalformedURLException e) {
                throw new SsoError.Failure(SsoError.PROVIDER_UNAVAILABLE, "jwks_uri: " + e.getMessage());
            }
            IDTokenValidator v = new IDTokenValidator(m.getIssuer(), new ClientID(clientId),
                    new JWSVerificationKeySelector<>(algorithms, keys), null);
            v.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
            return v;
        });
    }

    private void requireAllowedScheme(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("the discovery document lacks an endpoint Confer needs");
        }
        String scheme = uri.getScheme();
        if (!"https".equals(scheme) && !(allowHttp && "http".equals(scheme))) {
            throw new IllegalArgumentException("endpoint " + uri + " is not https");
        }
    }
}
