package org.confer.meetings;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.confer.calls.CallService;
import org.confer.chat.ConversationService;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.http.Route;
import org.confer.identity.DirectoryService;
import org.confer.identity.OrganisationPolicy;
import org.confer.mail.Mailer;

/**
 * Builds the meetings feature for App (docs/calls-and-meetings.md): scheduled meetings, their
 * invitations (.ics, mailed through the outbox) and the calendar, joined through calls.
 */
public final class MeetingsModule {
    private final List<Route> routes;

    /** {@code mailHost} names the invitations' UIDs; {@code publicBaseUrl} makes their join links. */
    public MeetingsModule(Database db, ConversationWriter writer, ConversationService conversations, DirectoryService directory,
                          OrganisationPolicy crossOrganisation, Mailer mailer, CallService calls, String mailHost, Supplier<String> publicBaseUrl, Clock clock,
                          ObjectMapper mapper) {
        MeetingStore store = new MeetingStore();
        MeetingGuard guard = new MeetingGuard(db, store);
        MeetingMail mail = new MeetingMail(new Calendars(mailHost), publicBaseUrl);
        MeetingService meetings = new MeetingService(db, writer, store, guard, conversations, directory, crossOrganisation, mailer, mail, clock);
        MeetingQueries queries = new MeetingQueries(db, store, guard, directory, mail, clock);
        this.routes = new MeetingRoutes(meetings, queries, new MeetingJoin(queries, calls), mapper).routes();
    }

    public List<Route> routes() {
        return routes;
    }
}
