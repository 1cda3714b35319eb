package org.confer.bots;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.chat.Cards;
import org.confer.chat.ConversationService;
import org.confer.chat.Message;
import org.confer.chat.MessageService;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.events.MessageCard;
import org.confer.events.UserEvent.CommandReplied;
import org.confer.http.ApiException;
import org.confer.http.RateLimitedException;
import org.confer.identity.Principal;
import org.confer.limits.KeyedBudget;
import org.confer.text.Fields;

/**
 * What people do with bots in a conversation (docs/bots-and-results.md, "Slash commands",
 * "Cards"): list and run slash commands, press a card's button. Built-ins are answered by the
 * handlers in {@link CommandRegistry}; an external bot's command or button goes to
 * {@link BotDeliveries} (its outgoing webhook). A command's answer is private to the person who
 * ran it, and reaches their other devices as the user event command.replied.
 */
public final class BotInteractions {
    /**
     * Commands and button presses per person: 30 a minute, a burst of 10. A person types a
     * command every few seconds at most; a client loop must not flood the handlers (each may
     * write, or queue a webhook).
     */
    static final int PER_MINUTE = 30;
    static final int MAX_TEXT = 4000;

    /** A command as the composer offers it; {@code botId} null for a built-in (and /help). */
    public record CommandView(String name, String usage, String description, UUID botId) {}

    private final Database db;
    private final BotStore bots;
    private final CommandRegistry registry;
    private final BotDeliveries deliveries;
    private final ConversationService conversations;
    private final MessageService messages;
    private final ConversationWriter writer;
    private final KeyedBudget<UUID> budget;

    public BotInteractions(Database db, BotStore bots, CommandRegistry registry, BotDeliveries deliveries,
                           ConversationService conversations, MessageService messages, ConversationWriter writer, Clock clock) {
        this.db = db;
        this.bots = bots;
        this.registry = registry;
        this.deliveries = deliveries;
        this.conversations = conversations;
        this.messages = messages;
        this.writer = writer;
        this.budget = new KeyedBudget<>(10, PER_MINUTE, Duration.ofMinutes(1), clock, 100_000);
    }

    /** The commands usable in the conversation: /help, the built-ins, and those of the bots that are members. */
    public List<CommandView> commands(Principal who, UUID conversationId) {
        List<UUID> members = conversations.members(who, conversationId);
        List<CommandView> out = new ArrayList<>();
        out.add(new CommandView("help", "", "Lists the commands you can use here", null));
        registry.builtIns().forEach(c -> out.add(new CommandView(c.name(), c.usage(), c.description(), null)));
        bots.commandsOf(db.dsl(), bots.enabledBotsAmong(db.dsl(), members))
                .forEach(c -> out.add(new CommandView(c.name(), c.usage(), c.description(), c.botUserId())));
        return out;
    }

    /** Runs a command; the answer is the caller's alone (and goes to their devices as command.replied). */
    public CommandReply run(Principal who, UUID conversationId, String command, String text) {
        String given = Fields.required("command", command, 33);
        String name = given.startsWith("/") ? given.substring(1) : given;
        String args = text == null ? "" : Fields.multiline("text", text, MAX_TEXT);
        args = args == null ? "" : args;
        List<UUID> members = conversations.members(who, conversationId);
        take(who);
        CommandCall call = new CommandCall(who, conversationId, name, args, UUID.randomUUID());
        UUID answeredBy = null;
        CommandReply reply;
        Optional<CommandRegistry.Registered> builtIn = registry.builtIn(name);
        if ("help".equals(name)) {
            reply = CommandReply.text(help(commands(who, conversationId)));
        } else if (builtIn.isPresent()) {
            reply = builtIn.get().handler().run(call);
            answeredBy = builtIn.get().command().botUserId();
        } else {
            SlashCommand external = bots.commandInOrganisation(db.dsl(), who.organisationId(), name)
                    .filter(c -> members.contains(c.botUserId()) && !bots.enabledBotsAmong(db.dsl(), List.of(c.botUserId())).isEmpty())
                    .orElseThrow(() -> ApiException.invalid("command", "No command /" + name + " here; /help lists them"));
            answeredBy = external.botUserId();
            reply = deliveries.command(external.botUserId(), call)
                    ? CommandReply.text("Sent /" + name + "; the bot will answer shortly.")
                    : CommandReply.text("The bot behind /" + name + " cannot be reached (it has no outgoing webhook).");
        }
        return reply(who.userId(), conversationId, answeredBy, name, reply);
    }

    /**
     * Sends a command's answer to the person's devices (command.replied) and returns it. The
     * webhooks feature calls this when an external bot answers later on its response_url.
     */
    public CommandReply reply(UUID personId, UUID conversationId, UUID botId, String command, CommandReply reply) {
        MessageCard card = reply.card() == null ? null : Cards.valid(reply.card());
        CommandReply checked = new CommandReply(reply.text(), card);
        writer.write(tx -> {
            tx.toUser(personId, new CommandReplied(conversationId, botId, command, checked.text(), card));
            return null;
        });
        return checked;
    }

    /**
     * A press of a button on a message's card: the caller must be a member and the card must
     * carry the button (404 otherwise). The id's prefix picks a built-in handler; otherwise the
     * message's author, an external bot, gets it.
     */
    public ActionReply act(Principal who, UUID conversationId, UUID messageId, String actionId) {
        Message m = messages.visibleMessage(who, conversationId, messageId);
        if (m.deletedAt() != null || actionId == null || !Cards.hasAction(m.card(), actionId)) {
            throw ApiException.notFound("Action");
        }
        take(who);
        int colon = actionId.indexOf(':');
        String prefix = actionId.substring(0, colon);
        ActionCall call = new ActionCall(who, conversationId, messageId, actionId, actionId.substring(colon + 1));
        Optional<ActionHandler> handler = registry.actionsFor(prefix);
        if (handler.isPresent()) {
            return handler.get().act(call);
        }
        Optional<Bot> author = bots.byId(db.dsl(), m.authorId()).filter(b -> b.builtin() == null && b.enabled());
        if (author.isEmpty()) {
            throw ApiException.notFound("Action");
        }
        return deliveries.action(author.get().id(), call)
                ? new ActionReply("Sent to " + author.get().displayName())
                : new ActionReply(author.get().displayName() + " cannot be reached (it has no outgoing webhook)");
    }

    private void take(Principal who) {
        budget.tryTake(who.userId()).ifPresent(seconds -> {
            throw new RateLimitedException("Too many commands and button presses: at most " + PER_MINUTE
                    + " a minute; try again in " + seconds + " s", seconds);
        });
    }

    private static String help(List<CommandView> commands) {
        StringBuilder out = new StringBuilder("Commands you can use here:");
        for (CommandView c : commands) {
            out.append("\n/").append(c.name());
            if (c.usage() != null && !c.usage().isBlank()) {
                out.append(' ').append(c.usage());
            }
            out.append(" — ").append(c.description());
        }
        return out.toString();
    }
}
