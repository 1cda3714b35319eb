package org.confer.http;

import java.util.Map;

/**
 * Thrown by routes and services to end a request with an RFC 9457 problem. {@code extras} become
 * extension members of the problem object (for example {@code field} for validation errors).
 */
public final class ApiException extends RuntimeException {
    private final ProblemType type;
    private final Map<String, Object> extras;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ApiException(ProblemType type, String detail, Map<String, Object> extras) {
        super(detail, null, false, false);
        this.type = type;
        this.extras = Map.copyOf(extras);
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> extras() {
        return extras;
    }

    public static ApiException invalid(String field, String detail) {
        return new ApiException(ProblemType.VALIDATION, detail, Map.of("field", field));
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemType.NOT_FOUND, what + " not found");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }
}
