package org.confer.preferences;

import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** HTTP routes for the caller's own settings. Thin: parse, call PreferencesService, map. */
public final class PreferencesRoutes {
    private final PreferencesService preferences;
    private final ObjectMapper mapper;

    /** The feature as App wires it: its store and service behind these routes. */
    public static PreferencesRoutes build(org.confer.db.Database db, org.confer.events.ConversationWriter writer, ObjectMapper mapper,
                                          java.time.Clock clock) {
        return new PreferencesRoutes(new PreferencesService(db, writer, new PreferencesStore(), mapper, clock), mapper);
    }

    public PreferencesRoutes(PreferencesService preferences, ObjectMapper mapper) {
        this.preferences = preferences;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                get("/api/v1/me/preferences", Access.SIGNED_IN, "The caller's settings of the web client", this::read),
                patch("/api/v1/me/preferences", Access.SIGNED_IN, "Change some of the caller's settings", this::change));
    }

    private void read(Context ctx) {
        ctx.json(preferences.of(SignedIn.principal(ctx)));
    }

    private void change(Context ctx) {
        PreferencesService.Change req = Requests.body(ctx, mapper, PreferencesService.Change.class);
        ctx.json(preferences.change(SignedIn.principal(ctx), req));
    }
}
