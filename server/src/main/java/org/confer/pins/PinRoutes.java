package org.confer.pins;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.post;

import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** HTTP routes of pinned and saved messages. Thin: parse, call PinService, map. */
public final class PinRoutes {

    record Items<T>(List<T> items) {}

    private static final String MESSAGE = "/api/v1/conversations/{conversationId}/messages/{messageId}";

    private final PinService pins;

    /** The feature as App wires it: its store, access rule and service behind these routes. */
    public static PinRoutes build(org.confer.db.Database db, org.confer.events.ConversationWriter writer, java.time.Clock clock) {
        PinStore store = new PinStore();
        return new PinRoutes(new PinService(db, writer, new PinAccess(db, store), store, clock));
    }

    public PinRoutes(PinService pins) {
        this.pins = pins;
    }

    public List<Route> routes() {
        return List.of(
                get("/api/v1/conversations/{conversationId}/pins", Access.SIGNED_IN, "The conversation's pinned messages, newest pin first", this::list),
                post(MESSAGE + "/pin", Access.SIGNED_IN, "Pin a message for everyone in the conversation (idempotent)", this::pin),
                delete(MESSAGE + "/pin", Access.SIGNED_IN, "Unpin a message (idempotent)", this::unpin),
                post(MESSAGE + "/save", Access.SIGNED_IN, "Save a message to the caller's own saved list (idempotent)", this::save),
                delete(MESSAGE + "/save", Access.SIGNED_IN, "Remove a message from the caller's saved list (idempotent)", this::unsave),
                get("/api/v1/me/saved", Access.SIGNED_IN, "The caller's saved messages in conversations they are still in, newest first", this::saved));
    }

    private static UUID conversationId(Context ctx) {
        return Requests.uuidPath(ctx, "conversationId", "Conversation");
    }

    private static UUID messageId(Context ctx) {
        return Requests.uuidPath(ctx, "messageId", "Message");
    }

    private void list(Context ctx) {
        ctx.json(new Items<>(pins.pins(SignedIn.principal(ctx), conversationId(ctx))));
    }

    private void pin(Context ctx) {
        pins.pin(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx));
        ctx.status(204);
    }

    private void unpin(Context ctx) {
        pins.unpin(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx));
        ctx.status(204);
    }

    private void save(Context ctx) {
        pins.save(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx));
        ctx.status(204);
    }

    private void unsave(Context ctx) {
        pins.unsave(SignedIn.principal(ctx), conversationId(ctx), messageId(ctx));
        ctx.status(204);
    }

    private void saved(Context ctx) {
        ctx.json(new Items<>(pins.saved(SignedIn.principal(ctx))));
    }
}
