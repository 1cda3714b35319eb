package org.confer.sso;

import static org.confer.db.schema.Tables.SSO_CONFIGURATIONS;
import static org.confer.db.schema.Tables.SSO_DOMAINS;
import static org.confer.db.schema.Tables.SSO_FLOWS;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.records.SsoConfigurationsRecord;
import org.confer.db.schema.tables.records.SsoFlowsRecord;
import org.jooq.DSLContext;

/** SQL for single sign-on: each organisation's provider, its email domains, and flows in progress. */
public final class SsoStore {

    /** A sign-in between start and callback (docs/single-sign-on.md, "The flow"). */
    public record Flow(String stateHash, String browserHash, UUID organisationId, String nonce, String codeVerifier,
                       String redirectUri, String returnPath, OffsetDateTime createdAt, OffsetDateTime expiresAt) {}

    public Optional<SsoSettings> settings(DSLContext db, UUID organisationId) {
        return db.selectFrom(SSO_CONFIGURATIONS).where(SSO_CONFIGURATIONS.ORGANISATION_ID.eq(organisationId)).fetchOptional()
                .map(r -> map(r, domains(db, organisationId)));
    }

    /** Whether the organisation's people may use passwords: yes unless a configuration says no. */
    public boolean localPasswordsAllowed(DSLContext db, UUID organisationId) {
        Boolean allowed = db.select(SSO_CONFIGURATIONS.LOCAL_PASSWORDS_ALLOWED).from(SSO_CONFIGURATIONS)
                .where(SSO_CONFIGURATIONS.ORGANISATION_ID.eq(organisationId)).fetchOne(SSO_CONFIGURATIONS.LOCAL_PASSWORDS_ALLOWED);
        return allowed == null || allowed;
    }

    public Optional<UUID> organisationOfDomain(DSLContext db, String domain) {
        return db.select(SSO_DOMAINS.ORGANISATION_ID).from(SSO_DOMAINS).where(SSO_DOMAINS.DOMAIN.eq(domain))
                .fetchOptional(SSO_DOMAINS.ORGANISATION_ID);
    }

    /** Another organisation's claim on one of these domains, if any. */
    public Optional<String> domainTakenElsewhere(DSLContext db, UUID organisationId, List<String> domains) {
        if (domains.isEmpty()) {
            return Optional.empty();
        }
        return db.select(SSO_DOMAINS.DOMAIN).from(SSO_DOMAINS)
                .where(SSO_DOMAINS.DOMAIN.in(domains).and(SSO_DOMAINS.ORGANISATION_ID.ne(organisationId)))
                .limit(1).fetchOptional(SSO_DOMAINS.DOMAIN);
    }

    public void save(DSLContext tx, SsoSettings s) {
        SsoConfigurationsRecord r = tx.newRecord(SSO_CONFIGURATIONS);
        r.setOrganisationId(s.organisationId());
        r.setIssuer(s.issuer());
        r.setClientId(s.clientId());
        r.setClientSecret(s.clientSecret());
        r.setClientAuth(s.clientAuth().code());
        r.setScopes(String.join(" ", s.scopes()));
        r.setEmailClaim(s.emailClaim());
        r.setNameClaim(s.nameClaim());
        r.setJobTitleClaim(s.jobTitleClaim());
        r.setTenantClaim(s.tenantClaim());
        r.setTenantValue(s.tenantValue());
        r.setEnabled(s.enabled());
        r.setJitProvisioning(s.justInTimeProvisioning());
        r.setLocalPasswordsAllowed(s.localPasswordsAllowed());
        r.setEmailUpdatesAllowed(s.emailUpdatesAllowed());
        r.setUpdatedAt(s.updatedAt());
        r.setUpdatedBy(s.updatedBy());
        tx.insertInto(SSO_CONFIGURATIONS).set(r).onDuplicateKeyUpdate().set(r).execute();
        tx.deleteFrom(SSO_DOMAINS).where(SSO_DOMAINS.ORGANISATION_ID.eq(s.organisationId())).execute();
        for (String d : s.domains()) {
            tx.insertInto(SSO_DOMAINS).set(SSO_DOMAINS.DOMAIN, d).set(SSO_DOMAINS.ORGANISATION_ID, s.organisationId()).execute();
        }
    }

    public boolean delete(DSLContext tx, UUID organisationId) {
        tx.deleteFrom(SSO_DOMAINS).where(SSO_DOMAINS.ORGANISATION_ID.eq(organisationId)).execute();
        return tx.deleteFrom(SSO_CONFIGURATIONS).where(SSO_CONFIGURATIONS.ORGANISATION_ID.eq(organisationId)).execute() == 1;
    }

    public void insertFlow(DSLContext tx, Flow f) {
        tx.insertInto(SSO_FLOWS)
                .set(SSO_FLOWS.STATE_HASH, f.stateHash())
                .set(SSO_FLOWS.BROWSER_HASH, f.browserHash())
                .set(SSO_FLOWS.ORGANISATION_ID, f.organisationId())
                .set(SSO_FLOWS.NONCE, f.nonce())
                .set(SSO_FLOWS.CODE_VERIFIER, f.codeVerifier())
                .set(SSO_FLOWS.REDIRECT_URI, f.redirectUri())
                .set(SSO_FLOWS.RETURN_PATH, f.returnPath())
                .set(SSO_FLOWS.CREATED_AT, f.createdAt())
                .set(SSO_FLOWS.EXPIRES_AT, f.expiresAt())
                .execute();
    }

    /**
     * Takes the flow out: read and deleted in one transaction, and only the caller whose delete
     * removed the row gets it, so two callbacks racing with one state (on two nodes) cannot both
     * finish it.
     */
    public Optional<Flow> take(DSLContext tx, String stateHash) {
        Optional<Flow> found = tx.selectFrom(SSO_FLOWS).where(SSO_FLOWS.STATE_HASH.eq(stateHash)).fetchOptional().map(SsoStore::map);
        if (found.isEmpty()) {
            return found;
        }
        int deleted = tx.deleteFrom(SSO_FLOWS).where(SSO_FLOWS.STATE_HASH.eq(stateHash)).execute();
        return deleted == 1 ? found : Optional.empty();
    }

    public int deleteExpired(DSLContext tx, OffsetDateTime now) {
        return tx.deleteFrom(SSO_FLOWS).where(SSO_FLOWS.EXPIRES_AT.lt(now)).execute();
    }

    private List<String> domains(DSLContext db, UUID organisationId) {
        return db.select(SSO_DOMAINS.DOMAIN).from(SSO_DOMAINS).where(SSO_DOMAINS.ORGANISATION_ID.eq(organisationId))
                .orderBy(SSO_DOMAINS.DOMAIN).fetch(SSO_DOMAINS.DOMAIN);
    }

    private static SsoSettings map(SsoConfigurationsRecord r, List<String> domains) {
        return new SsoSettings(r.getOrganisationId(), r.getIssuer(), r.getClientId(), r.getClientSecret(),
                SsoSettings.ClientAuth.fromCode(r.getClientAuth()),
                Arrays.stream(r.getScopes().split(" ")).filter(s -> !s.isEmpty()).toList(), r.getEmailClaim(), r.getNameClaim(),
                r.getJobTitleClaim(), r.getTenantClaim(), r.getTenantValue(), domains, r.getEnabled(), r.getJitProvisioning(),
                r.getLocalPasswordsAllowed(), r.getEmailUpdatesAllowed(), r.getUpdatedAt(), r.getUpdatedBy());
    }

    private static Flow map(SsoFlowsRecord r) {
        return new Flow(r.getStateHash(), r.getBrowserHash(), r.getOrganisationId(), r.getNonce(), r.getCodeVerifier(),
                r.getRedirectUri(), r.getReturnPath(), r.getCreatedAt(), r.getExpiresAt());
    }
}
