package org.confer.bots;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in commands and button handlers, registered by the features that own them when
 * {@code App} builds them (results registers {@code /results} and {@code results.*} buttons,
 * requests {@code /request} and {@code requests.*}). Commands of external bots are stored in the
 * database by the bots feature, not here.
 */
public final class CommandRegistry {
    private final Map<String, Registered> commands = new ConcurrentHashMap<>();
    private final Map<String, ActionHandler> actions = new ConcurrentHashMap<>();

    /** A built-in command and what runs it. */
    public record Registered(SlashCommand command, CommandHandler handler) {}

    public void registerBuiltIn(SlashCommand command, CommandHandler handler) {
        if (commands.putIfAbsent(command.name(), new Registered(command, handler)) != null) {
            throw new IllegalStateException("two built-in commands are named /" + command.name());
        }
    }

    /** Registers the handler of the buttons whose id is {@code prefix + ":" + argument}. */
    public void registerActions(String prefix, ActionHandler handler) {
        if (actions.putIfAbsent(prefix, handler) != null) {
            throw new IllegalStateException("two handlers for the buttons " + prefix);
        }
    }

    public Optional<Registered> builtIn(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    public List<SlashCommand> builtIns() {
        return commands.values().stream().map(Registered::command).sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public Optional<ActionHandler> actionsFor(String prefix) {
        return Optional.ofNullable(actions.get(prefix));
    }
}
