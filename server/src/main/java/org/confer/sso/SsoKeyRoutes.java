package org.confer.sso;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.FederatedSignIn;
import org.confer.identity.SignedIn;

/**
 * Single sign-on's second set of routes (docs/single-sign-on.md): the public key set providers
 * read for private_key_jwt, key rotation, and the identities linked to people.
 */
final class SsoKeyRoutes {
    /** Providers re-read a key set at most this often; 5 minutes, so a next key is seen well before an admin activates it. */
    static final int JWKS_MAX_AGE_SECONDS = 300;

    record AddKey(String algorithm) {}

    record IdentityView(UUID id, UUID userId, String email, String displayName, String issuer, String subject,
                        OffsetDateTime linkedAt, OffsetDateTime lastSignInAt) {
        static IdentityView of(FederatedSignIn.LinkedIdentity l) {
            return new IdentityView(l.id(), l.userId(), l.email(), l.displayName(), l.issuer(), l.subject(), l.linkedAt(), l.lastSignInAt());
        }
    }

    record Identities(List<IdentityView> items) {}

    private final SsoKeys keys;
    private final SsoIdentities identities;
    private final SsoRoutes settings;
    private final SsoAdmin admin;
    private final ObjectMapper mapper;

    SsoKeyRoutes(SsoKeys keys, SsoIdentities identities, SsoRoutes settings, SsoAdmin admin, ObjectMapper mapper) {
        this.keys = keys;
        this.identities = identities;
        this.settings = settings;
        this.admin = admin;
        this.mapper = mapper;
    }

    List<Route> routes() {
        String base = "/api/v1/admin/organisations/{organisationId}/sso";
        return List.of(
                get("/api/v1/sso/{organisationId}/jwks.json", Access.PUBLIC,
                        "The organisation's public keys for private_key_jwt (JWKS), for its OpenID provider", this::jwks),
                post(base + "/keys", Access.USER_ADMIN, "Add a client key: it signs at once if none does, else it is published as the next", this::addKey),
                post(base + "/keys/{keyId}/activate", Access.USER_ADMIN, "Sign with this key from now on (the previous one stays published)", this::activate),
                delete(base + "/keys/{keyId}", Access.USER_ADMIN, "Remove a key that no longer signs (unpublish it)", this::removeKey),
                get(base + "/identities", Access.USER_ADMIN, "The provider identities (issuer, subject) linked to the organisation's people", this::list),
                delete(base + "/identities/{identityId}", Access.USER_ADMIN, "Unlink a provider identity from a person", this::unlink));
    }

    private void jwks(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Key set");
        String body = keys.jwks(org);
        ctx.header("Cache-Control", "public, max-age=" + JWKS_MAX_AGE_SECONDS);
        ctx.contentType("application/json").result(body);
    }

    private void addKey(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        String body = ctx.body();
        AddKey add = body == null || body.isBlank() ? new AddKey(null) : Requests.body(ctx, mapper, AddKey.class);
        keys.add(SignedIn.principal(ctx), org, add.algorithm());
        ctx.status(201).json(settings.view(org, admin.get(SignedIn.principal(ctx), org)));
    }

    private void activate(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        keys.activate(SignedIn.principal(ctx), org, keyId(ctx));
        ctx.json(settings.view(org, admin.get(SignedIn.principal(ctx), org)));
    }

    private void removeKey(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        keys.remove(SignedIn.principal(ctx), org, keyId(ctx));
        ctx.json(settings.view(org, admin.get(SignedIn.principal(ctx), org)));
    }

    private void list(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        ctx.json(new Identities(identities.list(SignedIn.principal(ctx), org, ctx.queryParam("q")).stream().map(IdentityView::of).toList()));
    }

    private void unlink(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        identities.unlink(SignedIn.principal(ctx), org, Requests.uuidPath(ctx, "identityId", "Linked identity"));
        ctx.status(204);
    }

    /** A thumbprint: base64url, 43 characters for SHA-256; anything else names no key. */
    private static String keyId(Context ctx) {
        String id = ctx.pathParam("keyId");
        if (id.length() > 64 || !id.matches("[A-Za-z0-9_-]+")) {
            throw org.confer.http.ApiException.notFound("Key");
        }
        return id;
    }
}
