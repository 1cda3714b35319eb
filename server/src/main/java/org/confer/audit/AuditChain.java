package org.confer.audit;

import static org.confer.db.schema.Tables.AUDIT_CHAIN;
import static org.confer.db.schema.Tables.AUDIT_EVENTS;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.confer.db.schema.tables.records.AuditEventsRecord;
import org.jooq.DSLContext;

/**
 * The hash chain under the audit trail (docs/audit.md, "The chain"). Every record gets the next
 * seq and {@code hash = SHA-256(canonical(record, prev_hash))}. The head row ({@code audit_chain},
 * one row) is locked with SELECT ... FOR UPDATE in the writer's transaction, so on any number of
 * nodes and threads records join the chain one at a time: no forks, no gaps. The lock is held to
 * the writer's commit; that is the price (docs/audit.md, "Cost and lock order").
 */
final class AuditChain {
    static final String GENESIS = "0".repeat(64);
    /** Legacy rows chained per statement batch when V21 meets an existing table. */
    private static final int SEAL_PAGE = 500;

    /** The head as read (and, inside a writer's transaction, locked). */
    record Head(long lastSeq, String lastHash, boolean legacySealed, long prunedThroughSeq, String prunedHash,
                OffsetDateTime prunedAt) {}

    /** The fields a record's hash covers, as stored. */
    record Fields(long seq, UUID id, UUID organisationId, UUID actorId, String action, String subjectType, UUID subjectId,
                  String detail, String retainedText, OffsetDateTime at, String prevHash) {}

    private AuditChain() {}

    /** Locks the head for the rest of {@code tx}; chains legacy rows first if nobody has yet. */
    static Head lockHead(DSLContext tx) {
        Head head = readHead(tx, true);
        return head.legacySealed() ? head : sealLegacy(tx, head);
    }

    static Head readHead(DSLContext db, boolean lock) {
        var select = db.selectFrom(AUDIT_CHAIN).where(AUDIT_CHAIN.ID.eq(1));
        var r = lock ? select.forUpdate().fetchSingle() : select.fetchSingle();
        return new Head(r.getLastSeq(), r.getLastHash(), r.getLegacySealed(), r.getPrunedThroughSeq(), r.getPrunedHash(),
                r.getPrunedAt());
    }

    /** Appends one record after the locked {@code head}; returns the new head. */
    static Head append(DSLContext tx, Head head, UUID id, UUID organisationId, UUID actorId, String action, String subjectType,
                       UUID subjectId, String detail, String retainedText, OffsetDateTime at) {
        Fields f = new Fields(head.lastSeq() + 1, id, organisationId, actorId, action, subjectType, subjectId, detail, retainedText,
                normalise(at), head.lastHash());
        String hash = hash(f);
        tx.insertInto(AUDIT_EVENTS)
                .set(AUDIT_EVENTS.ID, id)
                .set(AUDIT_EVENTS.SEQ, f.seq())
                .set(AUDIT_EVENTS.PREV_HASH, f.prevHash())
                .set(AUDIT_EVENTS.HASH, hash)
                .set(AUDIT_EVENTS.ORGANISATION_ID, organisationId)
                .set(AUDIT_EVENTS.ACTOR_ID, actorId)
                .set(AUDIT_EVENTS.ACTION, action)
                .set(AUDIT_EVENTS.SUBJECT_TYPE, subjectType)
                .set(AUDIT_EVENTS.SUBJECT_ID, subjectId)
                .set(AUDIT_EVENTS.DETAIL, detail)
                .set(AUDIT_EVENTS.RETAINED_TEXT, retainedText)
                .set(AUDIT_EVENTS.AT, f.at())
                .execute();
        return moveHead(tx, head, f.seq(), hash);
    }

    private static Head moveHead(DSLContext tx, Head head, long seq, String hash) {
        tx.update(AUDIT_CHAIN).set(AUDIT_CHAIN.LAST_SEQ, seq).set(AUDIT_CHAIN.LAST_HASH, hash).where(AUDIT_CHAIN.ID.eq(1)).execute();
        return new Head(seq, hash, head.legacySealed(), head.prunedThroughSeq(), head.prunedHash(), head.prunedAt());
    }

    /**
     * Chains the rows written before V21 in order of (at, id) — the order the trail always listed
     * them in — then marks the head sealed. Runs once, under the head's lock; after it, a row
     * without a seq is one written around the chain, and verification reports it.
     */
    private static Head sealLegacy(DSLContext tx, Head head) {
        Head h = head;
        while (true) {
            List<AuditEventsRecord> page = tx.selectFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.SEQ.isNull())
                    .orderBy(AUDIT_EVENTS.AT, AUDIT_EVENTS.ID).limit(SEAL_PAGE).fetch();
            if (page.isEmpty()) {
                break;
            }
            for (AuditEventsRecord r : page) {
                Fields f = new Fields(h.lastSeq() + 1, r.getId(), r.getOrganisationId(), r.getActorId(), r.getAction(),
                        r.getSubjectType(), r.getSubjectId(), r.getDetail(), r.getRetainedText(), normalise(r.getAt()), h.lastHash());
                String hash = hash(f);
                tx.update(AUDIT_EVENTS).set(AUDIT_EVENTS.SEQ, f.seq()).set(AUDIT_EVENTS.PREV_HASH, f.prevHash())
                        .set(AUDIT_EVENTS.HASH, hash).set(AUDIT_EVENTS.AT, f.at()).where(AUDIT_EVENTS.ID.eq(r.getId())).execute();
                h = new Head(f.seq(), hash, false, h.prunedThroughSeq(), h.prunedHash(), h.prunedAt());
            }
        }
        tx.update(AUDIT_CHAIN).set(AUDIT_CHAIN.LAST_SEQ, h.lastSeq()).set(AUDIT_CHAIN.LAST_HASH, h.lastHash())
                .set(AUDIT_CHAIN.LEGACY_SEALED, true).where(AUDIT_CHAIN.ID.eq(1)).execute();
        return new Head(h.lastSeq(), h.lastHash(), true, h.prunedThroughSeq(), h.prunedHash(), h.prunedAt());
    }

    /** Both databases keep microseconds; the hash covers exactly what is stored and read back. */
    static OffsetDateTime normalise(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    static Fields fieldsOf(AuditEventsRecord r) {
        return new Fields(r.getSeq(), r.getId(), r.getOrganisationId(), r.getActorId(), r.getAction(), r.getSubjectType(),
                r.getSubjectId(), r.getDetail(), r.getRetainedText(), r.getAt(), r.getPrevHash());
    }

    /**
     * SHA-256 over the canonical encoding: a version tag, then each field as its UTF-8 length,
     * ':' and its bytes (null as '~'), so no two different records encode alike. Time is epoch
     * microseconds, so the offset a database hands back does not matter.
     */
    static String hash(Fields f) {
        StringBuilder sb = new StringBuilder(256).append("confer-audit-v1");
        field(sb, Long.toString(f.seq()));
        field(sb, f.prevHash());
        field(sb, text(f.id()));
        field(sb, text(f.organisationId()));
        field(sb, text(f.actorId()));
        field(sb, f.action());
        field(sb, f.subjectType());
        field(sb, text(f.subjectId()));
        field(sb, f.detail());
        field(sb, f.retainedText());
        var instant = f.at().toInstant();
        field(sb, Long.toString(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static void field(StringBuilder sb, String value) {
        if (value == null) {
            sb.append("|~");
        } else {
            sb.append('|').append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
        }
    }
}
