package org.confer.meetings;

import static org.confer.http.Route.get;

import io.javalin.http.Context;
import java.util.List;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.Principal;
import org.confer.identity.SignedIn;
import org.confer.mail.Mailer;

/**
 * The admin's view of the mail outbox: what Confer has written, and whether it was sent. A
 * platform admin reads all of it; an organisation admin reads the mail to their organisation's
 * people. Here rather than in {@code mail} because {@code mail} sits below {@code identity}
 * and does not know who is asking; meetings are what write mail today.
 */
public final class MailOutboxRoutes {
    /** A page unless the admin asks for another size. */
    private static final int DEFAULT_PAGE = 50;

    private final Mailer mailer;

    public MailOutboxRoutes(Mailer mailer) {
        this.mailer = mailer;
    }

    public List<Route> routes() {
        return List.of(get("/api/v1/admin/email-outbox", Access.USER_ADMIN,
                "Mail Confer has written, newest first (organisation admins: mail to their organisation's people)", this::list));
    }

    private void list(Context ctx) {
        Principal who = SignedIn.principal(ctx);
        int limit = Requests.intQuery(ctx, "limit", DEFAULT_PAGE);
        ctx.json(mailer.newestFirst(who.isPlatformAdmin() ? null : who.organisationId(), ctx.queryParam("cursor"), limit));
    }
}
