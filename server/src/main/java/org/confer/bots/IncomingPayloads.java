package org.confer.bots;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.confer.events.MessageCard;
import org.confer.http.ApiException;

/**
 * A Slack incoming-webhook body as a Confer message (docs/bots-and-results.md, "Webhooks"):
 * {@code text} (mrkdwn → markdown), and a subset of {@code blocks} ({@code header},
 * {@code section} text and fields, {@code context}, {@code divider}) and of {@code attachments}
 * ({@code title}, {@code pretext}, {@code text}, {@code fields}, {@code color}, {@code footer})
 * made into a card. What is not understood is ignored and named in {@code ignored}, so whoever
 * wrote the integration can see why part of it did not show.
 */
final class IncomingPayloads {
    static final int MAX_TITLE = 200;
    static final int MAX_FIELD = 2000;

    /** What the hook will post: markdown text, an optional card, and what was left out. */
    record IncomingMessage(String text, MessageCard card, List<String> ignored) {}

    private IncomingPayloads() {}

    static IncomingMessage parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("text", "The body must be a JSON object with 'text', 'blocks' or 'attachments'");
        }
        Builder b = new Builder();
        JsonNode text = body.get("text");
        if (text != null && text.isTextual() && !text.asText().isBlank()) {
            b.lines.add(IncomingMrkdwn.toMarkdown(text.asText()));
        }
        JsonNode blocks = body.get("blocks");
        if (blocks != null && blocks.isArray()) {
            for (JsonNode block : blocks) {
                b.block(block);
            }
        }
        JsonNode attachments = body.get("attachments");
        if (attachments != null && attachments.isArray()) {
            for (JsonNode a : attachments) {
                b.attachment(a);
            }
        }
        for (String other : new String[] {"icon_emoji", "icon_url", "username", "channel", "thread_ts", "unfurl_links"}) {
            if (body.has(other)) {
                b.ignored.add(other);
            }
        }
        return b.build();
    }

    private static final class Builder {
        final List<String> lines = new ArrayList<>();
        final List<MessageCard.Field> fields = new ArrayList<>();
        final List<String> footers = new ArrayList<>();
        final Set<String> ignored = new LinkedHashSet<>();
        String title;
        String severity;

        void block(JsonNode block) {
            String type = block.path("type").asText("");
            switch (type) {
                case "header" -> heading(block.path("text").path("text").asText(""));
                case "section" -> {
                    addText(block.path("text"));
                    for (JsonNode f : block.path("fields")) {
                        sectionField(f);
                    }
                    if (block.has("accessory")) {
                        ignored.add("section.accessory");
                    }
                }
                case "context" -> {
                    List<String> parts = new ArrayList<>();
                    for (JsonNode e : block.path("elements")) {
                        if (e.has("text")) {
                            parts.add(IncomingMrkdwn.toPlain(e.path("text").asText("")));
                        } else {
                            ignored.add("context." + e.path("type").asText("element"));
                        }
                    }
                    if (!parts.isEmpty()) {
                        footers.add(String.join(" · ", parts));
                    }
                }
                case "divider" -> {
                    // A card draws its rows apart already; nothing to add.
                }
                default -> ignored.add("blocks." + (type.isEmpty() ? "(no type)" : type));
            }
        }

        void attachment(JsonNode a) {
            if (a.hasNonNull("pretext")) {
                lines.add(IncomingMrkdwn.toMarkdown(a.get("pretext").asText()));
            }
            if (a.hasNonNull("title")) {
                heading(a.get("title").asText());
            }
            if (a.hasNonNull("text")) {
                lines.add(IncomingMrkdwn.toMarkdown(a.get("text").asText()));
            } else if (a.hasNonNull("fallback") && lines.isEmpty()) {
                lines.add(IncomingMrkdwn.toMarkdown(a.get("fallback").asText()));
            }
            for (JsonNode f : a.path("fields")) {
                field(f.path("title").asText(""), f.path("value").asText(""));
            }
            if (a.hasNonNull("color") && severity == null) {
                severity = severity(a.get("color").asText());
            }
            if (a.hasNonNull("footer")) {
                footers.add(IncomingMrkdwn.toPlain(a.get("footer").asText()));
            }
            for (String other : new String[] {"actions", "image_url", "thumb_url", "author_name", "blocks"}) {
                if (a.has(other)) {
                    ignored.add("attachments." + other);
                }
            }
        }

        private void heading(String t) {
            String plain = IncomingMrkdwn.toPlain(t).strip();
            if (plain.isEmpty()) {
                return;
            }
            if (title == null) {
                title = cut(plain, MAX_TITLE);
            } else {
                lines.add("**" + plain + "**");
            }
        }

        private void addText(JsonNode t) {
            if (t.isMissingNode() || !t.has("text")) {
                return;
            }
            String s = t.path("text").asText("");
            lines.add("plain_text".equals(t.path("type").asText()) ? s : IncomingMrkdwn.toMarkdown(s));
        }

        /** A section field is one mrkdwn string, conventionally "*Label*\nvalue". */
        private void sectionField(JsonNode f) {
            String plain = IncomingMrkdwn.toPlain(f.path("text").asText("")).strip();
            int nl = plain.indexOf('\n');
            if (nl < 0) {
                field("", plain);
            } else {
                field(plain.substring(0, nl).strip().replaceAll(":$", ""), plain.substring(nl + 1).strip());
            }
        }

        private void field(String label, String value) {
            if (fields.size() >= MessageCard.MAX_FIELDS) {
                ignored.add("fields beyond " + MessageCard.MAX_FIELDS);
                return;
            }
            fields.add(new MessageCard.Field(cut(IncomingMrkdwn.toPlain(label).strip(), MAX_TITLE),
                    cut(IncomingMrkdwn.toPlain(value).strip(), MAX_FIELD)));
        }

        IncomingMessage build() {
            boolean hasCard = title != null || !fields.isEmpty() || !footers.isEmpty() || severity != null;
            MessageCard card = hasCard
                    ? new MessageCard(title, severity == null ? "info" : severity, List.copyOf(fields), List.of(),
                            footers.isEmpty() ? null : cut(String.join(" · ", footers), MAX_FIELD), null)
                    : null;
            String text = String.join("\n\n", lines.stream().filter(l -> !l.isBlank()).toList());
            if (text.isBlank() && card != null) {
                // The text is the fallback for notifications, search and old clients: never empty.
                text = card.title() != null ? card.title()
                        : card.fields().stream().map(f -> f.label() + " " + f.value()).findFirst().orElse("(card)");
            }
            if (text.isBlank()) {
                throw ApiException.invalid("text", "Nothing to post: give 'text', or 'blocks' or 'attachments' with content");
            }
            return new IncomingMessage(text, card, List.copyOf(ignored));
        }
    }

    /** Slack's named colours, and a hex colour by its dominant hue. */
    static String severity(String color) {
        String c = color.strip().toLowerCase(Locale.ROOT);
        switch (c) {
            case "good" -> { return "success"; }
            case "warning" -> { return "warning"; }
            case "danger" -> { return "critical"; }
            default -> { }
        }
        if (!c.matches("#?[0-9a-f]{6}")) {
            return "info";
        }
        int rgb = Integer.parseInt(c.replace("#", ""), 16);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int bl = rgb & 0xff;
        if (r > 150 && g < 100 && bl < 100) {
            return "critical";
        }
        if (r > 150 && g >= 100 && bl < 100) {
            return "warning";
        }
        if (g > 120 && r < g && bl < g) {
            return "success";
        }
        return "info";
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
