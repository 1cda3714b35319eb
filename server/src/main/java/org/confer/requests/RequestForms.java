package org.confer.requests;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.confer.http.ApiException;
import org.confer.text.Fields;

/**
 * The rules of a service's form and of the answers to it, pure (no I/O). A form is what a team
 * owner types; an answer is what any requester sends: both are checked field by field, and each
 * refusal names the field.
 */
final class RequestForms {
    /** A form longer than this is not a request form any more; 20 matches a card's field limit. */
    static final int MAX_FIELDS = 20;
    static final int MAX_CHOICES = 30;
    static final int MAX_LABEL = 80;
    static final int MAX_ANSWER = 500;
    /** A week: a longer promise is not a target a lead can be paged about. */
    static final int MAX_TARGET_MINUTES = 7 * 24 * 60;
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");
    private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{1,39}$");
    private static final Set<String> TYPES = Set.of("text", "choice", "number");

    private RequestForms() {}

    static String slug(String value) {
        String s = Fields.required("slug", value, 40);
        if (!SLUG.matcher(s).matches()) {
            throw ApiException.invalid("slug", "'slug' must be 2 to 40 lower-case letters, digits or '-', starting with a letter (e.g. phlebotomy)");
        }
        return s;
    }

    static Targets targets(Targets t) {
        if (t == null) {
            throw ApiException.invalid("targets", "'targets' is required: minutes for routine, urgent and emergency");
        }
        return new Targets(minutes("targets.routine", t.routine()), minutes("targets.urgent", t.urgent()),
                minutes("targets.emergency", t.emergency()));
    }

    private static int minutes(String field, Integer m) {
        if (m == null || m < 1 || m > MAX_TARGET_MINUTES) {
            throw ApiException.invalid(field, "'" + field + "' must be a whole number of minutes from 1 to " + MAX_TARGET_MINUTES);
        }
        return m;
    }

    /** The form definition, checked and normalised (labels stripped, choices without duplicates). */
    static List<FormField> definition(List<FormField> fields) {
        if (fields == null) {
            return List.of();
        }
        if (fields.size() > MAX_FIELDS) {
            throw ApiException.invalid("fields", "A form has at most " + MAX_FIELDS + " fields");
        }
        Set<String> names = new HashSet<>();
        List<FormField> out = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            FormField f = fields.get(i);
            String at = "fields[" + i + "]";
            if (f == null) {
                throw ApiException.invalid(at, "'" + at + "' is empty");
            }
            if (f.name() == null || !NAME.matcher(f.name()).matches()) {
                throw ApiException.invalid(at + ".name", "'" + at + ".name' must be lower-case letters, digits and '_', starting with a letter");
            }
            if (!names.add(f.name())) {
                throw ApiException.invalid(at + ".name", "Two fields are named '" + f.name() + "'");
            }
            String label = Fields.required(at + ".label", f.label(), MAX_LABEL);
            if (f.type() == null || !TYPES.contains(f.type())) {
                throw ApiException.invalid(at + ".type", "'" + at + ".type' must be text, choice or number");
            }
            List<String> choices = new ArrayList<>();
            if (f.type().equals("choice")) {
                if (f.choices().isEmpty() || f.choices().size() > MAX_CHOICES) {
                    throw ApiException.invalid(at + ".choices", "A choice field needs 1 to " + MAX_CHOICES + " choices");
                }
                for (String c : f.choices()) {
                    String v = Fields.required(at + ".choices", c, MAX_LABEL);
                    if (!choices.contains(v)) {
                        choices.add(v);
                    }
                }
            } else if (!f.choices().isEmpty()) {
                throw ApiException.invalid(at + ".choices", "Only a choice field has choices");
            }
            out.add(new FormField(f.name(), label, f.type(), f.required(), choices));
        }
        return out;
    }

    /** The required fields with no answer (what /request cannot fill in). */
    static List<FormField> missing(List<FormField> form, Map<String, ?> answers) {
        return form.stream().filter(f -> f.required() && blank(answers.get(f.name()))).toList();
    }

    /** The answers, checked against the form and kept in the form's order, as text. */
    static Map<String, String> answers(List<FormField> form, Map<String, Object> given) {
        Map<String, Object> answers = given == null ? Map.of() : given;
        Set<String> known = new HashSet<>();
        form.forEach(f -> known.add(f.name()));
        for (String name : answers.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.invalid("fields." + name, "This service's form has no field '" + name + "'");
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (FormField f : form) {
            String field = "fields." + f.name();
            Object v = answers.get(f.name());
            if (blank(v)) {
                if (f.required()) {
                    throw ApiException.invalid(field, "'" + f.label() + "' is required");
                }
                continue;
            }
            String text = v instanceof String s ? Fields.required(field, s, MAX_ANSWER)
                    : v instanceof Number n ? n.toString()
                    : null;
            if (text == null) {
                throw ApiException.invalid(field, "'" + f.label() + "' must be text or a number");
            }
            switch (f.type()) {
                case "number" -> {
                    try {
                        text = new BigDecimal(text).toPlainString();
                    } catch (NumberFormatException e) {
                        throw ApiException.invalid(field, "'" + f.label() + "' must be a number");
                    }
                }
                case "choice" -> {
                    if (!f.choices().contains(text)) {
                        throw ApiException.invalid(field, "'" + f.label() + "' must be one of: " + String.join(", ", f.choices()));
                    }
                }
                default -> { }
            }
            out.put(f.name(), text);
        }
        return out;
    }

    private static boolean blank(Object v) {
        return v == null || (v instanceof String s && s.isBlank());
    }
}
