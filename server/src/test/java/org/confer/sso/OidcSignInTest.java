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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Single sign-on end to end against a real OpenID provider (mock-oauth2-server on loopback): the
 * browser's three hops are made by hand — Confer's start, the provider's authorization endpoint,
 * Confer's callback — and every refusal goes through the callback and names its reason in the
 * sign-in page's fragment (docs/single-sign-on.md). One provider and one server (H2) for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest {
    private static final String ISSUER_ID = "rdm-entra";
    private static final String CLIENT_ID = "confer-rdm";

    private MockOAuth2Server provider;
    private TestServer server;
    private Api api;
    private String admin;
    private String rdm;
    private HttpServer discoveryStub;
    private SsoBrowserHops hops;
    private ClientAssertions assertions;

    @BeforeAll
    void start() {
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

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
        if (discoveryStub != null) {
            discoveryStub.stop(0);
        }
    }

    // ---- success ----

    @Test
    void a_new_starter_is_provisioned_just_in_time_and_a_second_sign_in_is_the_same_person() {
        Signed first = signIn(claims("nadia.new@demo.confer.test", "Nadia Newell", "Staff Nurse"));

        assertThat(first.response().status()).isEqualTo(302);
        assertThat(first.response().header("Location")).isEqualTo("/");
        assertThat(first.response().headerValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_session=").contains("HttpOnly").contains("SameSite=Lax"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_csrf=" + csrfOf(first.session())));
        JsonNode me = hops.cookieGet("/api/v1/me", first.session()).json();
        assertThat(me.get("email").asText()).isEqualTo("nadia.new@demo.confer.test");
        assertThat(me.get("displayName").asText()).isEqualTo("Nadia Newell");
        assertThat(me.get("jobTitle").asText()).isEqualTo("Staff Nurse");
        assertThat(me.at("/organisation/code").asText()).isEqualTo("RDM");
        assertThat(me.get("role").asText()).isEqualTo("member");
        List<AuditTrail.Entry> trail = hops.auditOf("user", UUID.fromString(me.get("id").asText()));
        assertThat(trail).extracting(AuditTrail.Entry::action).containsExactly("sso.subject_linked", "sso.sign_in");
        assertThat(trail.getLast().detail()).containsEntry("provisioned", true);

        Signed second = signIn(claims("Nadia.New@demo.confer.test", "Nadia Newell", "Senior Staff Nurse"));
        JsonNode again = hops.cookieGet("/api/v1/me", second.session()).json();
        assertThat(again.get("id").asText()).isEqualTo(me.get("id").asText());
        assertThat(again.get("jobTitle").asText()).as("the provider's job title is the record").isEqualTo("Senior Staff Nurse");
        assertThat(hops.auditOf("user", UUID.fromString(me.get("id").asText())).getLast().detail()).containsEntry("provisioned", false);
    }

    @Test
    void an_existing_person_signs_in_as_themselves_and_lands_where_they_started() {
        SsoBrowserHops.Flow flow = hops.start("org=rdm&return=" + enc("/admin#sign-in"));
        provider.enqueueCallback(callback(claims("alice@demo.confer.test", "Alice Moreno", null)));
        Api.Response r = hops.callback(hops.authorize(flow), flow.cookie());

        assertThat(r.header("Location")).isEqualTo("/admin#sign-in");
        JsonNode me = hops.cookieGet("/api/v1/me", sessionOf(r)).json();
        assertThat(me.get("displayName").asText()).isEqualTo("Alice Moreno");
    }

    @Test
    void the_authorization_request_uses_pkce_s256_state_and_nonce_and_never_sends_the_secret() {
        SsoBrowserHops.Flow flow = hops.start("email=" + enc("someone@Demo.Confer.Test"));
        Map<String, String> q = query(URI.create(flow.authorize()).getRawQuery());

        assertThat(flow.authorize()).startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString());
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
        assertThat(q.get("scope").split(" ")).contains("openid", "email", "profile");
        assertThat(q.get("redirect_uri")).endsWith("/api/v1/sso/callback");
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(q.get("nonce"));
        assertThat(flow.authorize()).doesNotContain("provider-secret");
    }

    // ---- the ID token is refused for the named reason ----

    @Test
    void a_token_from_another_issuer_is_refused() {
        assertThat(failureOf(claims("alice@demo.confer.test", "Alice Moreno", null, "iss", "https://impostor.example/v2.0")))
                .isEqualTo("wrong-issuer");
    }

    @Test
    void a_token_for_another_client_is_refused() {
        assertThat(failureOf(claims("alice@demo.confer.test", "Alice Moreno", null, "aud", "another-application")))
                .isEqualTo("wrong-audience");
    }

    @Test
    void an_expired_token_is_refused() {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "subject-expired", JOSEObjectType.JWT.getType(), null,
                claims("alice@demo.confer.test", "Alice Moreno", null), -600));
        assertThat(errorOf(hops.callback(hops.authorize(flow), flow.cookie()))).isEqualTo("token-expired");
    }

    @Test
    void a_token_whose_nonce_is_not_the_flows_is_refused() {
        assertThat(failureOf(claims("alice@demo.confer.test", "Alice Moreno", null, "nonce", "a-nonce-from-another-flow")))
                .isEqualTo("nonce-mismatch");
    }

    @Test
    void a_token_signed_with_a_key_that_is_not_the_providers_is_refused() throws Exception {
        // A provider whose discovery document names its own key set, while its tokens come from
        // another signer: the loopback stub serves only the discovery document; the real mock
        // issues the token (issuer "impostor"), claiming to be the stub's issuer.
        String forgedIssuer = "http://127.0.0.1:" + discoveryStub.getAddress().getPort() + "/forged";
        String rdp = hops.organisationId("RDP", admin);
        Map<String, Object> body = settings(true, true);
        body.put("issuer", forgedIssuer);
        body.put("domains", List.of());
        body.remove("tenantClaim");
        body.remove("tenantValue");
        assertThat(hops.putSettings(rdp, body, admin).status()).isEqualTo(200);

        SsoBrowserHops.Flow flow = hops.start("org=RDP");
        assertThat(flow.authorize()).startsWith(provider.authorizationEndpointUrl("impostor").toString());
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("impostor", "forged", JOSEObjectType.JWT.getType(), null,
                claims("hannah@demo.confer.test", "Hannah Price", null, "iss", forgedIssuer), 600));

        assertThat(errorOf(hops.callback(hops.authorize(flow), flow.cookie()))).isEqualTo("bad-signature");
        assertThat(hops.auditOf("organisation", UUID.fromString(rdp))).extracting(e -> e.detail().get("reason")).contains("bad-signature");
    }

    // ---- the flow itself ----

    @Test
    void a_state_is_used_once_and_a_replay_is_refused() {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        provider.enqueueCallback(callback(claims("bob@demo.confer.test", "Dr Bob Adeyemi", null)));
        String returned = hops.authorize(flow);
        assertThat(hops.callback(returned, flow.cookie()).header("Location")).isEqualTo("/");

        Api.Response replay = hops.callback(returned, flow.cookie());
        assertThat(errorOf(replay)).isEqualTo("invalid-state");
        assertThat(replay.headerValues("Set-Cookie")).noneMatch(c -> c.startsWith("confer_session=") && !c.startsWith("confer_session=;"));
    }

    @Test
    void an_unknown_state_and_a_flow_finished_in_another_browser_are_refused() {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        String returned = hops.authorize(flow);
        String madeUp = returned.replaceAll("state=[^&]+", "state=made-up-state");

        assertThat(errorOf(hops.callback(madeUp, flow.cookie()))).isEqualTo("invalid-state");
        assertThat(errorOf(hops.callback(returned, null))).as("no flow cookie: someone else's browser").isEqualTo("invalid-state");
        assertThat(hops.auditOf("organisation", UUID.fromString(rdm))).extracting(e -> e.detail().get("reason"))
                .contains("invalid-state");
    }

    @Test
    void the_provider_refusing_or_the_person_cancelling_is_reported_without_the_providers_words() {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        String state = query(URI.create(flow.authorize()).getRawQuery()).get("state");
        Api.Response r = hops.callback("error=access_denied&error_description=" + enc("<script>alert(1)</script>") + "&state="
                + enc(state), flow.cookie());
        assertThat(r.header("Location")).isEqualTo("/#sso-error=provider-refused");
    }

    @Test
    void an_organisation_without_single_sign_on_is_not_started() {
        assertThat(errorOf(api.get("/api/v1/sso/start?org=YDX", null))).isEqualTo("not-configured");
        assertThat(errorOf(api.get("/api/v1/sso/start?email=" + enc("someone@nowhere.test"), null))).isEqualTo("not-configured");
        assertThat(api.get("/api/v1/sso/start?org=RDM&return=" + enc("//evil.example/"), null).status()).isEqualTo(302);
    }

    @Test
    void a_return_path_to_another_site_becomes_the_app() {
        SsoBrowserHops.Flow flow = hops.start("org=RDM&return=" + enc("//evil.example/x"));
        provider.enqueueCallback(callback(claims("chloe@demo.confer.test", "Dr Chloe Turner", null)));
        assertThat(hops.callback(hops.authorize(flow), flow.cookie()).header("Location")).isEqualTo("/");
    }

    // ---- who may come in ----

    @Test
    void a_disabled_person_is_refused() {
        String george = hops.userId("george@demo.confer.test", admin);
        assertThat(api.patch("/api/v1/admin/users/" + george, Map.of("status", "disabled"), admin).status()).isEqualTo(200);

        assertThat(failureOf(claims("george@demo.confer.test", "Dr George Lin", null))).isEqualTo("account-disabled");
    }

    @Test
    void a_person_of_another_organisation_is_refused_even_by_this_organisations_provider() {
        assertThat(failureOf(claims("erin@demo.confer.test", "Erin Walsh", null))).isEqualTo("other-organisation");
    }

    @Test
    void the_tenant_claim_must_be_the_configured_one() {
        Map<String, Object> c = claims("fatima@demo.confer.test", "Fatima Hussain", null);
        c.put("tid", "another-tenant");
        assertThat(failureOf(c)).isEqualTo("wrong-tenant");
    }

    @Test
    void an_email_outside_the_organisations_domains_is_refused() {
        assertThat(failureOf(claims("someone@elsewhere.test", "Someone Else", null))).isEqualTo("email-domain-not-allowed");
    }

    @Test
    void a_provider_without_an_email_claim_signs_nobody_in() {
        Map<String, Object> c = claims("fatima@demo.confer.test", "Fatima Hussain", null);
        c.remove("email");
        assertThat(failureOf(c)).isEqualTo("missing-email");
    }

    // ---- local passwords ----

    @Test
    void with_passwords_switched_off_a_member_is_sent_to_single_sign_on_and_a_platform_admin_still_gets_in() {
        try {
            assertThat(hops.putSettings(rdm, settings(true, false), admin).status()).isEqualTo(200);

            Api.Response alice = api.post("/api/v1/auth/login", Map.of("email", "alice@demo.confer.test", "password",
                    TestServer.DEMO_PASSWORD), null);
            assertThat(alice.status()).isEqualTo(403);
            assertThat(alice.problemType()).isEqualTo("sso-required");
            assertThat(alice.json().get("organisationCode").asText()).isEqualTo("RDM");
            assertThat(alice.headerValues("Set-Cookie")).isEmpty();
            Api.Response wrong = api.post("/api/v1/auth/login", Map.of("email", "alice@demo.confer.test", "password",
                    "not her password"), null);
            assertThat(wrong.problemType()).as("a guesser learns nothing").isEqualTo("invalid-credentials");
            assertThat(api.post("/api/v1/auth/login", Map.of("email", "admin@demo.confer.test", "password",
                    TestServer.DEMO_PASSWORD), null).status()).as("break glass").isEqualTo(200);
            assertThat(api.post("/api/v1/auth/login", Map.of("email", "erin@demo.confer.test", "password",
                    TestServer.DEMO_PASSWORD), null).status()).as("another organisation").isEqualTo(200);
        } finally {
            hops.putSettings(rdm, settings(true, true), admin);
        }
        assertThat(api.post("/api/v1/auth/login", Map.of("email", "alice@demo.confer.test", "password",
                TestServer.DEMO_PASSWORD), null).status()).isEqualTo(200);
    }

    // ---- private_key_jwt ----

    @Test
    void with_private_key_jwt_the_token_request_carries_a_short_lived_assertion_signed_by_the_published_key() throws Exception {
        Map<String, Object> body = settings(true, true);
        body.put("clientAuth", "private_key_jwt");
        try {
            JsonNode view = hops.putSettings(rdm, body, admin).json();
            assertThat(view.get("clientKeys")).extracting(k -> k.get("state").asText()).contains("active");
            String kid = keyIn(view, "active");
            String jwksUri = view.get("jwksUri").asText();
            assertThat(jwksUri).endsWith("/api/v1/sso/" + rdm + "/jwks.json");
            assertThat(view.toString()).doesNotContain("\"d\"");

            List<ClientAssertions.Seen> seen = assertions.during(() -> {
                signIn(claims("alice@demo.confer.test", "Alice Moreno", null));
                signIn(claims("alice@demo.confer.test", "Alice Moreno", null));
            });
            ClientAssertions.Verified first = assertions.verify(seen.get(0), jwksUri, kid);
            ClientAssertions.Verified second = assertions.verify(seen.get(1), jwksUri, kid);
            assertThat(first.claims().getIssuer()).isEqualTo(CLIENT_ID);
            assertThat(first.claims().getSubject()).isEqualTo(CLIENT_ID);
            assertThat(first.claims().getAudience()).containsExactly(provider.tokenEndpointUrl(ISSUER_ID).toString());
            assertThat(first.lifetimeSeconds()).isPositive().isLessThanOrEqualTo(60);
            assertThat(first.claims().getJWTID()).isNotBlank().as("a jti is used once").isNotEqualTo(second.claims().getJWTID());
            assertThat(seen.get(0).form()).doesNotContainKey("client_secret");
            assertThat(seen.get(0).authorization()).as("no client_secret_basic either").isNull();
        } finally {
            hops.putSettings(rdm, settings(true, true), admin);
        }
    }

    @Test
    void a_next_key_is_published_before_it_signs_and_the_previous_one_until_it_is_removed() throws Exception {
        Map<String, Object> body = settings(true, true);
        body.put("clientAuth", "private_key_jwt");
        String keys = "/api/v1/admin/organisations/" + rdm + "/sso/keys";
        try {
            JsonNode view = hops.putSettings(rdm, body, admin).json();
            String old = keyIn(view, "active");
            String jwksUri = view.get("jwksUri").asText();
            List<String> before = assertions.publishedKeyIds(jwksUri);

            String next = keyIn(api.post(keys, Map.of("algorithm", "ES256"), admin).json(), "next");
            assertThat(assertions.publishedKeyIds(jwksUri)).containsExactlyInAnyOrderElementsOf(plus(before, next));
            assertions.verify(assertions.during(() -> signIn(claims("bob@demo.confer.test", "Dr Bob Adeyemi", null))).getFirst(), jwksUri, old);

            JsonNode activated = api.post(keys + "/" + next + "/activate", Map.of(), admin).json();
            assertThat(keyIn(activated, "active")).isEqualTo(next);
            assertThat(keyIn(activated, "retired")).isEqualTo(old);
            assertThat(assertions.publishedKeyIds(jwksUri)).containsExactlyInAnyOrderElementsOf(plus(before, next));
            assertions.verify(assertions.during(() -> signIn(claims("bob@demo.confer.test", "Dr Bob Adeyemi", null))).getFirst(), jwksUri, next);

            assertThat(api.delete(keys + "/" + next, admin).status()).as("the active key").isEqualTo(409);
            assertThat(api.delete(keys + "/" + old, admin).status()).isEqualTo(200);
            assertThat(assertions.publishedKeyIds(jwksUri)).contains(next).doesNotContain(old);
            assertThat(hops.auditOf("organisation", UUID.fromString(rdm))).extracting(AuditTrail.Entry::action)
                    .contains("sso.key_added", "sso.key_activated", "sso.key_removed");
        } finally {
            hops.putSettings(rdm, settings(true, true), admin);
        }
    }

    // ---- matching by subject ----

    @Test
    void a_linked_person_is_found_by_subject_after_their_email_changes_and_gets_the_new_one_when_allowed() {
        String first = signIn(callback("cis2-ivy", claims("ivy.iyer@demo.confer.test", "Ivy Iyer", null))).session();
        String id = hops.cookieGet("/api/v1/me", first).json().get("id").asText();

        Map<String, Object> body = settings(true, true);
        body.put("emailUpdatesAllowed", true);
        try {
            hops.putSettings(rdm, body, admin);
            String renamed = signIn(callback("cis2-ivy", claims("ivy.okafor@demo.confer.test", "Ivy Okafor", null))).session();
            JsonNode me = hops.cookieGet("/api/v1/me", renamed).json();
            assertThat(me.get("id").asText()).isEqualTo(id);
            assertThat(me.get("email").asText()).isEqualTo("ivy.okafor@demo.confer.test");
            assertThat(hops.auditOf("user", UUID.fromString(id))).filteredOn(e -> e.action().equals("sso.email_updated"))
                    .singleElement().satisfies(e -> assertThat(e.detail()).containsEntry("from", "ivy.iyer@demo.confer.test"));
        } finally {
            hops.putSettings(rdm, settings(true, true), admin);
        }
        String kept = signIn(callback("cis2-ivy", claims("ivy.third@demo.confer.test", "Ivy Okafor", null))).session();
        assertThat(hops.cookieGet("/api/v1/me", kept).json().get("email").asText()).as("updates off: the email Confer knows")
                .isEqualTo("ivy.okafor@demo.confer.test");
        assertThat(hops.auditOf("user", UUID.fromString(id)).getLast().detail()).containsEntry("emailClaimIgnored", "not-allowed");
    }

    @Test
    void a_new_subject_with_a_linked_persons_email_is_refused_until_an_admin_unlinks_the_old_one() {
        String id = hops.cookieGet("/api/v1/me", signIn(callback("cis2-jack", claims("jack.jones@demo.confer.test", "Jack Jones", null)))
                .session()).json().get("id").asText();

        assertThat(failureOf(callback("cis2-impostor", claims("jack.jones@demo.confer.test", "Jack Jones", null))))
                .isEqualTo("linked-to-another-identity");
        assertThat(hops.auditOf("organisation", UUID.fromString(rdm))).extracting(AuditTrail.Entry::detail)
                .anySatisfy(d -> assertThat(d).containsEntry("reason", "linked-to-another-identity").containsEntry("userId", id));

        String identities = "/api/v1/admin/organisations/" + rdm + "/sso/identities";
        assertThat(api.get(identities + "?q=jack.jones", server.login("erin")).status()).as("another organisation's admin").isEqualTo(404);
        JsonNode linked = api.get(identities + "?q=jack.jones", server.login("priya")).json().get("items");
        assertThat(linked).singleElement().satisfies(l -> assertThat(l.get("subject").asText()).isEqualTo("cis2-jack"));
        assertThat(api.delete(identities + "/" + linked.get(0).get("id").asText(), server.login("priya")).status()).isEqualTo(204);
        assertThat(hops.auditOf("user", UUID.fromString(id))).extracting(AuditTrail.Entry::action).contains("sso.subject_unlinked");

        String session = signIn(callback("cis2-impostor", claims("jack.jones@demo.confer.test", "Jack Jones", null))).session();
        assertThat(hops.cookieGet("/api/v1/me", session).json().get("id").asText()).isEqualTo(id);
        assertThat(api.get(identities + "?q=jack.jones", admin).json().at("/items/0/subject").asText()).isEqualTo("cis2-impostor");
    }

    // ---- the settings ----

    @Test
    void the_client_secret_is_write_only_and_every_change_is_audited() {
        String priya = server.login("priya");
        Api.Response view = api.get("/api/v1/admin/organisations/" + rdm + "/sso", priya);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(view.body()).doesNotContain("provider-secret");
        assertThat(view.json().get("redirectUri").asText()).endsWith("/api/v1/sso/callback");
        assertThat(hops.auditOf("organisation", UUID.fromString(rdm))).extracting(AuditTrail.Entry::action).contains("sso.configured");
        assertThat(hops.auditOf("organisation", UUID.fromString(rdm)).toString()).doesNotContain("provider-secret");
    }

    @Test
    void another_organisations_admin_cannot_see_or_change_the_settings() {
        String erin = server.login("erin");
        assertThat(api.get("/api/v1/admin/organisations/" + rdm + "/sso", erin).status()).isEqualTo(404);
        assertThat(hops.putSettings(rdm, settings(false, true), erin).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/admin/organisations/" + rdm + "/sso", erin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/organisations/" + rdm + "/sso", server.login("alice")).status()).isEqualTo(403);
    }

    @Test
    void removed_settings_start_nothing_and_passwords_cannot_be_switched_off_without_single_sign_on() {
        String ydx = hops.organisationId("YDX", admin);
        Map<String, Object> body = settings(true, true);
        body.put("domains", List.of("ydx.demo.test"));
        assertThat(hops.putSettings(ydx, body, admin).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/sso/start?org=YDX", null).header("Location")).startsWith(provider.baseUrl().toString());
        Api.Response clash = hops.putSettings(rdm, Map.of("issuer", provider.issuerUrl(ISSUER_ID).toString(), "clientId", CLIENT_ID,
                "domains", List.of("ydx.demo.test", "demo.confer.test")), admin);
        assertThat(clash.status()).as("a domain belongs to one organisation").isEqualTo(409);

        assertThat(api.delete("/api/v1/admin/organisations/" + ydx + "/sso", admin).status()).isEqualTo(204);
        assertThat(errorOf(api.get("/api/v1/sso/start?org=YDX", null))).isEqualTo("not-configured");
        assertThat(api.get("/api/v1/admin/organisations/" + ydx + "/sso", admin).json().get("configured").asBoolean()).isFalse();
        Map<String, Object> off = settings(false, false);
        Api.Response refused = hops.putSettings(ydx, off, admin);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("localPasswordsAllowed");
        assertThat(hops.auditOf("organisation", UUID.fromString(ydx))).extracting(AuditTrail.Entry::action)
                .containsExactly("sso.configured", "sso.removed");
    }

    // ---- helpers: the browser's hops ----

    record Signed(Api.Response response, String session) {}

    private Signed signIn(Map<String, Object> claims) {
        return signIn(callback(claims));
    }

    private Signed signIn(DefaultOAuth2TokenCallback callback) {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        provider.enqueueCallback(callback);
        Api.Response r = hops.callback(hops.authorize(flow), flow.cookie());
        assertThat(r.header("Location")).as(r.toString()).isEqualTo("/");
        return new Signed(r, sessionOf(r));
    }

    private String failureOf(Map<String, Object> claims) {
        return failureOf(callback(claims));
    }

    private String failureOf(DefaultOAuth2TokenCallback callback) {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        provider.enqueueCallback(callback);
        return errorOf(hops.callback(hops.authorize(flow), flow.cookie()));
    }

    /** The provider's authorization endpoint (no login page: it redirects at once); returns the callback's query. */

    /** One subject per email, as a provider keeps one per person (a claims set without an email gets a fresh one). */
    private DefaultOAuth2TokenCallback callback(Map<String, Object> claims) {
        Object email = claims.get("email");
        return callback(email == null ? "subject-" + UUID.randomUUID() : "subject-" + email.toString().toLowerCase(java.util.Locale.ROOT), claims);
    }

    private DefaultOAuth2TokenCallback callback(String subject, Map<String, Object> claims) {
        return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, JOSEObjectType.JWT.getType(), null, claims, 600);
    }

    private static Map<String, Object> claims(String email, String name, String jobTitle, String... overrides) {
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

    private Map<String, Object> settings(boolean enabled, boolean passwords) {
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
    private static String keyIn(JsonNode view, String state) {
        for (JsonNode k : view.get("clientKeys")) {
            if (k.get("state").asText().equals(state)) {
                return k.get("keyId").asText();
            }
        }
        throw new AssertionError("no " + state + " key in " + view.get("clientKeys"));
    }

    private static List<String> plus(List<String> list, String one) {
        List<String> out = new java.util.ArrayList<>(list);
        out.add(one);
        return out;
    }

    private static String csrfOf(String session) {
        return org.confer.identity.Authenticator.csrfTokenFor(session);
    }

}
