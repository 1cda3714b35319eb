package org.confer.app;

import org.confer.http.Json;
import org.confer.http.Route;
import org.confer.audit.AuditTrail;
import org.confer.visits.VisitsModule;
import org.confer.search.SearchModule;
import org.confer.files.FilesModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.confer.activity.ActivityRoutes;
import org.confer.calls.CallRoutes;
import org.confer.calls.CallService;
import org.confer.calls.CallStore;
import org.confer.calls.CallUsage;
import org.confer.calls.IceServers;
import org.confer.chat.AcknowledgementService;
import org.confer.chat.ChatAudience;
import org.confer.chat.ChatRoutes;
import org.confer.chat.ConversationAccess;
import org.confer.chat.ConversationMembership;
import org.confer.chat.ConversationService;
import org.confer.chat.ConversationStore;
import org.confer.chat.MessageService;
import org.confer.chat.MessageStore;
import org.confer.chat.ReactionService;
import org.confer.chat.ReadStateService;
import org.confer.chat.TeamRoutes;
import org.confer.chat.TeamService;
import org.confer.chat.TeamStore;
import org.confer.chat.UrgentReminders;
import org.confer.chat.UrgentStore;
import org.confer.chat.WriteBudgets;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.events.ConversationSeqs;
import org.confer.events.ConversationWriter;
import org.confer.events.EventLog;
import org.confer.events.EventLogs;
import org.confer.events.EventStore;
import org.confer.events.FrameWriter;
import org.confer.events.UserEventStore;
import org.confer.mail.MailStore;
import org.confer.mail.Mailer;
import org.confer.mail.OutboxSender;
import org.confer.meetings.MailOutboxRoutes;
import org.confer.pins.PinRoutes;
import org.confer.preferences.PreferencesRoutes;
import org.confer.realtime.PresenceRoutes;
import org.confer.realtime.PresenceService;
import org.confer.realtime.PresenceStore;
import org.confer.realtime.StreamEndpoint;
import org.confer.realtime.StreamHub;
import org.confer.realtime.StreamLimits;
import org.confer.realtime.TypingRelay;
import org.confer.identity.AuthService;
import org.confer.identity.Authenticator;
import org.confer.identity.DemoSeeder;
import org.confer.identity.DeviceCookies;
import org.confer.identity.ServerSecretStore;
import org.confer.identity.ServerSecrets;
import org.confer.identity.DirectoryService;
import org.confer.identity.IdentityRoutes;
import org.confer.identity.LoginThrottle;
import org.confer.identity.OrganisationPolicy;
import org.confer.identity.OrganisationPolicyStore;
import org.confer.identity.OrganisationStore;
import org.confer.identity.PasswordHasher;
import org.confer.identity.PasswordPolicy;
import org.confer.identity.SessionService;
import org.confer.identity.SessionStore;
import org.confer.identity.SetupService;
import org.confer.identity.SetupTokenStore;
import org.confer.identity.Tokens;
import org.confer.identity.UserStore;
import org.confer.media.JanusRelay;
import org.confer.media.MediaServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every store, service and route with plain constructors, in
 * dependency order, and owns their lifecycle. Nothing else creates long-lived objects.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    static final String DEVICE_COOKIE_KEY = "device-cookie-key";
    static final String METRICS_TOKEN = "metrics-token";
    /** The key of the public booking page's proof-of-work challenges: shared by the nodes, so any node checks any challenge. */
    static final String VISITS_POW_KEY = "visits-pow-key";

    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean(); // for /readyz
    private final Config config;
    private final Metrics metrics;
    private final Database db;
    private final HttpServer http;
    private final List<Route> routes;
    private final SetupService setup;
    private final DemoSeeder demo;
    private final StreamHub stream;
    private final UrgentReminders urgent;
    private final PresenceService presence;
    private final ServerSecrets secrets;
    private final MetricsToken metricsToken;
    private final DirectoryService directory;
    private final CallService calls;
    private final MediaServers media;
    private final JanusRelay janusRelay;
    private final OutboxSender mailSender;
    private final Integrations integrations;
    private final VisitsModule visits;
    private final DemoVisits demoVisits;
    private final FilesModule files; // docs/files.md; messages carry files through chat.Attachments
    private final SearchModule search;
    private final NodeBus nodeBus; // docs/cluster.md
    private final TrustAdministration administration; // admin operations, audit log, single sign-on, usage (issue 17)

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
        // Who may be with whom across organisations (docs/organisation-policy.md): chat, meetings and the directory ask it.
        OrganisationPolicy crossOrganisation = new OrganisationPolicy(new OrganisationPolicyStore(), organisations);
        // Lookalike display names are found by their UTS #39 skeleton (docs/security.md).
        org.confer.text.Confusables confusables = org.confer.text.Confusables.load();
        UserStore users = new UserStore(confusables::skeleton);
        SessionStore sessionStore = new SessionStore();

        SessionService sessions = new SessionService(db, sessionStore, tokens, clock,
                config.sessionIdleTimeout(), config.sessionMaxAge());
        LoginThrottle throttle = new LoginThrottle(config.loginAttemptsPerAccount(), config.loginAttemptsPerAddress(),
                config.loginAccountCeiling(), clock, metrics.registry());
        this.secrets = new ServerSecrets(db, new ServerSecretStore(), tokens, clock);
        this.metricsToken = new MetricsToken(config.metricsToken(), () -> secrets.getOrCreate(METRICS_TOKEN), config.dataDir());
        DeviceCookies devices = new DeviceCookies(() -> secrets.getOrCreate(DEVICE_COOKIE_KEY).value(), clock, config.secureCookies());
        AuthService auth = new AuthService(db, users, hasher, policy, throttle, sessions, devices, new AuditTrail(), clock);
        this.directory = new DirectoryService(db, organisations, users, sessions, hasher, policy, crossOrganisation, new AuditTrail(), clock);
        this.setup = new SetupService(db, new SetupTokenStore(), organisations, users, hasher, policy, tokens, throttle, clock);
        this.demo = new DemoSeeder(db, organisations, users, hasher, tokens, clock);
        Authenticator authenticator = new Authenticator(sessions, config.secureCookies());

        // Events: the two logs, the bus (NATS in a cluster) and the frames (org.confer.events); every feature writes through the writer.
        FrameWriter frames = new FrameWriter(mapper);
        EventStore events = new EventStore();
        UserEventStore userEvents = new UserEventStore();
        EventLog eventLog = new EventLog(db, events, userEvents, frames);
        ConversationStore conversations = new ConversationStore();
        ChatAudience audience = new ChatAudience(db, conversations);
        this.nodeBus = NodeBus.of(config, eventLog, audience, metrics.registry());
        Bus bus = nodeBus.bus();
        EventLogs logs = new EventLogs(new ConversationSeqs(), events, userEvents, bus, frames, mapper);
        ConversationWriter writer = new ConversationWriter(db, logs, clock, metrics.registry());

        // Chat: teams, conversations, messages.
        TeamStore teams = new TeamStore();
        MessageStore messageStore = new MessageStore();
        UrgentStore urgentStore = new UrgentStore();
        ConversationAccess access = new ConversationAccess(db, conversations, teams);
        ConversationMembership membership = new ConversationMembership(conversations, urgentStore, crossOrganisation);
        WriteBudgets budgets = new WriteBudgets(new WriteBudgets.Limits(config.postsPerMinutePerUser(), config.changesPerMinutePerUser(),
                config.readMarksPerMinutePerUser(), config.createsPerHourPerUser(), config.addsPerHourPerUser()), clock, metrics.registry());
        TeamService teamService = new TeamService(db, writer, teams, conversations, directory, crossOrganisation, membership, budgets, access);
        ConversationService conversationService = new ConversationService(db, writer, access, conversations, teams, directory,
                membership, budgets);
        this.files = new FilesModule(db, writer, config.files(), config.dataDir(), access, new AuditTrail(), clock, mapper);
        MessageService messages = new MessageService(db, writer, access, messageStore, conversations, teams, urgentStore, eventLog, budgets,
                files.attachments(), new AuditTrail());
        ReactionService reactions = new ReactionService(db, writer, access, messageStore, budgets);
        AcknowledgementService acknowledgements = new AcknowledgementService(db, writer, access, messageStore, urgentStore, budgets);
        ReadStateService reading = new ReadStateService(db, writer, access, conversations, messageStore, budgets);
        this.urgent = new UrgentReminders(writer, urgentStore, clock);

        // Realtime: presence, typing and the stream.
        this.presence = new PresenceService(db, new PresenceStore(), bus, clock, frames);
        StreamLimits limits = StreamLimits.defaults().withOutboundQueueFrames(config.streamQueueFrames())
                .withSendTimeout(config.streamSendTimeout()).withPingInterval(config.streamPingInterval())
                .withHelloTimeout(config.streamHelloTimeout());
        this.stream = new StreamHub(audience, bus, sessions, presence, limits, clock);
        stream.bindMetrics(metrics.registry());

        // Media: the SFU (an operator's Janus, the embedded one, or none) and the ICE servers.
        this.media = new MediaServers(config.media(), config.dataDir(), clock, mapper);
        IceServers iceServers = IceServers.from(media.ice());
        // Calls: each live call's roster is in the memory of one node, its owner (docs/calls-and-meetings.md).
        CallStore callStore = new CallStore();
        this.calls = new CallService(db, callStore, writer, access, audience, bus, frames, presence, mapper, media,
                iceServers, clock);
        // The browser's relay to Janus lets a VideoRoom join through only for a person the call
        // still admits and whose grant has not expired; leaving, removal or denial closes their sockets.
        this.janusRelay = new JanusRelay(authenticator, media::janusWsUrl,
                (userId, room) -> calls.mayJoinRoom(userId, room) && media.mayJoin(userId, room), mapper);
        calls.onRevoked((userId, room) -> {
            media.revoke(userId, room);
            janusRelay.closeFor(userId, room);
        });
        StreamEndpoint endpoint = new StreamEndpoint(stream, eventLog, frames, authenticator, mapper, presence,
                new TypingRelay(bus, frames, clock), sessions, clock, List.of(calls.signalling()));
        bus.subscribe(stream);
        bus.subscribe(new org.confer.realtime.PresenceAcrossNodes(presence)); // docs/cluster.md
        calls.listeners().forEach(bus::subscribe);
        this.search = new SearchModule(db, config.dataDir(), directory, bus, clock, mapper); // docs/search.md
        nodeBus.carrySessionChanges(sessions);
        nodeBus.carrySignInAttempts(throttle);

        List<Route> all = new ArrayList<>();
        all.addAll(new OperationsRoutes(db, metrics, metricsToken::value, started::get).routes());
        all.addAll(new IdentityRoutes(auth, sessions, directory, setup, authenticator, devices, mapper).routes());
        all.addAll(new TeamRoutes(teamService, mapper).routes());
        all.addAll(new ChatRoutes(conversationService, messages, reactions, acknowledgements, reading, eventLog, mapper).routes());
        all.addAll(new PresenceRoutes(presence, mapper).routes());
        all.addAll(PreferencesRoutes.build(db, writer, mapper, clock).routes());
        all.addAll(PinRoutes.build(db, writer, clock).routes());
        all.addAll(new CallRoutes(calls, new CallUsage(db, callStore, clock), mapper).routes());
        all.addAll(files.routes());
        all.addAll(ActivityRoutes.build(db, mapper, clock).routes());
        all.addAll(search.routes());

        // Mail: every mail is written to the outbox in its change's transaction; SMTP delivers it when configured.
        MailStore mailStore = new MailStore();
        Mailer mailer = new Mailer(db, mailStore);
        this.mailSender = new OutboxSender(db, mailStore, clock, config.smtp());
        all.addAll(new MailOutboxRoutes(mailer).routes());

        // Meetings: scheduled meetings, their invitations (.ics) and the calendar.
        all.addAll(new org.confer.meetings.MeetingsModule(db, writer, conversationService, directory, crossOrganisation, mailer, calls,
                java.net.URI.create(config.baseUrl()).getHost(), this::publicBaseUrl, clock, mapper).routes());
        // Bots, webhooks, service requests and results (docs/bots-and-results.md).
        this.integrations = new Integrations(db, new Integrations.Chat(access, messages, conversationService, acknowledgements,
                teamService, writer, bus), directory, users, tokens, authenticator, config.results().mllp(), clock, mapper,
                metrics.registry(), this::publicBaseUrl);
        all.addAll(integrations.routes());
        // Virtual visits (docs/virtual-visits.md): booking calendars, the public booking page's API, reminders.
        this.visits = new VisitsModule(db, directory, integrations.botPoster(), mailer, new AuditTrail(), clock, mapper,
                this::publicBaseUrl, config.visits(),
                () -> secrets.getOrCreate(VISITS_POW_KEY).value().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new VisitsModule.JoinDeps(conversationService, calls, authenticator, sessions,
                        guestId -> stream.disconnectUser(guestId, "the visit was cancelled")));
        all.addAll(visits.routes());
        this.administration = new TrustAdministration(config, db, new TrustAdministration.Identity(organisations, users, sessions, hasher,
                policy, tokens, directory, auth, authenticator, crossOrganisation), new TrustAdministration.Chat(teams, teamService,
                new org.confer.retention.RetentionModule.Features(writer, files.attachments(), sha -> files.blobs().open(sha))),
                mailer, clock, mapper, this::publicBaseUrl);
        all.addAll(administration.routes());
        this.demoVisits = new DemoVisits(db, users, teamService, visits.calendars());
        this.routes = List.copyOf(all);
        this.http = new HttpServer(config, routes, authenticator, mapper, metrics, endpoint, janusRelay);
    }

    /** Migrates, seeds or prepares first-start set-up, then starts serving. Prints the banner to {@code out}. */
    public App start(PrintStream out) {
        long t0 = System.nanoTime();
        int applied = db.migrate();
        log.info("database {} ready ({} migrations applied)", db.dialect(), applied);
        administration.prepare();
        search.start();
        int filled = directory.fillMissingNameSkeletons();
        if (filled > 0) {
            log.info("display-name skeletons computed for {} existing users", filled);
        }
        List<String> banner = new ArrayList<>();
        if (config.demo()) {
            banner.addAll(demo.seed(config.demoPassword(), config.dataDir()).bannerLines());
            banner.add(integrations.seedDemo());
        }
        java.util.Optional<String> setupToken = setup.issueTokenIfNeeded();
        banner.add(metricsToken.banner());
        http.start();
        if (config.demo()) {
            // After the port is known: a calendar's view carries its public booking address.
            banner.add(demoVisits.seed());
        }
        // After the port is ours: a start that fails there leaves no Janus behind.
        media.start();
        urgent.start(java.time.Duration.ofSeconds(15));
        presence.start();
        stream.start();
        calls.start();
        mailSender.start();
        integrations.start(config.results().tick());
        visits.start();
        files.start();
        administration.start();
        started.set(true);
        StartBanner.print(out, config, http.port(), publicBaseUrl(), (System.nanoTime() - t0) / 1_000_000, banner, setupToken);
        return this;
    }

    public int port() {
        return http.port();
    }

    /** The public address; with port 0 (tests) the real port is known only once started. */
    private String publicBaseUrl() {
        return config.port() == 0 ? config.baseUrl().replace("localhost:0", "localhost:" + http.port()) : config.baseUrl();
    }

    /** The mail outbox's SMTP sender; tests call {@code mailSender().sendDue()} instead of waiting for its timer. */
    public OutboxSender mailSender() {
        return mailSender;
    }

    public List<Route> routes() {
        return routes;
    }

    public UrgentReminders urgent() {
        return urgent;
    }

    /** The stream fan-out of this node (tests count its connections). */
    public StreamHub stream() {
        return stream;
    }

    /** Presence state; tests call {@code presence().sweep()} instead of waiting for the periodic sweep. */
    public PresenceService presence() {
        return presence;
    }

    /** Calls; tests call {@code calls().sweep()} after moving the clock instead of waiting for the periodic sweep. */
    public CallService calls() {
        return calls;
    }

    /** The SFU, ICE servers and the embedded Janus; calls get their rooms and grants from it. */
    public MediaServers media() {
        return media;
    }

    /** The browser's relay to Janus; calls close a removed person's sockets with {@code closeFor}. */
    public JanusRelay janusRelay() {
        return janusRelay;
    }

    /** Bots, webhooks, requests and results; tests drive their timers and MLLP port through it. */
    public Integrations integrations() {
        return integrations;
    }

    /** Virtual visits; tests run {@code visits().reminders().runDue()} after moving the clock. */
    public VisitsModule visits() {
        return visits;
    }

    /** Usage analytics; tests call {@code analytics().rollup().run()} instead of waiting for its timer. */
    public org.confer.analytics.AnalyticsModule analytics() {
        return administration.analytics();
    }

    /** Retention; tests call {@code retention().runNow()} instead of waiting for its timer. */
    public org.confer.retention.RetentionModule retention() {
        return administration.retention();
    }

    public Database database() {
        return db;
    }

    /** Stops accepting requests, lets in-flight ones finish (up to 10 s), then closes the pool. */
    @Override
    public void close() {
        // First: /readyz answers 503 from here on, so a load balancer that checks it takes this node
        // out while it closes its timers and streams (deploy/haproxy/confer.cfg).
        started.set(false);
        nodeBus.drain(config.drainTime());
        try {
            // First, so the closing streams do not each announce "offline" to streams that are closing too.
            presence.close();
            urgent.close();
            calls.close();
            mailSender.close();
            integrations.close();
            visits.close();
            administration.close();
            stream.closeAll();
            janusRelay.closeAll();
            http.stop();
        } finally {
            media.close();
            files.close(); // after the last request: a download may still be reading a blob
            search.close();
            nodeBus.close();
            db.close();
            metrics.close();
        }
    }
}
