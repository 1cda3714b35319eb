package org.confer.scim;

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
import org.confer.identity.SignedIn;

/** The admin pages' SCIM tokens of an organisation (docs/provisioning.md, "Tokens"); thin. */
final class ScimTokenRoutes {
    static final String PATH = "/api/v1/admin/organisations/{organisationId}/scim-tokens";

    record CreateRequest(String name) {}

    record TokenView(UUID id, String name, UUID createdBy, OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
        static TokenView of(ScimStore.TokenRow t) {
            return new TokenView(t.id(), t.name(), t.createdBy(), t.createdAt(), t.lastUsedAt(), t.revokedAt());
        }
    }

    /** The secret is in this answer only; {@code scimUrl} is what the identity system is told to call. */
    record IssuedView(TokenView token, String secret, String scimUrl) {}

    record TokenList(List<TokenView> items, String scimUrl) {}

    private final ScimTokens tokens;
    private final ObjectMapper mapper;
    private final java.util.function.Supplier<String> baseUrl;

    ScimTokenRoutes(ScimTokens tokens, ObjectMapper mapper, java.util.function.Supplier<String> baseUrl) {
        this.tokens = tokens;
        this.mapper = mapper;
        this.baseUrl = baseUrl;
    }

    List<Route> routes() {
        return List.of(
                get(PATH, Access.USER_ADMIN, "An organisation's SCIM tokens (never their secrets)", this::list),
                post(PATH, Access.USER_ADMIN, "Create a SCIM token for the organisation's identity system (the secret is shown once)", this::create),
                delete(PATH + "/{tokenId}", Access.USER_ADMIN, "Revoke a SCIM token at once", this::revoke));
    }

    private void list(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        ctx.json(new TokenList(tokens.list(SignedIn.principal(ctx), org).stream().map(TokenView::of).toList(), scimUrl()));
    }

    private void create(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        CreateRequest req = Requests.body(ctx, mapper, CreateRequest.class);
        ScimTokens.Issued issued = tokens.create(SignedIn.principal(ctx), org, req.name());
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(new IssuedView(TokenView.of(issued.token()), issued.secret(), scimUrl()));
    }

    private void revoke(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        UUID id = Requests.uuidPath(ctx, "tokenId", "SCIM token");
        tokens.revoke(SignedIn.principal(ctx), org, id);
        ctx.status(204);
    }

    private String scimUrl() {
        return baseUrl.get() + ScimRoutes.BASE;
    }
}
