package org.confer.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * The headers every answer carries (docs/security.md): no sniffing, no referrer, no framing, a
 * strict Content-Security-Policy (the web client inlines nothing), HSTS when served over HTTPS,
 * and no caching of API answers.
 */
public final class SecurityHeaders implements HttpPart {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private final boolean https;

    public SecurityHeaders(boolean https) {
        this.https = https;
    }

    @Override
    public void install(JavalinConfig config) {
        config.routes.before(this::apply);
    }

    private void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");
        if (https) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
