package org.confer.results;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.bots.BuiltInBot;
import org.confer.chat.AcknowledgementService;
import org.confer.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first acknowledgement of a critical result ends it for everyone: the result records who and
 * when, the escalation stops, every other recipient's urgent reminders stop, and every alert card
 * says "Acknowledged by X at HH:mm". Who may acknowledge is decided by the caller
 * ({@link ResultAccess}); this class only records it, once.
 */
public final class ResultAcknowledgements {
    private static final Logger log = LoggerFactory.getLogger(ResultAcknowledgements.class);

    private final Database db;
    private final ResultStore results;
    private final ResultDirectoryStore directory;
    private final BotPoster bots;
    private final AcknowledgementService urgent;
    private final AuditTrail audit;
    private final AlertPoster poster;
    private final Clock clock;

    public ResultAcknowledgements(Database db, ResultStore results, ResultDirectoryStore directory, BotPoster bots,
                                  AcknowledgementService urgent, AuditTrail audit, AlertPoster poster, Clock clock) {
        this.db = db;
        this.results = results;
        this.directory = directory;
        this.bots = bots;
        this.urgent = urgent;
        this.audit = audit;
        this.poster = poster;
        this.clock = clock;
    }

    /** The acknowledgement: by whom and when (the first one, if somebody was quicker). */
    public record Acknowledged(UUID by, OffsetDateTime at, boolean now) {}

    /** Records {@code userId}'s acknowledgement; {@code via} is "button", "api" or "urgent-acknowledgement". */
    public Acknowledged acknowledge(UUID resultId, UUID userId, String via) {
        Acknowledged ack = db.dsl().transactionResult(cfg -> {
            var tx = cfg.dsl();
            StoredResult r = results.lock(tx, resultId).orElseThrow();
            if (r.acknowledgedAt() != null) {
                return new Acknowledged(r.acknowledgedBy(), r.acknowledgedAt(), false);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            results.acknowledge(tx, resultId, userId, now);
            results.acknowledgeAlerts(tx, resultId, now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("by", userId.toString());
            detail.put("via", via);
            audit.record(tx, r.organisationId(), userId, "result.acknowledged", "result", resultId, detail, now);
            return new Acknowledged(userId, now, true);
        });
        if (ack.now()) {
            finish(resultId);
        }
        return ack;
    }

    /** After the commit: stop everyone's reminders and update every card (a failure is logged: the acknowledgement itself is committed). */
    private void finish(UUID resultId) {
        StoredResult r = results.find(db.dsl(), resultId).orElseThrow();
        UUID bot = bots.builtIn(r.organisationId(), BuiltInBot.RESULTS);
        String line = ResultCards.acknowledgedLine(directory.displayName(db.dsl(), r.acknowledgedBy()).orElse("a colleague"),
                r.acknowledgedAt());
        List<Alert> alerts = results.alerts(db.dsl(), resultId);
        for (Alert a : alerts) {
            if (a.messageId() == null) {
                continue;
            }
            try {
                urgent.stopReminders(a.messageId());
                bots.updateCard(bot, a.conversationId(), a.messageId(), ResultCards.card(r, poster.headline(r, a), line));
            } catch (RuntimeException e) {
                log.warn("could not close alert {} of acknowledged result {}", a.id(), resultId, e);
            }
        }
    }
}
