package org.confer.sso;

import static org.confer.db.schema.Tables.SSO_CLIENT_KEYS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.records.SsoClientKeysRecord;
import org.jooq.DSLContext;

/** SQL for the key pairs that sign private_key_jwt client assertions (migration V28). */
public final class SsoKeyStore {

    /** The organisation's keys, oldest first. */
    public List<ClientKey> keys(DSLContext db, UUID organisationId) {
        return db.selectFrom(SSO_CLIENT_KEYS).where(SSO_CLIENT_KEYS.ORGANISATION_ID.eq(organisationId))
                .orderBy(SSO_CLIENT_KEYS.CREATED_AT, SSO_CLIENT_KEYS.KEY_ID).fetch(SsoKeyStore::map);
    }

    public Optional<ClientKey> active(DSLContext db, UUID organisationId) {
        return db.selectFrom(SSO_CLIENT_KEYS).where(SSO_CLIENT_KEYS.ORGANISATION_ID.eq(organisationId)
                .and(SSO_CLIENT_KEYS.STATE.eq(ClientKey.State.ACTIVE.code()))).fetchOptional(SsoKeyStore::map);
    }

    public void insert(DSLContext tx, ClientKey k) {
        SsoClientKeysRecord r = tx.newRecord(SSO_CLIENT_KEYS);
        r.setKeyId(k.keyId());
        r.setOrganisationId(k.organisationId());
        r.setAlgorithm(k.algorithm());
        r.setPublicJwk(k.publicJwk());
        r.setPrivateJwk(k.privateJwk());
        r.setState(k.state().code());
        r.setCreatedAt(k.createdAt());
        r.setActivatedAt(k.activatedAt());
        tx.insertInto(SSO_CLIENT_KEYS).set(r).execute();
    }

    /** Makes the key the organisation's only active one; the one before is retired (still published). */
    public void activate(DSLContext tx, UUID organisationId, String keyId, OffsetDateTime now) {
        tx.update(SSO_CLIENT_KEYS).set(SSO_CLIENT_KEYS.STATE, ClientKey.State.RETIRED.code())
                .where(SSO_CLIENT_KEYS.ORGANISATION_ID.eq(organisationId).and(SSO_CLIENT_KEYS.STATE.eq(ClientKey.State.ACTIVE.code())))
                .execute();
        tx.update(SSO_CLIENT_KEYS).set(SSO_CLIENT_KEYS.STATE, ClientKey.State.ACTIVE.code()).set(SSO_CLIENT_KEYS.ACTIVATED_AT, now)
                .where(SSO_CLIENT_KEYS.ORGANISATION_ID.eq(organisationId).and(SSO_CLIENT_KEYS.KEY_ID.eq(keyId))).execute();
    }

    public boolean delete(DSLContext tx, UUID organisationId, String keyId) {
        return tx.deleteFrom(SSO_CLIENT_KEYS)
                .where(SSO_CLIENT_KEYS.ORGANISATION_ID.eq(organisationId).and(SSO_CLIENT_KEYS.KEY_ID.eq(keyId))).execute() == 1;
    }

    public int deleteAll(DSLContext tx, UUID organisationId) {
        return tx.deleteFrom(SSO_CLIENT_KEYS).where(SSO_CLIENT_KEYS.ORGANISATION_ID.eq(organisationId)).execute();
    }

    private static ClientKey map(SsoClientKeysRecord r) {
        return new ClientKey(r.getKeyId(), r.getOrganisationId(), r.getAlgorithm(), r.getPublicJwk(), r.getPrivateJwk(),
                ClientKey.State.fromCode(r.getState()), r.getCreatedAt(), r.getActivatedAt());
    }
}
