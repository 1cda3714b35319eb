package org.confer.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.FederatedSignIn;
import org.confer.identity.Principal;
import org.confer.text.Fields;

/**
 * Each organisation's single sign-on settings: organisation admins for their own organisation,
 * platform admins for any (another organisation's settings do not exist for an organisation
 * admin: 404). Every change is in the audit trail, in its transaction.
 */
public final class SsoAdmin {
    /** A claim name as providers spell them: letters, digits, '_', '-', ':', '.', '/' (URIs such as CIS2's). */
    private static final Pattern CLAIM = Pattern.compile("^[A-Za-z0-9_.:/-]{1,100}$");
    private static final Pattern SCOPE = Pattern.compile("^[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}$");
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
    /** An organisation with more email domains than this is better served by several configurations; a bound for the form. */
    static final int MAX_DOMAINS = 20;

    /** The admin's edit. {@code clientSecret}: null keeps the stored one, "" removes it. */
    public record Changes(String issuer, String clientId, String clientSecret, String clientAuth, List<String> scopes,
                          String emailClaim, String nameClaim, String jobTitleClaim, String tenantClaim, String tenantValue,
                          List<String> domains, Boolean enabled, Boolean justInTimeProvisioning, Boolean localPasswordsAllowed,
                          Boolean emailUpdatesAllowed) {}

    private final Database db;
    private final SsoStore store;
    private final FederatedSignIn identity;
    private final OidcProviders providers;
    private final SsoKeys keys;
    private final AuditTrail audit;
    private final Clock clock;

    SsoAdmin(Database db, SsoStore store, FederatedSignIn identity, OidcProviders providers, SsoKeys keys, AuditTrail audit, Clock clock) {
        this.db = db;
        this.keys = keys;
        this.store = store;
        this.identity = identity;
        this.providers = providers;
        this.audit = audit;
        this.clock = clock;
    }

    /** The settings, or null when the organisation has none (it signs in with passwords). */
    public SsoSettings get(Principal who, UUID organisationId) {
        requireAdministers(who, organisationId);
        return store.settings(db.dsl(), organisationId).orElse(null);
    }

    /** The organisation's client keys (public halves and states only reach the view). */
    List<ClientKey> keys(UUID organisationId) {
        return keys.keys(db.dsl(), organisationId);
    }

    public SsoSettings put(Principal who, UUID organisationId, Changes c) {
        requireAdministers(who, organisationId);
        String issuer = issuer(c.issuer());
        String clientId = Fields.required("clientId", c.clientId(), 300);
        SsoSettings.ClientAuth auth;
        try {
            auth = SsoSettings.ClientAuth.fromCode(c.clientAuth() == null ? "client_secret_basic" : c.clientAuth());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("clientAuth", "'clientAuth' must be client_secret_basic, client_secret_post or private_key_jwt");
        }
        if (c.clientSecret() != null && c.clientSecret().length() > 1000) {
            throw ApiException.invalid("clientSecret", "'clientSecret' must be at most 1000 characters");
        }
        List<String> scopes = scopes(c.scopes());
        String emailClaim = claim("emailClaim", c.emailClaim() == null ? "email" : c.emailClaim(), true);
        String nameClaim = claim("nameClaim", c.nameClaim() == null ? "name" : c.nameClaim(), true);
        String jobTitleClaim = claim("jobTitleClaim", c.jobTitleClaim(), false);
        String tenantClaim = claim("tenantClaim", c.tenantClaim(), false);
        String tenantValue = Fields.optional("tenantValue", c.tenantValue(), 300);
        if ((tenantClaim == null) != (tenantValue == null)) {
            throw ApiException.invalid(tenantClaim == null ? "tenantClaim" : "tenantValue",
                    "'tenantClaim' and 'tenantValue' go together: set both, or neither");
        }
        List<String> domains = domains(c.domains());
        boolean enabled = c.enabled() == null || c.enabled();
        boolean jit = c.justInTimeProvisioning() != null && c.justInTimeProvisioning();
        boolean passwords = c.localPasswordsAllowed() == null || c.localPasswordsAllowed();
        boolean emailUpdates = c.emailUpdatesAllowed() != null && c.emailUpdatesAllowed();
        if (!passwords && !enabled) {
            throw ApiException.invalid("localPasswordsAllowed",
                    "Passwords can be switched off only while single sign-on is enabled, or nobody could sign in");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        SsoSettings saved = db.dsl().transactionResult(cfg -> {
            if (identity.organisation(cfg.dsl(), organisationId).isEmpty()) {
                throw ApiException.notFound("Organisation");
            }
            store.domainTakenElsewhere(cfg.dsl(), organisationId, domains).ifPresent(d -> {
                throw new ApiException(ProblemType.CONFLICT, "Another organisation signs in people of " + d, Map.of("field", "domains"));
            });
            SsoSettings before = store.settings(cfg.dsl(), organisationId).orElse(null);
            String secret = c.clientSecret() == null ? (before == null ? null : before.clientSecret())
                    : c.clientSecret().isEmpty() ? null : c.clientSecret();
            SsoSettings s = new SsoSettings(organisationId, issuer, clientId, secret, auth, scopes, emailClaim, nameClaim,
                    jobTitleClaim, tenantClaim, tenantValue, domains, enabled, jit, passwords, emailUpdates, now, who.userId());
            store.save(cfg.dsl(), s);
            if (auth == SsoSettings.ClientAuth.PRIVATE_KEY_JWT) {
                keys.ensureActiveKey(cfg.dsl(), who, organisationId, now); // the provider needs its public half before sign-in works
            }
            audit.record(cfg.dsl(), organisationId, who.userId(), "sso.configured", "organisation", organisationId,
                    auditDetail(s, before, c.clientSecret() != null), now);
            return s;
        });
        providers.forget(issuer);
        return saved;
    }

    public void delete(Principal who, UUID organisationId) {
        requireAdministers(who, organisationId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String issuer = db.dsl().transactionResult(cfg -> {
            SsoSettings before = store.settings(cfg.dsl(), organisationId).orElseThrow(() -> ApiException.notFound("Single sign-on"));
            store.delete(cfg.dsl(), organisationId);
            int removedKeys = keys.removeAll(cfg.dsl(), organisationId);
            audit.record(cfg.dsl(), organisationId, who.userId(), "sso.removed", "organisation", organisationId,
                    Map.of("issuer", before.issuer(), "keysRemoved", removedKeys), now);
            return before.issuer();
        });
        providers.forget(issuer);
    }

    /** What changed, never the secret itself: only that it was set, replaced or removed. */
    private static Map<String, Object> auditDetail(SsoSettings s, SsoSettings before, boolean secretTouched) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", s.issuer());
        d.put("clientId", s.clientId());
        d.put("clientAuth", s.clientAuth().code());
        d.put("enabled", s.enabled());
        d.put("justInTimeProvisioning", s.justInTimeProvisioning());
        d.put("localPasswordsAllowed", s.localPasswordsAllowed());
        d.put("emailUpdatesAllowed", s.emailUpdatesAllowed());
        d.put("domains", String.join(",", s.domains()));
        if (secretTouched) {
            d.put("clientSecret", s.hasSecret() ? "set" : "removed");
        }
        d.put("created", before == null);
        return d;
    }

    private String issuer(String raw) {
        String v = Fields.required("issuer", raw, 500);
        try {
            URI u = new URI(v);
            boolean scheme = "https".equals(u.getScheme()) || (providers.allowHttp() && "http".equals(u.getScheme()));
            if (!scheme || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                throw ApiException.invalid("issuer", "'issuer' must be the provider's https URL without query or fragment, "
                        + "such as https://login.microsoftonline.com/<tenant id>/v2.0");
            }
        } catch (URISyntaxException e) {
            throw ApiException.invalid("issuer", "'issuer' is not a URL");
        }
        return v; // kept exactly as typed: it must equal the ID token's iss, trailing slash and all
    }

    private static List<String> scopes(List<String> raw) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add("openid");
        for (String s : raw == null ? List.of("email", "profile") : raw) {
            if (s == null || !SCOPE.matcher(s).matches()) {
                throw ApiException.invalid("scopes", "'scopes' must be scope names without spaces or quotes");
            }
            out.add(s);
        }
        if (out.size() > 20) {
            throw ApiException.invalid("scopes", "'scopes' may list at most 20 scopes");
        }
        return new ArrayList<>(out);
    }

    private static String claim(String field, String value, boolean required) {
        String v = required ? Fields.required(field, value, 100) : Fields.optional(field, value, 100);
        if (v != null && !CLAIM.matcher(v).matches()) {
            throw ApiException.invalid(field, "'" + field + "' must be a claim name (letters, digits, _ - . : /)");
        }
        return v;
    }

    private static List<String> domains(List<String> raw) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String d : raw == null ? List.<String>of() : raw) {
            String v = d == null ? "" : d.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("@")) {
                v = v.substring(1);
            }
            if (!DOMAIN.matcher(v).matches()) {
                throw ApiException.invalid("domains", "'domains' must be email domains such as trust.nhs.uk");
            }
            out.add(v);
        }
        if (out.size() > MAX_DOMAINS) {
            throw ApiException.invalid("domains", "'domains' may list at most " + MAX_DOMAINS + " domains");
        }
        return new ArrayList<>(out);
    }

    static void requireAdministers(Principal who, UUID organisationId) {
        if (!who.administers(organisationId)) {
            throw ApiException.notFound("Organisation");
        }
    }
}
