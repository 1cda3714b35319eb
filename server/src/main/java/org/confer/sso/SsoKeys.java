package org.confer.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.jooq.DSLContext;

/**
 * The organisations' private_key_jwt keys (docs/single-sign-on.md, "private_key_jwt"): made here,
 * published as a JWKS, rotated by publishing the next key before it signs, and kept after it
 * signed until an admin removes it. Admin actions are audited in their transaction.
 */
public final class SsoKeys {
    /** RSA 2048 is the floor NHS England and NCSC guidance accept for RS256/RS512; P-256 for ES256. */
    static final int RSA_BITS = 2048;
    static final Set<String> ALGORITHMS = Set.of("RS256", "RS512", "ES256");
    /** Active, next and a few retired ones: more means keys nobody removed after rotations. */
    static final int MAX_KEYS = 5;

    private final Database db;
    private final SsoStore settings;
    private final SsoKeyStore store;
    private final AuditTrail audit;
    private final Clock clock;

    SsoKeys(Database db, SsoStore settings, SsoKeyStore store, AuditTrail audit, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** The public keys of the organisation, as the provider reads them; 404 when it has none. */
    public String jwks(UUID organisationId) {
        List<JWK> keys = new ArrayList<>();
        for (ClientKey k : store.keys(db.dsl(), organisationId)) {
            keys.add(parse(k.publicJwk()));
        }
        if (keys.isEmpty()) {
            throw ApiException.notFound("Key set");
        }
        return new JWKSet(keys).toString(true);
    }

    List<ClientKey> keys(DSLContext db, UUID organisationId) {
        return store.keys(db, organisationId);
    }

    /** A new key: it signs at once when the organisation has no active key, else it is published as the next one. */
    public List<ClientKey> add(Principal who, UUID organisationId, String algorithm) {
        SsoAdmin.requireAdministers(who, organisationId);
        String alg = algorithm == null ? "RS256" : algorithm;
        if (!ALGORITHMS.contains(alg)) {
            throw ApiException.invalid("algorithm", "'algorithm' must be RS256, RS512 or ES256");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            settings.settings(tx, organisationId).orElseThrow(() -> ApiException.notFound("Single sign-on"));
            if (store.keys(tx, organisationId).size() >= MAX_KEYS) {
                throw new ApiException(ProblemType.CONFLICT, "At most " + MAX_KEYS + " keys: remove a retired one first", Map.of("field", "keys"));
            }
            addKey(tx, who, organisationId, alg, now);
            return store.keys(tx, organisationId);
        });
    }

    /** The key signs from now on; the one that signed before stays published (retired) until removed. */
    public List<ClientKey> activate(Principal who, UUID organisationId, String keyId) {
        SsoAdmin.requireAdministers(who, organisationId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ClientKey k = keyOf(tx, organisationId, keyId);
            if (k.state() != ClientKey.State.ACTIVE) {
                String previous = store.active(tx, organisationId).map(ClientKey::keyId).orElse("");
                store.activate(tx, organisationId, keyId, now);
                audit.record(tx, organisationId, who.userId(), "sso.key_activated", "organisation", organisationId,
                        Map.of("keyId", keyId, "previousKeyId", previous), now);
            }
            return store.keys(tx, organisationId);
        });
    }

    /** Unpublishes a key that no longer signs; the active one cannot be removed (409). */
    public List<ClientKey> remove(Principal who, UUID organisationId, String keyId) {
        SsoAdmin.requireAdministers(who, organisationId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ClientKey k = keyOf(tx, organisationId, keyId);
            if (k.state() == ClientKey.State.ACTIVE) {
                throw new ApiException(ProblemType.CONFLICT, "The active key signs: activate another key before removing it",
                        Map.of("field", "keyId"));
            }
            store.delete(tx, organisationId, keyId);
            audit.record(tx, organisationId, who.userId(), "sso.key_removed", "organisation", organisationId,
                    Map.of("keyId", keyId, "state", k.state().code()), now);
            return store.keys(tx, organisationId);
        });
    }

    /** For a save that chose private_key_jwt: the first key (active), unless there is an active one. */
    void ensureActiveKey(DSLContext tx, Principal who, UUID organisationId, OffsetDateTime now) {
        if (store.active(tx, organisationId).isEmpty()) {
            addKey(tx, who, organisationId, "RS256", now);
        }
    }

    /** With the organisation's single sign-on removed: its keys go too (a new configuration makes new ones). */
    int removeAll(DSLContext tx, UUID organisationId) {
        return store.deleteAll(tx, organisationId);
    }

    /** The key that signs the organisation's client assertions now. */
    JWK signingKey(UUID organisationId) {
        return store.active(db.dsl(), organisationId).map(k -> parse(k.privateJwk()))
                .orElseThrow(() -> new SsoError.Failure(SsoError.TOKEN_EXCHANGE_FAILED, "private_key_jwt without an active key"));
    }

    private void addKey(DSLContext tx, Principal who, UUID organisationId, String alg, OffsetDateTime now) {
        boolean first = store.active(tx, organisationId).isEmpty();
        JWK jwk = generate(alg);
        ClientKey k = new ClientKey(jwk.getKeyID(), organisationId, alg, jwk.toPublicJWK().toJSONString(), jwk.toJSONString(),
                first ? ClientKey.State.ACTIVE : ClientKey.State.NEXT, now, first ? now : null);
        store.insert(tx, k);
        audit.record(tx, organisationId, who.userId(), "sso.key_added", "organisation", organisationId,
                Map.of("keyId", k.keyId(), "algorithm", alg, "state", k.state().code()), now);
    }

    private ClientKey keyOf(DSLContext tx, UUID organisationId, String keyId) {
        return store.keys(tx, organisationId).stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Key"));
    }

    static JWK generate(String alg) {
        try {
            JWK jwk = "ES256".equals(alg)
                    ? new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).keyIDFromThumbprint(true).generate()
                    : new RSAKeyGenerator(RSA_BITS).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.parse(alg)).keyIDFromThumbprint(true).generate();
            return jwk;
        } catch (JOSEException e) {
            throw new IllegalStateException("the JDK makes RSA and EC keys", e);
        }
    }

    private static JWK parse(String json) {
        try {
            JWK k = JWK.parse(json);
            if (!(k instanceof RSAKey) && !(k instanceof ECKey)) {
                throw new IllegalStateException("unexpected key type " + k.getKeyType());
            }
            return k;
        } catch (ParseException e) {
            throw new IllegalStateException("a stored key does not parse", e);
        }
    }
}
