package org.confer.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Request bodies larger than CONFER_MAX_BODY_BYTES are refused with 413 before anything reads them.
 * Paths under a {@code streamed} prefix (file chunks) have a limit of their own: their handlers
 * read the body as a stream and stop at that limit themselves.
 */
public final class BodyLimit implements HttpPart {
    /** Oversized bodies up to this are read and dropped so the 413 arrives (see {@link #check}). */
    private static final long MAX_SWALLOW_BYTES = 2L * 1024 * 1024;

    private final long maxBodyBytes;
    private final java.util.Map<String, Long> streamed;

    public BodyLimit(long maxBodyBytes) {
        this(maxBodyBytes, java.util.Map.of());
    }

    public BodyLimit(long maxBodyBytes, java.util.Map<String, Long> streamed) {
        this.maxBodyBytes = maxBodyBytes;
        this.streamed = java.util.Map.copyOf(streamed);
    }

    @Override
    public void install(JavalinConfig config) {
        config.http.maxRequestSize = maxBodyBytes;
        config.routes.before(this::check);
    }

    private void check(Context ctx) throws IOException {
        long length = ctx.req().getContentLengthLong();
        long limit = streamed.entrySet().stream().filter(e -> ctx.path().startsWith(e.getKey())).mapToLong(java.util.Map.Entry::getValue)
                .findFirst().orElse(maxBodyBytes);
        if (length > limit) {
            // Swallow a modestly oversized body (like Tomcat's maxSwallowSize) before answering:
            // closing on unread bytes makes the kernel reset the connection, and the client
            // may then lose the 413 it was sent. Far larger bodies are cut off unread.
            if (length <= MAX_SWALLOW_BYTES) {
                ctx.req().getInputStream().transferTo(OutputStream.nullOutputStream());
            }
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "The request body is " + length + " bytes; the limit is " + limit);
        }
    }
}
