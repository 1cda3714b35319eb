package org.confer.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.confer.analytics.AnalyticsModule;
import org.confer.audit.AuditTrail;
import org.confer.auditlog.AuditLogModule;
import org.confer.chat.TeamAdmin;
import org.confer.chat.TeamAdminRoutes;
import org.confer.chat.TeamService;
import org.confer.chat.TeamStore;
import org.confer.db.Database;
import org.confer.http.Route;
import org.confer.identity.AdminRoutes;
import org.confer.identity.AuthService;
import org.confer.identity.BotAccounts;
import org.confer.identity.Authenticator;
import org.confer.identity.DirectoryService;
import org.confer.identity.FederatedSignIn;
import org.confer.identity.OrganisationPolicy;
import org.confer.identity.OrganisationStore;
import org.confer.identity.PasswordHasher;
import org.confer.identity.PasswordPolicy;
import org.confer.identity.PeopleImport;
import org.confer.identity.SessionService;
import org.confer.identity.Tokens;
import org.confer.identity.UserAdministration;
import org.confer.identity.UserStore;
import org.confer.mail.Mailer;
import org.confer.policy.PolicyRoutes;
import org.confer.scim.ScimModule;
import org.confer.retention.RetentionModule;
import org.confer.sso.SsoModule;

/**
 * What a trust's IT and information governance run Confer with (issue 17), wired for App: the
 * admin pages' operations (docs/administration.md), the hash-chained audit log
 * (docs/audit.md), single sign-on (docs/single-sign-on.md) and usage analytics
 * (docs/analytics.md). Owns the start and stop of the audit log and the usage rollup.
 */
final class TrustAdministration implements AutoCloseable {
    /** The identity pieces the administration works through, built by App. */
    record Identity(OrganisationStore organisations, UserStore users, SessionService sessions, PasswordHasher hasher,
                    PasswordPolicy policy, Tokens tokens, DirectoryService directory, AuthService auth, Authenticator authenticator,
                    OrganisationPolicy crossOrganisation) {}

    /** What of chat and files the administration acts on: teams (admin pages, SCIM groups), messages and blobs (retention). */
    record Chat(TeamStore teams, TeamService teamService, RetentionModule.Features retention) {}

    private final AuditLogModule auditLog;
    private final AnalyticsModule analytics;
    private final List<Route> routes = new ArrayList<>();
    private final RetentionModule retention;

    TrustAdministration(Config config, Database db, Identity id, Chat chat, Mailer mailer, Clock clock, ObjectMapper mapper,
                        Supplier<String> publicBaseUrl) {
        TeamStore teams = chat.teams();
        this.auditLog = new AuditLogModule(db, id.directory(), config.auditRetentionDays(), clock);
        routes.addAll(auditLog.routes());
        routes.addAll(new AdminRoutes(new PeopleImport(db, id.organisations(), id.users(), new AuditTrail(), clock),
                new UserAdministration(db, id.directory(), id.organisations(), id.users(), id.sessions(), id.hasher(), id.policy(),
                        id.tokens(), mailer, new AuditTrail(), publicBaseUrl, clock), mapper).routes());
        routes.addAll(new TeamAdminRoutes(new TeamAdmin(db, teams, new AuditTrail(), clock), mapper).routes());
        // Single sign-on: a password sign-in asks the organisation's settings whether passwords are allowed.
        SsoModule sso = new SsoModule(db, new FederatedSignIn(id.organisations(), id.users()), id.sessions(), id.authenticator(),
                new AuditTrail(), clock, mapper, publicBaseUrl, config.secureCookies());
        id.auth().usePasswordSignInRule(sso.passwordRule());
        routes.addAll(sso.routes());
        // Cross-organisation policy: the admins' stances and conflicts (docs/organisation-policy.md).
        routes.addAll(new PolicyRoutes(db, id.crossOrganisation(), id.organisations(), new AuditTrail(), clock, mapper).routes());
        this.analytics = new AnalyticsModule(db, config.usage(), new AuditTrail(), clock);
        routes.addAll(analytics.routes());
        // SCIM provisioning (docs/provisioning.md): an identity system's own tokens; people through the directory, groups as teams.
        routes.addAll(new ScimModule(db, id.directory(), new BotAccounts(id.users()), chat.teamService(), new TeamAdmin(db, teams, new AuditTrail(), clock),
                id.tokens(), new AuditTrail(), clock, mapper, publicBaseUrl).routes());
        // Retention, legal hold and compliance export (docs/retention.md): they act on chat's messages and files' blobs.
        this.retention = new RetentionModule(db, chat.retention(), id.directory(), id.users(), new AuditTrail(), clock, mapper,
                config.retentionIntervalMinutes());
        routes.addAll(retention.routes());
    }

    List<Route> routes() {
        return routes;
    }

    RetentionModule retention() {
        return retention;
    }

    /** After the migrations, before serving: records written before the chain existed are sealed into it. */
    void prepare() {
        auditLog.start();
    }

    /** Once serving: the usage rollup's timer. */
    void start() {
        analytics.start();
        retention.start();
    }

    AnalyticsModule analytics() {
        return analytics;
    }

    @Override
    public void close() {
        auditLog.close();
        analytics.close();
        retention.close();
    }
}
