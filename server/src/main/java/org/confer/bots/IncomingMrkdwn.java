package org.confer.bots;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's "mrkdwn" as Confer's markdown (for a message's text) or as plain text (for a card,
 * whose strings are never formatted). Slack escapes only {@code & < >}; a real {@code <...>} is a
 * link ({@code <url|label>}, {@code <url>}) or a mention ({@code <@U123>}, {@code <!here>}), which
 * Confer cannot resolve and shows as its label. Code spans are left exactly as they are.
 */
final class IncomingMrkdwn {
    private static final Pattern LINK = Pattern.compile("<([^<>|\\n]+)(?:\\|([^<>\\n]*))?>");
    // An emphasis mark opens after a start, space or punctuation and closes before the same, as in Slack.
    private static final Pattern EMPHASIS = Pattern.compile(
            "(?<![\\p{L}\\p{N}*_~])([*_~])(?=\\S)([^\\n]*?\\S)\\1(?![\\p{L}\\p{N}*_~])");
    private static final Pattern CODE = Pattern.compile("```[\\s\\S]*?```|`[^`\\n]*`");

    private IncomingMrkdwn() {}

    /** mrkdwn → markdown: *bold* → **bold**, _it_ → *it*, ~strike~ → ~~strike~~, links → [label](url). */
    static String toMarkdown(String mrkdwn) {
        return outsideCode(mrkdwn, true);
    }

    /** mrkdwn → plain text: emphasis marks dropped, links as "label (url)", entities decoded. */
    static String toPlain(String mrkdwn) {
        return outsideCode(mrkdwn, false).replace("`", "");
    }

    private static String outsideCode(String s, boolean markdown) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        Matcher code = CODE.matcher(s);
        int at = 0;
        while (code.find()) {
            out.append(convert(s.substring(at, code.start()), markdown));
            out.append(entities(code.group()));
            at = code.end();
        }
        out.append(convert(s.substring(at), markdown));
        return out.toString();
    }

    private static String convert(String s, boolean markdown) {
        Matcher e = EMPHASIS.matcher(links(s, markdown));
        StringBuilder sb = new StringBuilder();
        while (e.find()) {
            String inner = e.group(2);
            String mark = switch (e.group(1)) {
                case "*" -> markdown ? "**" : "";
                case "_" -> markdown ? "*" : "";
                default -> markdown ? "~~" : "";
            };
            e.appendReplacement(sb, Matcher.quoteReplacement(mark + inner + mark));
        }
        e.appendTail(sb);
        return entities(sb.toString());
    }

    private static String links(String s, boolean markdown) {
        Matcher m = LINK.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String target = m.group(1).strip();
            String label = m.group(2) == null ? null : m.group(2).strip();
            m.appendReplacement(sb, Matcher.quoteReplacement(link(target, label, markdown)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String link(String target, String label, boolean markdown) {
        String lower = target.toLowerCase(Locale.ROOT);
        boolean web = lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:");
        if (!web) {
            // <@U123|dana>, <#C123|ward-7>, <!here>: Slack ids mean nothing here; keep what a reader sees.
            if (label != null && !label.isEmpty()) {
                return (target.startsWith("#") ? "#" : target.startsWith("@") ? "@" : "") + label;
            }
            return target.startsWith("!") ? "@" + target.substring(1) : target;
        }
        String shown = label == null || label.isEmpty() ? null : label;
        if (!markdown) {
            return shown == null ? target : shown + " (" + target + ")";
        }
        return shown == null ? target : "[" + shown.replace("]", "\\]") + "](" + target.replace(")", "%29") + ")";
    }

    private static String entities(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
