package org.confer.requests;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.confer.bots.ActionReply;
import org.confer.bots.CommandCall;
import org.confer.bots.CommandRegistry;
import org.confer.bots.CommandReply;
import org.confer.bots.SlashCommand;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.requests.RequestService.Filing;
import org.confer.requests.RequestService.StatusChange;
import org.confer.requests.RequestViews.RequestView;

/**
 * {@code /request <service> [routine|urgent|emergency] <details>} and the queue card's buttons
 * (Claim, Start, Done). A command files exactly what the form would, through the same service;
 * what it cannot say (a location, required form fields) it asks for by reply instead of guessing.
 */
public final class RequestCommands {
    static final String USAGE = "<service> [urgent|emergency] <details>";
    /** What the card shows as the location of a request filed by command: the details say where. */
    static final String LOCATION_IN_DETAILS = "See details";

    private final Database db;
    private final RequestStore store;
    private final RequestService requests;

    public RequestCommands(Database db, RequestStore store, RequestService requests) {
        this.db = db;
        this.store = store;
        this.requests = requests;
    }

    /** Registers /request and the requests.* buttons (called once, from App). */
    public void register(CommandRegistry registry) {
        // A built-in command is shared by every organisation; each organisation's Requests bot answers it.
        registry.registerBuiltIn(new SlashCommand("request", USAGE,
                "Ask a team for a service (phlebotomy, porters, imaging…); the team's queue gets it", null), this::run);
        registry.registerActions("requests.claim", call -> reply(requests.claim(call.who(), id(call.argument())), "claimed"));
        registry.registerActions("requests.start", call -> reply(requests.changeStatus(call.who(), id(call.argument()),
                new StatusChange("in-progress", null)), "started"));
        registry.registerActions("requests.done", call -> reply(requests.changeStatus(call.who(), id(call.argument()),
                new StatusChange("done", null)), "marked done"));
    }

    CommandReply run(CommandCall call) {
        String text = call.text() == null ? "" : call.text().strip();
        List<ServiceDefinition> services = store.services(db.dsl(), call.who().organisationId());
        if (text.isEmpty()) {
            return CommandReply.text("Usage: `/request " + USAGE + "`. " + offered(services));
        }
        String[] words = text.split("\\s+", 2);
        String slug = words[0].toLowerCase(Locale.ROOT);
        ServiceDefinition s = services.stream().filter(x -> x.slug().equals(slug)).findFirst().orElse(null);
        if (s == null) {
            return CommandReply.text("There is no service called `" + clip(words[0]) + "`. " + offered(services));
        }
        String rest = words.length > 1 ? words[1] : "";
        String[] next = rest.split("\\s+", 2);
        Priority priority = Priority.parse(next[0]).orElse(null);
        String details = (priority == null ? rest : next.length > 1 ? next[1] : "").strip();
        if (details.isEmpty()) {
            return CommandReply.text("Say what you need and where: `/request " + s.slug() + " [urgent|emergency] bed 12 ward 7 fasting bloods`");
        }
        List<FormField> missing = RequestForms.missing(s.fields(), Map.of());
        if (!missing.isEmpty()) {
            return CommandReply.text(s.name() + " needs " + missing.stream().map(FormField::label).collect(Collectors.joining(", "))
                    + ", which a command cannot fill in: use the request form (Requests → New request).");
        }
        RequestView r = requests.file(call.who(), new Filing(s.id(), priority == null ? null : priority.code(),
                LOCATION_IN_DETAILS, null, details, Map.of(), "cmd:" + call.invocationId()));
        return CommandReply.text("Filed " + s.name() + " request #" + r.number() + " (" + r.priority() + "); due by "
                + RequestNotices.time(r.dueAt()) + ". The team's queue has it.");
    }

    private static String offered(List<ServiceDefinition> services) {
        if (services.isEmpty()) {
            return "Your organisation offers no services yet.";
        }
        return "Services: " + services.stream().map(s -> "`" + s.slug() + "` (" + s.name() + ")").collect(Collectors.joining(", ")) + ".";
    }

    private static ActionReply reply(RequestView r, String what) {
        return new ActionReply("Request #" + r.number() + " " + what + ".");
    }

    private static UUID id(String argument) {
        try {
            return UUID.fromString(argument);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound("Request");
        }
    }

    /** An unknown name is echoed back, but never a paragraph of it. */
    private static String clip(String s) {
        String plain = s.replace("`", "");
        return plain.length() <= 40 ? plain : plain.substring(0, 40) + "…";
    }
}
