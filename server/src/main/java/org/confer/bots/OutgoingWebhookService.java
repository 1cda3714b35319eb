package org.confer.bots;

import java.net.IDN;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.events.MessageCard;
import org.confer.events.UserEvent.CommandReplied;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.identity.Tokens;
import org.confer.text.Fields;

/**
 * Outgoing webhooks: an organisation admin points a bot at a URL (checked by the SSRF guard) and
 * gets its signing secret once; admins keep the organisation's allow-list of private hosts; and
 * a bot answers a command or button press on its {@code response_url}, which becomes the
 * {@code command.replied} event of the person who ran it.
 */
public final class OutgoingWebhookService {
    /** Slack: a response_url takes up to five answers within 30 minutes. */
    static final int MAX_ANSWERS = 5;
    static final Duration ANSWER_WINDOW = Duration.ofMinutes(30);
    static final int MAX_ALLOWED_HOSTS = 50;

    /** A bot's outgoing webhook as its admin sees it; {@code signingSecret} only in the answer that made it. */
    public record Configured(UUID botId, String url, List<String> events, boolean enabled, String signingSecret) {}

    private final Database db;
    private final WebhookStore store;
    private final SsrfGuard guard;
    private final ConversationWriter writer;
    private final AuditTrail audit;
    private final Tokens tokens;
    private final Clock clock;

    public OutgoingWebhookService(Database db, WebhookStore store, SsrfGuard guard, ConversationWriter writer, AuditTrail audit,
                                  Tokens tokens, Clock clock) {
        this.db = db;
        this.store = store;
        this.guard = guard;
        this.writer = writer;
        this.audit = audit;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Sets the bot's URL and triggers; a new signing secret each time (the old one stops at once). */
    public Configured configure(Principal who, UUID botId, String url, List<String> events, Boolean enabled) {
        UUID org = requireAdminOfBot(who, botId);
        Set<OutgoingEvent> chosen = EnumSet.noneOf(OutgoingEvent.class);
        for (String e : events == null ? List.<String>of() : events) {
            chosen.add(OutgoingEvent.ofSetting(e).orElseThrow(() ->
                    ApiException.invalid("events", "events are among mention, direct, command and action; got '" + e + "'")));
        }
        if (chosen.isEmpty()) {
            throw ApiException.invalid("events", "Choose at least one of mention, direct, command and action");
        }
        Set<String> allowed = Set.copyOf(store.allowedHosts(db.dsl(), org));
        String checkedUrl = guard.check(url, allowed::contains).uri().toString();
        String secret = "whsec_" + tokens.newToken();
        boolean on = enabled == null || enabled;
        OffsetDateTime now = now();
        db.dsl().transaction(cfg -> {
            store.upsertOutgoing(cfg.dsl(), new WebhookStore.OutgoingHook(botId, checkedUrl, secret, chosen, on), who.userId(), now);
            audit.record(cfg.dsl(), org, who.userId(), "webhook.outgoing_set", "bot", botId,
                    Map.of("url", checkedUrl, "events", settings(chosen), "enabled", on), now);
        });
        return new Configured(botId, checkedUrl, settings(chosen), on, secret);
    }

    /** The bot's outgoing webhook without its secret; 404 when it has none. */
    public Configured outgoing(Principal who, UUID botId) {
        requireAdminOfBot(who, botId);
        WebhookStore.OutgoingHook h = store.outgoing(db.dsl(), botId).orElseThrow(() -> ApiException.notFound("Outgoing webhook"));
        return new Configured(botId, h.url(), settings(h.events()), h.enabled(), null);
    }

    public List<String> allowedHosts(Principal who) {
        return store.allowedHosts(db.dsl(), who.organisationId());
    }

    /** Replaces the caller's organisation's allow-list (org admins; route access USER_ADMIN). */
    public List<String> replaceAllowedHosts(Principal who, List<String> hosts) {
        if (!who.administers(who.organisationId())) {
            throw ApiException.forbidden("Only organisation admins manage the webhook allow-list");
        }
        TreeSet<String> clean = new TreeSet<>();
        for (String h : hosts == null ? List.<String>of() : hosts) {
            clean.add(host(h));
        }
        if (clean.size() > MAX_ALLOWED_HOSTS) {
            throw ApiException.invalid("hosts", "At most " + MAX_ALLOWED_HOSTS + " hosts");
        }
        List<String> list = new ArrayList<>(clean);
        OffsetDateTime now = now();
        db.dsl().transaction(cfg -> {
            store.replaceAllowedHosts(cfg.dsl(), who.organisationId(), list);
            audit.record(cfg.dsl(), who.organisationId(), who.userId(), "webhook.allowed_hosts_set", "organisation",
                    who.organisationId(), Map.of("hosts", String.join(",", list)), now);
        });
        return list;
    }

    /** The bot's answer to one invocation, shown only to the person who ran it. */
    public void answer(Principal bot, UUID invocationId, String text, MessageCard card) {
        String body = Fields.messageText(text, 16 * 1024);
        MessageCard c = card == null ? null : checkedCard(card);
        OffsetDateTime now = now();
        writer.write(tx -> {
            WebhookStore.Invocation inv = store.invocationForUpdate(tx.dsl(), invocationId)
                    .filter(i -> i.botUserId().equals(bot.userId()))
                    .orElseThrow(() -> ApiException.notFound("Invocation"));
            if (now.isAfter(inv.createdAt().plus(ANSWER_WINDOW)) || inv.answers() >= MAX_ANSWERS) {
                throw new ApiException(ProblemType.GONE, "A response_url takes " + MAX_ANSWERS + " answers within "
                        + ANSWER_WINDOW.toMinutes() + " minutes");
            }
            store.countAnswer(tx.dsl(), invocationId);
            tx.toUser(inv.userId(), new CommandReplied(inv.conversationId(), inv.botUserId(), inv.command(), body, c));
            return null;
        });
    }

    /** A card in a private answer: as valid as a posted one, without buttons (nothing could route them back). */
    private static MessageCard checkedCard(MessageCard card) {
        MessageCard c = org.confer.chat.Cards.valid(card);
        return new MessageCard(c.title(), c.severity(), c.fields(), List.of(), c.footer(), c.link());
    }

    /** The bot's organisation, when {@code who} administers it; 404 for anything else (ids cannot be probed). */
    private UUID requireAdminOfBot(Principal who, UUID botId) {
        UUID org = store.organisationOf(db.dsl(), botId).filter(o -> store.isBot(db.dsl(), botId))
                .orElseThrow(() -> ApiException.notFound("Bot"));
        if (!who.administers(org)) {
            throw ApiException.notFound("Bot");
        }
        return org;
    }

    /** A host name (IDN as ASCII, lower case) or an IP literal. */
    static String host(String raw) {
        String h = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        try {
            h = h.contains(":") ? h : IDN.toASCII(h, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("hosts", "'" + raw + "' is not a host name");
        }
        if (h.isEmpty() || h.length() > 253 || !h.matches("[a-z0-9.:-]+")) {
            throw ApiException.invalid("hosts", "'" + raw + "' is not a host name (no scheme, port or path)");
        }
        return h;
    }

    private static List<String> settings(Set<OutgoingEvent> events) {
        return events.stream().sorted().map(OutgoingEvent::setting).toList();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
