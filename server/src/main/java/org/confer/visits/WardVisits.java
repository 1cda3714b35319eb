package org.confer.visits;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.mail.Mailer;
import org.confer.text.Fields;
import org.confer.visits.VisitViews.StaffVisit;

/**
 * The ward view's side: a calendar's visits by day, and what the team does with one — attended
 * or no-show (from booked, once it has started), cancel with a reason, email the visitor. Only
 * the calendar's team (and organisation admins) see visits; everyone else gets 404.
 */
public final class WardVisits {
    static final int MAX_DAYS = 14;
    static final int MAX_REASON = 500;
    static final int MAX_EMAIL_TEXT = 2000;

    /** POST /api/v1/visits/{id}/outcome. */
    public record Outcome(String status) {}

    /** POST /api/v1/visits/{id}/cancel. */
    public record Cancellation(String reason) {}

    /** POST /api/v1/visits/{id}/email. */
    public record Message(String text) {}

    private final Database db;
    private final VisitStore store;
    private final VisitAccess access;
    private final VisitChanges changes;
    private final Mailer mailer;
    private final VisitMail mail;
    private final AuditTrail audit;
    private final Clock clock;
    private final VisitCalls calls;

    WardVisits(Database db, VisitStore store, VisitAccess access, VisitChanges changes, Mailer mailer, VisitMail mail,
               AuditTrail audit, Clock clock, VisitCalls calls) {
        this.calls = calls;
        this.db = db;
        this.store = store;
        this.access = access;
        this.changes = changes;
        this.mailer = mailer;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    public List<StaffVisit> visits(Principal who, UUID calendarId, String from, int days) {
        VisitCalendar c = access.calendar(who, calendarId);
        if (days < 1 || days > MAX_DAYS) {
            throw ApiException.invalid("days", "'days' must be from 1 to " + MAX_DAYS);
        }
        LocalDate first = from == null || from.isBlank() ? LocalDate.now(clock.withZone(c.zone())) : Bookings.date("from", from);
        return store.visitsBetween(db.dsl(), c.id(), first.atStartOfDay(c.zone()).toOffsetDateTime(),
                first.plusDays(days).atStartOfDay(c.zone()).toOffsetDateTime()).stream().map(this::withCall).toList();
    }

    /** A visit in its window carries its call (who waits, how many are in); others have none to look up. */
    private StaffVisit withCall(Visit v) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean open = v.status() != VisitStatus.CANCELLED && !now.isBefore(GuestSessions.opens(v)) && !now.isAfter(GuestSessions.closes(v));
        return open ? StaffVisit.of(v, calls.state(v)) : StaffVisit.of(v);
    }

    public StaffVisit outcome(Principal who, UUID visitId, Outcome o) {
        VisitStatus to = o == null || o.status() == null ? null : switch (o.status()) {
            case "attended" -> VisitStatus.ATTENDED;
            case "no-show" -> VisitStatus.NO_SHOW;
            default -> null;
        };
        if (to == null) {
            throw ApiException.invalid("status", "'status' must be attended or no-show");
        }
        access.visit(who, visitId);
        Visit after = db.dsl().transactionResult(cfg -> {
            var tx = cfg.dsl();
            Visit v = store.visitForUpdate(tx, visitId).orElseThrow(() -> ApiException.notFound("Visit"));
            OffsetDateTime now = now();
            if (v.status() != VisitStatus.BOOKED) {
                throw new ApiException(ProblemType.VISIT_STATE, "Visit " + v.reference() + " is already " + v.status().code(),
                        Map.of("visitStatus", v.status().code()));
            }
            if (now.isBefore(v.start())) {
                throw new ApiException(ProblemType.VISIT_STATE, "Visit " + v.reference() + " has not started yet",
                        Map.of("visitStatus", v.status().code()));
            }
            store.setOutcome(tx, v.id(), to, now, who.userId());
            audit.record(tx, v.organisationId(), who.userId(), "visit." + to.code(), "visit", v.id(),
                    Map.of("reference", v.reference()), now);
            return store.visit(tx, v.id()).orElseThrow();
        });
        return StaffVisit.of(after);
    }

    public StaffVisit cancel(Principal who, UUID visitId, Cancellation body) {
        String reason = Fields.multiline("reason", body == null ? null : body.reason(), MAX_REASON);
        if (reason == null) {
            throw ApiException.invalid("reason", "Say why the visit is cancelled ('reason'): the visitor is told");
        }
        access.visit(who, visitId);
        return StaffVisit.of(changes.cancel(visitId, who.userId(), reason));
    }

    public void email(Principal who, UUID visitId, Message body) {
        String text = Fields.multiline("text", body == null ? null : body.text(), MAX_EMAIL_TEXT);
        if (text == null) {
            throw ApiException.invalid("text", "'text' is required");
        }
        Visit v = access.visit(who, visitId);
        VisitCalendar c = store.calendar(db.dsl(), v.calendarId()).orElseThrow();
        db.dsl().transaction(cfg -> {
            OffsetDateTime now = now();
            mailer.send(cfg.dsl(), mail.fromWard(v, c, text), now);
            audit.record(cfg.dsl(), v.organisationId(), who.userId(), "visit.emailed", "visit", v.id(),
                    Map.of("reference", v.reference(), "characters", text.length()), now);
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
