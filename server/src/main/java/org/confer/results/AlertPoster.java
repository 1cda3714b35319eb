package org.confer.results;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.bots.BuiltInBot;
import org.confer.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts pending alerts as the Results bot and marks them posted. Each alert row is posted with the
 * clientMsgId {@code result:<resultId>:<reason>} in the recipient's direct chat (or the inbox
 * channel), so posting it again — after a crash between the post's commit and the mark, or from
 * the sweeper and a resend at once — returns the same message instead of a second one. Marking
 * it posted is a compare-and-set ({@code posted_at} null), and only its winner audits it, so the
 * sweepers of several nodes racing over one alert leave one message and one audit record.
 */
public final class AlertPoster {
    private static final Logger log = LoggerFactory.getLogger(AlertPoster.class);

    private final Database db;
    private final ResultStore results;
    private final ResultDirectoryStore directory;
    private final BotPoster bots;
    private final AuditTrail audit;
    private final Clock clock;

    public AlertPoster(Database db, ResultStore results, ResultDirectoryStore directory, BotPoster bots, AuditTrail audit, Clock clock) {
        this.db = db;
        this.results = results;
        this.directory = directory;
        this.bots = bots;
        this.audit = audit;
        this.clock = clock;
    }

    /** Posts every unposted alert of one result; returns how many were posted now. */
    public int postPending(UUID resultId) {
        StoredResult r = results.find(db.dsl(), resultId).orElseThrow();
        int n = 0;
        for (Alert a : results.alerts(db.dsl(), resultId)) {
            if (a.postedAt() == null) {
                post(r, a);
                n++;
            }
        }
        return n;
    }

    /** Posts alerts left pending (a crash, a failed post); run at start and on the escalation timer. */
    public int sweep() {
        int n = 0;
        for (Alert a : results.unposted(db.dsl(), 100)) {
            try {
                post(results.find(db.dsl(), a.resultId()).orElseThrow(), a);
                n++;
            } catch (RuntimeException e) {
                log.warn("posting alert {} of result {} failed; retrying at the next sweep", a.id(), a.resultId(), e);
            }
        }
        return n;
    }

    private void post(StoredResult r, Alert a) {
        UUID bot = bots.builtIn(r.organisationId(), BuiltInBot.RESULTS);
        String headline = headline(r, a);
        String acknowledged = r.acknowledgedAt() == null ? null
                : ResultCards.acknowledgedLine(directory.displayName(db.dsl(), r.acknowledgedBy()).orElse("a colleague"), r.acknowledgedAt());
        var card = ResultCards.card(r, headline, acknowledged);
        String text = ResultCards.text(r, headline);
        // Once acknowledged (an escalation raced the acknowledgement), nobody needs an urgent alert.
        boolean urgent = a.urgent() && acknowledged == null;
        String clientMsgId = "result:" + r.id() + ":" + a.reason();
        BotPoster.Posted posted;
        if (a.userId() == null) {
            UUID inbox = directory.settings(db.dsl(), r.organisationId()).inboxConversationId();
            if (inbox == null) {
                // No inbox configured: the alert stays pending (the sweeper retries) and the operator is told.
                log.error("result {} of organisation {} matched nobody and the organisation has no results-inbox channel",
                        r.id(), r.organisationId());
                return;
            }
            bots.join(bot, inbox);
            posted = bots.post(bot, inbox, text, card, urgent, clientMsgId);
        } else {
            posted = bots.direct(bot, a.userId(), text, card, urgent, clientMsgId);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            if (!results.posted(cfg.dsl(), a.id(), posted.conversationId(), posted.messageId(), now)) {
                // Another node's sweep (or this node's escalation) posted the same alert at the same time; the
                // clientMsgId made it one message, and the one that marked it audits it: one "result.alerted".
                return;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("to", Alert.target(a.userId()));
            detail.put("reason", a.reason());
            detail.put("level", a.level());
            detail.put("urgent", urgent);
            detail.put("conversationId", posted.conversationId().toString());
            detail.put("messageId", posted.messageId().toString());
            audit.record(cfg.dsl(), r.organisationId(), bot, "result.alerted", "result", r.id(), detail, now);
        });
    }

    String headline(StoredResult r, Alert a) {
        String from = a.fromUserId() == null ? "the results inbox"
                : directory.displayName(db.dsl(), a.fromUserId()).orElse("the previous clinician");
        long minutes = Duration.between(r.receivedAt(), a.createdAt()).toMinutes();
        return ResultCards.headline(r, a, from, minutes);
    }
}
