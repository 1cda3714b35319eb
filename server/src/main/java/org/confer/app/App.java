package org.confer.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.confer.activity.ActivityRoutes;
import org.confer.activity.ActivityService;
import org.confer.activity.ActivityStore;
import org.confer.chat.ChatRoutes;
import org.confer.chat.ChatEventSource;
import org.confer.chat.ChatService;
import org.confer.chat.ConversationMembership;
import org.confer.chat.TeamService;
import org.confer.chat.ChatWriter;
import org.confer.chat.ConversationStore;
import org.confer.chat.EventStore;
import org.confer.chat.MessageService;
import org.confer.chat.MessageStore;
import org.confer.chat.UrgentReminders;
import org.confer.chat.UrgentStore;
import org.confer.chat.PostThrottle;
import org.confer.chat.TeamStore;
import org.confer.chat.UserEventStore;
import org.confer.db.Database;
import org.confer.realtime.Bus;
import org.confer.realtime.LocalBus;
import org.confer.realtime.PresenceRoutes;
import org.confer.realtime.PresenceService;
import org.confer.realtime.PresenceStore;
import org.confer.realtime.StreamGateway;
import org.confer.realtime.StreamLimits;
import org.confer.realtime.TypingRelay;
import org.confer.identity.AuthService;
import org.confer.identity.Authenticator;
import org.confer.identity.DemoSeeder;
import org.confer.identity.DirectoryService;
import org.confer.identity.IdentityRoutes;
import org.confer.identity.LoginThrottle;
import org.confer.identity.OrganisationStore;
import org.confer.identity.PasswordHasher;
import org.confer.identity.PasswordPolicy;
import org.confer.identity.SessionService;
import org.confer.identity.SessionStore;
import org.confer.identity.SetupService;
import org.confer.identity.SetupTokenStore;
import org.confer.identity.Tokens;
import org.confer.identity.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every store, service and route with plain constructors, in
 * dependency order, and owns their lifecycle. Nothing else creates long-lived objects.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Metrics metrics;
    private final Database db;
    private final HttpServer http;
    private final List<Route> routes;
    private final SetupService setup;
    private final DemoSeeder demo;
    private final StreamGateway stream;
    private final UrgentReminders urgent;
    private final PresenceService presence;

    public App(Config config, Clock wallClock) {
        this.config = config;
        // Both databases store timestamps to the microsecond: a clock that ticks in microseconds
        // makes what an API call returns equal to what is stored and later read back.
        Clock clock = Clock.tick(wallClock, java.time.Duration.ofNanos(1_000));
        ObjectMapper mapper = Json.newMapper();
        this.metrics = new Metrics();
        this.db = new Database(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dataDir(), metrics.registry());

        Tokens tokens = new Tokens();
        PasswordHasher hasher = new PasswordHasher();
        PasswordPolicy policy = new PasswordPolicy();
        OrganisationStore organisations = new OrganisationStore();
        UserStore users = new UserStore();
        SessionStore sessionStore = new SessionStore();

        SessionService sessions = new SessionService(db, sessionStore, tokens, clock,
                config.sessionIdleTimeout(), config.sessionMaxAge());
        LoginThrottle throttle = new LoginThrottle(config.loginAttemptsPerAccount(), config.loginAttemptsPerAddress());
        AuthService auth = new AuthService(db, users, hasher, policy, throttle, sessions, clock);
        DirectoryService directory = new DirectoryService(db, organisations, users, sessions, hasher, policy, clock);
        this.setup = new SetupService(db, new SetupTokenStore(), organisations, users, hasher, policy, tokens, clock);
        this.demo = new DemoSeeder(db, organisations, users, hasher, tokens, clock);
        Authenticator authenticator = new Authenticator(sessions, config.secureCookies());

        Bus bus = new LocalBus();
        ConversationStore conversations = new ConversationStore();
        EventStore events = new EventStore();
        UserEventStore userEvents = new UserEventStore();
        ChatWriter writer = new ChatWriter(db, conversations, events, userEvents, bus, mapper, clock, metrics.registry());
        // Teams may span organisations (DESIGN.md); the organisation-policy issue restricts this here.
        TeamService.MembershipPolicy anyOrganisation = (user, team) -> java.util.Optional.empty();
        TeamStore teams = new TeamStore();
        MessageStore messageStore = new MessageStore();
        UrgentStore urgentStore = new UrgentStore();
        ConversationMembership membership = new ConversationMembership(conversations, urgentStore);
        ChatService chat = new ChatService(db, writer, teams, conversations, messageStore, events, directory, membership,
                new PostThrottle(config.postsPerMinutePerUser()), urgentStore);
        TeamService teamService = new TeamService(db, writer, teams, conversations, directory, anyOrganisation, membership);
        MessageService messageService = new MessageService(db, chat, writer, messageStore, teams, conversations, urgentStore, clock);
        this.urgent = new UrgentReminders(writer, urgentStore, clock);
        this.presence = new PresenceService(db, new PresenceStore(), bus, clock, mapper);
        this.stream = new StreamGateway(new ChatEventSource(db, conversations, events, userEvents), authenticator, mapper, StreamLimits.defaults().withOutboundQueueFrames(config.streamQueueFrames()),
                presence, new TypingRelay(bus, clock));
        bus.subscribe(stream);
        sessions.onSessionEnd(stream);

        List<Route> all = new ArrayList<>();
        all.addAll(new OperationsRoutes(db, metrics, config.metricsToken()).routes());
        all.addAll(new IdentityRoutes(auth, sessions, directory, setup, authenticator, mapper).routes());
        all.addAll(new ChatRoutes(chat, teamService, messageService, mapper).routes());
        all.addAll(new PresenceRoutes(presence, mapper).routes());
        all.addAll(new ActivityRoutes(new ActivityService(db, new ActivityStore(), mapper, clock), mapper).routes());
        this.routes = List.copyOf(all);
        this.http = new HttpServer(config, routes, authenticator, mapper, metrics, stream);
    }

    /** Migrates, seeds or prepares first-start set-up, then starts serving. Prints the banner to {@code out}. */
    public App start(PrintStream out) {
        long t0 = System.nanoTime();
        int applied = db.migrate();
        log.info("database {} ready ({} migrations applied)", db.dialect(), applied);
        List<String> banner = new ArrayList<>();
        if (config.demo()) {
            DemoSeeder.Result seeded = demo.seed(config.demoPassword(), config.dataDir());
            banner.add("Demo data: " + seeded.created() + " accounts created this start, " + DemoSeeder.PEOPLE.size() + " in all.");
            banner.add(seeded.passwordKnown()
                    ? "Every demo account's password: " + seeded.password()
                    : "Demo accounts already existed; their password is unchanged (set CONFER_DEMO_PASSWORD to choose one for new data).");
            for (DemoSeeder.DemoUser p : seeded.people()) {
                banner.add(String.format("  %-28s %-18s %s (%s)", p.email(), p.role().code(), p.displayName(), p.jobTitle()));
            }
        }
        java.util.Optional<String> setupToken = setup.issueTokenIfNeeded();
        http.start();
        urgent.start(java.time.Duration.ofSeconds(15));
        presence.start();
        // With port 0 the real port is known only now.
        String base = config.port() == 0 ? config.baseUrl().replace("localhost:0", "localhost:" + http.port()) : config.baseUrl();
        setupToken.ifPresent(token -> {
            banner.add("No platform admin exists yet. Create the first one (token valid 24 h, replaced at each start):");
            banner.add("  " + base + "/setup.html#token=" + token);
            banner.add("  or POST " + base + "/api/v1/setup with {\"token\":\"" + token + "\", ...} (see docs/operations.md)");
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.println("Confer is listening on " + config.bind() + ":" + http.port() + " (" + base + "), "
                + (config.isPostgres() ? "PostgreSQL" : "embedded H2 in " + config.dataDir()) + ", started in " + ms + " ms");
        banner.forEach(out::println);
        out.flush();
        return this;
    }

    public int port() {
        return http.port();
    }

    public List<Route> routes() {
        return routes;
    }

    public UrgentReminders urgent() {
        return urgent;
    }

    public StreamGateway stream() {
        return stream;
    }

    /** Presence state; tests call {@code presence().sweep()} instead of waiting for the periodic sweep. */
    public PresenceService presence() {
        return presence;
    }

    public Database database() {
        return db;
    }

    /** Stops accepting requests, lets in-flight ones finish (up to 10 s), then closes the pool. */
    @Override
    public void close() {
        try {
            // First, so the closing streams do not each announce "offline" to streams that are closing too.
            presence.close();
            urgent.close();
            stream.closeAll();
            http.stop();
        } finally {
            db.close();
            metrics.close();
        }
    }
}
