package org.confer.audit;

import static org.confer.db.schema.Tables.AUDIT_EVENTS;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.http.JsonColumns;
import org.jooq.DSLContext;

/**
 * The audit trail: who did what to which clinical or integration object, and when. Written in the
 * transaction of the change it records, so an audited step and its entry commit or roll back
 * together. Readers decide who may see an entry (the results and requests features each check
 * their own subjects); this class only stores and lists.
 */
public final class AuditTrail {
    /** Detail is a short summary; whole messages and result bodies never go here. */
    static final int MAX_DETAIL = 4000;
    /** Retained text (a message's earlier text) has a column of its own, as long as a message may be. */
    public static final int MAX_RETAINED_TEXT = 16384;

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};
    private final JsonColumns columns = new JsonColumns("a stored audit detail");
    /** The last id's time and sequence (milliseconds << 12 | sequence): ids of one node only ever grow. */
    private final java.util.concurrent.atomic.AtomicLong lastTick = new java.util.concurrent.atomic.AtomicLong();

    /** One recorded step. {@code actorId} is null for the system (a timer, a lab feed). */
    public record Entry(UUID id, UUID organisationId, UUID actorId, String action, String subjectType, UUID subjectId,
                        Map<String, Object> detail, OffsetDateTime at) {}

    /**
     * Records one step in {@code tx}, the transaction of the change. The record joins the hash
     * chain (docs/audit.md): this locks the chain's head until {@code tx} commits, so call it as
     * the last write of the transaction (every other lock first, the head last: no deadlock).
     */
    public void record(DSLContext tx, UUID organisationId, UUID actorId, String action, String subjectType,
                       UUID subjectId, Map<String, ?> detail, OffsetDateTime at) {
        recordRetaining(tx, organisationId, actorId, action, subjectType, subjectId, detail, null, at);
    }

    /**
     * As {@link #record}, keeping {@code retainedText} (up to {@value #MAX_RETAINED_TEXT}
     * characters, e.g. a message's text before an edit) beside the short detail, covered by the hash.
     */
    public void recordRetaining(DSLContext tx, UUID organisationId, UUID actorId, String action, String subjectType,
                                UUID subjectId, Map<String, ?> detail, String retainedText, OffsetDateTime at) {
        String json = detail == null || detail.isEmpty() ? null : columns.write(detail);
        if (json != null && json.length() > MAX_DETAIL) {
            throw new IllegalArgumentException("audit detail of " + action + " is too long (" + json.length() + " characters)");
        }
        if (retainedText != null && retainedText.length() > MAX_RETAINED_TEXT) {
            throw new IllegalArgumentException("retained text of " + action + " is too long (" + retainedText.length() + " characters)");
        }
        UUID id = nextId();
        if (tx.connectionResult(java.sql.Connection::getAutoCommit)) {
            // Not in a transaction: the head's lock would end with the SELECT. Chain it in one of its own.
            tx.transaction(cfg -> AuditChain.append(cfg.dsl(), AuditChain.lockHead(cfg.dsl()), id, organisationId, actorId, action,
                    subjectType, subjectId, json, retainedText, at));
            return;
        }
        AuditChain.append(tx, AuditChain.lockHead(tx), id, organisationId, actorId, action, subjectType, subjectId, json,
                retainedText, at);
    }

    /**
     * Chains the records written before the chain existed (V21), if nobody has yet; run in a
     * transaction of its own at start. Every writer would do it otherwise, first.
     */
    public void sealLegacy(DSLContext tx) {
        AuditChain.lockHead(tx);
    }

    /**
     * A time-ordered id (the UUIDv7 layout: milliseconds, then a sequence, then random bits).
     * Steps written in one transaction share their time; the list is ordered by time, then id, so
     * random ids would show "routed" before "received". These keep the order they were written in.
     */
    UUID nextId() {
        long tick = lastTick.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() << 12));
        long high = (tick >>> 12) << 16 | 0x7000L | (tick & 0xFFFL);
        long low = java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** Every entry about one subject, oldest first (steps of the same time in the order they were written). */
    public List<Entry> forSubject(DSLContext db, String subjectType, UUID subjectId) {
        return db.selectFrom(AUDIT_EVENTS)
                .where(AUDIT_EVENTS.SUBJECT_TYPE.eq(subjectType).and(AUDIT_EVENTS.SUBJECT_ID.eq(subjectId)))
                .orderBy(AUDIT_EVENTS.AT, AUDIT_EVENTS.ID)
                .fetch(r -> new Entry(r.getId(), r.getOrganisationId(), r.getActorId(), r.getAction(), r.getSubjectType(),
                        r.getSubjectId(), read(r.getDetail()), r.getAt()));
    }

    private Map<String, Object> read(String stored) {
        return stored == null ? Map.of() : columns.read(stored, DETAIL);
    }
}
