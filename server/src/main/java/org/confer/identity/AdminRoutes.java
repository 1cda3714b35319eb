package org.confer.identity;

import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.Views.OrganisationView;
import org.confer.identity.Views.UserView;

/** The admin pages' operations on people and organisations beyond IdentityRoutes' (docs/administration.md); thin. */
public final class AdminRoutes {

    record CsvImportRequest(String csv, Boolean dryRun, UUID organisationId) {}

    record CsvImportView(boolean dryRun, int rows, List<PeopleImport.RowError> errors, List<UserView> created) {}

    record RenameRequest(String name) {}

    record SignedOutView(int sessionsEnded) {}

    record LinkView(String link, OffsetDateTime expiresAt, boolean mailed) {}

    record ResetRequest(String token, String newPassword) {}

    private final PeopleImport imports;
    private final UserAdministration admin;
    private final ObjectMapper mapper;

    public AdminRoutes(PeopleImport imports, UserAdministration admin, ObjectMapper mapper) {
        this.imports = imports;
        this.admin = admin;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/admin/users/import/csv", Access.USER_ADMIN, "Check (dryRun) or import people from a CSV file, all or nothing", this::importCsv),
                post("/api/v1/admin/users/{userId}/sign-out-everywhere", Access.USER_ADMIN, "End every session of a person", this::signOutEverywhere),
                post("/api/v1/admin/users/{userId}/password-link", Access.USER_ADMIN, "Issue a one-time link to set a new password (mailed, and shown once)", this::passwordLink),
                patch("/api/v1/admin/organisations/{organisationId}", Access.USER_ADMIN, "Rename an organisation", this::renameOrganisation),
                post("/api/v1/password-reset", Access.PUBLIC, "Set a new password with a one-time link's token", this::resetPassword));
    }

    private void importCsv(Context ctx) {
        CsvImportRequest req = Requests.body(ctx, mapper, CsvImportRequest.class);
        boolean dryRun = req.dryRun() == null || req.dryRun();
        PeopleImport.Report r = imports.importCsv(SignedIn.principal(ctx), req.organisationId(), req.csv(), dryRun);
        ctx.status(dryRun ? 200 : 201).json(new CsvImportView(r.dryRun(), r.rows(), r.errors(), r.created().stream().map(UserView::of).toList()));
    }

    private void signOutEverywhere(Context ctx) {
        UUID id = Requests.uuidPath(ctx, "userId", "User");
        ctx.json(new SignedOutView(admin.signOutEverywhere(SignedIn.principal(ctx), id)));
    }

    private void passwordLink(Context ctx) {
        UUID id = Requests.uuidPath(ctx, "userId", "User");
        UserAdministration.IssuedLink l = admin.issuePasswordLink(SignedIn.principal(ctx), id);
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(new LinkView(l.link(), l.expiresAt(), l.mailed()));
    }

    private void renameOrganisation(Context ctx) {
        UUID id = Requests.uuidPath(ctx, "organisationId", "Organisation");
        RenameRequest req = Requests.body(ctx, mapper, RenameRequest.class);
        ctx.json(OrganisationView.of(admin.renameOrganisation(SignedIn.principal(ctx), id, req.name())));
    }

    private void resetPassword(Context ctx) {
        ResetRequest req = Requests.body(ctx, mapper, ResetRequest.class);
        if (req.newPassword() == null) {
            throw ApiException.invalid("newPassword", "'newPassword' is required");
        }
        admin.resetPassword(req.token(), req.newPassword(), Requests.clientAddress(ctx));
        ctx.status(204);
    }
}
