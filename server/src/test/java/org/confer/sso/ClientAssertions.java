package org.confer.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.confer.testing.Api;

/**
 * The private_key_jwt client assertions Confer sends, read off the token requests the mock
 * provider recorded and checked the way a provider such as CIS2 does: the mock parses client
 * assertions but verifies neither their signature nor their expiry, so {@link OidcSignInTest}
 * verifies them here against the key set Confer publishes.
 */
final class ClientAssertions {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** One token request: its form and its Authorization header (null when none). */
    record Seen(Map<String, String> form, String authorization) {}

    /** A verified assertion's claims and its life from iat to exp. */
    record Verified(JWTClaimsSet claims, long lifetimeSeconds) {}

    private final MockOAuth2Server provider;
    private final Api api;

    ClientAssertions(MockOAuth2Server provider, Api api) {
        this.provider = provider;
        this.api = api;
    }

    /** The token requests the provider received while {@code action} ran, in order. */
    List<Seen> during(Runnable action) {
        drain();
        action.run();
        List<Seen> seen = new ArrayList<>();
        for (RecordedRequest r : drain()) {
            if ("POST".equals(r.getMethod()) && r.getPath() != null && r.getPath().endsWith("/token")) {
                seen.add(new Seen(SsoBrowserHops.query(r.getBody().readUtf8()), r.getHeader("Authorization")));
            }
        }
        assertThat(seen).as("token requests").isNotEmpty();
        return seen;
    }

    /** Checks the assertion's type, key id and signature with the key Confer publishes, and returns its claims. */
    Verified verify(Seen seen, String jwksUri, String expectedKeyId) throws Exception {
        assertThat(seen.form()).containsEntry("client_assertion_type", JWT_BEARER).containsKey("client_assertion");
        SignedJWT jwt = SignedJWT.parse(seen.form().get("client_assertion"));
        assertThat(jwt.getHeader().getKeyID()).as("signed with this key").isEqualTo(expectedKeyId);
        JWK key = published(jwksUri).getKeyByKeyId(expectedKeyId);
        assertThat(key).as("the signing key is published").isNotNull();
        JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier(key.toRSAKey());
        assertThat(jwt.verify(verifier)).as("the signature verifies with the published key").isTrue();
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertThat(c.getExpirationTime()).as("exp").isNotNull().isInTheFuture();
        return new Verified(c, (c.getExpirationTime().getTime() - c.getIssueTime().getTime()) / 1000);
    }

    List<String> publishedKeyIds(String jwksUri) throws Exception {
        return published(jwksUri).getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** The organisation's key set, read without credentials as a provider does; never a private key in it. */
    JWKSet published(String jwksUri) throws Exception {
        Api.Response r = api.get(URI.create(jwksUri).getPath(), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JWKSet set = JWKSet.parse(r.body());
        assertThat(set.getKeys()).noneMatch(JWK::isPrivate);
        return set;
    }

    private List<RecordedRequest> drain() {
        List<RecordedRequest> out = new ArrayList<>();
        while (true) {
            try {
                RecordedRequest r = provider.takeRequest(20, TimeUnit.MILLISECONDS);
                if (r == null) {
                    return out;
                }
                out.add(r);
            } catch (RuntimeException e) { // the mock throws when its queue stays empty for the timeout
                return out;
            }
        }
    }
}
