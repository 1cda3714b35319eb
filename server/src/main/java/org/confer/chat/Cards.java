package org.confer.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.confer.events.MessageCard;
import org.confer.http.ApiException;
import org.confer.text.Fields;

/**
 * The rules of a message card (docs/bots-and-results.md, "Cards"): every string plain text and
 * bounded, so a card can never outgrow its column (16,000 characters) nor the screen. A refusal
 * is a 400 naming the exact field ({@code card.fields[3].value}).
 */
public final class Cards {
    static final int MAX_TITLE = 200;
    static final int MAX_LABEL = 80;
    static final int MAX_VALUE = 1000;
    static final int MAX_ACTION_LABEL = 40;
    static final int MAX_FOOTER = 300;
    static final int MAX_LINK = 300;
    private static final Set<String> SEVERITIES = Set.of("info", "success", "warning", "critical");
    private static final Set<String> STYLES = Set.of("primary", "danger", "default");
    /** {@code <handler prefix>:<argument>}; the prefix picks the handler (CommandRegistry or the bot's webhook). */
    public static final Pattern ACTION_ID = Pattern.compile("^[a-z][a-z0-9.-]*:[A-Za-z0-9._:-]{1,100}$");
    /** App routes only: a card can never link out of Confer (no javascript:, no phishing). */
    private static final Pattern LINK = Pattern.compile("^#/[A-Za-z0-9/_.~?=&%-]*$");

    private Cards() {}

    /** The card with its strings stripped, or a 400 naming the first field that breaks a rule. */
    public static MessageCard valid(MessageCard card) {
        if (card == null) {
            throw ApiException.invalid("card", "'card' is required");
        }
        String title = Fields.required("card.title", card.title(), MAX_TITLE);
        String severity = card.severity() == null ? "info" : card.severity();
        if (!SEVERITIES.contains(severity)) {
            throw ApiException.invalid("card.severity", "'card.severity' must be one of info, success, warning, critical");
        }
        List<MessageCard.Field> fields = card.fields() == null ? List.of() : card.fields();
        if (fields.size() > MessageCard.MAX_FIELDS) {
            throw ApiException.invalid("card.fields", "A card has at most " + MessageCard.MAX_FIELDS + " fields");
        }
        List<MessageCard.Field> outFields = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            MessageCard.Field f = fields.get(i);
            String at = "card.fields[" + i + "]";
            if (f == null) {
                throw ApiException.invalid(at, "'" + at + "' is empty");
            }
            outFields.add(new MessageCard.Field(Fields.required(at + ".label", f.label(), MAX_LABEL),
                    Fields.multiline(at + ".value", f.value(), MAX_VALUE)));
        }
        List<MessageCard.Action> actions = card.actions() == null ? List.of() : card.actions();
        if (actions.size() > MessageCard.MAX_ACTIONS) {
            throw ApiException.invalid("card.actions", "A card has at most " + MessageCard.MAX_ACTIONS + " buttons");
        }
        List<MessageCard.Action> outActions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            MessageCard.Action a = actions.get(i);
            String at = "card.actions[" + i + "]";
            if (a == null) {
                throw ApiException.invalid(at, "'" + at + "' is empty");
            }
            if (a.id() == null || !ACTION_ID.matcher(a.id()).matches() || !ids.add(a.id())) {
                throw ApiException.invalid(at + ".id", "'" + at + ".id' must be a unique <handler>:<argument>, such as requests.claim:42");
            }
            String style = a.style() == null ? "default" : a.style();
            if (!STYLES.contains(style)) {
                throw ApiException.invalid(at + ".style", "'" + at + ".style' must be primary, danger or default");
            }
            outActions.add(new MessageCard.Action(a.id(), Fields.required(at + ".label", a.label(), MAX_ACTION_LABEL), style));
        }
        String footer = Fields.optional("card.footer", card.footer(), MAX_FOOTER);
        String link = card.link();
        if (link != null && (link.length() > MAX_LINK || !LINK.matcher(link).matches())) {
            throw ApiException.invalid("card.link", "'card.link' must be an app route starting #/ (at most " + MAX_LINK + " characters)");
        }
        return new MessageCard(title, severity, List.copyOf(outFields), List.copyOf(outActions), footer, link);
    }

    /** Whether the card carries a button with this id. */
    public static boolean hasAction(MessageCard card, String actionId) {
        return card != null && card.actions() != null && card.actions().stream().anyMatch(a -> a.id().equals(actionId));
    }
}
