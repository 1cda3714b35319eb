package org.confer.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.confer.audit.AuditTrail;
import org.confer.chat.TeamAdmin;
import org.confer.chat.TeamService;
import org.confer.db.Database;
import org.confer.http.Route;
import org.confer.identity.BotAccounts;
import org.confer.identity.DirectoryService;
import org.confer.identity.Tokens;
import org.confer.limits.KeyedBudget;

/** Builds SCIM provisioning (docs/provisioning.md) for the composition root: the /scim/v2 endpoints and the admin's tokens. */
public final class ScimModule {
    /**
     * SCIM requests per organisation per minute. Entra ID's provisioning cycle and Okta's push send
     * one request per changed person or group; 600 a minute lets a 10,000-person trust's first
     * cycle (a lookup and a create each) finish in about 35 minutes while one runaway client cannot
     * take the server from everyone else. Past it: 429 with Retry-After, which both retry.
     */
    static final int REQUESTS_PER_MINUTE = 600;

    private final List<Route> routes = new ArrayList<>();

    public ScimModule(Database db, DirectoryService directory, BotAccounts bots, TeamService teams, TeamAdmin teamAdmin, Tokens tokens,
                      AuditTrail audit, Clock clock, ObjectMapper mapper, Supplier<String> publicBaseUrl) {
        ScimStore store = new ScimStore();
        ScimTokens scimTokens = new ScimTokens(db, store, directory, bots, tokens, audit, clock);
        ScimJson json = new ScimJson(mapper);
        KeyedBudget<java.util.UUID> budget = new KeyedBudget<>(REQUESTS_PER_MINUTE, Duration.ofMinutes(1), clock, 10_000);
        routes.addAll(new ScimTokenRoutes(scimTokens, mapper, publicBaseUrl).routes());
        routes.addAll(new ScimRoutes(scimTokens, new ScimUsers(db, store, directory, audit, clock),
                new ScimGroups(db, store, teams, teamAdmin, audit, clock), new ScimDiscovery(mapper), json, mapper, publicBaseUrl, budget)
                .routes());
    }

    public List<Route> routes() {
        return routes;
    }
}
