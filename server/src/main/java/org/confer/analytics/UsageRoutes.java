package org.confer.analytics;

import static org.confer.http.Route.get;

import io.javalin.http.Context;
import java.util.List;
import org.confer.http.Access;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** GET /api/v1/admin/usage and its CSV twin (docs/analytics.md). */
final class UsageRoutes {
    private final UsageReports reports;

    UsageRoutes(UsageReports reports) {
        this.reports = reports;
    }

    List<Route> routes() {
        return List.of(
                get("/api/v1/admin/usage", Access.USER_ADMIN,
                        "Usage figures per day, week or month: series, totals, headline and growth", this::report),
                get("/api/v1/admin/usage.csv", Access.USER_ADMIN,
                        "The usage figures as CSV (the export is recorded in the audit trail)", this::csv));
    }

    private UsageReports.Query query(Context ctx) {
        return reports.query(SignedIn.principal(ctx), ctx.queryParam("organisation"), ctx.queryParam("granularity"),
                ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("since"));
    }

    private void report(Context ctx) {
        ctx.json(reports.report(SignedIn.principal(ctx), query(ctx)));
    }

    private void csv(Context ctx) {
        UsageReports.Query q = query(ctx);
        String body = reports.export(SignedIn.principal(ctx), q);
        ctx.header("Content-Disposition", "attachment; filename=\"usage-" + q.from() + "-" + q.to() + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(body);
    }
}
