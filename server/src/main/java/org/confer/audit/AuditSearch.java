package org.confer.audit;

import static org.confer.db.schema.Tables.AUDIT_EVENTS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.confer.db.schema.tables.records.AuditEventsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Reading the audit log: filters, newest first, keyset paging by seq (docs/audit.md, "Reading").
 * Who may read which organisation's records is decided by the caller, who passes the scope.
 */
public final class AuditSearch {
    /** Rows per page of an export: the CSV streams page after page. */
    static final int EXPORT_PAGE = 1000;

    /**
     * The filters. {@code organisationId} null means every organisation (platform admins only);
     * {@code actionPrefix} matches "result." as well as "result.viewed"; {@code beforeSeq} is the cursor.
     */
    public record Filter(UUID organisationId, UUID actorId, String actionPrefix, String subjectType, UUID subjectId,
                         OffsetDateTime from, OffsetDateTime to, Long beforeSeq) {
        public Filter withBefore(Long seq) {
            return new Filter(organisationId, actorId, actionPrefix, subjectType, subjectId, from, to, seq);
        }
    }

    /** One record as read, with its place in the chain. */
    public record Row(long seq, UUID id, UUID organisationId, UUID actorId, String action, String subjectType, UUID subjectId,
                      String detail, String retainedText, OffsetDateTime at, String hash) {}

    private AuditSearch() {}

    /** Up to {@code limit} records, newest first. */
    public static List<Row> page(DSLContext db, Filter f, int limit) {
        return db.selectFrom(AUDIT_EVENTS).where(conditions(f)).orderBy(AUDIT_EVENTS.SEQ.desc()).limit(limit).fetch(AuditSearch::row);
    }

    /** Every matching record, newest first, handed to {@code each} a page at a time (never all in memory). */
    public static void forEachPage(DSLContext db, Filter f, Consumer<List<Row>> each) {
        Filter at = f;
        while (true) {
            List<Row> rows = page(db, at, EXPORT_PAGE);
            each.accept(rows);
            if (rows.size() < EXPORT_PAGE) {
                return;
            }
            at = at.withBefore(rows.getLast().seq());
        }
    }

    private static List<Condition> conditions(Filter f) {
        List<Condition> c = new ArrayList<>();
        c.add(AUDIT_EVENTS.SEQ.isNotNull());
        if (f.organisationId() != null) {
            c.add(AUDIT_EVENTS.ORGANISATION_ID.eq(f.organisationId()));
        }
        if (f.actorId() != null) {
            c.add(AUDIT_EVENTS.ACTOR_ID.eq(f.actorId()));
        }
        if (f.actionPrefix() != null && !f.actionPrefix().isEmpty()) {
            c.add(AUDIT_EVENTS.ACTION.startsWith(f.actionPrefix()));
        }
        if (f.subjectType() != null && !f.subjectType().isEmpty()) {
            c.add(AUDIT_EVENTS.SUBJECT_TYPE.eq(f.subjectType()));
        }
        if (f.subjectId() != null) {
            c.add(AUDIT_EVENTS.SUBJECT_ID.eq(f.subjectId()));
        }
        if (f.from() != null) {
            c.add(AUDIT_EVENTS.AT.ge(f.from()));
        }
        if (f.to() != null) {
            c.add(AUDIT_EVENTS.AT.lt(f.to()));
        }
        if (f.beforeSeq() != null) {
            c.add(AUDIT_EVENTS.SEQ.lt(f.beforeSeq()));
        }
        return c;
    }

    private static Row row(AuditEventsRecord r) {
        return new Row(r.getSeq(), r.getId(), r.getOrganisationId(), r.getActorId(), r.getAction(), r.getSubjectType(), r.getSubjectId(),
                r.getDetail(), r.getRetainedText(), r.getAt(), r.getHash());
    }
}
