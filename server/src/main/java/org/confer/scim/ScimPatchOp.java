package org.confer.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One operation of a SCIM PATCH request (RFC 7644 section 3.5.2): {@code op} lower-cased (Entra
 * ID writes "Replace"), the path or null, and the value or null.
 */
record ScimPatchOp(String op, String path, JsonNode value) {
    /** Operations per request: a group's whole membership in one request, with room to spare. */
    static final int MAX_OPERATIONS = 1000;

    static List<ScimPatchOp> of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("The body must be a JSON object: a SCIM PatchOp");
        }
        JsonNode schemas = ScimJson.field(body, "schemas").orElse(null);
        boolean patchOp = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode s : schemas) {
                patchOp |= ScimJson.PATCH_OP.equals(s.asText());
            }
        }
        if (!patchOp) {
            throw ScimException.invalidSyntax("'schemas' must contain " + ScimJson.PATCH_OP);
        }
        JsonNode ops = ScimJson.field(body, "Operations").orElse(null);
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimException.invalidSyntax("'Operations' must be a list of one or more operations");
        }
        if (ops.size() > MAX_OPERATIONS) {
            throw ScimException.invalidValue("At most " + MAX_OPERATIONS + " operations per request");
        }
        List<ScimPatchOp> out = new ArrayList<>();
        for (JsonNode o : ops) {
            String op = ScimJson.text(ScimJson.field(o, "op").orElse(null), "op");
            if (op == null || !List.of("add", "replace", "remove").contains(op.toLowerCase(Locale.ROOT))) {
                throw ScimException.invalidSyntax("Each operation's 'op' must be add, replace or remove");
            }
            String path = ScimJson.text(ScimJson.field(o, "path").orElse(null), "path");
            out.add(new ScimPatchOp(op.toLowerCase(Locale.ROOT), path, ScimJson.field(o, "value").orElse(null)));
        }
        return out;
    }
}
