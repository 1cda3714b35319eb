package org.confer.audit;

import static org.confer.db.schema.Tables.AUDIT_EVENTS;

import java.util.List;
import org.confer.db.schema.tables.records.AuditEventsRecord;
import org.jooq.DSLContext;

/**
 * Walks the chain from the retention checkpoint (or the genesis) to the head, a page at a time,
 * and reports the first broken link (docs/audit.md, "Verification"). Reads only; a chain being
 * written meanwhile is verified up to the head read at the start.
 */
public final class AuditVerifier {
    /** Rows per query: a page is a few hundred kilobytes, and millions of rows stream through. */
    static final int PAGE = 1000;

    /** Why a link is broken. */
    public enum Kind {
        /** A record's fields no longer give its hash, or its successor no longer links to it. */
        MODIFIED,
        /** A seq is missing: a record was deleted (or the chain ends before the head). */
        DELETED,
        /** A record links to one that is stored after it: rows were swapped or renumbered. */
        REORDERED,
        /** A row that is not in the chain at all (no seq): written around the trail. */
        INSERTED
    }

    public record Break(long seq, Kind kind, String reason) {}

    /**
     * The outcome. {@code firstSeq} is where the walk started (after the retention checkpoint),
     * {@code headSeq} and {@code headHash} the head it verified against — export the head hash
     * somewhere else now and then (docs/audit.md, "What it proves").
     */
    public record Result(boolean ok, long firstSeq, long headSeq, String headHash, long checked, Break firstBreak) {}

    /** One or two lines for a person (the command's output). */
    public static String describe(Result r) {
        String range = r.checked() + " records checked (seq " + r.firstSeq() + " to " + r.headSeq() + "), head hash " + r.headHash();
        return r.ok() ? "audit chain OK: " + range
                : "audit chain BROKEN at seq " + r.firstBreak().seq() + " (" + r.firstBreak().kind().name().toLowerCase(java.util.Locale.ROOT)
                        + "): " + r.firstBreak().reason() + "\n" + range;
    }

    private final DSLContext db;

    public AuditVerifier(DSLContext db) {
        this.db = db;
    }

    public Result verify() {
        AuditChain.Head head = AuditChain.readHead(db, false);
        long expected = head.prunedThroughSeq() + 1;
        long first = expected;
        String prev = head.prunedHash();
        long checked = 0;
        while (expected <= head.lastSeq()) {
            List<AuditEventsRecord> page = db.selectFrom(AUDIT_EVENTS)
                    .where(AUDIT_EVENTS.SEQ.ge(expected).and(AUDIT_EVENTS.SEQ.le(head.lastSeq())))
                    .orderBy(AUDIT_EVENTS.SEQ).limit(PAGE).fetch();
            if (page.isEmpty()) {
                return broken(first, head, checked, new Break(expected, Kind.DELETED,
                        "records " + expected + " to " + head.lastSeq() + " are missing: the head says the chain has " + head.lastSeq()));
            }
            for (AuditEventsRecord r : page) {
                Break b = check(r, expected, prev);
                if (b != null) {
                    return broken(first, head, checked, b);
                }
                prev = r.getHash();
                expected++;
                checked++;
            }
        }
        if (!prev.equals(head.lastHash())) {
            return broken(first, head, checked, new Break(head.lastSeq(), Kind.MODIFIED,
                    "the last record's hash is not the head's: the end of the chain was rewritten"));
        }
        if (head.legacySealed()) {
            AuditEventsRecord stray = db.selectFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.SEQ.isNull()).limit(1).fetchOne();
            if (stray != null) {
                return broken(first, head, checked, new Break(0, Kind.INSERTED,
                        "record " + stray.getId() + " (" + stray.getAction() + ") is not in the chain: it was written around the audit trail"));
            }
        }
        return new Result(true, first, head.lastSeq(), head.lastHash(), checked, null);
    }

    private Break check(AuditEventsRecord r, long expected, String prev) {
        if (r.getSeq() != expected) {
            return new Break(expected, Kind.DELETED, r.getSeq() - expected == 1
                    ? "record " + expected + " is missing (deleted)"
                    : "records " + expected + " to " + (r.getSeq() - 1) + " are missing (deleted)");
        }
        if (r.getPrevHash() == null || !r.getPrevHash().equals(prev)) {
            // Whose hash does it name? A record stored later: the two were swapped or renumbered.
            Long named = r.getPrevHash() == null ? null : db.select(AUDIT_EVENTS.SEQ).from(AUDIT_EVENTS)
                    .where(AUDIT_EVENTS.HASH.eq(r.getPrevHash())).and(AUDIT_EVENTS.SEQ.ne(expected)).limit(1).fetchOne(AUDIT_EVENTS.SEQ);
            if (named != null && named > expected) {
                return new Break(expected, Kind.REORDERED, "record " + expected + " follows record " + named
                        + " in the chain, which is stored after it: records were swapped or renumbered");
            }
            return new Break(expected - 1, Kind.MODIFIED, "record " + expected + " does not link to record " + (expected - 1)
                    + ": record " + (expected - 1) + " was changed (and its hash recomputed), or replaced");
        }
        if (r.getHash() == null || !r.getHash().equals(AuditChain.hash(AuditChain.fieldsOf(r)))) {
            return new Break(expected, Kind.MODIFIED, "record " + expected + "'s fields do not give its hash: it was changed");
        }
        return null;
    }

    private static Result broken(long first, AuditChain.Head head, long checked, Break b) {
        return new Result(false, first, head.lastSeq(), head.lastHash(), checked, b);
    }
}
