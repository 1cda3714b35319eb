package org.confer.retention;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.DirectoryService;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.text.Fields;

/**
 * The admins' side of retention (docs/retention.md): policies, the dry run, runs, legal holds.
 * Organisation admins act on their own organisation, its people, and conversations one of its
 * people is in; platform admins on any. Anything else is not found (404), as for an id of nothing.
 */
final class RetentionService {
    static final int LAST_RUNS = 10;
    static final int MAX_HOLDS = 500;

    /** A policy as the page shows it: none (kept for ever) or the rule, what it would reach now, and the last runs. */
    record PolicyView(UUID organisationId, String action, Integer days, UUID setBy, OffsetDateTime setAt,
                      RetentionStore.Preview due, List<RetentionRun> lastRuns) {}

    private final Database db;
    private final RetentionStore store;
    private final RetentionJob job;
    private final DirectoryService directory;
    private final AuditTrail audit;
    private final Clock clock;

    RetentionService(Database db, RetentionStore store, RetentionJob job, DirectoryService directory, AuditTrail audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.job = job;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    PolicyView policy(Principal who, UUID organisationId) {
        requireOrganisation(who, organisationId);
        var p = store.policy(db.dsl(), organisationId).orElse(null);
        RetentionStore.Preview due = p == null ? null : store.preview(db.dsl(), organisationId, p.cutoff(now()), p.action());
        return new PolicyView(organisationId, p == null ? "keep" : p.action().code(), p == null ? null : p.days(),
                p == null ? null : p.setBy(), p == null ? null : p.setAt(), due, store.runs(db.dsl(), organisationId, LAST_RUNS));
    }

    /** What a policy of {@code days} would reach now: the confirmation's numbers. */
    RetentionStore.Preview preview(Principal who, UUID organisationId, String action, int days) {
        requireOrganisation(who, organisationId);
        RetentionPolicy.Action a = action(action);
        if (a == null) {
            throw ApiException.invalid("action", "'action' must be delete or anonymise for a preview");
        }
        return store.preview(db.dsl(), organisationId, now().minusDays(days(days)), a);
    }

    /**
     * Sets (or with action {@code keep}, removes) the policy. {@code confirm} must be true: a
     * policy deletes on the next run, so the page shows the dry run's numbers and the admin
     * confirms them (docs/clinical-safety/hazard-log.md, H-036).
     */
    PolicyView setPolicy(Principal who, UUID organisationId, String action, Integer days, Boolean confirm) {
        requireOrganisation(who, organisationId);
        RetentionPolicy.Action a = action(action);
        if (a != null && days == null) {
            throw ApiException.invalid("days", "'days' is required");
        }
        if (a != null && !Boolean.TRUE.equals(confirm)) {
            RetentionStore.Preview would = store.preview(db.dsl(), organisationId, now().minusDays(days(days)), a);
            throw new ApiException(ProblemType.VALIDATION, "Confirm the policy: the next run will " + a.code() + " "
                    + would.messages() + " messages and " + (a == RetentionPolicy.Action.DELETE ? would.files() + " files" : "keep their files"),
                    Map.of("field", "confirm", "messages", would.messages(), "files", would.files(), "held", would.held()));
        }
        OffsetDateTime now = now();
        db.dsl().transaction(cfg -> {
            var before = store.policy(cfg.dsl(), organisationId);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("action", a == null ? "keep" : a.code());
            if (a != null) {
                detail.put("days", days(days));
                store.savePolicy(cfg.dsl(), new RetentionPolicy(organisationId, a, days(days), who.userId(), now));
            } else {
                store.removePolicy(cfg.dsl(), organisationId);
            }
            before.ifPresent(b -> detail.put("previous", b.action().code() + " after " + b.days() + " days"));
            audit.record(cfg.dsl(), organisationId, who.userId(), "retention.policy_set", "organisation", organisationId, detail, now);
        });
        return policy(who, organisationId);
    }

    /** Runs the organisation's policy now; 409 while another run (this node's schedule, or another node) holds the lease. */
    RetentionRun runNow(Principal who, UUID organisationId) {
        requireOrganisation(who, organisationId);
        if (store.policy(db.dsl(), organisationId).isEmpty()) {
            throw new ApiException(ProblemType.CONFLICT, "This organisation has no retention policy: everything is kept");
        }
        RetentionJob.Outcome o = job.run(organisationId, who.userId());
        if (!o.ran() || o.runs().isEmpty()) {
            throw new ApiException(ProblemType.CONFLICT, "A retention run is in progress; try again in a few minutes");
        }
        return o.runs().getFirst();
    }

    // ---- legal holds

    List<LegalHold> holds(Principal who, UUID organisationId) {
        if (organisationId != null && !who.administers(organisationId)) {
            // A whole other organisation asked for by name: 403, as the other admin lists answer (docs/administration.md).
            throw ApiException.forbidden("Organisation admins see their own organisation's holds");
        } else if (organisationId != null) {
            requireOrganisation(who, organisationId);
        } else if (!who.isPlatformAdmin()) {
            organisationId = who.organisationId();
        }
        return store.holds(db.dsl(), organisationId, MAX_HOLDS);
    }

    LegalHold placeHold(Principal who, String subjectType, UUID subjectId, String reason) {
        String why = Fields.required("reason", reason, 500);
        if (subjectId == null) {
            throw ApiException.invalid("subjectId", "'subjectId' is required");
        }
        UUID organisationId = switch (subjectType == null ? "" : subjectType) {
            case LegalHold.USER -> person(who, subjectId).organisationId();
            case LegalHold.CONVERSATION -> {
                requireConversation(who, subjectId);
                yield who.organisationId();
            }
            default -> throw ApiException.invalid("subjectType", "'subjectType' must be user or conversation");
        };
        LegalHold h = new LegalHold(UUID.randomUUID(), organisationId, subjectType, subjectId, why, who.userId(), now(), null, null);
        db.dsl().transaction(cfg -> {
            store.insertHold(cfg.dsl(), h);
            audit.record(cfg.dsl(), organisationId, who.userId(), "retention.hold_placed", subjectType, subjectId,
                    Map.of("holdId", h.id().toString(), "reason", why), h.placedAt());
        });
        return h;
    }

    LegalHold releaseHold(Principal who, UUID holdId) {
        requireAdmin(who);
        LegalHold h = store.hold(db.dsl(), holdId).filter(x -> who.administers(x.organisationId()))
                .orElseThrow(() -> ApiException.notFound("Legal hold"));
        OffsetDateTime now = now();
        boolean released = db.dsl().transactionResult(cfg -> {
            if (!store.release(cfg.dsl(), holdId, who.userId(), now)) {
                return false;
            }
            audit.record(cfg.dsl(), h.organisationId(), who.userId(), "retention.hold_released", h.subjectType(), h.subjectId(),
                    Map.of("holdId", holdId.toString()), now);
            return true;
        });
        if (!released) {
            throw new ApiException(ProblemType.CONFLICT, "This hold was already released");
        }
        return store.hold(db.dsl(), holdId).orElseThrow();
    }

    // ---- who may act on what (also used by the export)

    User person(Principal who, UUID userId) {
        return directory.user(who, userId);
    }

    void requireConversation(Principal who, UUID conversationId) {
        requireAdmin(who);
        if (!store.conversationConcerns(db.dsl(), conversationId, who.isPlatformAdmin() ? null : who.organisationId())) {
            throw ApiException.notFound("Conversation");
        }
    }

    private void requireOrganisation(Principal who, UUID organisationId) {
        requireAdmin(who);
        if (!who.administers(organisationId) || directory.organisation(organisationId).isEmpty()) {
            throw ApiException.notFound("Organisation");
        }
    }

    private static void requireAdmin(Principal who) {
        if (!who.administers(who.organisationId())) {
            throw ApiException.forbidden("Only admins manage retention");
        }
    }

    private static RetentionPolicy.Action action(String action) {
        if ("keep".equals(action)) {
            return null;
        }
        try {
            return RetentionPolicy.Action.of(action);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("action", "'action' must be keep, delete or anonymise");
        }
    }

    private static int days(Integer days) {
        if (days == null || days < RetentionPolicy.MIN_DAYS || days > RetentionPolicy.MAX_DAYS) {
            throw ApiException.invalid("days", "'days' must be from " + RetentionPolicy.MIN_DAYS + " to " + RetentionPolicy.MAX_DAYS
                    + " (a shorter period could delete messages still needed for care)");
        }
        return days;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
