package org.confer.http;

/**
 * Every kind of error the API returns. The {@link #uri()} is the RFC 9457 {@code type}: stable,
 * documented in docs/api/problems.md, and what clients should switch on (never the detail text).
 */
public enum ProblemType {
    VALIDATION(400, "validation", "The request is not valid"),
    MALFORMED_JSON(400, "malformed-json", "The request body is not valid JSON for this operation"),
    CHALLENGE_FAILED(400, "challenge-failed", "The booking challenge is missing, expired, used or not solved"),
    INVALID_SEARCH(400, "invalid-search", "The search is not valid"),
    UNAUTHENTICATED(401, "unauthenticated", "Sign-in required"),
    INVALID_CREDENTIALS(401, "invalid-credentials", "Email or password is not correct"),
    SSO_REQUIRED(403, "sso-required", "This organisation signs its people in through its identity provider"),
    CSRF(403, "csrf", "Missing or wrong CSRF token"),
    LOBBY_DENIED(403, "lobby-denied", "A host turned you away from this meeting"),
    NOT_A_HOST(403, "not-a-host", "Only the meeting's organiser and presenters can do this"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    CROSS_ORGANISATION(403, "cross-organisation", "The organisations' policy does not allow their people together here"),
    BOT_SCOPE(403, "bot-scope", "This bot token's scopes do not allow this"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    CONFLICT(409, "conflict", "Conflicts with existing data"),
    CLIENT_MSG_ID_REUSED(409, "client-msg-id-reused", "This clientMsgId already names another message"),
    PIN_LIMIT(409, "pin-limit", "This conversation has as many pinned messages as it can hold"),
    SAVED_LIMIT(409, "saved-limit", "You have as many saved messages as you can keep"),
    MEETING_NOT_OPEN(409, "meeting-not-open", "This meeting is not open to join now"),
    CONFUSABLE_NAME(409, "confusable-name", "Looks like another person's name"),
    BOT_NAME_TAKEN(409, "bot-name-taken", "Imitates the name of a person or bot"),
    CALL_FULL(409, "call-full", "This call is full"),
    REQUEST_STATE(409, "request-state", "The service request is not in a state that allows this step"),
    SLOT_TAKEN(409, "slot-taken", "This slot was just taken"),
    VISIT_STATE(409, "visit-state", "The visit is not in a state that allows this"),
    VISIT_NOT_OPEN(409, "visit-not-open", "The visit is not open to join now"),
    UPLOAD_OFFSET_MISMATCH(409, "upload-offset-mismatch", "The chunk does not start at the upload's current offset"),
    FILE_NOT_READY(409, "file-not-ready", "The file is still being checked for malware"),
    GONE(410, "gone", "No longer available"),
    CALL_ENDED(410, "call-ended", "This call has ended"),
    RESET_LINK_INVALID(410, "reset-link-invalid", "This password link is unknown, used or expired"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    FILE_TOO_LARGE(413, "file-too-large", "The file is larger than this server accepts"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Request body must be application/json"),
    FILE_TYPE_NOT_ALLOWED(415, "file-type-not-allowed", "This kind of file cannot be shared"),
    WEAK_PASSWORD(422, "weak-password", "Password does not meet the policy"),
    IMAGE_TOO_LARGE(422, "image-too-large", "The image has more pixels or frames than this server decodes"),
    FILE_INFECTED(422, "file-infected", "The malware scanner found the file infected"),
    WEBHOOK_ADDRESS_REFUSED(422, "webhook-address-refused", "The webhook URL points where Confer does not connect"),
    IMPORT_HAS_ERRORS(422, "import-has-errors", "The import file has errors; nothing was imported"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    INTERNAL(500, "internal", "Internal server error"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    CALL_NODE_UNAVAILABLE(503, "call-node-unavailable", "The node holding this call did not answer");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return "urn:confer:problem:" + slug;
    }
}
