package org.confer.visits;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.confer.http.ApiException;
import org.confer.text.Fields;
import org.confer.visits.VisitCalendar.ExceptionDay;
import org.confer.visits.VisitCalendar.Hours;
import org.confer.visits.VisitCalendar.OpeningHours;

/**
 * The rules of a calendar that do not depend on who asks (docs/virtual-visits.md, "Model"),
 * pure: each refusal is a 400 that names its field.
 */
final class CalendarRules {
    static final int MAX_RANGES_A_DAY = 4;
    static final int MAX_EXCEPTIONS = 366;
    static final int MAX_EXTRA_FIELDS = 5;
    static final int MAX_LABEL = 80;
    static final int MAX_TEXT = 4000;
    static final int MAX_PEOPLE = 50;
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,39}$");
    private static final Pattern FIELD_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");
    /** Always asked, so not a ward field. */
    static final String PATIENT_NAME = "patientName";

    private CalendarRules() {}

    static String slug(String value) {
        String s = Fields.required("slug", value, 40);
        if (!SLUG.matcher(s).matches()) {
            throw ApiException.invalid("slug", "'slug' must be 2 to 40 lower-case letters, digits or '-' (e.g. ward-7): the page is /book/<slug>");
        }
        return s;
    }

    static int within(String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw ApiException.invalid(field, "'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return value;
    }

    static List<OpeningHours> hours(List<OpeningHours> hours) {
        if (hours == null) {
            return List.of();
        }
        Map<Integer, List<Hours>> byDay = new HashMap<>();
        for (int i = 0; i < hours.size(); i++) {
            OpeningHours h = hours.get(i);
            String at = "hours[" + i + "]";
            if (h == null || h.weekday() == null || h.weekday() < 1 || h.weekday() > 7) {
                throw ApiException.invalid(at + ".weekday", "'" + at + ".weekday' must be an ISO weekday, 1 (Monday) to 7 (Sunday)");
            }
            byDay.computeIfAbsent(h.weekday(), d -> new ArrayList<>()).add(range(at, h.opens(), h.closes()));
        }
        List<OpeningHours> out = new ArrayList<>();
        byDay.forEach((day, ranges) -> ranges("hours", ranges).forEach(r -> out.add(new OpeningHours(day, r.opens(), r.closes()))));
        out.sort(Comparator.comparing(OpeningHours::weekday).thenComparing(OpeningHours::opens));
        return out;
    }

    static List<ExceptionDay> exceptions(List<ExceptionDay> days) {
        if (days == null) {
            return List.of();
        }
        if (days.size() > MAX_EXCEPTIONS) {
            throw ApiException.invalid("exceptions", "At most " + MAX_EXCEPTIONS + " exception days");
        }
        Set<java.time.LocalDate> seen = new HashSet<>();
        List<ExceptionDay> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            ExceptionDay d = days.get(i);
            String at = "exceptions[" + i + "]";
            if (d == null || d.date() == null) {
                throw ApiException.invalid(at + ".date", "'" + at + ".date' is required (YYYY-MM-DD)");
            }
            if (!seen.add(d.date())) {
                throw ApiException.invalid(at + ".date", d.date() + " appears twice in the exceptions");
            }
            List<Hours> ranges = new ArrayList<>();
            List<Hours> given = d.hours() == null ? List.of() : d.hours();
            for (int j = 0; j < given.size(); j++) {
                Hours h = given.get(j);
                ranges.add(range(at + ".hours[" + j + "]", h == null ? null : h.opens(), h == null ? null : h.closes()));
            }
            out.add(new ExceptionDay(d.date(), ranges(at + ".hours", ranges)));
        }
        out.sort(Comparator.comparing(ExceptionDay::date));
        return out;
    }

    private static Hours range(String at, LocalTime opens, LocalTime closes) {
        if (opens == null || closes == null) {
            throw ApiException.invalid(at, "'" + at + "' needs 'opens' and 'closes' (HH:MM)");
        }
        if (!opens.isBefore(closes)) {
            throw ApiException.invalid(at, "'" + at + "' must open before it closes");
        }
        return new Hours(opens.withSecond(0).withNano(0), closes.withSecond(0).withNano(0));
    }

    /** A day's ranges, sorted, at most 4 and not overlapping. */
    private static List<Hours> ranges(String field, List<Hours> ranges) {
        if (ranges.size() > MAX_RANGES_A_DAY) {
            throw ApiException.invalid(field, "At most " + MAX_RANGES_A_DAY + " opening ranges a day");
        }
        List<Hours> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(Hours::opens));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).opens().isBefore(sorted.get(i - 1).closes())) {
                throw ApiException.invalid(field, "Opening ranges of one day must not overlap");
            }
        }
        return sorted;
    }

    static List<VisitField> fields(List<VisitField> fields) {
        if (fields == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        List<VisitField> out = new ArrayList<>();
        int extra = 0;
        for (int i = 0; i < fields.size(); i++) {
            VisitField f = fields.get(i);
            String at = "fields[" + i + "]";
            if (f == null || f.name() == null || !FIELD_NAME.matcher(f.name()).matches()) {
                throw ApiException.invalid(at + ".name", "'" + at + ".name' must be lower-case letters, digits and '_', starting with a letter");
            }
            if (!names.add(f.name())) {
                throw ApiException.invalid(at + ".name", "Two fields are named '" + f.name() + "'");
            }
            if (!f.name().equals("bed") && ++extra > MAX_EXTRA_FIELDS) {
                throw ApiException.invalid("fields", "Besides 'bed', at most " + MAX_EXTRA_FIELDS + " fields");
            }
            out.add(new VisitField(f.name(), Fields.required(at + ".label", f.label(), MAX_LABEL), f.required()));
        }
        return out;
    }

    static String text(String field, String value) {
        String v = Fields.multiline(field, value, MAX_TEXT);
        return v == null ? "" : v;
    }
}
