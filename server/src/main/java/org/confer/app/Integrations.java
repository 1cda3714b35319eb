package org.confer.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotInteractions;
import org.confer.bots.BotPoster;
import org.confer.bots.BotRoutes;
import org.confer.bots.BotService;
import org.confer.bots.BotStore;
import org.confer.bots.BotTokens;
import org.confer.bots.ChatBotPoster;
import org.confer.bots.CommandRegistry;
import org.confer.bots.SsrfGuard;
import org.confer.bots.Webhooks;
import org.confer.chat.AcknowledgementService;
import org.confer.chat.ConversationAccess;
import org.confer.chat.ConversationService;
import org.confer.chat.MessageService;
import org.confer.chat.TeamService;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.events.ConversationWriter;
import org.confer.http.Route;
import org.confer.identity.Authenticator;
import org.confer.identity.BotAccounts;
import org.confer.identity.DirectoryService;
import org.confer.identity.Tokens;
import org.confer.identity.UserStore;
import org.confer.requests.OverdueRequests;
import org.confer.requests.RequestsModule;
import org.confer.results.MllpSettings;
import org.confer.results.ResultsFeature;

/**
 * The integration platform of issue 14 (docs/bots-and-results.md), built in dependency order:
 * bots (accounts, tokens, cards, commands, buttons) and webhooks first, then the two built-in
 * bots that stand on them — Requests and Results. App builds this once and starts and stops it
 * with the rest; kept apart so the composition root stays readable.
 */
public final class Integrations implements AutoCloseable {
    private final BotPoster botPoster;
    private final CommandRegistry commandRegistry;
    private final Webhooks webhooks;
    private final RequestsModule requests;
    private final ResultsFeature results;
    private final DemoIntegrations demo;
    private final List<Route> routes = new ArrayList<>();

    /** What the integrations use of chat and identity, as App has built them. */
    record Chat(ConversationAccess access, MessageService messages, ConversationService conversations,
                AcknowledgementService acknowledgements, TeamService teams, ConversationWriter writer, Bus bus) {}

    Integrations(Database db, Chat chat, DirectoryService directory, UserStore users, Tokens tokens,
                 Authenticator authenticator, MllpSettings mllp, Clock clock, ObjectMapper mapper, MeterRegistry registry,
                 Supplier<String> publicBaseUrl) {
        BotStore botStore = new BotStore();
        BotAccounts botAccounts = new BotAccounts(users);
        AuditTrail auditTrail = new AuditTrail();
        this.commandRegistry = new CommandRegistry();
        this.botPoster = new ChatBotPoster(db, botStore, botAccounts, chat.messages(), chat.conversations(), directory,
                auditTrail, clock);
        // Incoming hooks (each with a bot of its own), outgoing ones with their outbox and SSRF guard.
        this.webhooks = new Webhooks(db, chat.access(), botPoster, (tx, org, name, by, now) -> {
            UUID bot = botAccounts.create(tx, org, name, true, now).id();
            botStore.insert(tx, bot, org, "Incoming webhook", null, by, now);
            return bot;
        }, chat.writer(), chat.bus(), auditTrail, tokens, clock, mapper, publicBaseUrl, SsrfGuard.Resolver.system());
        routes.addAll(webhooks.routes());
        BotTokens botTokens = new BotTokens(db, botStore, clock);
        authenticator.useBotTokens(botTokens);
        BotInteractions interactions = new BotInteractions(db, botStore, commandRegistry, webhooks.deliveries(),
                chat.conversations(), chat.messages(), chat.writer(), clock);
        routes.addAll(new BotRoutes(new BotService(db, botStore, botAccounts, botTokens, commandRegistry, auditTrail, clock),
                interactions, mapper).routes());
        this.requests = new RequestsModule(db, chat.writer(), directory, botPoster, commandRegistry, auditTrail, clock, mapper);
        routes.addAll(requests.routes());
        this.results = new ResultsFeature(db, botPoster, commandRegistry, chat.acknowledgements(), chat.access(), auditTrail,
                mllp, mapper, clock, registry);
        routes.addAll(results.routes());
        this.demo = new DemoIntegrations(db, users, chat.teams(), results.admin(), requests.catalogue());
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    void start(Duration resultsTick) {
        webhooks.start();
        results.start(resultsTick);
        requests.start();
    }

    /** Demo data for these features (a results feed, on-call roles, a Phlebotomy service); one banner line. */
    String seedDemo() {
        return demo.seed();
    }

    /** How the built-in bots post (tests drive it directly). */
    public BotPoster botPoster() {
        return botPoster;
    }

    /** The built-in slash commands and button handlers (tests register their own). */
    public CommandRegistry commandRegistry() {
        return commandRegistry;
    }

    /** Incoming and outgoing webhooks; tests call {@code webhooks().worker().runOnce()} instead of waiting. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** Results; tests read the MLLP port and run {@code escalations().tick()} after moving the clock. */
    public ResultsFeature results() {
        return results;
    }

    /** The overdue requests timer; tests call {@code overdueRequests().runDue()} after moving the clock. */
    public OverdueRequests overdueRequests() {
        return requests.overdue();
    }

    @Override
    public void close() {
        webhooks.close();
        results.close();
        requests.close();
    }
}
