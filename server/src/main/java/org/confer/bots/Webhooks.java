package org.confer.bots;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.confer.audit.AuditTrail;
import org.confer.chat.ConversationAccess;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.events.ConversationWriter;
import org.confer.http.Route;
import org.confer.identity.Tokens;

/**
 * The webhooks part of the bots feature, built in one place so {@code App} wires it in a few
 * lines: incoming hooks, outgoing hooks with their outbox and worker, the SSRF guard, and the
 * {@link BotDeliveries} that commands and buttons of external bots go through.
 */
public final class Webhooks implements AutoCloseable {
    private final List<Route> routes;
    private final WebhookDeliveries deliveries;
    private final DeliveryOutboxWorker worker;

    public Webhooks(Database db, ConversationAccess access, BotPoster poster, WebhookService.BotAccountMaker accounts,
                    ConversationWriter writer, Bus bus, AuditTrail audit, Tokens tokens, Clock clock, ObjectMapper mapper,
                    Supplier<String> baseUrl, SsrfGuard.Resolver resolver) {
        WebhookStore store = new WebhookStore();
        DeliveryOutboxStore outboxStore = new DeliveryOutboxStore();
        SsrfGuard guard = new SsrfGuard(resolver);
        DeliveryOutbox outbox = new DeliveryOutbox(outboxStore, store, mapper);
        this.deliveries = new WebhookDeliveries(db, store, outboxStore, outbox, clock, baseUrl);
        this.worker = new DeliveryOutboxWorker(db, outboxStore, store, outbox, guard, audit, clock);
        bus.subscribe(worker.wakeOnMessages());
        WebhookService incoming = new WebhookService(db, store, access, poster, accounts, audit, tokens, clock, baseUrl);
        OutgoingWebhookService outgoing = new OutgoingWebhookService(db, store, guard, writer, audit, tokens, clock);
        this.routes = new WebhookRoutes(incoming, outgoing, mapper).routes();
    }

    public List<Route> routes() {
        return routes;
    }

    /** What the bots feature hands external bots' commands and button presses to. */
    public WebhookDeliveries deliveries() {
        return deliveries;
    }

    /** The outbox worker; tests call {@code worker().runOnce()} instead of waiting for its timer. */
    public DeliveryOutboxWorker worker() {
        return worker;
    }

    public void start() {
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
    }
}
