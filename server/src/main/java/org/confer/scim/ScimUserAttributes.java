package org.confer.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The attributes of a SCIM User that Confer keeps, read from a POST or PUT body, or changed by a
 * PATCH operation (RFC 7644 section 3.5.2). The mapping (docs/provisioning.md): userName and the
 * primary email are the person's email; displayName, or else name.formatted, or else givenName
 * and familyName, is their display name; title is their job title. Attributes Confer does not
 * keep (phone numbers, addresses, the enterprise extension's employee number) are accepted and
 * ignored, as identity systems send their whole mapping.
 */
record ScimUserAttributes(String userName, String displayName, String givenName, String familyName, String title, boolean active,
                          String externalId) {

    /**
     * From a whole resource (POST, PUT): what it leaves out is absent, except {@code active}, which
     * is {@code activeIfAbsent} (true for a new person; as they are for a PUT, so a PUT that leaves
     * it out never re-enables a leaver).
     */
    static ScimUserAttributes of(JsonNode body, boolean activeIfAbsent) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("The body must be a JSON object: a SCIM User");
        }
        String userName = ScimJson.text(ScimJson.field(body, "userName").orElse(null), "userName");
        if (userName == null || userName.isBlank()) {
            throw ScimException.invalidValue("'userName' is required: the person's email address");
        }
        JsonNode name = ScimJson.field(body, "name").orElse(null);
        String given = ScimJson.text(ScimJson.field(name, "givenName").orElse(null), "name.givenName");
        String family = ScimJson.text(ScimJson.field(name, "familyName").orElse(null), "name.familyName");
        String formatted = ScimJson.text(ScimJson.field(name, "formatted").orElse(null), "name.formatted");
        String display = ScimJson.text(ScimJson.field(body, "displayName").orElse(null), "displayName");
        boolean active = ScimJson.field(body, "active").map(v -> ScimJson.bool(v, "active")).orElse(activeIfAbsent);
        ScimUserAttributes a = new ScimUserAttributes(userName.strip(), blankToNull(display != null ? display : formatted), given, family,
                ScimJson.text(ScimJson.field(body, "title").orElse(null), "title"), active,
                ScimJson.text(ScimJson.field(body, "externalId").orElse(null), "externalId"));
        return a.withNameFallback();
    }

    /** The display name Confer shows: the one given, else the name's parts, else the email. */
    String effectiveDisplayName() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        String parts = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
        return parts.isEmpty() ? userName : parts;
    }

    private ScimUserAttributes withNameFallback() {
        return new ScimUserAttributes(userName, effectiveDisplayName(), givenName, familyName, title, active, externalId);
    }

    /** This with one PATCH operation applied ({@code op}: add, replace or remove, any case). */
    ScimUserAttributes apply(String op, String path, JsonNode value) {
        boolean remove = op.equals("remove");
        if (path == null || path.isBlank()) {
            if (remove) {
                throw ScimException.noTarget("A 'remove' operation needs a path");
            }
            if (value == null || !value.isObject()) {
                throw ScimException.invalidSyntax("An operation without a path needs an object of attributes as its value");
            }
            ScimUserAttributes a = this;
            for (var e : value.properties()) {
                a = a.set(e.getKey(), e.getValue());
            }
            return a;
        }
        if (remove) {
            return set(path, null);
        }
        if (value == null) {
            throw ScimException.invalidSyntax("An '" + op + "' operation needs a value");
        }
        return set(path, value);
    }

    /** This with one attribute set ({@code value} null: removed); the attribute path is compared ignoring case. */
    private ScimUserAttributes set(String path, JsonNode value) {
        String p = path.strip().toLowerCase(Locale.ROOT);
        String core = "urn:ietf:params:scim:schemas:core:2.0:user:";
        if (p.startsWith(core)) {
            p = p.substring(core.length());
        }
        JsonNode v = value == null || value.isNull() ? null : value;
        return switch (p) {
            case "username" -> withUserName(requiredText(v, "userName"));
            case "emails[type eq \"work\"].value", "emails[primary eq true].value" -> withUserName(requiredText(v, "emails"));
            case "emails" -> withUserName(primaryEmail(v));
            case "displayname" -> new ScimUserAttributes(userName, requiredText(v, "displayName"), givenName, familyName, title, active,
                    externalId);
            case "title" -> new ScimUserAttributes(userName, displayName, givenName, familyName, ScimJson.text(v, "title"), active,
                    externalId);
            case "active" -> {
                if (v == null) {
                    throw ScimException.mutability("'active' cannot be removed: replace it with false to deactivate the person");
                }
                yield new ScimUserAttributes(userName, displayName, givenName, familyName, title, ScimJson.bool(v, "active"), externalId);
            }
            case "externalid" -> new ScimUserAttributes(userName, displayName, givenName, familyName, title, active,
                    ScimJson.text(v, "externalId"));
            case "name.givenname" -> new ScimUserAttributes(userName, displayName, ScimJson.text(v, "name.givenName"), familyName, title,
                    active, externalId);
            case "name.familyname" -> new ScimUserAttributes(userName, displayName, givenName, ScimJson.text(v, "name.familyName"),
                    title, active, externalId);
            case "name.formatted" -> v == null ? this : new ScimUserAttributes(userName, requiredText(v, "name.formatted"), givenName,
                    familyName, title, active, externalId);
            case "name" -> {
                ScimUserAttributes a = this;
                if (v == null) {
                    yield new ScimUserAttributes(userName, displayName, null, null, title, active, externalId);
                }
                for (var e : v.properties()) {
                    a = a.set("name." + e.getKey(), e.getValue());
                }
                yield a;
            }
            // Everything else of the User schema and its extensions: not kept by Confer (docs/provisioning.md).
            default -> this;
        };
    }

    private ScimUserAttributes withUserName(String u) {
        return new ScimUserAttributes(u.strip(), displayName, givenName, familyName, title, active, externalId);
    }

    private static String primaryEmail(JsonNode v) {
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw ScimException.mutability("The email cannot be removed: it is the person's userName");
        }
        for (JsonNode e : v) {
            if (ScimJson.field(e, "primary").map(p -> ScimJson.bool(p, "emails.primary")).orElse(false)) {
                return requiredText(ScimJson.field(e, "value").orElse(null), "emails.value");
            }
        }
        return requiredText(ScimJson.field(v.get(0), "value").orElse(null), "emails.value");
    }

    private static String requiredText(JsonNode v, String attribute) {
        String s = ScimJson.text(v, attribute);
        if (s == null || s.isBlank()) {
            throw ScimException.mutability("'" + attribute + "' is required and cannot be removed");
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
