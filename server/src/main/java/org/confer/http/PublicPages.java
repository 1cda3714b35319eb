package org.confer.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public virtual-visit pages relatives open without an account (docs/virtual-visits.md):
 * the booking page at /book/{slug}, and the pages behind the emailed links, /visit/manage and
 * /visit/join (their token is in the URL fragment, which never reaches the server), and the
 * admin pages at /admin (docs/administration.md). Each is a
 * page of the web client's build (web/visits/*.html, in the jar's /public/visits), served as
 * text/html and revalidated on every load like index.html, so a new release shows at once.
 * These are pages, not API operations: they are not in the route table or the OpenAPI
 * document, like {@link StaticFiles}.
 */
public final class PublicPages implements HttpPart {
    /** Path → the built page in the jar. */
    static final Map<String, String> PAGES = Map.of(
            "/book/{slug}", "/public/visits/book.html",
            "/visit/manage", "/public/visits/manage.html",
            "/visit/join", "/public/visits/join.html",
            // The admin pages check the caller's role through the API; the page itself holds no data.
            "/admin", "/public/admin.html");

    private final Map<String, Optional<byte[]>> loaded = new ConcurrentHashMap<>();

    @Override
    public void install(JavalinConfig config) {
        PAGES.forEach((path, resource) -> config.routes.get(path, ctx -> serve(ctx, resource)));
    }

    private void serve(Context ctx, String resource) {
        // A jar's pages never change while it runs: read each once. A build without the web
        // client (server tests run without npm) has none, and the path is simply not found.
        byte[] page = loaded.computeIfAbsent(resource, PublicPages::read)
                .orElseThrow(() -> new NotFoundResponse("No page at " + ctx.path()));
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(page);
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = PublicPages.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
