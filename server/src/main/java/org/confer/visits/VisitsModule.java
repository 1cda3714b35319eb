package org.confer.visits;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.db.Database;
import org.confer.http.Route;
import org.confer.identity.UserDirectory;
import org.confer.mail.Mailer;

/**
 * The virtual visits feature's objects, built in dependency order with plain constructors, so
 * that {@code App} wires the whole feature in a few lines (its routes, the reminders tick's
 * start and stop).
 */
public final class VisitsModule implements AutoCloseable {
    private final List<Route> routes = new ArrayList<>();
    private final VisitCalendars calendars;

    public VisitsModule(Database db, UserDirectory users, BotPoster bots, Mailer mailer, AuditTrail audit, Clock clock,
                        ObjectMapper mapper, Supplier<String> baseUrl, VisitSettings settings) {
        VisitStore store = new VisitStore();
        VisitAccess access = new VisitAccess(db, store);
        this.calendars = new VisitCalendars(db, store, access, users, bots, audit, clock, baseUrl);
        routes.addAll(new VisitRoutes(calendars, mapper).routes());
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Calendars (the demo data is made through it). */
    public VisitCalendars calendars() {
        return calendars;
    }

    public void start() {
    }

    @Override
    public void close() {
    }
}
