package org.confer.identity;

import static org.confer.db.schema.Tables.ORGANISATIONS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.records.OrganisationsRecord;
import org.jooq.DSLContext;

/** SQL for organisations. */
public final class OrganisationStore {

    public Organisation insert(DSLContext tx, UUID id, String code, String name, OffsetDateTime now) {
        tx.insertInto(ORGANISATIONS)
                .set(ORGANISATIONS.ID, id)
                .set(ORGANISATIONS.CODE, code)
                .set(ORGANISATIONS.NAME, name)
                .set(ORGANISATIONS.CREATED_AT, now)
                .execute();
        return new Organisation(id, code, name, now);
    }

    public void rename(DSLContext tx, UUID id, String name) {
        tx.update(ORGANISATIONS).set(ORGANISATIONS.NAME, name).where(ORGANISATIONS.ID.eq(id)).execute();
    }

    public Optional<Organisation> byId(DSLContext db, UUID id) {
        return db.selectFrom(ORGANISATIONS).where(ORGANISATIONS.ID.eq(id)).fetchOptional().map(OrganisationStore::map);
    }

    public Optional<Organisation> byCode(DSLContext db, String code) {
        return db.selectFrom(ORGANISATIONS).where(ORGANISATIONS.CODE.eq(code)).fetchOptional().map(OrganisationStore::map);
    }

    /** Keyset page ordered by code: codes after {@code afterCode}, at most {@code limit}. */
    public List<Organisation> page(DSLContext db, String afterCode, int limit) {
        var query = db.selectFrom(ORGANISATIONS);
        var where = afterCode == null ? query.where() : query.where(ORGANISATIONS.CODE.gt(afterCode));
        return where.orderBy(ORGANISATIONS.CODE).limit(limit).fetch().map(OrganisationStore::map);
    }

    private static Organisation map(OrganisationsRecord r) {
        return new Organisation(r.getId(), r.getCode(), r.getName(), r.getCreatedAt());
    }

    /** Every organisation's id (a few hundred at national scale). */
    public List<UUID> allIds(DSLContext db) {
        return db.select(ORGANISATIONS.ID).from(ORGANISATIONS).fetch(ORGANISATIONS.ID);
    }

    /** Every organisation, by name (the policy page lists them all: a few hundred at national scale). */
    public List<Organisation> all(DSLContext db) {
        return db.selectFrom(ORGANISATIONS).orderBy(ORGANISATIONS.NAME, ORGANISATIONS.ID).fetch().map(OrganisationStore::map);
    }
}
