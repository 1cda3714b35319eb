package org.confer.policy;

import static org.confer.http.Route.get;
import static org.confer.http.Route.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.OrganisationPolicy;
import org.confer.identity.OrganisationStore;
import org.confer.identity.SignedIn;

/** The cross-organisation policy's admin routes (docs/organisation-policy.md); the rule itself is identity's. */
public final class PolicyRoutes {
    private final PolicyAdmin admin;
    private final ObjectMapper mapper;

    public PolicyRoutes(Database db, OrganisationPolicy policy, OrganisationStore organisations, AuditTrail audit, Clock clock,
                        ObjectMapper mapper) {
        this.admin = new PolicyAdmin(db, policy, organisations, new PolicyConflictStore(), audit, clock);
        this.mapper = mapper;
    }

    public List<Route> routes() {
        String policy = "/api/v1/admin/organisations/{organisationId}/policy";
        return List.of(
                get(policy, Access.USER_ADMIN, "An organisation's cross-organisation policy: its stances, the others' and what applies", this::view),
                put(policy, Access.USER_ADMIN, "Set the organisation's stance towards another organisation, or towards every other", this::change),
                get(policy + "/conflicts", Access.USER_ADMIN,
                        "Conversations and teams whose members the policy now keeps apart (listed for admins; nothing is removed)",
                        this::conflicts));
    }

    private void view(Context ctx) {
        ctx.json(admin.view(SignedIn.principal(ctx), organisationId(ctx)));
    }

    private void change(Context ctx) {
        ctx.json(admin.change(SignedIn.principal(ctx), organisationId(ctx), Requests.body(ctx, mapper, PolicyViews.Change.class)));
    }

    private void conflicts(Context ctx) {
        ctx.json(admin.conflicts(SignedIn.principal(ctx), organisationId(ctx)));
    }

    private static UUID organisationId(Context ctx) {
        return Requests.uuidPath(ctx, "organisationId", "Organisation");
    }
}
