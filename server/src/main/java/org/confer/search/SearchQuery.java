package org.confer.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;

/**
 * One search as asked (GET /api/v1/search, docs/search.md): the text as clauses of terms, the
 * filters and the page. Built by {@link #parse}, which refuses bad input with
 * {@code urn:confer:problem:invalid-search} before anything is read.
 */
public record SearchQuery(String text, List<List<String>> clauses, Set<Type> types, UUID in, UUID from, Instant after,
                          Instant before, boolean hasFile, boolean mentionsMe, int limit, Cursor cursor) {

    /** The longest q: a search box line, not a document (the contract's 256). */
    public static final int MAX_TEXT = 256;
    /** Results per type: a screenful; the contract's 1..50, default 20. */
    public static final int MAX_LIMIT = 50;
    static final int DEFAULT_LIMIT = 20;
    /** More clauses than this is not a search someone typed; it only costs the index. */
    static final int MAX_CLAUSES = 32;

    public enum Type { MESSAGES, PEOPLE, CONVERSATIONS, TEAMS, FILES }

    /** Where the next page of messages starts: strictly older than (createdAt, id). */
    public record Cursor(long createdAtMicros, UUID id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAtMicros + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String s) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split(":", 2);
                return new Cursor(Long.parseLong(p[0]), UUID.fromString(p[1]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw invalid("cursor", "'cursor' is not a cursor this server gave");
            }
        }
    }

    /** Whether there is text to match (a search by filters alone has none). */
    public boolean hasText() {
        return !clauses.isEmpty();
    }

    /** Whether only messages can match (a filter that only messages have). */
    boolean messageFiltersOnly() {
        return in != null || from != null || after != null || before != null || hasFile || mentionsMe;
    }

    public static SearchQuery parse(String q, String types, String in, String from, String after, String before, String has,
                                    String mentions, String limit, String cursor) {
        String text = blankToNull(q);
        if (text != null && text.length() > MAX_TEXT) {
            throw invalid("q", "'q' is at most " + MAX_TEXT + " characters");
        }
        List<List<String>> clauses = text == null ? List.of() : clauses(text);
        if (clauses.size() > MAX_CLAUSES) {
            throw invalid("q", "'q' has more than " + MAX_CLAUSES + " words");
        }
        boolean hasFile = false;
        if (blankToNull(has) != null) {
            if (!has.equals("file")) {
                throw invalid("has", "'has' can only be 'file'");
            }
            hasFile = true;
        }
        boolean mentionsMe = false;
        if (blankToNull(mentions) != null) {
            if (!mentions.equals("me")) {
                throw invalid("mentions", "'mentions' can only be 'me'");
            }
            mentionsMe = true;
        }
        Instant afterAt = instant("after", after, false);
        Instant beforeAt = instant("before", before, true);
        if (afterAt != null && beforeAt != null && !afterAt.isBefore(beforeAt)) {
            throw invalid("after", "'after' must be earlier than 'before'");
        }
        int n = DEFAULT_LIMIT;
        if (blankToNull(limit) != null) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw invalid("limit", "'limit' must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        SearchQuery query = new SearchQuery(text, clauses, types(types), uuid("in", in), uuid("from", from), afterAt, beforeAt,
                hasFile, mentionsMe, n, blankToNull(cursor) == null ? null : Cursor.decode(cursor.strip()));
        if (text == null && !query.messageFiltersOnly()) {
            throw invalid("q", "Give 'q' or at least one filter (in, from, after, before, has, mentions)");
        }
        if (text != null && clauses.isEmpty() && !query.messageFiltersOnly()) {
            throw invalid("q", "'q' has no letters or digits to search for");
        }
        return query;
    }

    /**
     * The clauses of a query text: each quoted "phrase" is one clause (its terms in order), and
     * the rest is tokenized as one text whose every term is a clause of its own, so an NHS number
     * typed with spaces is still one term.
     */
    public static List<List<String>> clauses(String text) {
        List<List<String>> out = new ArrayList<>();
        StringBuilder loose = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('"', i);
            int close = open < 0 ? -1 : text.indexOf('"', open + 1);
            if (open < 0 || close < 0) {
                loose.append(text, i, text.length()).append(' ');
                break;
            }
            loose.append(text, i, open).append(' ');
            List<String> phrase = ClinicalTokens.terms(text.substring(open + 1, close));
            if (!phrase.isEmpty()) {
                out.add(phrase);
            }
            i = close + 1;
        }
        for (String term : ClinicalTokens.terms(loose.toString().replace('"', ' '))) {
            out.add(List.of(term));
        }
        return List.copyOf(out);
    }

    private static Set<Type> types(String s) {
        if (blankToNull(s) == null) {
            return EnumSet.allOf(Type.class);
        }
        EnumSet<Type> out = EnumSet.noneOf(Type.class);
        for (String part : s.split(",")) {
            try {
                out.add(Type.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw invalid("types", "'types' is a comma list of messages, people, conversations, teams, files");
            }
        }
        return out;
    }

    private static UUID uuid(String name, String s) {
        if (blankToNull(s) == null) {
            return null;
        }
        try {
            return UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(name, "'" + name + "' must be an id");
        }
    }

    /** An instant, or a date: the start of that day (UTC) for 'after', the end of it for 'before'. */
    private static Instant instant(String name, String s, boolean endOfDay) {
        if (blankToNull(s) == null) {
            return null;
        }
        String v = s.strip();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "'" + name + "' must be a date (2026-12-07) or an instant (2026-12-07T08:00:00Z)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static ApiException invalid(String field, String detail) {
        return new ApiException(ProblemType.INVALID_SEARCH, detail, java.util.Map.of("field", field));
    }
}
