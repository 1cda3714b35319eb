package org.confer.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of SCIM's filter language (RFC 7644 section 3.4.2.2) identity systems send when they
 * look a resource up before writing it: equality tests joined by {@code and}, such as
 * {@code userName eq "ada@trust.nhs.uk" and active eq true}, and Entra ID's membership check
 * {@code members[value eq "…"]}. Anything else (other operators, {@code or}, {@code not},
 * parentheses) is refused with 400 invalidFilter rather than answered wrongly.
 */
final class ScimFilter {
    /** A filter longer than this is not a lookup (a lookup is an attribute and one value). */
    static final int MAX_LENGTH = 1000;
    /** Equality tests per filter: enough for every attribute twice. */
    static final int MAX_CLAUSES = 10;

    /** One equality test: the attribute, lower-cased and without its schema URN, and the value as text. */
    record Clause(String attribute, String value) {}

    private static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:user:";
    private static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:group:";

    private final String text;
    private int pos;

    private ScimFilter(String text) {
        this.text = text;
    }

    /** The clauses of {@code filter} (empty when absent); {@code attributes}: the lower-cased names this resource can be filtered by. */
    static List<Clause> parse(String filter, Set<String> attributes) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        if (filter.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("The filter is longer than " + MAX_LENGTH + " characters");
        }
        ScimFilter p = new ScimFilter(filter);
        List<Clause> clauses = new ArrayList<>();
        do {
            if (clauses.size() == MAX_CLAUSES) {
                throw ScimException.invalidFilter("At most " + MAX_CLAUSES + " tests are joined with 'and'");
            }
            Clause c = p.clause();
            if (!attributes.contains(c.attribute())) {
                throw ScimException.invalidFilter("Cannot filter by '" + c.attribute() + "'; filter by one of " + attributes);
            }
            clauses.add(c);
        } while (p.keyword("and"));
        p.skipSpaces();
        if (p.pos < p.text.length()) {
            throw ScimException.invalidFilter("Only equality tests joined with 'and' are supported (at character " + (p.pos + 1) + ")");
        }
        return List.copyOf(clauses);
    }

    private Clause clause() {
        String attribute = attributePath();
        if (attribute.equals("members") && peek('[')) {
            pos++;
            String inner = attributePath();
            expectKeyword("eq");
            String value = value();
            skipSpaces();
            if (!inner.equals("value") || !peek(']')) {
                throw ScimException.invalidFilter("Only members[value eq \"…\"] is supported");
            }
            pos++;
            return new Clause("members.value", value);
        }
        expectKeyword("eq");
        return new Clause(attribute, value());
    }

    private String attributePath() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || ".:_-$".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        if (start == pos) {
            throw ScimException.invalidFilter("Expected an attribute name at character " + (pos + 1));
        }
        String a = text.substring(start, pos).toLowerCase(Locale.ROOT);
        for (String urn : List.of(USER_URN, GROUP_URN)) {
            if (a.startsWith(urn)) {
                a = a.substring(urn.length());
            }
        }
        return a;
    }

    private void expectKeyword(String word) {
        if (!keyword(word)) {
            skipSpaces();
            throw ScimException.invalidFilter("Only the 'eq' operator is supported (at character " + (pos + 1) + ")");
        }
    }

    /** Consumes {@code word} (any case) followed by a space or the end, if it comes next. */
    private boolean keyword(String word) {
        skipSpaces();
        int end = pos + word.length();
        if (end <= text.length() && text.substring(pos, end).equalsIgnoreCase(word)
                && (end == text.length() || text.charAt(end) == ' ')) {
            pos = end;
            return true;
        }
        return false;
    }

    private String value() {
        skipSpaces();
        if (peek('"')) {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                sb.append(c);
            }
            if (!peek('"')) {
                throw ScimException.invalidFilter("A quoted value is not closed");
            }
            pos++;
            return sb.toString();
        }
        for (String literal : List.of("true", "false")) {
            int end = pos + literal.length();
            if (text.regionMatches(true, pos, literal, 0, literal.length()) && endsAt(end)) {
                pos = end;
                return literal;
            }
        }
        throw ScimException.invalidFilter("Expected a quoted value, true or false at character " + (pos + 1));
    }

    private boolean endsAt(int end) {
        return end <= text.length() && (end == text.length() || text.charAt(end) == ' ' || text.charAt(end) == ']');
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }
}
