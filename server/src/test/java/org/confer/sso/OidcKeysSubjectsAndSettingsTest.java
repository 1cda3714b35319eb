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
 * Single sign-on's client keys (private_key_jwt, which NHS CIS2 requires), people matched by their
 * subject, and the admins' settings, end to end against a real OpenID provider (docs/single-sign-on.md).
 */
class OidcKeysSubjectsAndSettingsTest extends OidcTest {

    @Test
    void with_private_key_jwt_the_token_request_carries_a_short_lived_assertion_signed_by_the_published_key() throws Exception {
        Map<String, Object> body = world.settings(true, true);
        body.put("clientAuth", "private_key_jwt");
        try {
            JsonNode view = hops.putSettings(rdm, body, admin).json();
            assertThat(view.get("clientKeys")).extracting(k -> k.get("state").asText()).contains("active");
            String kid = OidcWorld.keyIn(view, "active");
            String jwksUri = view.get("jwksUri").asText();
            assertThat(jwksUri).endsWith("/api/v1/sso/" + rdm + "/jwks.json");
            assertThat(view.toString()).doesNotContain("\"d\"");

            List<ClientAssertions.Seen> seen = assertions.during(() -> {
                world.signIn(OidcWorld.claims("alice@demo.confer.test", "Alice Moreno", null));
                world.signIn(OidcWorld.claims("alice@demo.confer.test", "Alice Moreno", null));
            });
            ClientAssertions.Verified first = assertions.verify(seen.get(0), jwksUri, kid);
            ClientAssertions.Verified second = assertions.verify(seen.get(1), jwksUri, kid);
            assertThat(first.claims().getIssuer()).isEqualTo(OidcWorld.CLIENT_ID);
            assertThat(first.claims().getSubject()).isEqualTo(OidcWorld.CLIENT_ID);
            assertThat(first.claims().getAudience()).containsExactly(provider.tokenEndpointUrl(OidcWorld.ISSUER_ID).toString());
            assertThat(first.lifetimeSeconds()).isPositive().isLessThanOrEqualTo(60);
            assertThat(first.claims().getJWTID()).isNotBlank().as("a jti is used once").isNotEqualTo(second.claims().getJWTID());
            assertThat(seen.get(0).form()).doesNotContainKey("client_secret");
            assertThat(seen.get(0).authorization()).as("no client_secret_basic either").isNull();
        } finally {
            hops.putSettings(rdm, world.settings(true, true), admin);
        }
    }

    @Test
    void a_next_key_is_published_before_it_signs_and_the_previous_one_until_it_is_removed() throws Exception {
        Map<String, Object> body = world.settings(true, true);
        body.put("clientAuth", "private_key_jwt");
        String keys = "/api/v1/admin/organisations/" + rdm + "/sso/keys";
        try {
            JsonNode view = hops.putSettings(rdm, body, admin).json();
            String old = OidcWorld.keyIn(view, "active");
            String jwksUri = view.get("jwksUri").asText();
            List<String> before = assertions.publishedKeyIds(jwksUri);

            String next = OidcWorld.keyIn(api.post(keys, Map.of("algorithm", "ES256"), admin).json(), "next");
            assertThat(assertions.publishedKeyIds(jwksUri)).containsExactlyInAnyOrderElementsOf(OidcWorld.plus(before, next));
            assertions.verify(assertions.during(() -> world.signIn(OidcWorld.claims("bob@demo.confer.test", "Dr Bob Adeyemi", null))).getFirst(), jwksUri, old);

            JsonNode activated = api.post(keys + "/" + next + "/activate", Map.of(), admin).json();
            assertThat(OidcWorld.keyIn(activated, "active")).isEqualTo(next);
            assertThat(OidcWorld.keyIn(activated, "retired")).isEqualTo(old);
            assertThat(assertions.publishedKeyIds(jwksUri)).containsExactlyInAnyOrderElementsOf(OidcWorld.plus(before, next));
            assertions.verify(assertions.during(() -> world.signIn(OidcWorld.claims("bob@demo.confer.test", "Dr Bob Adeyemi", null))).getFirst(), jwksUri, next);

            assertThat(api.delete(keys + "/" + next, admin).status()).as("the active key").isEqualTo(409);
            assertThat(api.delete(keys + "/" + old, admin).status()).isEqualTo(200);
            assertThat(assertions.publishedKeyIds(jwksUri)).contains(next).doesNotContain(old);
            assertThat(hops.auditOf("organisation", UUID.fromString(rdm))).extracting(AuditTrail.Entry::action)
                    .contains("sso.key_added", "sso.key_activated", "sso.key_removed");
        } finally {
            hops.putSettings(rdm, world.settings(true, true), admin);
        }
    }

    // ---- matching by subject ----

    @Test
    void a_linked_person_is_found_by_subject_after_their_email_changes_and_gets_the_new_one_when_allowed() {
        String first = world.signIn(world.callback("cis2-ivy", OidcWorld.claims("ivy.iyer@demo.confer.test", "Ivy Iyer", null))).session();
        String id = hops.cookieGet("/api/v1/me", first).json().get("id").asText();

        Map<String, Object> body = world.settings(true, true);
        body.put("emailUpdatesAllowed", true);
        try {
            hops.putSettings(rdm, body, admin);
            String renamed = world.signIn(world.callback("cis2-ivy", OidcWorld.claims("ivy.okafor@demo.confer.test", "Ivy Okafor", null))).session();
            JsonNode me = hops.cookieGet("/api/v1/me", renamed).json();
            assertThat(me.get("id").asText()).isEqualTo(id);
            assertThat(me.get("email").asText()).isEqualTo("ivy.okafor@demo.confer.test");
            assertThat(hops.auditOf("user", UUID.fromString(id))).filteredOn(e -> e.action().equals("sso.email_updated"))
                    .singleElement().satisfies(e -> assertThat(e.detail()).containsEntry("from", "ivy.iyer@demo.confer.test"));
        } finally {
            hops.putSettings(rdm, world.settings(true, true), admin);
        }
        String kept = world.signIn(world.callback("cis2-ivy", OidcWorld.claims("ivy.third@demo.confer.test", "Ivy Okafor", null))).session();
        assertThat(hops.cookieGet("/api/v1/me", kept).json().get("email").asText()).as("updates off: the email Confer knows")
                .isEqualTo("ivy.okafor@demo.confer.test");
        assertThat(hops.auditOf("user", UUID.fromString(id)).getLast().detail()).containsEntry("emailClaimIgnored", "not-allowed");
    }

    @Test
    void a_new_subject_with_a_linked_persons_email_is_refused_until_an_admin_unlinks_the_old_one() {
        String id = hops.cookieGet("/api/v1/me", world.signIn(world.callback("cis2-jack", OidcWorld.claims("jack.jones@demo.confer.test", "Jack Jones", null)))
                .session()).json().get("id").asText();

        assertThat(world.failureOf(world.callback("cis2-impostor", OidcWorld.claims("jack.jones@demo.confer.test", "Jack Jones", null))))
                .isEqualTo("linked-to-another-identity");
        assertThat(hops.auditOf("organisation", UUID.fromString(rdm))).extracting(AuditTrail.Entry::detail)
                .anySatisfy(d -> assertThat(d).containsEntry("reason", "linked-to-another-identity").containsEntry("userId", id));

        String identities = "/api/v1/admin/organisations/" + rdm + "/sso/identities";
        assertThat(api.get(identities + "?q=jack.jones", server.login("erin")).status()).as("another organisation's admin").isEqualTo(404);
        JsonNode linked = api.get(identities + "?q=jack.jones", server.login("priya")).json().get("items");
        assertThat(linked).singleElement().satisfies(l -> assertThat(l.get("subject").asText()).isEqualTo("cis2-jack"));
        assertThat(api.delete(identities + "/" + linked.get(0).get("id").asText(), server.login("priya")).status()).isEqualTo(204);
        assertThat(hops.auditOf("user", UUID.fromString(id))).extracting(AuditTrail.Entry::action).contains("sso.subject_unlinked");

        String session = world.signIn(world.callback("cis2-impostor", OidcWorld.claims("jack.jones@demo.confer.test", "Jack Jones", null))).session();
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
        assertThat(hops.putSettings(rdm, world.settings(false, true), erin).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/admin/organisations/" + rdm + "/sso", erin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/organisations/" + rdm + "/sso", server.login("alice")).status()).isEqualTo(403);
    }

    @Test
    void removed_settings_start_nothing_and_passwords_cannot_be_switched_off_without_single_sign_on() {
        String ydx = hops.organisationId("YDX", admin);
        Map<String, Object> body = world.settings(true, true);
        body.put("domains", List.of("ydx.demo.test"));
        assertThat(hops.putSettings(ydx, body, admin).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/sso/start?org=YDX", null).header("Location")).startsWith(provider.baseUrl().toString());
        Api.Response clash = hops.putSettings(rdm, Map.of("issuer", provider.issuerUrl(OidcWorld.ISSUER_ID).toString(), "clientId", OidcWorld.CLIENT_ID,
                "domains", List.of("ydx.demo.test", "demo.confer.test")), admin);
        assertThat(clash.status()).as("a domain belongs to one organisation").isEqualTo(409);

        assertThat(api.delete("/api/v1/admin/organisations/" + ydx + "/sso", admin).status()).isEqualTo(204);
        assertThat(errorOf(api.get("/api/v1/sso/start?org=YDX", null))).isEqualTo("not-configured");
        assertThat(api.get("/api/v1/admin/organisations/" + ydx + "/sso", admin).json().get("configured").asBoolean()).isFalse();
        Map<String, Object> off = world.settings(false, false);
        Api.Response refused = hops.putSettings(ydx, off, admin);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("localPasswordsAllowed");
        assertThat(hops.auditOf("organisation", UUID.fromString(ydx))).extracting(AuditTrail.Entry::action)
                .containsExactly("sso.configured", "sso.removed");
    }

}
