package org.confer.results;

import static org.confer.http.Route.post;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.confer.clinical.FhirResults;
import org.confer.clinical.ResultReport;
import org.confer.http.Access;
import org.confer.http.Route;
import org.confer.identity.BotGrant;
import org.confer.identity.Principal;
import org.confer.identity.SignedIn;

/**
 * FHIR R4 {@code POST /fhir/DiagnosticReport} for a bot token with {@code results:submit}: a
 * conditional create keyed by the report's identifier (or the If-None-Exist header's), so a
 * resend answers 200 with the stored id instead of storing and alerting twice. Errors are FHIR
 * OperationOutcomes ({@code application/fhir+json}), which FHIR clients expect, not problem+json.
 */
public final class FhirRoutes {
    static final String FHIR_JSON = "application/fhir+json";

    private final java.util.function.Supplier<FhirResults> fhirs;
    private final ResultIntake intake;

    /** {@code fhir} may still be loading (HAPI's R4 context takes seconds): the first request waits for it. */
    public FhirRoutes(java.util.function.Supplier<FhirResults> fhir, ResultIntake intake) {
        this.fhirs = fhir;
        this.intake = intake;
    }

    public List<Route> routes() {
        return List.of(post("/fhir/DiagnosticReport", Access.SIGNED_IN,
                "FHIR R4 create of a DiagnosticReport with its Observations (bot token with results:submit)", this::create)
                .withBotScope(BotGrant.RESULTS_SUBMIT));
    }

    private void create(Context ctx) {
        FhirResults fhir = fhirs.get();
        Principal who = SignedIn.principal(ctx);
        if (!who.isBot()) {
            fail(ctx, 403, fhir.outcome("error", "forbidden", "Only a bot token with the scope results:submit may submit results", null));
            return;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!type.equals(FHIR_JSON) && !type.equals("application/json")) {
            fail(ctx, 415, fhir.outcome("error", "not-supported", "Send application/fhir+json", null));
            return;
        }
        FhirResults.Outcome outcome = fhir.parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8), who.organisationId().toString());
        if (outcome instanceof FhirResults.Invalid invalid) {
            // Not FHIR JSON at all is a 400; a DiagnosticReport Confer cannot use is a 422 (FHIR's create rules).
            fail(ctx, invalid.issues().stream().anyMatch(i -> "structure".equals(i.code())) ? 400 : 422, invalid.operationOutcome());
            return;
        }
        ResultReport report = ((FhirResults.Parsed) outcome).report();
        // If-None-Exist: identifier=system|value names the report to look for; when it is stored,
        // the answer is 200 with it and nothing is stored or alerted again.
        String ifNoneExist = ctx.header("If-None-Exist");
        if (ifNoneExist != null) {
            String condition = ifNoneExist.strip();
            if (!condition.startsWith("identifier=") || condition.length() > 420) {
                fail(ctx, 400, fhir.outcome("error", "invalid", "If-None-Exist supports only identifier=<system>|<value>", null));
                return;
            }
            var earlier = intake.existing(who.organisationId(), "fhir", condition.substring("identifier=".length()));
            if (earlier.isPresent()) {
                created(ctx, earlier.get(), 200);
                return;
            }
        }
        ResultIntake.Outcome stored;
        try {
            stored = intake.accept(who.organisationId(), "fhir", List.of(report), Map.of("bot", who.userId().toString())).getFirst();
        } catch (ResultIntake.Refused e) {
            fail(ctx, 422, fhir.outcome("error", "invalid", e.getMessage(), null));
            return;
        }
        created(ctx, stored.resultId(), stored.duplicate() ? 200 : 201);
    }

    private void fail(Context ctx, int status, String operationOutcome) {
        ctx.status(status).contentType(FHIR_JSON).result(operationOutcome);
    }

    private static void created(Context ctx, java.util.UUID id, int status) {
        ctx.header("Location", "/fhir/DiagnosticReport/" + id);
        ctx.status(status).contentType(FHIR_JSON).result("{\"resourceType\":\"DiagnosticReport\",\"id\":\"" + id + "\"}");
    }

}
