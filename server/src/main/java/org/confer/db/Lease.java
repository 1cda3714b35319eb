package org.confer.db;

import static org.confer.db.schema.Tables.LEASES;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/**
 * A cluster-wide lease on a named job, one row of {@code leases}: taken by compare-and-set (the
 * row is free or its lease expired), renewed by its holder between batches, released at the end.
 * One UPDATE each, atomic on H2 and PostgreSQL, so two nodes (or two threads) never both hold it.
 * A node that dies holding it blocks the job only until the lease expires. Each name's row is
 * made by a migration (V27 {@code retention}, V29 {@code audit-retention}): a lease whose row is
 * missing can never be taken, which a test of the job shows at once, instead of a start-up race
 * of nodes inserting it (docs/operations.md, "Scheduled work in a cluster").
 */
public final class Lease {
    private final String name;

    public Lease(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Takes the lease until {@code until} when it is free or expired at {@code now}; false when another holds it. */
    public boolean acquire(DSLContext db, String holder, OffsetDateTime now, OffsetDateTime until) {
        return db.update(LEASES).set(LEASES.HOLDER, holder).set(LEASES.EXPIRES_AT, until)
                .where(LEASES.NAME.eq(name)).and(LEASES.HOLDER.isNull().or(LEASES.EXPIRES_AT.lt(now))).execute() == 1;
    }

    /** Extends a lease this holder still has; false when it was lost (expired and taken by another). */
    public boolean renew(DSLContext db, String holder, OffsetDateTime until) {
        return db.update(LEASES).set(LEASES.EXPIRES_AT, until).where(LEASES.NAME.eq(name)).and(LEASES.HOLDER.eq(holder)).execute() == 1;
    }

    public void release(DSLContext db, String holder) {
        db.update(LEASES).set(LEASES.HOLDER, (String) null).set(LEASES.EXPIRES_AT, (OffsetDateTime) null)
                .where(LEASES.NAME.eq(name)).and(LEASES.HOLDER.eq(holder)).execute();
    }
}
