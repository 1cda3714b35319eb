package org.confer.results;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.clinical.ResultReport;
import org.confer.db.Database;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Receives a result from either input (MLLP or FHIR): stores it, routes it and writes its alerts
 * as pending rows in ONE transaction, then posts the alerts ({@link AlertPoster}). The caller
 * acknowledges the sender only after this returns, so a result the sender was told we have is
 * always stored with its alerts; an alert whose post was interrupted is posted by the sweeper
 * (docs/bots-and-results.md, "Clinical safety").
 */
public final class ResultIntake {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ResultIntake.class);
    /** What happened to a report: stored now, or the same source id was stored before (a resend). */
    public record Outcome(UUID resultId, boolean duplicate) {}

    /** A report that cannot be stored as sent (too long for its column, nothing to report). */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Database db;
    private final ResultStore results;
    private final ResultDirectoryStore directory;
    private final ResultRouting routing;
    private final AlertPoster poster;
    private final AuditTrail audit;
    private final Clock clock;
    private final Counter received;
    private final Counter duplicates;

    public ResultIntake(Database db, ResultStore results, ResultDirectoryStore directory, AlertPoster poster, AuditTrail audit,
                        Clock clock, MeterRegistry registry) {
        this.db = db;
        this.results = results;
        this.directory = directory;
        this.routing = new ResultRouting(directory);
        this.poster = poster;
        this.audit = audit;
        this.clock = clock;
        this.received = Counter.builder("confer.results.received").description("Results stored").register(registry);
        this.duplicates = Counter.builder("confer.results.duplicate").description("Results resent and not stored again")
                .register(registry);
    }

    /**
     * Stores and routes the reports of one message (or one FHIR report) of {@code organisationId},
     * all or none, in one transaction. {@code source} is "feed:&lt;id&gt;" or "fhir"; {@code detail}
     * says how they arrived (feed, MSH-10, bot) for the audit trail.
     */
    public List<Outcome> accept(UUID organisationId, String source, List<ResultReport> reports, Map<String, ?> detail) {
        reports.forEach(ResultLimits::check);
        List<Outcome> outcomes;
        try {
            outcomes = db.dsl().transactionResult(cfg -> reports.stream()
                    .map(r -> store(cfg.dsl(), organisationId, source, r, detail)).toList());
        } catch (IntegrityConstraintViolationException raced) {
            // The same resend arrived twice at once and the other copy committed first.
            outcomes = reports.stream().map(r -> new Outcome(results.existing(db.dsl(), organisationId, source, r.sourceId())
                    .orElseThrow(() -> raced), true)).toList();
        }
        for (Outcome o : outcomes) {
            (o.duplicate() ? duplicates : received).increment();
            // Posting a resend's alerts again is a no-op for those already posted (idempotent clientMsgId),
            // and finishes the ones a crash between commit and post left pending.
            try {
                poster.postPending(o.resultId());
            } catch (RuntimeException e) {
                // Stored with its pending alerts: the sweeper posts them. Refusing the ACK now would
                // only make the lab resend (and block its queue) for a result we already hold.
                log.error("result {} is stored but posting its alerts failed; the sweeper retries", o.resultId(), e);
            }
        }
        return outcomes;
    }

    /** The result already stored from this source with this id, if any. */
    public java.util.Optional<UUID> existing(UUID organisationId, String source, String sourceId) {
        return results.existing(db.dsl(), organisationId, source, sourceId);
    }

    private Outcome store(org.jooq.DSLContext tx, UUID organisationId, String source, ResultReport report, Map<String, ?> detail) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var earlier = results.existing(tx, organisationId, source, report.sourceId());
        if (earlier.isPresent()) {
            audit.record(tx, organisationId, null, "result.duplicate", "result", earlier.get(), detail, now);
            return new Outcome(earlier.get(), true);
        }
        UUID id = UUID.randomUUID();
        results.insert(tx, id, organisationId, source, report, now);
        Map<String, Object> receivedDetail = new LinkedHashMap<>(detail);
        receivedDetail.put("sourceId", report.sourceId());
        receivedDetail.put("critical", report.critical());
        audit.record(tx, organisationId, null, "result.received", "result", id, receivedDetail, now);
        OffsetDateTime escalateAt = report.critical()
                ? now.plusMinutes(directory.settings(tx, organisationId).deputyAfterMinutes()) : null;
        List<ResultRouting.Recipient> recipients = routing.recipients(tx, organisationId, report);
        for (ResultRouting.Recipient r : recipients) {
            // Only the alerts of the ordering clinicians (or the inbox, when none) start the escalation clock.
            boolean escalates = r.reason().equals(Alert.ORDERER) || r.reason().equals(Alert.INBOX);
            results.insertAlert(tx, new Alert(UUID.randomUUID(), id, organisationId, r.userId(), r.reason(), 0, null,
                    report.critical(), now, null, null, null, escalates ? escalateAt : null, null));
            Map<String, Object> routed = new LinkedHashMap<>();
            routed.put("to", r.userId() == null ? Alert.INBOX : r.userId().toString());
            routed.put("reason", r.reason());
            routed.put("why", r.why());
            audit.record(tx, organisationId, null, "result.routed", "result", id, routed, now);
        }
        return new Outcome(id, false);
    }
}
