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
import org.junit.jupiter.api.Test;

/**
 * Single sign-on end to end against a real OpenID provider (mock-oauth2-server on loopback): the
 * browser's three hops are made by hand — Confer's start, the provider's authorization endpoint,
 * Confer's callback — and every refusal goes through the callback and names its reason in the
 * sign-in page's fragment (docs/single-sign-on.md). One provider and one server (H2) for the class.
 */
class OidcSignInTest extends OidcTest {

    // ---- success ----

    @Test
    void a_new_starter_is_provisioned_just_in_time_and_a_second_sign_in_is_the_same_person() {
        OidcWorld.Signed first = world.signIn(OidcWorld.claims("nadia.new@demo.confer.test", "Nadia Newell", "Staff Nurse"));

        assertThat(first.response().status()).isEqualTo(302);
        assertThat(first.response().header("Location")).isEqualTo("/");
        assertThat(first.response().headerValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_session=").contains("HttpOnly").contains("SameSite=Lax"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_csrf=" + OidcWorld.csrfOf(first.session())));
        JsonNode me = hops.cookieGet("/api/v1/me", first.session()).json();
        assertThat(me.get("email").asText()).isEqualTo("nadia.new@demo.confer.test");
        assertThat(me.get("displayName").asText()).isEqualTo("Nadia Newell");
        assertThat(me.get("jobTitle").asText()).isEqualTo("Staff Nurse");
        assertThat(me.at("/organisation/code").asText()).isEqualTo("RDM");
        assertThat(me.get("role").asText()).isEqualTo("member");
        List<AuditTrail.Entry> trail = hops.auditOf("user", UUID.fromString(me.get("id").asText()));
        assertThat(trail).extracting(AuditTrail.Entry::action).containsExactly("sso.subject_linked", "sso.sign_in");
        assertThat(trail.getLast().detail()).containsEntry("provisioned", true);

        OidcWorld.Signed second = world.signIn(OidcWorld.claims("Nadia.New@demo.confer.test", "Nadia Newell", "Senior Staff Nurse"));
        JsonNode again = hops.cookieGet("/api/v1/me", second.session()).json();
        assertThat(again.get("id").asText()).isEqualTo(me.get("id").asText());
        assertThat(again.get("jobTitle").asText()).as("the provider's job title is the record").isEqualTo("Senior Staff Nurse");
        assertThat(hops.auditOf("user", UUID.fromString(me.get("id").asText())).getLast().detail()).containsEntry("provisioned", false);
    }

    @Test
    void an_existing_person_signs_in_as_themselves_and_lands_where_they_started() {
        SsoBrowserHops.Flow flow = hops.start("org=rdm&return=" + enc("/admin#sign-in"));
        provider.enqueueCallback(world.callback(OidcWorld.claims("alice@demo.confer.test", "Alice Moreno", null)));
        Api.Response r = hops.callback(hops.authorize(flow), flow.cookie());

        assertThat(r.header("Location")).isEqualTo("/admin#sign-in");
        JsonNode me = hops.cookieGet("/api/v1/me", sessionOf(r)).json();
        assertThat(me.get("displayName").asText()).isEqualTo("Alice Moreno");
    }

    @Test
    void the_authorization_request_uses_pkce_s256_state_and_nonce_and_never_sends_the_secret() {
        SsoBrowserHops.Flow flow = hops.start("email=" + enc("someone@Demo.Confer.Test"));
        Map<String, String> q = query(URI.create(flow.authorize()).getRawQuery());

        assertThat(flow.authorize()).startsWith(provider.authorizationEndpointUrl(OidcWorld.ISSUER_ID).toString());
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", OidcWorld.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
        assertThat(q.get("scope").split(" ")).contains("openid", "email", "profile");
        assertThat(q.get("redirect_uri")).endsWith("/api/v1/sso/callback");
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(q.get("nonce"));
        assertThat(flow.authorize()).doesNotContain("provider-secret");
    }

    // ---- the ID token is refused for the named reason ----

    @Test
    void a_token_from_another_issuer_is_refused() {
        assertThat(world.failureOf(OidcWorld.claims("alice@demo.confer.test", "Alice Moreno", null, "iss", "https://impostor.example/v2.0")))
                .isEqualTo("wrong-issuer");
    }

    @Test
    void a_token_for_another_client_is_refused() {
        assertThat(world.failureOf(OidcWorld.claims("alice@demo.confer.test", "Alice Moreno", null, "aud", "another-application")))
                .isEqualTo("wrong-audience");
    }

    @Test
    void an_expired_token_is_refused() {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(OidcWorld.ISSUER_ID, "subject-expired", JOSEObjectType.JWT.getType(), null,
                OidcWorld.claims("alice@demo.confer.test", "Alice Moreno", null), -600));
        assertThat(errorOf(hops.callback(hops.authorize(flow), flow.cookie()))).isEqualTo("token-expired");
    }

    @Test
    void a_token_whose_nonce_is_not_the_flows_is_refused() {
        assertThat(world.failureOf(OidcWorld.claims("alice@demo.confer.test", "Alice Moreno", null, "nonce", "a-nonce-from-another-flow")))
                .isEqualTo("nonce-mismatch");
    }

    @Test
    void a_token_signed_with_a_key_that_is_not_the_providers_is_refused() throws Exception {
        // A provider whose discovery document names its own key set, while its tokens come from
        // another signer: the loopback stub serves only the discovery document; the real mock
        // issues the token (issuer "impostor"), claiming to be the stub's issuer.
        String forgedIssuer = "http://127.0.0.1:" + world.discoveryStub.getAddress().getPort() + "/forged";
        String rdp = hops.organisationId("RDP", admin);
        Map<String, Object> body = world.settings(true, true);
        body.put("issuer", forgedIssuer);
        body.put("domains", List.of());
        body.remove("tenantClaim");
        body.remove("tenantValue");
        assertThat(hops.putSettings(rdp, body, admin).status()).isEqualTo(200);

        SsoBrowserHops.Flow flow = hops.start("org=RDP");
        assertThat(flow.authorize()).startsWith(provider.authorizationEndpointUrl("impostor").toString());
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("impostor", "forged", JOSEObjectType.JWT.getType(), null,
                OidcWorld.claims("hannah@demo.confer.test", "Hannah Price", null, "iss", forgedIssuer), 600));

        assertThat(errorOf(hops.callback(hops.authorize(flow), flow.cookie()))).isEqualTo("bad-signature");
        assertThat(hops.auditOf("organisation", UUID.fromString(rdp))).extracting(e -> e.detail().get("reason")).contains("bad-signature");
    }

    // ---- the flow itself ----

    @Test
    void a_state_is_used_once_and_a_replay_is_refused() {
        SsoBrowserHops.Flow flow = hops.start("org=RDM");
        provider.enqueueCallback(world.callback(OidcWorld.claims("bob@demo.confer.test", "Dr Bob Adeyemi", null)));
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
        provider.enqueueCallback(world.callback(OidcWorld.claims("chloe@demo.confer.test", "Dr Chloe Turner", null)));
        assertThat(hops.callback(hops.authorize(flow), flow.cookie()).header("Location")).isEqualTo("/");
    }

    // ---- who may come in ----

    @Test
    void a_disabled_person_is_refused() {
        String george = hops.userId("george@demo.confer.test", admin);
        assertThat(api.patch("/api/v1/admin/users/" + george, Map.of("status", "disabled"), admin).status()).isEqualTo(200);

        assertThat(world.failureOf(OidcWorld.claims("george@demo.confer.test", "Dr George Lin", null))).isEqualTo("account-disabled");
    }

    @Test
    void a_person_of_another_organisation_is_refused_even_by_this_organisations_provider() {
        assertThat(world.failureOf(OidcWorld.claims("erin@demo.confer.test", "Erin Walsh", null))).isEqualTo("other-organisation");
    }

    @Test
    void the_tenant_claim_must_be_the_configured_one() {
        Map<String, Object> c = OidcWorld.claims("fatima@demo.confer.test", "Fatima Hussain", null);
        c.put("tid", "another-tenant");
        assertThat(world.failureOf(c)).isEqualTo("wrong-tenant");
    }

    @Test
    void an_email_outside_the_organisations_domains_is_refused() {
        assertThat(world.failureOf(OidcWorld.claims("someone@elsewhere.test", "Someone Else", null))).isEqualTo("email-domain-not-allowed");
    }

    @Test
    void a_provider_without_an_email_claim_signs_nobody_in() {
        Map<String, Object> c = OidcWorld.claims("fatima@demo.confer.test", "Fatima Hussain", null);
        c.remove("email");
        assertThat(world.failureOf(c)).isEqualTo("missing-email");
    }

    // ---- local passwords ----

    @Test
    void with_passwords_switched_off_a_member_is_sent_to_single_sign_on_and_a_platform_admin_still_gets_in() {
        try {
            assertThat(hops.putSettings(rdm, world.settings(true, false), admin).status()).isEqualTo(200);

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
            hops.putSettings(rdm, world.settings(true, true), admin);
        }
        assertThat(api.post("/api/v1/auth/login", Map.of("email", "alice@demo.confer.test", "password",
                TestServer.DEMO_PASSWORD), null).status()).isEqualTo(200);
    }

    // ---- private_key_jwt ----

}
