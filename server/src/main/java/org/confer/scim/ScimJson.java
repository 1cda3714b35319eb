package org.confer.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.confer.identity.Tokens;

/**
 * SCIM's wire shapes (RFC 7643, RFC 7644): a person as a User, a team as a Group, list responses
 * and errors, each with its schema URNs; and reading the attributes of a request, whose names
 * SCIM compares ignoring case.
 */
final class ScimJson {
    static final String CONTENT_TYPE = "application/scim+json";
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private final ObjectMapper mapper;

    ScimJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode user(ScimStore.UserRow u, String baseUrl) {
        ObjectNode n = mapper.createObjectNode();
        n.putArray("schemas").add(USER);
        n.put("id", u.id().toString());
        if (u.externalId() != null) {
            n.put("externalId", u.externalId());
        }
        n.put("userName", u.email());
        ObjectNode name = n.putObject("name");
        name.put("formatted", u.displayName());
        if (u.givenName() != null) {
            name.put("givenName", u.givenName());
        }
        if (u.familyName() != null) {
            name.put("familyName", u.familyName());
        }
        n.put("displayName", u.displayName());
        if (u.jobTitle() != null) {
            n.put("title", u.jobTitle());
        }
        n.put("active", u.active());
        ObjectNode email = n.putArray("emails").addObject();
        email.put("value", u.email());
        email.put("type", "work");
        email.put("primary", true);
        meta(n, "User", u.created(), u.lastModified(), baseUrl + "/scim/v2/Users/" + u.id());
        return n;
    }

    ObjectNode group(ScimStore.GroupRow g, List<ScimStore.Member> members, String baseUrl) {
        ObjectNode n = mapper.createObjectNode();
        n.putArray("schemas").add(GROUP);
        n.put("id", g.id().toString());
        if (g.externalId() != null) {
            n.put("externalId", g.externalId());
        }
        n.put("displayName", g.displayName());
        ArrayNode ms = n.putArray("members");
        for (ScimStore.Member m : members) {
            ObjectNode o = ms.addObject();
            o.put("value", m.id().toString());
            o.put("display", m.displayName());
            o.put("type", "User");
            o.put("$ref", baseUrl + "/scim/v2/Users/" + m.id());
        }
        meta(n, "Group", g.created(), g.lastModified(), baseUrl + "/scim/v2/Groups/" + g.id());
        return n;
    }

    ObjectNode list(List<? extends JsonNode> resources, int total, int startIndex) {
        ObjectNode n = mapper.createObjectNode();
        n.putArray("schemas").add(LIST);
        n.put("totalResults", total);
        n.put("startIndex", startIndex);
        n.put("itemsPerPage", resources.size());
        n.putArray("Resources").addAll(resources);
        return n;
    }

    ObjectNode error(int status, String scimType, String detail) {
        ObjectNode n = mapper.createObjectNode();
        n.putArray("schemas").add(ERROR);
        n.put("status", Integer.toString(status));
        if (scimType != null) {
            n.put("scimType", scimType);
        }
        n.put("detail", detail);
        return n;
    }

    /** The version (ETag) of a resource: a hash of what it says, so any change to it, through SCIM or the admin pages, changes it. */
    static String version(ObjectNode resource) {
        ObjectNode copy = resource.deepCopy();
        copy.remove("meta");
        String hash = Tokens.sha256Hex(copy.toString());
        return "W/\"" + hash.substring(0, 16) + "\"";
    }

    private static void meta(ObjectNode n, String type, OffsetDateTime created, OffsetDateTime lastModified, String location) {
        String version = version(n);
        ObjectNode meta = n.putObject("meta");
        meta.put("resourceType", type);
        meta.put("created", DateTimeFormatter.ISO_INSTANT.format(created.toInstant()));
        meta.put("lastModified", DateTimeFormatter.ISO_INSTANT.format(lastModified.toInstant()));
        meta.put("location", location);
        meta.put("version", version);
    }

    // ---- reading requests ----

    /** The member of {@code node} named {@code name} ignoring case, if present and not null. */
    static Optional<JsonNode> field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        for (var e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** A text attribute; 400 invalidValue if it is not text. */
    static String text(JsonNode value, String attribute) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue("'" + attribute + "' must be a string");
        }
        return value.asText();
    }

    /** A boolean attribute; Entra ID sends "True" and "False" as strings in PATCH, so those count too. */
    static boolean bool(JsonNode value, String attribute) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        if (value != null && value.isTextual()) {
            String s = value.asText().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return s.equals("true");
            }
        }
        throw ScimException.invalidValue("'" + attribute + "' must be true or false");
    }

}
