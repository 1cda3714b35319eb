package org.confer.results;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.bots.BuiltInBot;
import org.confer.chat.ConversationAccess;
import org.confer.clinical.NhsNumber;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;

/**
 * What configures routing and escalation: watches, professional identifiers, deputies, on-call
 * roles and their holders, the organisation's settings and its HL7 feeds. Everything is scoped to
 * the caller's organisation; a person or role of another organisation is "not found".
 */
public final class ResultAdmin {
    static final Set<String> SYSTEMS = Set.of("GMC", "NMC", "HCPC", "LOCAL");
    /** A clinician watching more patients than this is better served by a team list. */
    static final int MAX_WATCHES = 200;
    static final int MAX_IDENTIFIERS = 10;
    static final int MAX_CHAIN = 10;
    /** A day: longer than any sane escalation step; a typo of 50000 is refused rather than silently useless. */
    static final int MAX_MINUTES = 1440;

    private final Database db;
    private final ResultDirectoryStore directory;
    private final ConversationAccess conversations;
    private final BotPoster bots;
    private final AuditTrail audit;
    private final Clock clock;

    public ResultAdmin(Database db, ResultDirectoryStore directory, ConversationAccess conversations, BotPoster bots, AuditTrail audit,
                       Clock clock) {
        this.db = db;
        this.directory = directory;
        this.conversations = conversations;
        this.bots = bots;
        this.audit = audit;
        this.clock = clock;
    }

    // --- watches

    public List<ResultViews.Watch> watches(Principal who) {
        return directory.watchesBy(db.dsl(), who.userId()).stream()
                .map(w -> new ResultViews.Watch(w.id(), w.nhsNumber(), w.test().isEmpty() ? null : w.test(), w.createdAt())).toList();
    }

    public ResultViews.Watch watch(Principal who, String nhsNumber, String test) {
        String nhs = nhs(nhsNumber);
        String t = test(test);
        if (directory.watchesBy(db.dsl(), who.userId()).size() >= MAX_WATCHES) {
            throw new ApiException(ProblemType.CONFLICT, "You already watch " + MAX_WATCHES + " patients or tests; remove some first");
        }
        var w = db.dsl().transactionResult(cfg -> directory.insertWatch(cfg.dsl(), who.organisationId(),
                new ResultDirectoryStore.Watch(UUID.randomUUID(), who.userId(), nhs, t, OffsetDateTime.now(clock))));
        return new ResultViews.Watch(w.id(), w.nhsNumber(), w.test().isEmpty() ? null : w.test(), w.createdAt());
    }

    public void unwatch(Principal who, UUID watchId) {
        if (!db.dsl().transactionResult(cfg -> directory.deleteWatch(cfg.dsl(), who.userId(), watchId))) {
            throw ApiException.notFound("Watch");
        }
    }

    /** Removes the watch of one test, or every watch of the patient when {@code test} is null; returns how many. */
    public int unwatch(Principal who, String nhsNumber, String test) {
        String nhs = nhs(nhsNumber);
        String t = test == null ? null : test(test);
        return db.dsl().transactionResult(cfg -> directory.deleteWatches(cfg.dsl(), who.userId(), nhs, t));
    }

    static String nhs(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("nhsNumber", "'nhsNumber' is required: ten digits, e.g. 943 476 5919");
        }
        return NhsNumber.normalise(text).orElseThrow(() -> ApiException.invalid("nhsNumber",
                text.replaceAll("[ -]", "").matches("[0-9]{10}")
                        ? "'" + text.strip() + "' is not a valid NHS number: its check digit is wrong (mistyped?)"
                        : "'nhsNumber' must be ten digits, e.g. 943 476 5919"));
    }

    private static String test(String test) {
        String t = test == null ? "" : test.strip();
        if (t.length() > 200) {
            throw ApiException.invalid("test", "'test' is at most 200 characters");
        }
        return t;
    }

    // --- identifiers

    public List<ResultViews.Identifier> identifiers(Principal who, UUID userId) {
        requirePersonOf(who.organisationId(), userId);
        return directory.identifiers(db.dsl(), userId).stream().map(i -> new ResultViews.Identifier(i.system(), i.value())).toList();
    }

    public List<ResultViews.Identifier> setIdentifiers(Principal who, UUID userId, List<ResultViews.Identifier> items) {
        requirePersonOf(who.organisationId(), userId);
        if (!who.administers(who.organisationId())) {
            throw ApiException.forbidden("Only organisation admins set professional identifiers");
        }
        if (items == null || items.size() > MAX_IDENTIFIERS) {
            throw ApiException.invalid("items", "'items' is a list of at most " + MAX_IDENTIFIERS + " identifiers");
        }
        List<ResultDirectoryStore.Identifier> ids = new ArrayList<>();
        for (ResultViews.Identifier i : items) {
            String system = i.system() == null ? "" : i.system().strip().toUpperCase(Locale.ROOT);
            String value = i.value() == null ? "" : i.value().strip();
            if (!SYSTEMS.contains(system)) {
                throw ApiException.invalid("system", "'system' is one of GMC, NMC, HCPC, LOCAL");
            }
            if (!value.matches("[A-Za-z0-9-]{1,64}") || ("GMC".equals(system) && !value.matches("[0-9]{7}"))) {
                throw ApiException.invalid("value", "GMC numbers are 7 digits; other identifiers 1-64 letters, digits or '-'");
            }
            ids.add(new ResultDirectoryStore.Identifier(system, value));
        }
        boolean saved = db.dsl().transactionResult(cfg -> {
            if (!directory.replaceIdentifiers(cfg.dsl(), who.organisationId(), userId, ids)) {
                throw new ApiException(ProblemType.CONFLICT, "One of these identifiers belongs to another person of the organisation");
            }
            audit.record(cfg.dsl(), who.organisationId(), who.userId(), "identifiers.changed", "user", userId,
                    Map.of("identifiers", ids.stream().map(i -> i.system() + " " + i.value()).toList()), OffsetDateTime.now(clock));
            return true;
        });
        return saved ? identifiers(who, userId) : List.of();
    }

    // --- deputy

    /** My named deputy, or null. */
    public UUID deputy(Principal who) {
        return directory.deputyOf(db.dsl(), who.userId()).orElse(null);
    }

    public void setDeputy(Principal who, UUID deputyId) {
        if (deputyId != null) {
            requirePersonOf(who.organisationId(), deputyId);
            if (deputyId.equals(who.userId())) {
                throw ApiException.invalid("userId", "You cannot be your own deputy");
            }
        }
        db.dsl().transaction(cfg -> {
            directory.setDeputy(cfg.dsl(), who.userId(), deputyId);
            audit.record(cfg.dsl(), who.organisationId(), who.userId(), "deputy.changed", "user", who.userId(),
                    deputyId == null ? Map.of() : Map.of("deputy", deputyId.toString()), OffsetDateTime.now(clock));
        });
    }

    // --- on-call roles

    public List<ResultViews.OnCallRole> roles(Principal who) {
        return directory.roles(db.dsl(), who.organisationId()).stream().map(this::roleView).toList();
    }

    public ResultViews.OnCallRole createRole(Principal who, String name) {
        requireAdmin(who);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw ApiException.invalid("name", "'name' is 1-100 characters, e.g. 'Medical registrar on call'");
        }
        var role = new ResultDirectoryStore.OnCallRole(UUID.randomUUID(), n, null, OffsetDateTime.now(clock));
        if (!db.dsl().transactionResult(cfg -> directory.insertRole(cfg.dsl(), who.organisationId(), role))) {
            throw new ApiException(ProblemType.CONFLICT, "An on-call role of that name exists");
        }
        return roleView(role);
    }

    /** Org admins set anyone of the organisation (or nobody); anyone may take a role over themselves. */
    public ResultViews.OnCallRole setHolder(Principal who, UUID roleId, UUID holderId) {
        var role = directory.role(db.dsl(), who.organisationId(), roleId).orElseThrow(() -> ApiException.notFound("On-call role"));
        boolean self = who.userId().equals(holderId);
        if (!self && !who.administers(who.organisationId())) {
            throw ApiException.forbidden("Only organisation admins hand a role to someone else; you may take it over yourself");
        }
        if (holderId != null) {
            requirePersonOf(who.organisationId(), holderId);
        }
        db.dsl().transaction(cfg -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            directory.setHolder(cfg.dsl(), roleId, holderId, now);
            audit.record(cfg.dsl(), who.organisationId(), who.userId(), "on-call.holder-changed", "on_call_role", roleId,
                    holderId == null ? Map.of("from", String.valueOf(role.holderId()))
                            : Map.of("from", String.valueOf(role.holderId()), "to", holderId.toString()), now);
        });
        return roleView(directory.role(db.dsl(), who.organisationId(), roleId).orElseThrow());
    }

    private ResultViews.OnCallRole roleView(ResultDirectoryStore.OnCallRole r) {
        String holder = r.holderId() == null ? null : directory.displayName(db.dsl(), r.holderId()).orElse(null);
        return new ResultViews.OnCallRole(r.id(), r.name(), r.holderId(), holder, r.updatedAt());
    }

    // --- settings

    public ResultViews.Settings settings(Principal who) {
        requireAdmin(who);
        var s = directory.settings(db.dsl(), who.organisationId());
        return new ResultViews.Settings(s.inboxConversationId(), s.deputyAfterMinutes(),
                s.chain().stream().map(c -> new ResultViews.Step(c.onCallRoleId(), c.afterMinutes())).toList());
    }

    public ResultViews.Settings saveSettings(Principal who, ResultViews.Settings s) {
        requireAdmin(who);
        if (s.deputyAfterMinutes() < 1 || s.deputyAfterMinutes() > MAX_MINUTES) {
            throw ApiException.invalid("deputyAfterMinutes", "'deputyAfterMinutes' is 1 to " + MAX_MINUTES);
        }
        List<ResultViews.Step> chain = s.chain() == null ? List.of() : s.chain();
        if (chain.size() > MAX_CHAIN) {
            throw ApiException.invalid("chain", "the chain has at most " + MAX_CHAIN + " steps");
        }
        for (ResultViews.Step step : chain) {
            if (step.onCallRoleId() == null || directory.role(db.dsl(), who.organisationId(), step.onCallRoleId()).isEmpty()) {
                throw ApiException.invalid("chain", "each step names an on-call role of your organisation");
            }
            if (step.afterMinutes() < 1 || step.afterMinutes() > MAX_MINUTES) {
                throw ApiException.invalid("chain", "each step's afterMinutes is 1 to " + MAX_MINUTES);
            }
        }
        if (s.inboxConversationId() != null) {
            // The admin chooses a channel they are in; the Results bot then joins it to post there.
            var c = conversations.requireMember(who, s.inboxConversationId());
            bots.join(bots.builtIn(who.organisationId(), BuiltInBot.RESULTS), c.id());
        }
        db.dsl().transaction(cfg -> {
            directory.saveSettings(cfg.dsl(), who.organisationId(), new ResultDirectoryStore.Settings(s.inboxConversationId(),
                    s.deputyAfterMinutes(), chain.stream().map(x -> new ResultDirectoryStore.Step(x.onCallRoleId(), x.afterMinutes())).toList()));
            audit.record(cfg.dsl(), who.organisationId(), who.userId(), "results.settings-changed", "organisation",
                    who.organisationId(), Map.of("deputyAfterMinutes", s.deputyAfterMinutes(), "steps", chain.size()),
                    OffsetDateTime.now(clock));
        });
        return settings(who);
    }

    // --- feeds

    public List<ResultViews.Feed> feeds(Principal who) {
        requireAdmin(who);
        return directory.feeds(db.dsl(), who.organisationId()).stream()
                .map(f -> new ResultViews.Feed(f.id(), f.sendingFacility(), f.name(), f.createdAt())).toList();
    }

    public ResultViews.Feed createFeed(Principal who, String sendingFacility, String name) {
        requireAdmin(who);
        String facility = sendingFacility == null ? "" : sendingFacility.strip();
        if (!facility.matches("[^|^~\\\\&\\p{Cntrl}]{1,180}")) {
            throw ApiException.invalid("sendingFacility", "'sendingFacility' is MSH-4 as the lab sends it (1-180 characters, no HL7 delimiters)");
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw ApiException.invalid("name", "'name' is 1-200 characters");
        }
        var f = new ResultDirectoryStore.Feed(UUID.randomUUID(), who.organisationId(), facility, n, OffsetDateTime.now(clock));
        db.dsl().transaction(cfg -> {
            if (!directory.insertFeed(cfg.dsl(), f)) {
                throw new ApiException(ProblemType.CONFLICT, "That sending facility already has a feed");
            }
            audit.record(cfg.dsl(), who.organisationId(), who.userId(), "results.feed-created", "result_feed", f.id(),
                    Map.of("sendingFacility", facility), f.createdAt());
        });
        return new ResultViews.Feed(f.id(), f.sendingFacility(), f.name(), f.createdAt());
    }

    private void requirePersonOf(UUID organisationId, UUID userId) {
        if (!directory.activeIn(db.dsl(), organisationId, userId)) {
            throw ApiException.notFound("User");
        }
    }

    private static void requireAdmin(Principal who) {
        if (!who.administers(who.organisationId())) {
            throw ApiException.forbidden("This needs the organisation admin role");
        }
    }
}
