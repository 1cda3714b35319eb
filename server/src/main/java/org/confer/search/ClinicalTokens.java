package org.confer.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The one tokenizer of search (docs/search.md, "How tokens are made"): both engines index the
 * terms it makes from a message and both look up the terms it makes from a query, so "K+", "bed
 * 14", "Hb 72", "T2DM", "O2 sats 92%" and NHS numbers written "943 476 5919" or "9434765919" are
 * found the same way on Lucene and on PostgreSQL.
 *
 * <p>Every term is lower-case ASCII letters and digits, or a decimal number ({@code 6.1}):
 * PostgreSQL's {@code simple} parser keeps such a word whole, so positions (phrases) agree on
 * both engines. Steps, in order: NFKC, lower case, accents removed, mention markup dropped;
 * runs of letters and digits (a dot between digits kept: {@code 6.1}); a trailing {@code +}
 * becomes {@code plus} ({@code k+} → {@code kplus}, {@code ca2+} → {@code ca2plus}); three
 * groups of 3, 3 and 4 digits joined by one space or hyphen become one 10-digit term (NHS
 * number); words of letters only are stemmed with the Snowball English stemmer (the algorithm of
 * PostgreSQL's {@code english} configuration): {@code sats} → {@code sat}, {@code nurses} →
 * {@code nurs}. Terms with digits are never stemmed. Nothing is dropped as a stop word: every
 * query term must match (AND), so a common word narrows, it never widens.
 */
public final class ClinicalTokens {
    /** A term longer than this is cut: no one searches for 64 characters without a space. */
    static final int MAX_TERM = 64;
    private static final Pattern MENTION = Pattern.compile("<@[0-9a-fA-F-]{36}>");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private ClinicalTokens() {}

    /** The terms of {@code text}, in order (a term's index is its position). */
    public static List<String> terms(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = MENTION.matcher(s).replaceAll(" ");
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        List<Raw> raw = split(s);
        List<String> out = new ArrayList<>(raw.size());
        EnglishStemmer stemmer = new EnglishStemmer();
        for (int i = 0; i < raw.size(); i++) {
            if (i + 2 < raw.size() && isNhsGroups(s, raw.get(i), raw.get(i + 1), raw.get(i + 2))) {
                out.add(raw.get(i).text + raw.get(i + 1).text + raw.get(i + 2).text);
                i += 2;
                continue;
            }
            out.add(finish(raw.get(i), stemmer));
        }
        return out;
    }

    /** Whether {@code terms} hold every clause: a clause of one term anywhere, of several as a run in order. */
    public static boolean matches(List<String> terms, List<List<String>> clauses) {
        for (List<String> clause : clauses) {
            if (!containsRun(terms, clause)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsRun(List<String> terms, List<String> run) {
        outer:
        for (int i = 0; i + run.size() <= terms.size(); i++) {
            for (int j = 0; j < run.size(); j++) {
                if (!terms.get(i + j).equals(run.get(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return run.isEmpty();
    }

    private record Raw(String text, int start, int end, boolean charged) {}

    private static List<Raw> split(String s) {
        List<Raw> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int c = s.codePointAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            StringBuilder b = new StringBuilder();
            while (i < n) {
                c = s.codePointAt(i);
                if (Character.isLetterOrDigit(c)) {
                    b.appendCodePoint(c);
                    i += Character.charCount(c);
                } else if (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)) && !b.isEmpty()
                        && Character.isDigit(b.charAt(b.length() - 1)) && isInteger(b)) {
                    b.append('.');
                    i++;
                } else {
                    break;
                }
            }
            int end = i;
            boolean charged = i < n && s.charAt(i) == '+';
            if (charged) {
                // An ion's charge (K+, Na+, Ca2+) is part of its name: "K+" is not "K".
                b.append("plus");
                i++;
            }
            out.add(new Raw(b.toString(), start, end, charged));
        }
        return out;
    }

    /** Digits only so far: one decimal point at most ("1.2.3" is "1.2" and "3"). */
    private static boolean isInteger(CharSequence b) {
        for (int k = 0; k < b.length(); k++) {
            char c = b.charAt(k);
            if (!Character.isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** "943 476 5919" or "943-476-5919": three digit groups of 3, 3 and 4 with one separator each. */
    private static boolean isNhsGroups(String s, Raw a, Raw b, Raw c) {
        return isDigits(a.text, 3) && isDigits(b.text, 3) && isDigits(c.text, 4)
                && oneSeparator(s, a.end, b.start) && oneSeparator(s, b.end, c.start);
    }

    private static boolean isDigits(String t, int length) {
        if (t.length() != length) {
            return false;
        }
        for (int k = 0; k < t.length(); k++) {
            if (t.charAt(k) < '0' || t.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean oneSeparator(String s, int end, int nextStart) {
        return nextStart - end == 1 && (s.charAt(end) == ' ' || s.charAt(end) == '-');
    }

    private static String finish(Raw raw, EnglishStemmer stemmer) {
        String t = raw.text.length() > MAX_TERM ? raw.text.substring(0, MAX_TERM) : raw.text;
        if (raw.charged || !lettersOnly(t)) {
            return t;
        }
        stemmer.setCurrent(t);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    private static boolean lettersOnly(String t) {
        for (int k = 0; k < t.length(); k++) {
            if (!Character.isLetter(t.charAt(k))) {
                return false;
            }
        }
        return !t.isEmpty();
    }
}
