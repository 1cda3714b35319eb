package org.confer.scim;

/**
 * Ends a SCIM request with an error in the SCIM error schema (RFC 7644 section 3.12): the HTTP
 * status, the {@code scimType} keyword for a 400 or 409 (null otherwise) and a safe detail.
 */
final class ScimException extends RuntimeException {
    private final int status;
    private final String scimType;

    ScimException(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    int status() {
        return status;
    }

    String scimType() {
        return scimType;
    }

    static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    static ScimException invalidFilter(String detail) {
        return new ScimException(400, "invalidFilter", detail);
    }

    static ScimException mutability(String detail) {
        return new ScimException(400, "mutability", detail);
    }

    static ScimException noTarget(String detail) {
        return new ScimException(400, "noTarget", detail);
    }

    static ScimException uniqueness(String detail) {
        return new ScimException(409, "uniqueness", detail);
    }

    static ScimException notFound(String what) {
        return new ScimException(404, null, what + " not found");
    }

    static ScimException unauthorised() {
        return new ScimException(401, null, "Send Authorization: Bearer <SCIM token> (an organisation admin creates one in the admin pages)");
    }
}
