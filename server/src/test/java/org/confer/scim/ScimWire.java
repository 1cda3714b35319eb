package org.confer.scim;

import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.Api.Response;
import org.jooq.DSLContext;

/** What an identity system sends and reads at /scim/v2 (application/scim+json, a bearer token), for the SCIM tests. */
final class ScimWire {
    static final String USERS = "/scim/v2/Users";
    static final String GROUPS = "/scim/v2/Groups";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private ScimWire() {}

    static Response send(Api api, String method, String path, Object body, String bearer) {
        return send(api, method, path, body, bearer, Map.of());
    }

    static Response send(Api api, String method, String path, Object body, String bearer, Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(Api.auth(bearer));
        h.putAll(headers);
        if (body != null) {
            h.put("Content-Type", "application/scim+json");
        }
        return api.send(method, path, body == null ? null : Api.json(body), h);
    }

    /** A User as Entra ID sends it: its userName, name parts, a title, active, its own id. */
    static Map<String, Object> user(String email, String given, String family, String externalId) {
        return Map.of("schemas", List.of(USER_SCHEMA), "userName", email, "externalId", externalId,
                "name", Map.of("givenName", given, "familyName", family), "title", "Staff Nurse", "active", true);
    }

    @SafeVarargs
    static Map<String, Object> patch(Map<String, Object>... ops) {
        return Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(ops));
    }

    static String filter(String f) {
        return "?filter=" + URLEncoder.encode(f, StandardCharsets.UTF_8);
    }

    static List<String> userNames(Response list) {
        List<String> out = new ArrayList<>();
        list.json().get("Resources").forEach(r -> out.add(r.get("userName").asText()));
        return out;
    }

    /** An organisation admin's request for a new SCIM token. */
    static Response createToken(Api api, String admin, String organisationId, String name) {
        return api.post(tokensPath(organisationId), Map.of("name", name), admin);
    }

    static String tokensPath(String organisationId) {
        return "/api/v1/admin/organisations/" + organisationId + "/scim-tokens";
    }

    /** Whether the person is a member of a channel of the team (the General channel of a SCIM group). */
    static boolean inTeamChannels(DSLContext db, String teamId, String userId) {
        return db.fetchExists(db.selectOne().from(CONVERSATION_MEMBERS).join(CONVERSATIONS)
                .on(CONVERSATIONS.ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID))
                .where(CONVERSATIONS.TEAM_ID.eq(UUID.fromString(teamId)).and(CONVERSATION_MEMBERS.USER_ID.eq(UUID.fromString(userId)))));
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
