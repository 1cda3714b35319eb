package org.confer.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.confer.audit.AuditTrail;
import org.confer.testing.Api;
import org.confer.testing.TestServer;

/**
 * The browser's hops of a single sign-on, made by hand for {@link OidcSignInTest}: Confer's start
 * (with its flow cookie), the provider's authorization endpoint, Confer's callback; and what the
 * tests read back (the error code in the fragment, the session cookie, the audit trail).
 */
final class SsoBrowserHops {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A started flow: the provider's authorization address and the value of the browser's confer_sso cookie. */
    record Flow(String authorize, String cookie) {}

    private final TestServer server;
    private final Api api;
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    SsoBrowserHops(TestServer server) {
        this.server = server;
        this.api = server.api;
    }

    /**
     * The discovery document of the issuer "impostor" at the mock, re-issued under the stub's own
     * issuer URL and pointing at the key set of the issuer {@code keysOf}: tokens signed by the
     * impostor's key are then checked against keys that are not theirs.
     */
    static HttpServer forgedDiscovery(MockOAuth2Server provider, String keysOf) {
        try {
            HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            stub.createContext("/forged/.well-known/openid-configuration", exchange -> {
                try {
                    String own = "http://127.0.0.1:" + stub.getAddress().getPort() + "/forged";
                    @SuppressWarnings("unchecked")
                    Map<String, Object> doc = JSON.readValue(provider.wellKnownUrl("impostor").url(), Map.class);
                    doc.put("issuer", own);
                    doc.put("jwks_uri", provider.jwksUrl(keysOf).toString());
                    byte[] bytes = JSON.writeValueAsBytes(doc);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                } finally {
                    exchange.close();
                }
            });
            stub.start();
            return stub;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The mock's first answers (its Kotlin start-up, each issuer's key made on first use) can take
     * seconds on a loaded machine, longer than Confer waits for a provider (5 s): asked once here,
     * they are quick when the tests ask.
     */
    static void warmUp(MockOAuth2Server provider, String... issuers) {
        for (String issuer : issuers) {
            try (var discovery = provider.wellKnownUrl(issuer).url().openStream(); var keys = provider.jwksUrl(issuer).url().openStream()) {
                discovery.readAllBytes();
                keys.readAllBytes();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the mock OpenID provider does not answer", e);
            }
        }
    }

    Flow start(String query) {
        Api.Response r = api.get("/api/v1/sso/start?" + query, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        String cookie = r.headerValues("Set-Cookie").stream().filter(c -> c.startsWith("confer_sso=")).findFirst()
                .map(c -> c.substring("confer_sso=".length(), c.indexOf(';'))).orElseThrow();
        return new Flow(r.header("Location"), cookie);
    }

    String authorize(Flow flow) {
        try {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(flow.authorize())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
            URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
            assertThat(back.getPath()).isEqualTo("/api/v1/sso/callback");
            return back.getRawQuery();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Api.Response callback(String query, String cookie) {
        Map<String, String> headers = new HashMap<>();
        if (cookie != null) {
            headers.put("Cookie", "confer_sso=" + cookie);
        }
        return api.send("GET", "/api/v1/sso/callback?" + query, null, headers);
    }

    Api.Response putSettings(String organisationId, Map<String, Object> body, String token) {
        Map<String, String> headers = Api.auth(token);
        headers.put("Content-Type", "application/json");
        return api.send("PUT", "/api/v1/admin/organisations/" + organisationId + "/sso", Api.json(body), headers);
    }

    static String errorOf(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        String location = r.header("Location");
        assertThat(location).as("failures go to the sign-in page").startsWith("/#sso-error=");
        assertThat(r.headerValues("Set-Cookie")).noneMatch(c -> c.startsWith("confer_session=") && !c.startsWith("confer_session=;"));
        return location.substring("/#sso-error=".length());
    }

    static String sessionOf(Api.Response r) {
        return r.headerValues("Set-Cookie").stream().filter(c -> c.startsWith("confer_session=")).findFirst()
                .map(c -> c.substring("confer_session=".length(), c.indexOf(';'))).orElseThrow(() -> new AssertionError(r.toString()));
    }

    Api.Response cookieGet(String path, String session) {
        return api.send("GET", path, null, Map.of("Cookie", "confer_session=" + session));
    }

    String organisationId(String code, String admin) {
        for (JsonNode o : api.get("/api/v1/admin/organisations", admin).json().get("items")) {
            if (o.get("code").asText().equals(code)) {
                return o.get("id").asText();
            }
        }
        throw new AssertionError("no organisation " + code);
    }

    String userId(String email, String admin) {
        return api.get("/api/v1/admin/users?q=" + enc(email), admin).json().get("items").get(0).get("id").asText();
    }

    List<AuditTrail.Entry> auditOf(String subjectType, UUID subjectId) {
        return new AuditTrail().forSubject(server.app().database().dsl(), subjectType, subjectId);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
