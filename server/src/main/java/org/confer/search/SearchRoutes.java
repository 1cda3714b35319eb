package org.confer.search;

import static org.confer.http.Route.get;
import static org.confer.http.Route.post;

import io.javalin.http.Context;
import java.util.List;
import org.confer.http.Access;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** HTTP routes of search (docs/search.md). Thin: parse, call SearchService, map. */
final class SearchRoutes {
    private final SearchService search;

    SearchRoutes(SearchService search) {
        this.search = search;
    }

    List<Route> routes() {
        return List.of(
                get("/api/v1/search", Access.SIGNED_IN,
                        "Search messages, people, conversations, teams and files the caller may see now", this::search),
                post("/api/v1/admin/search/rebuild", Access.PLATFORM_ADMIN,
                        "Rebuild the search index from the database (runs in the background)", this::rebuild));
    }

    private void search(Context ctx) {
        SearchQuery q = SearchQuery.parse(ctx.queryParam("q"), ctx.queryParam("types"), ctx.queryParam("in"), ctx.queryParam("from"),
                ctx.queryParam("after"), ctx.queryParam("before"), ctx.queryParam("has"), ctx.queryParam("mentions"),
                ctx.queryParam("limit"), ctx.queryParam("cursor"));
        ctx.json(search.search(SignedIn.principal(ctx), q));
    }

    private void rebuild(Context ctx) {
        ctx.status(202).json(search.rebuild(SignedIn.principal(ctx)));
    }
}
