package org.confer.identity;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.Views.LoginView;
import org.confer.identity.Views.MeView;
import org.confer.identity.Views.OrganisationView;
import org.confer.identity.Views.PageView;
import org.confer.identity.Views.SessionView;
import org.confer.identity.Views.UserView;

/** HTTP routes for sign-in, the caller's own account and sessions, set-up, and administration. */
public final class IdentityRoutes {

    record LoginRequest(String email, String password) {}

    record ChangePasswordRequest(String currentPassword, String newPassword) {}

    record SetupRequest(String token, String organisationCode, String organisationName, String email,
                        String displayName, String jobTitle, String password) {}

    record NewOrganisationRequest(String code, String name) {}

    record NewUserRequest(UUID organisationId, String email, String displayName, String jobTitle, String department,
                          String role, String password) {}

    record UpdateUserRequest(String displayName, String jobTitle, String department, String role, String status) {}

    private final AuthService auth;
    private final SessionService sessions;
    private final DirectoryService directory;
    private final SetupService setup;
    private final Authenticator authenticator;
    private final DeviceCookies devices;
    private final ObjectMapper mapper;

    public IdentityRoutes(AuthService auth, SessionService sessions, DirectoryService directory, SetupService setup,
                          Authenticator authenticator, DeviceCookies devices, ObjectMapper mapper) {
        this.auth = auth;
        this.sessions = sessions;
        this.directory = directory;
        this.setup = setup;
        this.authenticator = authenticator;
        this.devices = devices;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/auth/login", Access.PUBLIC, "Sign in with email and password", this::login),
                post("/api/v1/auth/logout", Access.SIGNED_IN, "End the current session", this::logout),
                post("/api/v1/setup", Access.PUBLIC, "Create the first platform admin with the one-time setup token", this::completeSetup),
                get("/api/v1/setup", Access.PUBLIC, "Whether first-start set-up is still needed", this::setupStatus),
                get("/api/v1/me", Access.SIGNED_IN, "The signed-in user", this::me),
                post("/api/v1/me/password", Access.SIGNED_IN, "Change own password (ends other sessions)", this::changePassword),
                get("/api/v1/me/sessions", Access.SIGNED_IN, "List own live sessions", this::listSessions),
                delete("/api/v1/me/sessions", Access.SIGNED_IN, "Revoke all own sessions, this one included", this::revokeAllSessions),
                delete("/api/v1/me/sessions/{sessionId}", Access.SIGNED_IN, "Revoke one own session", this::revokeSession),
                get("/api/v1/directory", Access.SIGNED_IN, "Search people by name, email, job title or department", this::searchDirectory),
                get("/api/v1/directory/users", Access.SIGNED_IN, "Profiles of up to 200 people by id", this::profiles),
                get("/api/v1/admin/organisations", Access.PLATFORM_ADMIN, "List organisations", this::listOrganisations),
                post("/api/v1/admin/organisations", Access.PLATFORM_ADMIN, "Create an organisation", this::createOrganisation),
                get("/api/v1/admin/users", Access.USER_ADMIN, "List users (own organisation for organisation admins)", this::listUsers),
                post("/api/v1/admin/users", Access.USER_ADMIN, "Create a user", this::createUser),
                post("/api/v1/admin/users/import", Access.USER_ADMIN, "Create up to 200 users without passwords in one transaction", this::importUsers),
                get("/api/v1/admin/users/{userId}", Access.USER_ADMIN, "Get one user", this::getUser),
                patch("/api/v1/admin/users/{userId}", Access.USER_ADMIN, "Change a user's details, role or status", this::updateUser));
    }

    private void login(Context ctx) {
        LoginRequest req = Requests.body(ctx, mapper, LoginRequest.class);
        if (req.email() == null || req.email().isBlank() || req.email().length() > 320) {
            throw ApiException.invalid("email", "'email' is required");
        }
        if (req.password() == null || req.password().isEmpty() || req.password().length() > 1024) {
            throw ApiException.invalid("password", "'password' is required");
        }
        AuthService.SignedIn in = auth.login(req.email(), req.password(), ctx.userAgent(), Requests.clientAddress(ctx),
                ctx.cookie(DeviceCookies.NAME));
        authenticator.setSessionCookies(ctx, in.token(), sessions.maxAge());
        devices.set(ctx, in.deviceCookie());
        MeView me = MeView.of(in.user(), directory.organisation(in.user().organisationId()).orElse(null));
        ctx.json(new LoginView(in.token(), Authenticator.csrfTokenFor(in.token()), in.session().expiresAt(), me));
    }

    private void logout(Context ctx) {
        Principal p = SignedIn.principal(ctx);
        sessions.revoke(p.userId(), p.sessionId());
        authenticator.clearSessionCookies(ctx);
        ctx.status(204);
    }

    private void setupStatus(Context ctx) {
        ctx.json(java.util.Map.of("needed", setup.needed()));
    }

    private void completeSetup(Context ctx) {
        // Before the body is even parsed: once set-up is done this route costs nothing.
        setup.requireNeeded();
        SetupRequest req = Requests.body(ctx, mapper, SetupRequest.class);
        User admin = setup.complete(req.token(), new SetupService.FirstAdmin(req.organisationCode(), req.organisationName(),
                req.email(), req.displayName(), req.jobTitle(), req.password()), Requests.clientAddress(ctx));
        ctx.status(201).json(UserView.of(admin));
    }

    private void me(Context ctx) {
        User u = directory.self(SignedIn.principal(ctx));
        ctx.json(MeView.of(u, directory.organisation(u.organisationId()).orElse(null)));
    }

    private void changePassword(Context ctx) {
        ChangePasswordRequest req = Requests.body(ctx, mapper, ChangePasswordRequest.class);
        if (req.currentPassword() == null) {
            throw ApiException.invalid("currentPassword", "'currentPassword' is required");
        }
        if (req.newPassword() == null) {
            throw ApiException.invalid("newPassword", "'newPassword' is required");
        }
        auth.changePassword(SignedIn.principal(ctx), req.currentPassword(), req.newPassword(), Requests.clientAddress(ctx));
        ctx.status(204);
    }

    private void listSessions(Context ctx) {
        Principal p = SignedIn.principal(ctx);
        ctx.json(new PageView<>(sessions.list(p.userId()).stream().map(s -> SessionView.of(s, p.sessionId())).toList(), null));
    }

    private void revokeAllSessions(Context ctx) {
        Principal p = SignedIn.principal(ctx);
        sessions.revokeAll(p.userId(), null);
        authenticator.clearSessionCookies(ctx);
        ctx.status(204);
    }

    private void revokeSession(Context ctx) {
        Principal p = SignedIn.principal(ctx);
        UUID id = Requests.uuidPath(ctx, "sessionId", "Session");
        sessions.revoke(p.userId(), id);
        if (id.equals(p.sessionId())) {
            authenticator.clearSessionCookies(ctx);
        }
        ctx.status(204);
    }

    private void searchDirectory(Context ctx) {
        ctx.json(new PageView<>(directory.search(SignedIn.principal(ctx), ctx.queryParam("q"), Requests.intQuery(ctx, "limit", 20))
                .stream().map(Views.ProfileView::of).toList(), null));
    }

    private void profiles(Context ctx) {
        String raw = ctx.queryParam("ids");
        List<UUID> ids = new java.util.ArrayList<>();
        if (raw != null && !raw.isBlank()) {
            for (String part : raw.split(",")) {
                try {
                    ids.add(UUID.fromString(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("ids", "'ids' must be comma-separated user ids");
                }
            }
        }
        ctx.json(new PageView<>(directory.profiles(SignedIn.principal(ctx), ids).stream().map(Views.ProfileView::of).toList(), null));
    }

    private void listOrganisations(Context ctx) {
        Page<Organisation> page = directory.listOrganisations(SignedIn.principal(ctx), ctx.queryParam("cursor"),
                Requests.intQuery(ctx, "limit", 50));
        ctx.json(new PageView<>(page.items().stream().map(OrganisationView::of).toList(), page.nextCursor()));
    }

    private void createOrganisation(Context ctx) {
        NewOrganisationRequest req = Requests.body(ctx, mapper, NewOrganisationRequest.class);
        ctx.status(201).json(OrganisationView.of(directory.createOrganisation(SignedIn.principal(ctx), req.code(), req.name())));
    }

    private void listUsers(Context ctx) {
        Page<User> page = directory.listUsers(SignedIn.principal(ctx), Requests.uuidQuery(ctx, "organisationId"),
                ctx.queryParam("q"), ctx.queryParam("cursor"), Requests.intQuery(ctx, "limit", 50));
        ctx.json(new PageView<>(page.items().stream().map(UserView::of).toList(), page.nextCursor()));
    }

    private void createUser(Context ctx) {
        NewUserRequest req = Requests.body(ctx, mapper, NewUserRequest.class);
        User u = directory.createUser(SignedIn.principal(ctx), new DirectoryService.NewUser(req.organisationId(), req.email(),
                req.displayName(), req.jobTitle(), req.department(), role(req.role()), req.password()));
        ctx.status(201).json(UserView.of(u));
    }

    private void importUsers(Context ctx) {
        NewUserRequest[] rows = Requests.body(ctx, mapper, NewUserRequest[].class);
        List<DirectoryService.NewUser> batch = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            NewUserRequest r = rows[i];
            int row = i;
            batch.add(r == null ? null : new DirectoryService.NewUser(r.organisationId(), r.email(), r.displayName(), r.jobTitle(),
                    r.department(), roleInRow(r.role(), row), r.password()));
        }
        List<User> created = directory.importUsers(SignedIn.principal(ctx), batch);
        ctx.status(201).json(new PageView<>(created.stream().map(UserView::of).toList(), null));
    }

    private static Role roleInRow(String code, int row) {
        try {
            return role(code);
        } catch (ApiException e) {
            throw new ApiException(e.type(), "Row " + row + ": " + e.getMessage(), java.util.Map.of("field", "role", "row", row));
        }
    }

    private void getUser(Context ctx) {
        ctx.json(UserView.of(directory.user(SignedIn.principal(ctx), Requests.uuidPath(ctx, "userId", "User"))));
    }

    private void updateUser(Context ctx) {
        UUID id = Requests.uuidPath(ctx, "userId", "User");
        UpdateUserRequest req = Requests.body(ctx, mapper, UpdateUserRequest.class);
        UserStatus status = null;
        if (req.status() != null) {
            try {
                status = UserStatus.fromCode(req.status());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("status", "'status' must be one of active, disabled");
            }
        }
        User u = directory.updateUser(SignedIn.principal(ctx), id,
                new DirectoryService.UserChanges(req.displayName(), req.jobTitle(), req.department(), role(req.role()), status));
        ctx.json(UserView.of(u));
    }

    private static Role role(String code) {
        if (code == null) {
            return null;
        }
        try {
            return Role.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.VALIDATION, "'role' must be one of member, org_admin, platform_admin",
                    java.util.Map.of("field", "role"));
        }
    }
}
