package org.confer.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.UUID;

/** Small helpers every route uses: the caller, the parsed body, typed parameters. */
public final class Requests {
    private static final String CLIENT_ADDRESS = "confer.clientAddress";

    private Requests() {}

    /** Records the client's address as resolved through the trusted proxies (see ClientAddresses). */
    public static void attachClientAddress(Context ctx, String address) {
        ctx.attribute(CLIENT_ADDRESS, address);
    }

    public static String clientAddress(Context ctx) {
        String a = ctx.attribute(CLIENT_ADDRESS);
        return a != null ? a : ctx.req().getRemoteAddr();
    }

    /** Parses a JSON body into {@code type}; 415 unless the body is declared as JSON. */
    public static <T> T body(Context ctx, ObjectMapper mapper, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json (got " + (contentType == null ? "no content type" : contentType) + ")");
        }
        return Json.parse(mapper, ctx.bodyAsBytes(), type);
    }

    /** A path parameter that must be a UUID; anything else cannot name a resource, so 404. */
    public static UUID uuidPath(Context ctx, String name, String what) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what);
        }
    }

    public static UUID uuidQuery(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "'" + name + "' must be a UUID");
        }
    }

    public static int intQuery(Context ctx, String name, int defaultValue) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "'" + name + "' must be a whole number");
        }
    }
}
