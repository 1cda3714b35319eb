package org.confer.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes RFC 9457 problem documents. */
public final class Problems {
    public static final String CONTENT_TYPE = "application/problem+json";

    private final ObjectMapper mapper;

    public Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(Context ctx, ProblemType type, String detail, Map<String, Object> extras) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", ctx.path());
        extras.forEach(body::putIfAbsent);
        try {
            ctx.status(type.status()).contentType(CONTENT_TYPE).result(mapper.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.status(500).contentType(CONTENT_TYPE).result("{\"type\":\"" + ProblemType.INTERNAL.uri() + "\",\"status\":500}");
        }
    }

    public void write(Context ctx, ApiException e) {
        write(ctx, e.type(), e.getMessage(), e.extras());
    }

    public static boolean alreadyWritten(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith(CONTENT_TYPE);
    }
}
