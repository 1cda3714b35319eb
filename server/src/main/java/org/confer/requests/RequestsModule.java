package org.confer.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.bots.CommandRegistry;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.http.Route;
import org.confer.identity.UserDirectory;

/**
 * The requests feature's objects, built in dependency order with plain constructors, so that
 * {@code App} wires the whole feature in three lines (its routes, /request and the buttons, the
 * overdue timer's start and stop).
 */
public final class RequestsModule implements AutoCloseable {
    private final RequestRoutes routes;
    private final OverdueRequests overdue;
    private final ServiceCatalogue catalogue;

    public RequestsModule(Database db, ConversationWriter writer, UserDirectory users, BotPoster bots, CommandRegistry commands,
                          AuditTrail audit, Clock clock, ObjectMapper mapper) {
        RequestStore store = new RequestStore();
        RequestAccess access = new RequestAccess(db, store);
        RequestNotices notices = new RequestNotices(bots, users);
        RequestService requests = new RequestService(db, writer, store, access, notices, audit, clock);
        this.catalogue = new ServiceCatalogue(db, store, access, users, bots, audit, clock);
        this.routes = new RequestRoutes(catalogue, requests,
                new RequestQueries(db, store, access, audit), mapper);
        new RequestCommands(db, store, requests).register(commands);
        this.overdue = new OverdueRequests(writer, store, notices, audit);
    }

    public List<Route> routes() {
        return routes.routes();
    }

    /** Services and their forms (the demo data is made through it). */
    public ServiceCatalogue catalogue() {
        return catalogue;
    }

    /** The overdue timer; tests call {@code runDue()} after moving the clock. */
    public OverdueRequests overdue() {
        return overdue;
    }

    public void start() {
        overdue.start(OverdueRequests.INTERVAL);
    }

    @Override
    public void close() {
        overdue.close();
    }
}
