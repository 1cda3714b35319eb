package org.confer.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.sso.SsoBrowserHops.enc;
import static org.confer.sso.SsoBrowserHops.errorOf;
import static org.confer.sso.SsoBrowserHops.query;
import static org.confer.sso.SsoBrowserHops.sessionOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.confer.audit.AuditTrail;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.TestServer;
/**
 * What the single sign-on tests run against: a real OpenID provider (mock-oauth2-server on
 * loopback), a forged discovery document for the impostor cases, and one Confer server (H2) with
 * RDM's provider configured; plus the browser's three hops made by hand (SsoBrowserHops).
 */
final class OidcWorld implements AutoCloseable {
    static final String ISSUER_ID = "rdm-entra";
    static final String CLIENT_ID = "confer-rdm";

    final MockOAuth2Server provider;
    final TestServer server;
    final Api api;
    final String admin;
    final String rdm;
    final SsoBrowserHops hops;
    final ClientAssertions assertions;
    /** Serves a discovery document that names another issuer (the impostor cases). */
    final HttpServer discoveryStub;

    OidcWorld() {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getLoopbackAddress(), 0);
        discoveryStub = SsoBrowserHops.forgedDiscovery(provider, ISSUER_ID);
        SsoBrowserHops.warmUp(provider, ISSUER_ID, "impostor");
        server = TestServer.start(Backend.H2, Map.of());
        api = server.api;
        hops = new SsoBrowserHops(server);
        assertions = new ClientAssertions(provider, api);
        admin = server.login("admin");
        rdm = hops.organisationId("RDM", admin);
        Api.Response saved = hops.putSettings(rdm, settings(true, true), admin);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    @Override
    public void close() {
        server.close();
        provider.shutdown();
        discoveryStub.stop(0);
    }


    record Signed(Api.Response response, String session) {}

    Signed signIn(Map<String, Object> claims) {
        return signIn(callback(claims));
    }

    Signed signIn(DefaultOAuth2TokenCallback callback) {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        provider.enqueueCallback(callback);
        Api.Response r = hops.callback(hops.authorize(flow), flow.cookie());
        assertThat(r.header("Location")).as(r.toString()).isEqualTo("/");
        return new Signed(r, sessionOf(r));
    }

    String failureOf(Map<String, Object> claims) {
        return failureOf(callback(claims));
    }

    String failureOf(DefaultOAuth2TokenCallback callback) {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        provider.enqueueCallback(callback);
        return errorOf(hops.callback(hops.authorize(flow), flow.cookie()));
    }

    /** The provider's authorization endpoint (no login page: it redirects at once); returns the callback's query. */

    /** One subject per email, as a provider keeps one per person (a claims set without an email gets a fresh one). */
    DefaultOAuth2TokenCallback callback(Map<String, Object> claims) {
        Object email = claims.get("email");
        return callback(email == null ? "subject-" + UUID.randomUUID() : "subject-" + email.toString().toLowerCase(java.util.Locale.ROOT), claims);
    }

    DefaultOAuth2TokenCallback callback(String subject, Map<String, Object> claims) {
        return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, JOSEObjectType.JWT.getType(), null, claims, 600);
    }

    static Map<String, Object> claims(String email, String name, String jobTitle, String... overrides) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("email", email);
        c.put("name", name);
        if (jobTitle != null) {
            c.put("jobTitle", jobTitle);
        }
        c.put("tid", "rdm-tenant");
        for (int i = 0; i < overrides.length; i += 2) {
            c.put(overrides[i], overrides[i + 1]);
        }
        return c;
    }

    Map<String, Object> settings(boolean enabled, boolean passwords) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("issuer", provider.issuerUrl(ISSUER_ID).toString());
        s.put("clientId", CLIENT_ID);
        s.put("clientSecret", "provider-secret");
        s.put("clientAuth", "client_secret_post");
        s.put("scopes", List.of("email", "profile"));
        s.put("jobTitleClaim", "jobTitle");
        s.put("tenantClaim", "tid");
        s.put("tenantValue", "rdm-tenant");
        s.put("domains", List.of("demo.confer.test"));
        s.put("enabled", enabled);
        s.put("justInTimeProvisioning", true);
        s.put("localPasswordsAllowed", passwords);
        return s;
    }

    /** The id of the (first) key in that state in a settings view. */
    static String keyIn(JsonNode view, String state) {
        for (JsonNode k : view.get("clientKeys")) {
            if (k.get("state").asText().equals(state)) {
                return k.get("keyId").asText();
            }
        }
        throw new AssertionError("no " + state + " key in " + view.get("clientKeys"));
    }

    static List<String> plus(List<String> list, String one) {
        List<String> out = new java.util.ArrayList<>(list);
        out.add(one);
        return out;
    }

    static String csrfOf(String session) {
        return org.confer.identity.Authenticator.csrfTokenFor(session);
    }
}
