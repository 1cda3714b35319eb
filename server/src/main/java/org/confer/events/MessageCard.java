package org.confer.events;

import java.util.List;

/**
 * A bot message's structured part (docs/bots-and-results.md, "Cards"): a title, label/value
 * fields, a severity that colours it, buttons and an optional link into the app. Every string is
 * plain text: the web client renders it as text, never as HTML or markdown. The message's own
 * {@code text} is the markdown fallback (notifications, search, clients that do not draw cards).
 *
 * @param severity {@code info}, {@code success}, {@code warning} or {@code critical}
 * @param link     an app route such as {@code #/results/<id>} (validated: only {@code #/...}), or null
 */
public record MessageCard(String title, String severity, List<Field> fields, List<Action> actions, String footer,
                          String link) {

    public static final int MAX_FIELDS = 20;
    public static final int MAX_ACTIONS = 5;

    /** One row of the card. */
    public record Field(String label, String value) {}

    /**
     * A button. {@code id} is {@code <handler>:<argument>} (e.g. {@code results.ack:<uuid>},
     * {@code requests.claim:<uuid>}); pressing it calls
     * {@code POST /api/v1/conversations/{c}/messages/{m}/actions/{id}}.
     *
     * @param style {@code primary}, {@code danger} or {@code default}
     */
    public record Action(String id, String label, String style) {}
}
