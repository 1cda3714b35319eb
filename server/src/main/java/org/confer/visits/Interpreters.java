package org.confer.visits;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.mail.Mailer;
import org.confer.text.Fields;

/**
 * An interpreter for a visit (docs/virtual-visits.md, "Joining"): a second join link with the role
 * interpreter, emailed to them by the ward; they wait in the lobby like the visitor. One per visit.
 */
final class Interpreters {
    /** What the ward gives: who interprets, and where to send their link. */
    record NewInterpreter(String name, String email) {}

    private final Database db;
    private final VisitStore store;
    private final GuestStore guests;
    private final VisitAccess access;
    private final Mailer mailer;
    private final VisitMail mail;
    private final AuditTrail audit;
    private final Clock clock;

    Interpreters(Database db, VisitStore store, GuestStore guests, VisitAccess access, Mailer mailer, VisitMail mail, AuditTrail audit,
                 Clock clock) {
        this.db = db;
        this.store = store;
        this.guests = guests;
        this.access = access;
        this.mailer = mailer;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    void add(Principal who, UUID visitId, NewInterpreter body) {
        String name = Fields.required("name", body == null ? null : body.name(), GuestSessions.MAX_NAME);
        String email = Fields.email("email", body.email());
        Visit v = access.visit(who, visitId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (v.status() != VisitStatus.BOOKED || now.isAfter(GuestSessions.closes(v))) {
            throw new ApiException(ProblemType.VISIT_STATE, "Only a booked visit that has not ended can have an interpreter",
                    Map.of("visitStatus", v.status().code()));
        }
        VisitCalendar c = store.calendar(db.dsl(), v.calendarId()).orElseThrow();
        String token = VisitTokens.newToken();
        db.dsl().transaction(cfg -> {
            var tx = cfg.dsl();
            store.visitForUpdate(tx, v.id()); // one interpreter link per visit, however many staff click at once
            if (guests.hasInterpreterLink(tx, v.id())) {
                throw new ApiException(ProblemType.CONFLICT, "This visit has an interpreter's link already", Map.of("field", "email"));
            }
            store.insertLink(tx, Bookings.hash(token), v.id(), "join", "interpreter", now);
            mailer.send(tx, mail.interpreter(v, c, name, email, token), now);
            audit.record(tx, v.organisationId(), who.userId(), "visit.interpreter-added", "visit", v.id(),
                    Map.of("reference", v.reference(), "interpreter", name), now);
        });
    }
}
