package org.confer.auditlog;

import static org.confer.http.Route.get;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.confer.audit.AuditSearch;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** HTTP routes of the audit log (docs/audit.md). Thin: parse, call AuditLogService, map. */
final class AuditRoutes {
    private final AuditLogService log;

    AuditRoutes(AuditLogService log) {
        this.log = log;
    }

    List<Route> routes() {
        return List.of(
                get("/api/v1/admin/audit", Access.USER_ADMIN,
                        "Audit records, newest first, filtered (organisation admins: their organisation's)", this::list),
                get("/api/v1/admin/audit/export", Access.USER_ADMIN,
                        "The same records as CSV, streamed; the export itself is recorded (audit.exported)", this::export),
                get("/api/v1/admin/audit/verify", Access.PLATFORM_ADMIN,
                        "Verify the audit hash chain: ok, or the first broken link", this::verify));
    }

    private void list(Context ctx) {
        ctx.json(log.page(SignedIn.principal(ctx), filter(ctx, cursor(ctx)), Requests.intQuery(ctx, "limit", AuditLogService.DEFAULT_PAGE)));
    }

    private void export(Context ctx) throws IOException {
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("csv")) {
            throw ApiException.invalid("format", "'format' must be csv");
        }
        AuditSearch.Filter f = filter(ctx, null);
        ctx.status(200);
        ctx.header("Content-Type", "text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"confer-audit.csv\"");
        ctx.header("Cache-Control", "no-store");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8))) {
            log.exportCsv(SignedIn.principal(ctx), f, out);
        }
    }

    private void verify(Context ctx) {
        ctx.json(log.verify(SignedIn.principal(ctx)));
    }

    private AuditSearch.Filter filter(Context ctx, Long before) {
        return log.scoped(SignedIn.principal(ctx), Requests.uuidQuery(ctx, "organisationId"), Requests.uuidQuery(ctx, "actorId"),
                text(ctx, "action", 64), text(ctx, "subjectType", 32), Requests.uuidQuery(ctx, "subjectId"), time(ctx, "from"),
                time(ctx, "to"), before);
    }

    private static Long cursor(Context ctx) {
        String v = ctx.queryParam("cursor");
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("cursor", "'cursor' is not one this server gave");
        }
    }

    private static String text(Context ctx, String name, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > max) {
            throw ApiException.invalid(name, "'" + name + "' is at most " + max + " characters");
        }
        return v.strip();
    }

    private static OffsetDateTime time(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "'" + name + "' must be a time such as 2026-12-07T09:00:00Z");
        }
    }
}
