package org.confer.scim;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;
import static org.confer.http.Route.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.RateLimitedException;
import org.confer.http.Route;
import org.confer.limits.KeyedBudget;

/**
 * The SCIM 2.0 endpoints at /scim/v2 (docs/provisioning.md). They are PUBLIC in the route table
 * because sessions do not reach them: each handler here accepts only a SCIM token (a session or
 * bot token is refused with 401, and a SCIM token is an unknown token anywhere else), and answers
 * in SCIM's own content type and error schema rather than problem+json. No cookie is read, so no
 * cross-site request can carry a credential here.
 */
final class ScimRoutes {
    static final String BASE = "/scim/v2";
    /** Results per page at most (ServiceProviderConfig's filter.maxResults); an identity system pages on. */
    static final int MAX_COUNT = 200;
    static final int DEFAULT_COUNT = 100;

    @FunctionalInterface
    interface ScimHandler {
        void handle(Context ctx, ScimTokens.Caller caller) throws Exception;
    }

    private final ScimTokens tokens;
    private final ScimUsers users;
    private final ScimGroups groups;
    private final ScimDiscovery discovery;
    private final ScimJson json;
    private final ObjectMapper mapper;
    private final Supplier<String> baseUrl;
    private final KeyedBudget<UUID> budget;

    ScimRoutes(ScimTokens tokens, ScimUsers users, ScimGroups groups, ScimDiscovery discovery, ScimJson json, ObjectMapper mapper,
               Supplier<String> baseUrl, KeyedBudget<UUID> budget) {
        this.tokens = tokens;
        this.users = users;
        this.groups = groups;
        this.discovery = discovery;
        this.json = json;
        this.mapper = mapper;
        this.baseUrl = baseUrl;
        this.budget = budget;
    }

    List<Route> routes() {
        String u = BASE + "/Users";
        String g = BASE + "/Groups";
        return List.of(
                get(BASE + "/ServiceProviderConfig", Access.PUBLIC, "SCIM: what this service provider supports (SCIM token)",
                        scim((ctx, c) -> send(ctx, 200, discovery.serviceProviderConfig(baseUrl.get())))),
                get(BASE + "/ResourceTypes", Access.PUBLIC, "SCIM: the resource types, User and Group (SCIM token)",
                        scim((ctx, c) -> send(ctx, 200, discovery.resourceTypes(baseUrl.get())))),
                get(BASE + "/Schemas", Access.PUBLIC, "SCIM: the attributes Confer keeps (SCIM token)",
                        scim((ctx, c) -> send(ctx, 200, discovery.schemas(baseUrl.get())))),
                get(u, Access.PUBLIC, "SCIM: list or filter the organisation's people (SCIM token)", scim(this::listUsers)),
                post(u, Access.PUBLIC, "SCIM: create a person (SCIM token)",
                        scim((ctx, c) -> sendUser(ctx, 201, users.create(c, body(ctx))))),
                get(u + "/{userId}", Access.PUBLIC, "SCIM: a person (SCIM token)",
                        scim((ctx, c) -> sendUser(ctx, 200, users.get(c, id(ctx, "userId"))))),
                put(u + "/{userId}", Access.PUBLIC, "SCIM: replace a person's attributes (SCIM token)", scim((ctx, c) -> {
                    UUID id = id(ctx, "userId");
                    ifMatch(ctx, userJson(users.get(c, id)));
                    sendUser(ctx, 200, users.replace(c, id, body(ctx)));
                })),
                patch(u + "/{userId}", Access.PUBLIC, "SCIM: change a person's attributes (SCIM token)", scim((ctx, c) -> {
                    UUID id = id(ctx, "userId");
                    ifMatch(ctx, userJson(users.get(c, id)));
                    sendUser(ctx, 200, users.patch(c, id, ScimPatchOp.of(body(ctx))));
                })),
                delete(u + "/{userId}", Access.PUBLIC, "SCIM: deactivate a person, never erase (SCIM token)", scim((ctx, c) -> {
                    UUID id = id(ctx, "userId");
                    ifMatch(ctx, userJson(users.get(c, id)));
                    users.deactivate(c, id);
                    ctx.status(204);
                })),
                get(g, Access.PUBLIC, "SCIM: list or filter the teams made through SCIM (SCIM token)", scim(this::listGroups)),
                post(g, Access.PUBLIC, "SCIM: create a team (SCIM token)", scim((ctx, c) -> sendGroup(ctx, c, 201, groups.create(c, body(ctx))))),
                get(g + "/{groupId}", Access.PUBLIC, "SCIM: a team and its members (SCIM token)",
                        scim((ctx, c) -> sendGroup(ctx, c, 200, groups.get(c, id(ctx, "groupId"))))),
                put(g + "/{groupId}", Access.PUBLIC, "SCIM: replace a team's members (SCIM token)", scim((ctx, c) -> {
                    UUID id = id(ctx, "groupId");
                    ifMatch(ctx, groupJson(c, groups.get(c, id)));
                    sendGroup(ctx, c, 200, groups.replace(c, id, body(ctx)));
                })),
                patch(g + "/{groupId}", Access.PUBLIC, "SCIM: add or remove a team's members (SCIM token)", scim((ctx, c) -> {
                    UUID id = id(ctx, "groupId");
                    ifMatch(ctx, groupJson(c, groups.get(c, id)));
                    sendGroup(ctx, c, 200, groups.patch(c, id, ScimPatchOp.of(body(ctx))));
                })),
                delete(g + "/{groupId}", Access.PUBLIC, "SCIM: archive a team (SCIM token)", scim((ctx, c) -> {
                    UUID id = id(ctx, "groupId");
                    ifMatch(ctx, groupJson(c, groups.get(c, id)));
                    groups.delete(c, id);
                    ctx.status(204);
                })));
    }

    private void listUsers(Context ctx, ScimTokens.Caller c) throws IOException {
        int start = startIndex(ctx);
        int count = count(ctx);
        ScimUsers.Page p = users.list(c, ctx.queryParam("filter"), start, count);
        send(ctx, 200, json.list(p.rows().stream().map(this::userJson).toList(), p.total(), start));
    }

    private void listGroups(Context ctx, ScimTokens.Caller c) throws IOException {
        int start = startIndex(ctx);
        int count = count(ctx);
        ScimGroups.Page p = groups.list(c, ctx.queryParam("filter"), start, count);
        boolean withMembers = !excludes(ctx, "members");
        send(ctx, 200, json.list(p.rows().stream().map(g -> {
            ObjectNode n = groupJson(c, g);
            if (!withMembers) {
                n.remove("members"); // its version stays the whole group's, as If-Match compares
            }
            return n;
        }).toList(), p.total(), start));
    }

    /** Authenticates the SCIM token, takes one from its organisation's budget, and maps every failure to a SCIM error. */
    private Handler scim(ScimHandler h) {
        return ctx -> {
            try {
                // What a cross-site form can send (text/plain, form, multipart) is refused before anything else (docs/security.md).
                if (ctx.contentType() != null && !isJson(ctx.contentType())) {
                    throw unsupportedType();
                }
                ScimTokens.Caller caller = tokens.resolve(bearer(ctx)).orElseThrow(ScimException::unauthorised);
                budget.tryTake(caller.organisationId()).ifPresent(wait -> {
                    throw new RateLimitedException("Too many SCIM requests for this organisation; try again in " + wait + " s", wait);
                });
                h.handle(ctx, caller);
            } catch (ScimException e) {
                error(ctx, e.status(), e.scimType(), e.getMessage());
            } catch (RateLimitedException e) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                error(ctx, 429, null, e.getMessage());
            } catch (ApiException e) {
                int status = e.type().status();
                boolean duplicate = status == 409 && "email".equals(e.extras().get("field"));
                int scimStatus = status == 422 || (status == 409 && !duplicate && e.extras().containsKey("field")) ? 400 : status;
                String type = duplicate ? "uniqueness" : scimStatus == 400 ? "invalidValue" : null;
                error(ctx, scimStatus, type, duplicate ? "A person with this userName already exists" : e.getMessage());
            }
        };
    }

    private void error(Context ctx, int status, String scimType, String detail) throws IOException {
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"SCIM\"");
        }
        send(ctx, status, json.error(status, scimType, detail));
    }

    private static String bearer(Context ctx) {
        String auth = ctx.header("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    }

    private static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith(ScimJson.CONTENT_TYPE) || t.startsWith("application/json");
    }

    private static ScimException unsupportedType() {
        return new ScimException(415, null, "Send the body as " + ScimJson.CONTENT_TYPE);
    }

    private JsonNode body(Context ctx) {
        if (ctx.contentType() == null) {
            throw unsupportedType();
        }
        try {
            return mapper.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ScimException.invalidSyntax("The body is not valid JSON");
        }
    }

    private ObjectNode userJson(ScimStore.UserRow u) {
        return json.user(u, baseUrl.get());
    }

    private ObjectNode groupJson(ScimTokens.Caller c, ScimStore.GroupRow g) {
        return json.group(g, groups.members(c, g.id()), baseUrl.get());
    }

    private void sendUser(Context ctx, int status, ScimStore.UserRow u) throws IOException {
        sendResource(ctx, status, userJson(u));
    }

    private void sendGroup(Context ctx, ScimTokens.Caller c, int status, ScimStore.GroupRow g) throws IOException {
        sendResource(ctx, status, groupJson(c, g));
    }

    private void sendResource(Context ctx, int status, ObjectNode resource) throws IOException {
        ctx.header("ETag", resource.get("meta").get("version").asText());
        if (status == 201) {
            ctx.header("Location", resource.get("meta").get("location").asText());
        }
        send(ctx, status, resource);
    }

    private void send(Context ctx, int status, JsonNode body) throws IOException {
        ctx.status(status).contentType(ScimJson.CONTENT_TYPE).result(mapper.writeValueAsBytes(body));
    }

    /** If-Match (RFC 7644 section 3.14): a write to a resource that changed since the client read it is refused with 412. */
    private static void ifMatch(Context ctx, ObjectNode current) {
        String want = ctx.header("If-Match");
        if (want != null && !want.isBlank() && !want.strip().equals("*") && !want.strip().equals(ScimJson.version(current))) {
            throw new ScimException(412, null, "The resource changed since it was read (its version is " + ScimJson.version(current) + ")");
        }
    }

    private static UUID id(Context ctx, String name) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw ScimException.notFound(name.equals("userId") ? "User" : "Group");
        }
    }

    private static int startIndex(Context ctx) {
        return Math.max(1, intParam(ctx, "startIndex", 1));
    }

    /** SCIM's count: absent is a default page; a negative one counts as 0 and a larger one as the maximum (RFC 7644 section 3.4.2.4). */
    private static int count(Context ctx) {
        return Math.min(MAX_COUNT, Math.max(0, intParam(ctx, "count", DEFAULT_COUNT)));
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("'" + name + "' must be a whole number");
        }
    }

    private static boolean excludes(Context ctx, String attribute) {
        String v = ctx.queryParam("excludedAttributes");
        return v != null && java.util.Arrays.stream(v.split(",")).anyMatch(a -> a.strip().equalsIgnoreCase(attribute));
    }
}
