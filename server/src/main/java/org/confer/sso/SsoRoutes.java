package org.confer.sso;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.Authenticator;
import org.confer.identity.SessionService;
import org.confer.identity.SignedIn;

/** Single sign-on's HTTP: the two steps of the browser's flow and the admins' settings (docs/single-sign-on.md). */
public final class SsoRoutes {
    /**
     * Binds a flow to the browser that started it (login CSRF: nobody can make a victim's browser
     * finish a flow the attacker started). Sent only to the callback; Lax, so the provider's
     * top-level redirect back carries it.
     */
    static final String FLOW_COOKIE = "confer_sso";

    /** A key as an admin sees it: never its private half. */
    record KeyView(String keyId, String algorithm, String state, OffsetDateTime createdAt, OffsetDateTime activatedAt) {
        static List<KeyView> of(List<ClientKey> keys) {
            return keys.stream().map(k -> new KeyView(k.keyId(), k.algorithm(), k.state().code(), k.createdAt(), k.activatedAt())).toList();
        }
    }

    /** What an admin sees; the client secret and private keys never appear, only whether a secret is set. */
    record SettingsView(UUID organisationId, boolean configured, String issuer, String clientId, boolean clientSecretSet,
                        String clientAuth, List<String> scopes, String emailClaim, String nameClaim, String jobTitleClaim,
                        String tenantClaim, String tenantValue, List<String> domains, boolean enabled,
                        boolean justInTimeProvisioning, boolean localPasswordsAllowed, boolean emailUpdatesAllowed,
                        String redirectUri, String jwksUri, List<KeyView> clientKeys, OffsetDateTime updatedAt) {
        static SettingsView of(UUID organisationId, SsoSettings s, String redirectUri, String jwksUri, List<ClientKey> keys) {
            if (s == null) {
                return new SettingsView(organisationId, false, null, null, false, "client_secret_basic",
                        List.of("openid", "email", "profile"), "email", "name", null, null, null, List.of(), false, false, true,
                        false, redirectUri, jwksUri, KeyView.of(keys), null);
            }
            return new SettingsView(organisationId, true, s.issuer(), s.clientId(), s.hasSecret(), s.clientAuth().code(), s.scopes(),
                    s.emailClaim(), s.nameClaim(), s.jobTitleClaim(), s.tenantClaim(), s.tenantValue(), s.domains(), s.enabled(),
                    s.justInTimeProvisioning(), s.localPasswordsAllowed(), s.emailUpdatesAllowed(), redirectUri, jwksUri,
                    KeyView.of(keys), s.updatedAt());
        }
    }

    private final SsoSignIn signIn;
    private final SsoAdmin admin;
    private final Authenticator authenticator;
    private final SessionService sessions;
    private final ObjectMapper mapper;
    private final Supplier<String> publicBaseUrl;
    private final boolean secureCookies;

    SsoRoutes(SsoSignIn signIn, SsoAdmin admin, Authenticator authenticator, SessionService sessions, ObjectMapper mapper,
              Supplier<String> publicBaseUrl, boolean secureCookies) {
        this.signIn = signIn;
        this.admin = admin;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.mapper = mapper;
        this.publicBaseUrl = publicBaseUrl;
        this.secureCookies = secureCookies;
    }

    public List<Route> routes() {
        String settings = "/api/v1/admin/organisations/{organisationId}/sso";
        return List.of(
                get("/api/v1/sso/start", Access.PUBLIC, "Start single sign-on at the organisation's OpenID provider (redirect)", this::start),
                get(SsoSignIn.CALLBACK_PATH, Access.PUBLIC, "The OpenID provider's redirect back: signs in, then redirects to the web app", this::callback),
                get(settings, Access.USER_ADMIN, "An organisation's single sign-on settings (the client secret is never returned)", this::getSettings),
                put(settings, Access.USER_ADMIN, "Create or replace an organisation's single sign-on settings", this::putSettings),
                delete(settings, Access.USER_ADMIN, "Remove an organisation's single sign-on (passwords apply again)", this::deleteSettings));
    }

    private void start(Context ctx) {
        String returnPath = SsoSignIn.safeReturnPath(ctx.queryParam("return"));
        try {
            SsoSignIn.Started started = signIn.start(ctx.queryParam("org"), ctx.queryParam("email"), returnPath);
            ctx.res().addHeader("Set-Cookie", FLOW_COOKIE + "=" + started.browserValue() + "; Path=" + SsoSignIn.CALLBACK_PATH
                    + "; Max-Age=" + SsoSignIn.FLOW_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax" + (secureCookies ? "; Secure" : ""));
            ctx.redirect(started.authorizationUri().toString(), HttpStatus.FOUND);
        } catch (SsoError.Failure f) {
            toSignInPage(ctx, f.error);
        }
    }

    private void callback(Context ctx) {
        ctx.res().addHeader("Set-Cookie", FLOW_COOKIE + "=; Path=" + SsoSignIn.CALLBACK_PATH + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secureCookies ? "; Secure" : ""));
        try {
            SsoSignIn.SignedIn in = signIn.finish(ctx.queryParam("state"), ctx.queryParam("code"), ctx.queryParam("error"),
                    ctx.cookie(FLOW_COOKIE), ctx.userAgent(), Requests.clientAddress(ctx));
            // The same session cookies and CSRF cookie as a password sign-in (Authenticator).
            authenticator.setSessionCookies(ctx, in.token(), sessions.maxAge());
            ctx.redirect(in.returnPath(), HttpStatus.FOUND);
        } catch (SsoError.Failure f) {
            toSignInPage(ctx, f.error);
        }
    }

    /** The sign-in page shows the code in plain words; a fragment never reaches a server or a log. */
    private static void toSignInPage(Context ctx, SsoError error) {
        ctx.redirect("/#sso-error=" + error.code(), HttpStatus.FOUND);
    }

    private void getSettings(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        ctx.json(view(org, admin.get(SignedIn.principal(ctx), org)));
    }

    private void putSettings(Context ctx) {
        UUID org = Requests.uuidPath(ctx, "organisationId", "Organisation");
        SsoAdmin.Changes changes = Requests.body(ctx, mapper, SsoAdmin.Changes.class);
        ctx.json(view(org, admin.put(SignedIn.principal(ctx), org, changes)));
    }

    /** The settings with what the provider is given: the redirect URI and the organisation's key set address. */
    SettingsView view(UUID organisationId, SsoSettings s) {
        return SettingsView.of(organisationId, s, redirectUri(), jwksUri(publicBaseUrl.get(), organisationId), admin.keys(organisationId));
    }

    static String jwksUri(String base, UUID organisationId) {
        return base + "/api/v1/sso/" + organisationId + "/jwks.json";
    }

    private void deleteSettings(Context ctx) {
        admin.delete(SignedIn.principal(ctx), Requests.uuidPath(ctx, "organisationId", "Organisation"));
        ctx.status(204);
    }

    private String redirectUri() {
        return publicBaseUrl.get() + SsoSignIn.CALLBACK_PATH;
    }
}
