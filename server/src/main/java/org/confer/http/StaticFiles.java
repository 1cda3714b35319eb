package org.confer.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The web client, from the jar's /public: content-hashed bundles under /assets cached for a
 * year (they never change under a name), everything else revalidated on every load — including
 * the service worker /sw.js, so a new release's worker is found at once, and the web app
 * manifest, served as application/manifest+json (docs/decisions.md "Installable app").
 */
public final class StaticFiles implements HttpPart {
    @Override
    public void install(JavalinConfig config) {
        // Registered first so it wins over the catch-all below.
        config.staticFiles.add(sf -> {
            sf.hostedPath = "/assets";
            sf.directory = "/public/assets";
            sf.location = Location.CLASSPATH;
            sf.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
        });
        config.staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = "/public";
            sf.location = Location.CLASSPATH;
            sf.headers = Map.of("Cache-Control", "no-cache");
            sf.mimeTypes.add("application/manifest+json", "webmanifest");
        });
    }
}
