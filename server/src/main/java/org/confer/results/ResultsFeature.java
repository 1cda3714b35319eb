package org.confer.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.bots.CommandRegistry;
import org.confer.chat.AcknowledgementService;
import org.confer.chat.ConversationAccess;
import org.confer.clinical.FhirResults;
import org.confer.clinical.Hl7Results;
import org.confer.db.Database;
import org.confer.http.Route;

/**
 * The results feature, built in dependency order (App calls this once): stores, intake, alerts,
 * acknowledgements, escalations, the MLLP listener, the routes and the /results command. It owns
 * the lifecycle of its timer and its listener.
 */
public final class ResultsFeature implements AutoCloseable {
    private final ResultEscalations escalations;
    private final MllpListener mllp;
    private final List<Route> routes;
    private final AlertPoster poster;
    private final ResultAdmin admin;
    private final java.util.concurrent.FutureTask<FhirResults> fhir;

    public ResultsFeature(Database db, BotPoster bots, CommandRegistry commands, AcknowledgementService urgent,
                          ConversationAccess conversations, AuditTrail audit, MllpSettings mllpSettings, ObjectMapper mapper,
                          Clock clock, MeterRegistry registry) {
        ResultStore results = new ResultStore();
        ResultDirectoryStore directory = new ResultDirectoryStore();
        this.poster = new AlertPoster(db, results, directory, bots, audit, clock);
        ResultIntake intake = new ResultIntake(db, results, directory, poster, audit, clock, registry);
        ResultAcknowledgements acknowledgements = new ResultAcknowledgements(db, results, directory, bots, urgent, audit, poster, clock);
        this.escalations = new ResultEscalations(db, results, directory, poster, acknowledgements, urgent, bots, audit, clock);
        ResultService service = new ResultService(db, results, new ResultAccess(db, results, directory, conversations), acknowledgements,
                audit, clock);
        this.admin = new ResultAdmin(db, directory, conversations, bots, audit, clock);
        new ResultCommands(admin, service).register(commands);
        this.mllp = new MllpListener(mllpSettings, new Hl7Results(clock), intake, db, directory, registry);
        List<Route> all = new ArrayList<>(new ResultRoutes(service, admin, mapper).routes());
        // HAPI's FHIR R4 context takes seconds to build: off the start-up path, awaited by the first FHIR request.
        this.fhir = new java.util.concurrent.FutureTask<>(FhirResults::new);
        all.addAll(new FhirRoutes(this::fhir, intake).routes());
        this.routes = List.copyOf(all);
    }

    public List<Route> routes() {
        return routes;
    }

    /** Posts alerts a crash left pending, starts the escalation timer and the listener. */
    public void start(Duration tick) {
        Thread.ofVirtual().name("fhir-context").start(fhir);
        poster.sweep();
        escalations.start(tick);
        mllp.start();
    }

    private FhirResults fhir() {
        try {
            return fhir.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the FHIR context loads", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the FHIR context could not be built", e.getCause());
        }
    }

    /** The escalation timer; tests call {@code tick()} after moving the clock. */
    public ResultEscalations escalations() {
        return escalations;
    }

    /** Feeds, identifiers, on-call roles and settings (the demo data is made through it). */
    public ResultAdmin admin() {
        return admin;
    }

    /** The MLLP listener; tests read its bound port. */
    public MllpListener mllp() {
        return mllp;
    }

    @Override
    public void close() {
        mllp.close();
        escalations.close();
    }
}
