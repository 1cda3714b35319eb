package org.confer.results;

import java.util.UUID;
import java.util.stream.Collectors;
import org.confer.bots.ActionCall;
import org.confer.bots.ActionReply;
import org.confer.bots.CommandCall;
import org.confer.bots.CommandRegistry;
import org.confer.bots.CommandReply;
import org.confer.bots.SlashCommand;
import org.confer.http.ApiException;

/**
 * {@code /results watch <NHS number> [test]}, {@code /results unwatch <NHS number> [test]},
 * {@code /results watches}, and the card's Acknowledge button ({@code results.ack:<resultId>}).
 */
public final class ResultCommands {
    static final String USAGE = "watch <NHS number> [test] | unwatch <NHS number> [test] | watches";

    private final ResultAdmin admin;
    private final ResultService results;

    public ResultCommands(ResultAdmin admin, ResultService results) {
        this.admin = admin;
        this.results = results;
    }

    /** Registers the command and the button; {@code botUserId} is null: each organisation's Results bot answers. */
    public void register(CommandRegistry registry) {
        registry.registerBuiltIn(new SlashCommand("results", USAGE, "Watch a patient's results and be told when they arrive", null),
                this::run);
        registry.registerActions(ResultCards.ACK_PREFIX, this::acknowledge);
    }

    CommandReply run(CommandCall call) {
        String text = call.text() == null ? "" : call.text().strip();
        String[] words = text.split("\\s+", 2);
        String verb = words[0].toLowerCase(java.util.Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        return switch (verb) {
            case "watch" -> {
                Target t = target(rest);
                var w = admin.watch(call.who(), t.nhs(), t.test());
                yield CommandReply.text("Watching NHS " + ResultCards.formatNhs(w.nhsNumber())
                        + (w.test() == null ? " (every test)" : " (" + w.test() + ")") + ": I will message you when a result arrives.");
            }
            case "unwatch" -> {
                Target t = target(rest);
                int n = admin.unwatch(call.who(), t.nhs(), t.test());
                yield CommandReply.text(n == 0 ? "You were not watching that." : "Stopped " + n + (n == 1 ? " watch." : " watches."));
            }
            case "watches" -> {
                var all = admin.watches(call.who());
                yield CommandReply.text(all.isEmpty() ? "You are not watching any patient." : all.stream()
                        .map(w -> "- NHS " + ResultCards.formatNhs(w.nhsNumber()) + (w.test() == null ? " (every test)" : " (" + w.test() + ")"))
                        .collect(Collectors.joining("\n", "Your watches:\n", "")));
            }
            default -> CommandReply.text("Usage: /results " + USAGE);
        };
    }

    private record Target(String nhs, String test) {}

    /** "943 476 5919 potassium": the NHS number may be written with spaces, so take up to ten digits first. */
    private static Target target(String rest) {
        StringBuilder digits = new StringBuilder();
        int i = 0;
        while (i < rest.length() && digits.length() < 10 && (Character.isDigit(rest.charAt(i)) || rest.charAt(i) == ' '
                || rest.charAt(i) == '-')) {
            if (Character.isDigit(rest.charAt(i))) {
                digits.append(rest.charAt(i));
            }
            i++;
        }
        if (digits.isEmpty()) {
            throw ApiException.invalid("text", "Usage: /results watch <NHS number> [test], e.g. /results watch 943 476 5919 potassium");
        }
        String test = rest.substring(i).strip();
        return new Target(digits.toString(), test.isEmpty() ? null : test);
    }

    ActionReply acknowledge(ActionCall call) {
        UUID resultId;
        try {
            resultId = UUID.fromString(call.argument());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Result");
        }
        var ack = results.acknowledge(call.who(), resultId, "button");
        return new ActionReply(ack.acknowledgedBy().equals(call.who().userId()) ? "Acknowledged — thank you."
                : "Already acknowledged by a colleague.");
    }
}
