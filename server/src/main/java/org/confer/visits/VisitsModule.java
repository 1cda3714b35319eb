package org.confer.visits;

import java.util.UUID;
import java.util.function.Consumer;
import org.confer.calls.CallService;
import org.confer.chat.ConversationService;
import org.confer.identity.Authenticator;
import org.confer.identity.SessionService;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.db.Database;
import org.confer.http.Route;
import org.confer.identity.UserDirectory;
import org.confer.mail.Mailer;
import org.confer.sms.HttpSmsGateway;
import org.confer.sms.SmsSender;

/**
 * The virtual visits feature's objects, built in dependency order with plain constructors, so
 * that {@code App} wires the whole feature in a few lines (its routes, the reminders tick's
 * start and stop).
 */
public final class VisitsModule implements AutoCloseable {
    /** docs/virtual-visits.md: a challenge is valid 10 minutes. */
    static final Duration CHALLENGE_VALIDITY = Duration.ofMinutes(10);

    private final List<Route> routes = new ArrayList<>();
    private final VisitCalendars calendars;
    private final VisitReminders reminders;
    private final VisitSettings settings;

    /**
     * What joining a visit takes from the rest of the server: conversations (a visit's call group),
     * calls (its lobby call), the authenticator (guest tokens at the guest paths), the sessions
     * (guest streams are checked like anyone's) and a way to close a guest's sockets.
     */
    public record JoinDeps(ConversationService conversations, CallService calls, Authenticator authenticator,
                           SessionService sessions, Consumer<UUID> disconnect) {}

    /**
     * @param powKey the proof-of-work key, shared by every node (a server secret); read on the first
     *               challenge, once the database is migrated
     */
    public VisitsModule(Database db, UserDirectory users, BotPoster bots, Mailer mailer, AuditTrail audit, Clock clock,
                        ObjectMapper mapper, Supplier<String> baseUrl, VisitSettings settings, Supplier<byte[]> powKey,
                        JoinDeps join) {
        this.settings = settings;
        VisitStore store = new VisitStore();
        VisitAccess access = new VisitAccess(db, store);
        this.calendars = new VisitCalendars(db, store, access, users, bots, audit, clock, baseUrl);
        Places places = new Places(db, store);
        VisitMail mail = new VisitMail(new VisitIcs(baseUrl), baseUrl);
        WardNotices notices = new WardNotices(db, store, bots, clock);
        AtomicReference<ProofOfWork> work = new AtomicReference<>();
        Supplier<ProofOfWork> lazyWork = () -> work.updateAndGet(w -> w != null ? w
                : new ProofOfWork(powKey.get(), settings.powBits(), CHALLENGE_VALIDITY, clock));
        Bookings bookings = new Bookings(db, store, places, mailer, mail, notices, lazyWork, audit, clock);
        VisitChanges changes = new VisitChanges(db, store, places, bookings, mailer, mail, audit, clock);
        Optional<SmsSender> sms = settings.smsUrl().map(url -> new HttpSmsGateway(url, settings.smsTemplate(),
                settings.smsAuthorization().orElse(null), HttpClient.newHttpClient()));
        this.reminders = new VisitReminders(db, store, mailer, mail, notices, sms, audit, clock);
        GuestStore guests = new GuestStore();
        GuestSessions guestSessions = new GuestSessions(db, store, guests, clock);
        join.authenticator().useGuestTokens(guestSessions);
        join.sessions().useGuestSessions(guestSessions);
        VisitCalls visitCalls = new VisitCalls(db, store, guests, access, join.conversations(), join.calls(), notices, clock);
        changes.onGuestsEnded((visitId, ended) -> {
            ended.forEach(join.disconnect());
            visitCalls.endGuests(visitId, ended);
        });
        routes.addAll(new VisitJoinRoutes(guestSessions, visitCalls, new Interpreters(db, store, guests, access, mailer, mail, audit, clock),
                join.authenticator(), mapper).routes());
        routes.addAll(new VisitRoutes(calendars, new WardVisits(db, store, access, changes, mailer, mail, audit, clock, visitCalls),
                new VisitUsage(db, store, clock), mapper).routes());
        routes.addAll(new PublicVisitRoutes(bookings, new ManageLinks(db, store, changes, clock), mapper).routes());
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Calendars (the demo data is made through it). */
    public VisitCalendars calendars() {
        return calendars;
    }

    /** The reminders tick; tests call {@code runDue()} after moving the clock. */
    public VisitReminders reminders() {
        return reminders;
    }

    public void start() {
        reminders.start(settings.tick());
    }

    @Override
    public void close() {
        reminders.close();
    }
}
