package org.confer.results;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.identity.Principal;

/**
 * What people do with results: read one (audited), read its audit trail, list those they were
 * alerted of, and acknowledge a critical one. Every read is authorised by {@link ResultAccess}.
 */
public final class ResultService {
    /** The recent list is a worklist, not an archive. */
    static final int RECENT = 100;

    private final Database db;
    private final ResultStore results;
    private final ResultAccess access;
    private final ResultAcknowledgements acknowledgements;
    private final AuditTrail audit;
    private final Clock clock;

    public ResultService(Database db, ResultStore results, ResultAccess access, ResultAcknowledgements acknowledgements,
                         AuditTrail audit, Clock clock) {
        this.db = db;
        this.results = results;
        this.access = access;
        this.acknowledgements = acknowledgements;
        this.audit = audit;
        this.clock = clock;
    }

    /** One result, with its alerts; the read itself is audited (result.viewed). */
    public ResultViews.ResultView view(Principal who, UUID resultId) {
        StoredResult r = access.requireReader(who, resultId);
        db.dsl().transaction(cfg -> audit.record(cfg.dsl(), r.organisationId(), who.userId(), "result.viewed", "result", r.id(),
                Map.of(), OffsetDateTime.now(clock)));
        return ResultViews.view(r, results.alerts(db.dsl(), resultId));
    }

    public List<ResultViews.AuditItem> auditTrail(Principal who, UUID resultId) {
        StoredResult r = access.requireAuditor(who, resultId);
        return audit.forSubject(db.dsl(), "result", r.id()).stream()
                .map(e -> new ResultViews.AuditItem(e.at(), e.actorId(), e.action(), e.detail())).toList();
    }

    public List<ResultViews.Summary> recent(Principal who) {
        return results.alertedOf(db.dsl(), who.userId(), RECENT).stream().map(ResultViews::summary).toList();
    }

    /** Acknowledges the result for everyone; {@code via} is "api" or "button". Idempotent. */
    public ResultViews.Acknowledged acknowledge(Principal who, UUID resultId, String via) {
        StoredResult r = access.requireAcknowledger(who, resultId);
        if (!r.critical()) {
            throw new org.confer.http.ApiException(org.confer.http.ProblemType.CONFLICT, "Only critical results are acknowledged");
        }
        var ack = acknowledgements.acknowledge(resultId, who.userId(), via);
        return new ResultViews.Acknowledged(ack.by(), ack.at());
    }
}
