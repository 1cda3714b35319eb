package org.confer.scim;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.identity.BotAccounts;
import org.confer.identity.DirectoryService;
import org.confer.identity.Principal;
import org.confer.identity.Role;
import org.confer.identity.Tokens;
import org.confer.text.Fields;

/**
 * An organisation's SCIM tokens (docs/provisioning.md, "Tokens"): its admins create, list and
 * revoke them; the secret is shown once and stored as its SHA-256, like every other token. The
 * first token also makes the organisation's provisioning account, which SCIM acts as.
 */
final class ScimTokens {
    /** Every SCIM token starts with this, so it is never mistaken for a session (and is refused as one elsewhere). */
    static final String PREFIX = "cs_";
    /** The provisioning account's name, as the teams it owns show it. */
    static final String PROVISIONER_NAME = "SCIM provisioning";
    /** Tokens per organisation: one per identity system, with room to rotate. */
    static final int MAX_LIVE_TOKENS = 10;
    /** last_used_at is written at most this often per token (the admin list shows it to the minute). */
    private static final Duration USE_GRAIN = Duration.ofMinutes(1);

    /** Who a SCIM request acts for: its token, its organisation and the organisation's provisioning account. */
    record Caller(UUID tokenId, UUID organisationId, UUID provisionerId) {
        /** The provisioning account as an organisation admin of the token's organisation, for identity's and chat's rules. */
        Principal principal() {
            return new Principal(provisionerId, organisationId, Role.ORG_ADMIN, null, false);
        }
    }

    /** A token just created: the secret is in this answer only. */
    record Issued(ScimStore.TokenRow token, String secret) {}

    private final Database db;
    private final ScimStore store;
    private final DirectoryService directory;
    private final BotAccounts bots;
    private final Tokens tokens;
    private final AuditTrail audit;
    private final Clock clock;

    ScimTokens(Database db, ScimStore store, DirectoryService directory, BotAccounts bots, Tokens tokens, AuditTrail audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.directory = directory;
        this.bots = bots;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    Issued create(Principal who, UUID organisationId, String name) {
        requireAdministers(who, organisationId);
        String n = Fields.required("name", name, 120);
        String secret = PREFIX + tokens.newToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        ScimStore.TokenRow row = new ScimStore.TokenRow(UUID.randomUUID(), organisationId, n, who.userId(), now, null, null);
        db.dsl().transaction(cfg -> {
            if (store.tokens(cfg.dsl(), organisationId).stream().filter(t -> t.revokedAt() == null).count() >= MAX_LIVE_TOKENS) {
                throw ApiException.invalid("name", "An organisation has at most " + MAX_LIVE_TOKENS + " SCIM tokens: revoke one first");
            }
            if (store.provisioner(cfg.dsl(), organisationId).isEmpty()) {
                UUID account = bots.create(cfg.dsl(), organisationId, PROVISIONER_NAME, false, now).id();
                store.insertProvisioner(cfg.dsl(), organisationId, account);
            }
            store.insertToken(cfg.dsl(), row, Tokens.sha256Hex(secret));
            audit.record(cfg.dsl(), organisationId, who.userId(), "scim.token_created", "scim_token", row.id(), Map.of("name", n), now);
        });
        return new Issued(row, secret);
    }

    List<ScimStore.TokenRow> list(Principal who, UUID organisationId) {
        requireAdministers(who, organisationId);
        return store.tokens(db.dsl(), organisationId);
    }

    /** Revokes the token at once: the identity system's next request is refused. Revoking twice changes nothing. */
    void revoke(Principal who, UUID organisationId, UUID tokenId) {
        requireAdministers(who, organisationId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            ScimStore.TokenRow t = store.token(cfg.dsl(), organisationId, tokenId).orElseThrow(() -> ApiException.notFound("SCIM token"));
            if (t.revokedAt() != null) {
                return;
            }
            store.revoke(cfg.dsl(), tokenId, now);
            audit.record(cfg.dsl(), organisationId, who.userId(), "scim.token_revoked", "scim_token", tokenId, Map.of("name", t.name()), now);
        });
    }

    /** The caller behind a presented secret, while its token is live. */
    Optional<Caller> resolve(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 128) {
            return Optional.empty();
        }
        Optional<ScimStore.TokenRow> found = store.liveToken(db.dsl(), Tokens.sha256Hex(secret));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ScimStore.TokenRow t = found.get();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (t.lastUsedAt() == null || !now.isBefore(t.lastUsedAt().plus(USE_GRAIN))) {
            store.used(db.dsl(), t.id(), now);
        }
        return store.provisioner(db.dsl(), t.organisationId()).map(p -> new Caller(t.id(), t.organisationId(), p));
    }

    /** Another organisation, or one that does not exist, is not found (as everywhere in the admin API). */
    private void requireAdministers(Principal who, UUID organisationId) {
        if (!who.administers(organisationId) || directory.organisation(organisationId).isEmpty()) {
            throw ApiException.notFound("Organisation");
        }
    }
}
