package org.confer.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * The address of the client behind a request. X-Forwarded-For is believed only when the direct
 * peer is a configured trusted proxy (otherwise anyone could pick their own address and escape
 * per-address rate limits); then the right-most address not itself a trusted proxy is the client.
 * Every X-Forwarded-For line counts, in order: a proxy that appends its own line after the
 * client's (HAProxy's {@code option forwardfor}) must not leave the client's line deciding.
 */
public final class ClientAddresses implements HttpPart {
    private final Set<String> trusted;

    public ClientAddresses(List<String> trustedProxies) {
        this.trusted = Set.copyOf(trustedProxies);
    }

    /** Attaches each request's client address first, for the rate limits and the access log. */
    @Override
    public void install(io.javalin.config.JavalinConfig config) {
        config.routes.before(ctx -> Requests.attachClientAddress(ctx, of(ctx)));
    }

    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!trusted.contains(peer)) {
            return peer;
        }
        String forwarded = String.join(",", java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
        if (forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
