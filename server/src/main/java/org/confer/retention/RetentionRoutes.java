package org.confer.retention;

import static org.confer.http.Route.get;
import static org.confer.http.Route.post;
import static org.confer.http.Route.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** Retention's HTTP (docs/retention.md): policies, runs, legal holds, compliance exports. Thin: parse, call, map. */
final class RetentionRoutes {
    private static final String ORG = "/api/v1/admin/organisations/{organisationId}/retention";

    record PolicyBody(String action, Integer days, Boolean confirm) {}

    record HoldBody(String subjectType, UUID subjectId, String reason) {}

    record Empty() {}

    record Holds(List<LegalHold> items) {}

    private final RetentionService retention;
    private final ComplianceExport export;
    private final ObjectMapper mapper;

    RetentionRoutes(RetentionService retention, ComplianceExport export, ObjectMapper mapper) {
        this.retention = retention;
        this.export = export;
        this.mapper = mapper;
    }

    List<Route> routes() {
        return List.of(
                get(ORG, Access.USER_ADMIN, "An organisation's retention policy, what it reaches now, and its last runs", this::policy),
                put(ORG, Access.USER_ADMIN, "Set (or with action keep, remove) the retention policy; confirm must be true", this::setPolicy),
                get(ORG + "/preview", Access.USER_ADMIN, "Dry run: what a policy of this action and days would reach now", this::preview),
                post(ORG + "/run", Access.USER_ADMIN, "Run the organisation's retention policy now (recorded: retention.run)", this::run),
                get("/api/v1/admin/legal-holds", Access.USER_ADMIN, "Legal holds, active first (organisation admins: their organisation's)",
                        this::holds),
                post("/api/v1/admin/legal-holds", Access.USER_ADMIN, "Place a legal hold on a person or a conversation", this::placeHold),
                post("/api/v1/admin/legal-holds/{holdId}/release", Access.USER_ADMIN, "Release a legal hold (it is kept, as released)",
                        this::releaseHold),
                get("/api/v1/admin/exports/conversations/{conversationId}", Access.USER_ADMIN,
                        "Compliance export of a conversation: a zip of JSON, readable HTML and attachments (recorded)", this::exportConversation),
                get("/api/v1/admin/exports/users/{userId}", Access.USER_ADMIN,
                        "Compliance export of everything a person wrote: a zip of JSON, readable HTML and attachments (recorded)",
                        this::exportPerson));
    }

    private UUID organisation(Context ctx) {
        return Requests.uuidPath(ctx, "organisationId", "Organisation");
    }

    private void policy(Context ctx) {
        ctx.json(retention.policy(SignedIn.principal(ctx), organisation(ctx)));
    }

    private void setPolicy(Context ctx) {
        PolicyBody b = Requests.body(ctx, mapper, PolicyBody.class);
        ctx.json(retention.setPolicy(SignedIn.principal(ctx), organisation(ctx), b.action(), b.days(), b.confirm()));
    }

    private void preview(Context ctx) {
        ctx.json(retention.preview(SignedIn.principal(ctx), organisation(ctx), ctx.queryParam("action"),
                Requests.intQuery(ctx, "days", 0)));
    }

    private void run(Context ctx) {
        Requests.body(ctx, mapper, Empty.class);
        ctx.json(retention.runNow(SignedIn.principal(ctx), organisation(ctx)));
    }

    private void holds(Context ctx) {
        ctx.json(new Holds(retention.holds(SignedIn.principal(ctx), Requests.uuidQuery(ctx, "organisationId"))));
    }

    private void placeHold(Context ctx) {
        HoldBody b = Requests.body(ctx, mapper, HoldBody.class);
        ctx.status(201).json(retention.placeHold(SignedIn.principal(ctx), b.subjectType(), b.subjectId(), b.reason()));
    }

    private void releaseHold(Context ctx) {
        Requests.body(ctx, mapper, Empty.class);
        ctx.json(retention.releaseHold(SignedIn.principal(ctx), Requests.uuidPath(ctx, "holdId", "Legal hold")));
    }

    private void exportConversation(Context ctx) throws IOException {
        send(ctx, export.conversation(SignedIn.principal(ctx), Requests.uuidPath(ctx, "conversationId", "Conversation")));
    }

    private void exportPerson(Context ctx) throws IOException {
        send(ctx, export.person(SignedIn.principal(ctx), Requests.uuidPath(ctx, "userId", "User")));
    }

    private void send(Context ctx, ComplianceExport.Prepared p) throws IOException {
        ctx.status(200);
        ctx.header("Content-Type", "application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"" + p.filename() + "\"");
        ctx.header("Cache-Control", "no-store");
        export.write(p, ctx.res().getOutputStream());
    }
}
