package org.confer.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What the service provider says of itself (RFC 7644 section 4): its configuration, its two
 * resource types and the attributes it keeps (from scim/schemas.json), so an identity system and
 * its admin can see what Confer supports before mapping attributes.
 */
final class ScimDiscovery {
    private static final String CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    private final ObjectMapper mapper;
    private final JsonNode schemas;

    ScimDiscovery(ObjectMapper mapper) {
        this.mapper = mapper;
        try (InputStream in = ScimDiscovery.class.getResourceAsStream("/scim/schemas.json")) {
            this.schemas = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("scim/schemas.json is part of the build", e);
        }
    }

    JsonNode serviceProviderConfig(String baseUrl) {
        ObjectNode n = mapper.createObjectNode();
        n.putArray("schemas").add(CONFIG_SCHEMA);
        n.putObject("patch").put("supported", true);
        n.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        n.putObject("filter").put("supported", true).put("maxResults", ScimRoutes.MAX_COUNT);
        n.putObject("changePassword").put("supported", false);
        n.putObject("sort").put("supported", false);
        n.putObject("etag").put("supported", true);
        ObjectNode scheme = n.putArray("authenticationSchemes").addObject();
        scheme.put("type", "oauthbearertoken");
        scheme.put("name", "SCIM token");
        scheme.put("description", "A bearer token an organisation admin creates in Confer's admin pages (Provisioning)");
        scheme.put("primary", true);
        n.putObject("meta").put("resourceType", "ServiceProviderConfig").put("location", baseUrl + ScimRoutes.BASE + "/ServiceProviderConfig");
        return n;
    }

    JsonNode resourceTypes(String baseUrl) {
        ArrayNode list = mapper.createArrayNode();
        list.add(resourceType(baseUrl, "User", "/Users", ScimJson.USER, "A person of the organisation"));
        list.add(resourceType(baseUrl, "Group", "/Groups", ScimJson.GROUP, "A team of the organisation made through SCIM"));
        return listResponse(list);
    }

    JsonNode schemas(String baseUrl) {
        ArrayNode list = mapper.createArrayNode();
        for (JsonNode s : schemas) {
            ObjectNode copy = s.deepCopy();
            ((ObjectNode) copy.get("meta")).put("location", baseUrl + copy.get("meta").get("location").asText());
            list.add(copy);
        }
        return listResponse(list);
    }

    private ObjectNode resourceType(String baseUrl, String name, String endpoint, String schema, String description) {
        ObjectNode n = mapper.createObjectNode();
        n.putArray("schemas").add(RESOURCE_TYPE_SCHEMA);
        n.put("id", name);
        n.put("name", name);
        n.put("endpoint", endpoint);
        n.put("description", description);
        n.put("schema", schema);
        n.putObject("meta").put("resourceType", "ResourceType").put("location", baseUrl + ScimRoutes.BASE + "/ResourceTypes/" + name);
        return n;
    }

    private ObjectNode listResponse(ArrayNode resources) {
        ObjectNode n = mapper.createObjectNode();
        n.putArray("schemas").add(ScimJson.LIST);
        n.put("totalResults", resources.size());
        n.put("startIndex", 1);
        n.put("itemsPerPage", resources.size());
        n.set("Resources", resources);
        return n;
    }
}
