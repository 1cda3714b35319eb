package org.confer.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One API operation. The route table is the single list of what the server answers; the
 * OpenAPI document is checked against it by a test.
 *
 * @param botScope the scope a bot token needs to call this route (docs/bots-and-results.md,
 *                 "Tokens and scopes"), or null: bots are refused ({@code 403 bot-scope})
 */
public record Route(HandlerType method, String path, Access access, String summary, Handler handler, String botScope) {

    public Route(HandlerType method, String path, Access access, String summary, Handler handler) {
        this(method, path, access, summary, handler, null);
    }

    /** The same route, open to bot tokens that carry {@code scope}. */
    public Route withBotScope(String scope) {
        return new Route(method, path, access, summary, handler, scope);
    }

    public static Route get(String path, Access access, String summary, Handler handler) {
        return new Route(HandlerType.GET, path, access, summary, handler);
    }

    public static Route post(String path, Access access, String summary, Handler handler) {
        return new Route(HandlerType.POST, path, access, summary, handler);
    }

    public static Route put(String path, Access access, String summary, Handler handler) {
        return new Route(HandlerType.PUT, path, access, summary, handler);
    }

    public static Route patch(String path, Access access, String summary, Handler handler) {
        return new Route(HandlerType.PATCH, path, access, summary, handler);
    }

    public static Route delete(String path, Access access, String summary, Handler handler) {
        return new Route(HandlerType.DELETE, path, access, summary, handler);
    }
}
