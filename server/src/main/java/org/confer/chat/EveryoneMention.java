package org.confer.chat;

/**
 * The one rule for "this message mentions everyone": {@code @channel} or {@code @team} as a
 * whole token. Before it: the start of the text or a character that is not a letter, digit,
 * {@code _ . - @}. After it: the end of the text or a character that is not a letter, digit,
 * {@code _ - @}, and not a {@code .} followed by a letter or digit. So "Hello @team.",
 * "(@channel)" and "@team, please" mention everyone; "ward@team.example", "@teamwork",
 * "@channel-ops" and "x@channel" do not. Case matters, as it always has ("@Team" is plain text).
 *
 * <p>Like {@code <@id>} mentions, a token inside markdown code counts: the server does not parse
 * markdown, and a mention that the reader sees is better than one that is silently dropped.
 * The result is stored with the message ({@code messages.mentions_channel}, V8) when it is sent
 * or edited; counts and Activity read that column. The V8 backfill uses the same rule in SQL
 * with ASCII letters and digits (docs/decisions.md, "Everyone-mentions are whole tokens").
 */
public final class EveryoneMention {
    private static final String[] TOKENS = {"@channel", "@team"};

    private EveryoneMention() {}

    /** Whether {@code text} mentions everyone; false for null (a deleted message). */
    public static boolean in(String text) {
        if (text == null) {
            return false;
        }
        for (String token : TOKENS) {
            for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
                if (startsToken(text, at) && endsToken(text, at + token.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsToken(String text, int at) {
        if (at == 0) {
            return true;
        }
        int before = text.codePointBefore(at);
        return !Character.isLetterOrDigit(before) && before != '_' && before != '.' && before != '-' && before != '@';
    }

    private static boolean endsToken(String text, int end) {
        if (end == text.length()) {
            return true;
        }
        int after = text.codePointAt(end);
        if (after == '.') {
            int next = end + 1;
            return next == text.length() || !Character.isLetterOrDigit(text.codePointAt(next));
        }
        return !Character.isLetterOrDigit(after) && after != '_' && after != '-' && after != '@';
    }
}
