package org.confer.results;

import static org.confer.db.schema.Tables.RESULTS;
import static org.confer.db.schema.Tables.RESULT_ALERTS;
import static org.confer.db.schema.Tables.RESULT_OBSERVATIONS;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.clinical.ResultReport;
import org.confer.db.schema.tables.records.ResultAlertsRecord;
import org.confer.db.schema.tables.records.ResultsRecord;
import org.confer.http.JsonColumns;
import org.jooq.DSLContext;

/** SQL for results, their observations and their alerts. */
public final class ResultStore {
    private static final TypeReference<List<ResultReport.Clinician>> ORDERERS = new TypeReference<>() {};
    private final JsonColumns json = new JsonColumns("stored orderers");

    /** The id of the result already stored from this source, if any (a resend). */
    public Optional<UUID> existing(DSLContext db, UUID organisationId, String source, String sourceId) {
        return db.select(RESULTS.ID).from(RESULTS)
                .where(RESULTS.ORGANISATION_ID.eq(organisationId).and(RESULTS.SOURCE.eq(source)).and(RESULTS.SOURCE_ID.eq(sourceId)))
                .fetchOptional(RESULTS.ID);
    }

    public void insert(DSLContext tx, UUID id, UUID organisationId, String source, ResultReport r, OffsetDateTime now) {
        tx.insertInto(RESULTS)
                .set(RESULTS.ID, id)
                .set(RESULTS.ORGANISATION_ID, organisationId)
                .set(RESULTS.SOURCE, source)
                .set(RESULTS.SOURCE_ID, r.sourceId())
                .set(RESULTS.HL7_VERSION, r.hl7Version())
                .set(RESULTS.LAB, r.lab())
                .set(RESULTS.NHS_NUMBER, r.nhsNumber())
                .set(RESULTS.PATIENT_IDS, String.join("\n", r.patientIds() == null ? List.of() : r.patientIds()))
                .set(RESULTS.PATIENT_NAME, r.patientName())
                .set(RESULTS.PLACER_ORDER_NUMBER, r.placerOrderNumber())
                .set(RESULTS.FILLER_ORDER_NUMBER, r.fillerOrderNumber())
                .set(RESULTS.TEST_CODE, r.testCode())
                .set(RESULTS.TEST_NAME, r.testName())
                .set(RESULTS.SPECIMEN, r.specimen())
                .set(RESULTS.STATUS, r.status())
                .set(RESULTS.COLLECTED_AT, r.collectedAt())
                .set(RESULTS.REPORTED_AT, r.reportedAt())
                .set(RESULTS.ORDERERS, json.write(r.orderers() == null ? List.of() : r.orderers()))
                .set(RESULTS.CRITICAL, r.critical())
                .set(RESULTS.RECEIVED_AT, now)
                .execute();
        int position = 0;
        for (ResultReport.Observation o : r.observations()) {
            tx.insertInto(RESULT_OBSERVATIONS)
                    .set(RESULT_OBSERVATIONS.RESULT_ID, id)
                    .set(RESULT_OBSERVATIONS.POSITION, position++)
                    .set(RESULT_OBSERVATIONS.CODE, o.code())
                    .set(RESULT_OBSERVATIONS.NAME, o.name())
                    .set(RESULT_OBSERVATIONS.RESULT_VALUE, o.value())
                    .set(RESULT_OBSERVATIONS.UNITS, o.units())
                    .set(RESULT_OBSERVATIONS.REFERENCE_RANGE, o.referenceRange())
                    .set(RESULT_OBSERVATIONS.ABNORMAL_FLAGS, o.abnormalFlags() == null ? null : String.join(",", o.abnormalFlags()))
                    .set(RESULT_OBSERVATIONS.CRITICAL, o.critical())
                    .set(RESULT_OBSERVATIONS.STATUS, o.status())
                    .set(RESULT_OBSERVATIONS.OBSERVED_AT, o.observedAt())
                    .execute();
        }
    }

    public Optional<StoredResult> find(DSLContext db, UUID id) {
        return db.selectFrom(RESULTS).where(RESULTS.ID.eq(id)).fetchOptional().map(r -> toResult(db, r));
    }

    /** Locks the result's row: acknowledgement and escalation of one result never run at once. */
    public Optional<StoredResult> lock(DSLContext tx, UUID id) {
        return tx.selectFrom(RESULTS).where(RESULTS.ID.eq(id)).forUpdate().fetchOptional().map(r -> toResult(tx, r));
    }

    /** Sets the acknowledgement once; false when somebody acknowledged it first. */
    public boolean acknowledge(DSLContext tx, UUID id, UUID userId, OffsetDateTime at) {
        return tx.update(RESULTS).set(RESULTS.ACKNOWLEDGED_BY, userId).set(RESULTS.ACKNOWLEDGED_AT, at)
                .where(RESULTS.ID.eq(id).and(RESULTS.ACKNOWLEDGED_AT.isNull())).execute() == 1;
    }

    /** Results {@code userId} was alerted of, newest first. */
    public List<StoredResult> alertedOf(DSLContext db, UUID userId, int limit) {
        return db.selectFrom(RESULTS)
                .where(RESULTS.ID.in(db.select(RESULT_ALERTS.RESULT_ID).from(RESULT_ALERTS).where(RESULT_ALERTS.USER_ID.eq(userId))))
                .orderBy(RESULTS.RECEIVED_AT.desc(), RESULTS.ID).limit(limit)
                .fetch(r -> toResult(db, r));
    }

    // --- alerts

    /** Inserts a pending alert; false when this (result, target, reason) was already alerted. */
    /** Inserts an alert unless the result already has one for that person and reason; true when inserted. */
    public boolean insertAlert(DSLContext tx, Alert a) {
        if (tx.fetchExists(RESULT_ALERTS, RESULT_ALERTS.RESULT_ID.eq(a.resultId())
                .and(RESULT_ALERTS.TARGET.eq(Alert.target(a.userId()))).and(RESULT_ALERTS.REASON.eq(a.reason())))) {
            return false;
        }
        // A plain insert after the check (on H2, jOOQ's ON CONFLICT DO NOTHING is a MERGE that cost a tenth
        // of a result's CPU); a concurrent twin still fails on the unique key and rolls its transaction back.
        return tx.insertInto(RESULT_ALERTS)
                .set(RESULT_ALERTS.ID, a.id())
                .set(RESULT_ALERTS.RESULT_ID, a.resultId())
                .set(RESULT_ALERTS.ORGANISATION_ID, a.organisationId())
                .set(RESULT_ALERTS.USER_ID, a.userId())
                .set(RESULT_ALERTS.TARGET, Alert.target(a.userId()))
                .set(RESULT_ALERTS.REASON, a.reason())
                .set(RESULT_ALERTS.LEVEL, a.level())
                .set(RESULT_ALERTS.FROM_USER_ID, a.fromUserId())
                .set(RESULT_ALERTS.URGENT, a.urgent())
                .set(RESULT_ALERTS.CREATED_AT, a.createdAt())
                .set(RESULT_ALERTS.CONVERSATION_ID, a.conversationId())
                .set(RESULT_ALERTS.ESCALATE_AT, a.escalateAt())
                .execute() == 1;
    }

    public List<Alert> alerts(DSLContext db, UUID resultId) {
        return db.selectFrom(RESULT_ALERTS).where(RESULT_ALERTS.RESULT_ID.eq(resultId))
                .orderBy(RESULT_ALERTS.LEVEL, RESULT_ALERTS.CREATED_AT, RESULT_ALERTS.ID).fetch(ResultStore::toAlert);
    }

    /** Alerts not yet posted, oldest first (the sweeper's work after a crash). */
    public List<Alert> unposted(DSLContext db, int limit) {
        return db.selectFrom(RESULT_ALERTS).where(RESULT_ALERTS.POSTED_AT.isNull())
                .orderBy(RESULT_ALERTS.CREATED_AT).limit(limit).fetch(ResultStore::toAlert);
    }

    /** Marks the alert posted; false when another node (or the sweeper) marked it first. */
    public boolean posted(DSLContext tx, UUID alertId, UUID conversationId, UUID messageId, OffsetDateTime at) {
        return tx.update(RESULT_ALERTS)
                .set(RESULT_ALERTS.POSTED_AT, at)
                .set(RESULT_ALERTS.CONVERSATION_ID, conversationId)
                .set(RESULT_ALERTS.MESSAGE_ID, messageId)
                .where(RESULT_ALERTS.ID.eq(alertId).and(RESULT_ALERTS.POSTED_AT.isNull()))
                .execute() == 1;
    }

    /** Unacknowledged alerts whose escalation is due, locked so one node escalates each. */
    public List<Alert> dueEscalations(DSLContext tx, OffsetDateTime now, int limit) {
        return tx.selectFrom(RESULT_ALERTS)
                .where(RESULT_ALERTS.ESCALATE_AT.le(now).and(RESULT_ALERTS.ACKNOWLEDGED_AT.isNull()))
                .orderBy(RESULT_ALERTS.ESCALATE_AT).limit(limit).forUpdate().skipLocked()
                .fetch(ResultStore::toAlert);
    }

    /**
     * Posted urgent alerts of unacknowledged results sent since {@code since}: whose plain urgent
     * acknowledgement to look for (older ones' reminders have long ended).
     */
    public List<Alert> awaitingAcknowledgement(DSLContext db, OffsetDateTime since, int limit) {
        return db.select(RESULT_ALERTS.fields()).from(RESULT_ALERTS).join(RESULTS).on(RESULTS.ID.eq(RESULT_ALERTS.RESULT_ID))
                .where(RESULT_ALERTS.URGENT.isTrue().and(RESULT_ALERTS.MESSAGE_ID.isNotNull())
                        .and(RESULT_ALERTS.CREATED_AT.ge(since))
                        .and(RESULTS.ACKNOWLEDGED_AT.isNull()))
                .orderBy(RESULT_ALERTS.CREATED_AT).limit(limit)
                .fetch(r -> toAlert(r.into(RESULT_ALERTS)));
    }

    public void stopEscalation(DSLContext tx, UUID resultId, int level) {
        tx.update(RESULT_ALERTS).set(RESULT_ALERTS.ESCALATE_AT, (OffsetDateTime) null)
                .where(RESULT_ALERTS.RESULT_ID.eq(resultId).and(RESULT_ALERTS.LEVEL.le(level))).execute();
    }

    public void acknowledgeAlerts(DSLContext tx, UUID resultId, OffsetDateTime at) {
        tx.update(RESULT_ALERTS).set(RESULT_ALERTS.ACKNOWLEDGED_AT, at).set(RESULT_ALERTS.ESCALATE_AT, (OffsetDateTime) null)
                .where(RESULT_ALERTS.RESULT_ID.eq(resultId).and(RESULT_ALERTS.ACKNOWLEDGED_AT.isNull())).execute();
    }

    private StoredResult toResult(DSLContext db, ResultsRecord r) {
        List<ResultReport.Observation> observations = db.selectFrom(RESULT_OBSERVATIONS)
                .where(RESULT_OBSERVATIONS.RESULT_ID.eq(r.getId())).orderBy(RESULT_OBSERVATIONS.POSITION)
                .fetch(o -> new ResultReport.Observation(o.getCode(), o.getName(), o.getResultValue(), o.getUnits(), o.getReferenceRange(),
                        o.getAbnormalFlags() == null || o.getAbnormalFlags().isEmpty() ? List.of()
                                : Arrays.asList(o.getAbnormalFlags().split(",")),
                        o.getCritical(), o.getStatus(), o.getObservedAt()));
        ResultReport report = new ResultReport(r.getSourceId(), r.getHl7Version(), null, r.getLab(), r.getNhsNumber(),
                r.getPatientIds() == null || r.getPatientIds().isEmpty() ? List.of() : List.of(r.getPatientIds().split("\n")),
                r.getPatientName(), r.getPlacerOrderNumber(), r.getFillerOrderNumber(), r.getTestCode(), r.getTestName(),
                r.getSpecimen(), r.getStatus(), r.getCollectedAt(), r.getReportedAt(), json.read(r.getOrderers(), ORDERERS), observations);
        return new StoredResult(r.getId(), r.getOrganisationId(), r.getSource(), report, r.getCritical(), r.getReceivedAt(),
                r.getAcknowledgedBy(), r.getAcknowledgedAt());
    }

    private static Alert toAlert(ResultAlertsRecord r) {
        return new Alert(r.getId(), r.getResultId(), r.getOrganisationId(), r.getUserId(), r.getReason(), r.getLevel(),
                r.getFromUserId(), r.getUrgent(), r.getCreatedAt(), r.getPostedAt(), r.getConversationId(), r.getMessageId(),
                r.getEscalateAt(), r.getAcknowledgedAt());
    }
}
