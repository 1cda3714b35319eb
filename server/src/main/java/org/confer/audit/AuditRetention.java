package org.confer.audit;

import static org.confer.db.schema.Tables.AUDIT_CHAIN;
import static org.confer.db.schema.Tables.AUDIT_EVENTS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.confer.db.schema.tables.records.AuditEventsRecord;
import org.jooq.DSLContext;

/**
 * The audit log's own retention (docs/audit.md, "Retention"): records older than the cut-off are
 * deleted from the start of the chain, a page per transaction, and the head keeps a checkpoint —
 * the seq and hash of the last deleted record — so verification starts after it and the rest of
 * the chain still verifies. Each page is verified before it is deleted: a broken chain is never
 * pruned (the evidence stays). Safe with several nodes: every page is deleted under the head's lock.
 */
public final class AuditRetention {
    /** Rows deleted per transaction: short lock holds, so writers wait milliseconds, not seconds. */
    static final int PAGE = 500;

    /** What a run did; {@code stoppedAt} is set when a page did not verify and pruning stopped. */
    public record Pruned(long deleted, long throughSeq, String throughHash, AuditVerifier.Break stoppedAt) {}

    private final AuditTrail trail;

    public AuditRetention(AuditTrail trail) {
        this.trail = trail;
    }

    /** Deletes records older than {@code cutoff}, oldest first, stopping at the first younger one. */
    public Pruned prune(DSLContext db, OffsetDateTime cutoff, OffsetDateTime now) {
        long deleted = 0;
        while (true) {
            Step step = db.transactionResult(cfg -> page(cfg.dsl(), cutoff, now));
            deleted += step.deleted();
            if (step.deleted() == 0 || step.stoppedAt() != null) {
                Pruned p = new Pruned(deleted, step.head().prunedThroughSeq(), step.head().prunedHash(), step.stoppedAt());
                if (deleted > 0 || step.stoppedAt() != null) {
                    db.transaction(cfg -> trail.record(cfg.dsl(), null, null, "audit.pruned", "audit_chain",
                            new java.util.UUID(0, 1), detail(p, cutoff), now));
                }
                return p;
            }
        }
    }

    private record Step(int deleted, AuditChain.Head head, AuditVerifier.Break stoppedAt) {}

    private static Step page(DSLContext tx, OffsetDateTime cutoff, OffsetDateTime now) {
        AuditChain.Head head = AuditChain.lockHead(tx);
        List<AuditEventsRecord> rows = tx.selectFrom(AUDIT_EVENTS)
                .where(AUDIT_EVENTS.SEQ.gt(head.prunedThroughSeq()).and(AUDIT_EVENTS.SEQ.le(head.lastSeq())))
                .orderBy(AUDIT_EVENTS.SEQ).limit(PAGE).fetch();
        long expected = head.prunedThroughSeq() + 1;
        String prev = head.prunedHash();
        AuditEventsRecord last = null;
        for (AuditEventsRecord r : rows) {
            if (!r.getAt().isBefore(cutoff)) {
                break;
            }
            boolean intact = r.getSeq() == expected && prev.equals(r.getPrevHash())
                    && r.getHash() != null && r.getHash().equals(AuditChain.hash(AuditChain.fieldsOf(r)));
            if (!intact) {
                return new Step(0, head, new AuditVerifier.Break(expected, AuditVerifier.Kind.MODIFIED,
                        "record " + expected + " does not verify; nothing from it on is pruned"));
            }
            prev = r.getHash();
            expected++;
            last = r;
        }
        if (last == null) {
            return new Step(0, head, null);
        }
        int n = tx.deleteFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.SEQ.gt(head.prunedThroughSeq()).and(AUDIT_EVENTS.SEQ.le(last.getSeq())))
                .execute();
        tx.update(AUDIT_CHAIN).set(AUDIT_CHAIN.PRUNED_THROUGH_SEQ, last.getSeq()).set(AUDIT_CHAIN.PRUNED_HASH, last.getHash())
                .set(AUDIT_CHAIN.PRUNED_AT, now).where(AUDIT_CHAIN.ID.eq(1)).execute();
        return new Step(n, new AuditChain.Head(head.lastSeq(), head.lastHash(), true, last.getSeq(), last.getHash(), now), null);
    }

    private static Map<String, Object> detail(Pruned p, OffsetDateTime cutoff) {
        var d = new java.util.LinkedHashMap<String, Object>();
        d.put("deleted", p.deleted());
        d.put("throughSeq", p.throughSeq());
        d.put("throughHash", p.throughHash());
        d.put("olderThan", cutoff.toString());
        if (p.stoppedAt() != null) {
            d.put("stoppedAt", p.stoppedAt().seq());
        }
        return d;
    }
}
