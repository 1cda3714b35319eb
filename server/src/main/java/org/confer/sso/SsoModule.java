package org.confer.sso;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.Route;
import org.confer.identity.Authenticator;
import org.confer.identity.FederatedSignIn;
import org.confer.identity.PasswordSignInRule;
import org.confer.identity.SessionService;

/** Builds single sign-on (docs/single-sign-on.md) for the composition root: its routes and the rule on passwords. */
public final class SsoModule {
    private final Database db;
    private final SsoStore store = new SsoStore();
    private final FederatedSignIn identity;
    private final SsoRoutes routes;
    private final SsoKeyRoutes keyRoutes;

    /** {@code secureCookies}: Confer is served over https, so providers must be too (plain http only in development). */
    public SsoModule(Database db, FederatedSignIn identity, SessionService sessions, Authenticator authenticator, AuditTrail audit,
                     Clock clock, ObjectMapper mapper, Supplier<String> publicBaseUrl, boolean secureCookies) {
        this.db = db;
        this.identity = identity;
        OidcProviders providers = new OidcProviders(!secureCookies, System::nanoTime);
        SsoKeys keys = new SsoKeys(db, store, new SsoKeyStore(), audit, clock);
        SsoSignIn signIn = new SsoSignIn(db, store, identity, providers, keys, sessions, audit, publicBaseUrl, clock);
        SsoAdmin admin = new SsoAdmin(db, store, identity, providers, keys, audit, clock);
        this.routes = new SsoRoutes(signIn, admin, authenticator, sessions, mapper, publicBaseUrl, secureCookies);
        this.keyRoutes = new SsoKeyRoutes(keys, new SsoIdentities(db, identity, audit, clock), routes, admin, mapper);
    }

    public List<Route> routes() {
        List<Route> all = new java.util.ArrayList<>(routes.routes());
        all.addAll(keyRoutes.routes());
        return all;
    }

    /** For identity's password sign-in: the organisation's code when it has switched passwords off. */
    public PasswordSignInRule passwordRule() {
        return organisationId -> store.localPasswordsAllowed(db.dsl(), organisationId) ? Optional.empty()
                : identity.organisation(db.dsl(), organisationId).map(o -> o.code());
    }
}
