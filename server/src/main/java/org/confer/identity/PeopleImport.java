package org.confer.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.text.Fields;
import org.jooq.DSLContext;

/**
 * A staff list imported from CSV (docs/administration.md, "Importing people"). A dry run and a
 * real import are the same code: every row is checked and inserted in one transaction, which a
 * dry run — or any error — rolls back, so what the dry run reports is exactly what the import
 * would do, and an import with an error writes nothing.
 */
public final class PeopleImport {
    /** The columns, in any order; email and displayName are required, the others may be left out. */
    static final List<String> COLUMNS = List.of("email", "displayName", "jobTitle", "department", "role");
    /** Rows per file: one bounded transaction without Argon2 work; a trust imports department by department. */
    public static final int MAX_ROWS = 500;
    /** Characters per file: it travels in a JSON body, which the server caps at 64 KiB. */
    public static final int MAX_CHARS = 60_000;
    /** Errors reported at most: a file with more has a systematic fault the first ones show. */
    static final int MAX_ERRORS = 200;

    /** One problem found: the line of the file (1 = the header), the column (null for the whole row) and what is wrong. */
    public record RowError(int line, String column, String message) {}

    /** What an import found and did; {@code created} is empty for a dry run. */
    public record Report(boolean dryRun, int rows, List<RowError> errors, List<User> created) {}

    private static final class RolledBack extends RuntimeException {
        final transient Report report;

        RolledBack(Report report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    private final Database db;
    private final OrganisationStore organisations;
    private final UserStore users;
    private final AuditTrail audit;
    private final Clock clock;

    public PeopleImport(Database db, OrganisationStore organisations, UserStore users, AuditTrail audit, Clock clock) {
        this.db = db;
        this.organisations = organisations;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Checks (dry run) or imports the people of {@code csv} into {@code organisationId} (the
     * caller's own when null). An import with errors is refused with 422 {@code import-has-errors}
     * listing them; a dry run answers them.
     */
    public Report importCsv(Principal who, UUID organisationId, String csv, boolean dryRun) {
        if (!who.role().canAdministerUsers()) {
            throw ApiException.forbidden("This needs the organisation admin role");
        }
        UUID org = organisationId != null ? organisationId : who.organisationId();
        if (!who.administers(org)) {
            throw ApiException.forbidden("You can import people only into your own organisation");
        }
        if (csv == null || csv.isBlank()) {
            throw ApiException.invalid("csv", "'csv' is required: the file's text, with a header row");
        }
        if (csv.length() > MAX_CHARS) {
            throw ApiException.invalid("csv", "The file is longer than " + MAX_CHARS + " characters; split it into smaller files");
        }
        List<CsvTable.Row> table;
        try {
            table = CsvTable.parse(csv);
        } catch (CsvTable.Malformed e) {
            return finish(new Report(dryRun, 0, List.of(new RowError(e.line(), null, e.getMessage())), List.of()));
        }
        if (table.size() - 1 > MAX_ROWS) {
            throw ApiException.invalid("csv", "The file has " + (table.size() - 1) + " people; at most " + MAX_ROWS + " per import");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            Report report = db.dsl().transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                if (organisations.byId(tx, org).isEmpty()) {
                    throw ApiException.invalid("organisationId", "No such organisation");
                }
                Report r = check(who, org, table, tx, now, dryRun);
                if (dryRun || !r.errors().isEmpty()) {
                    throw new RolledBack(r);
                }
                audit.record(tx, org, who.userId(), "users.imported", "organisation", org,
                        Map.of("count", r.created().size(), "source", "csv"), now);
                return r;
            });
            return finish(report);
        } catch (RolledBack rolledBack) {
            return finish(rolledBack.report);
        }
    }

    private static Report finish(Report r) {
        if (!r.dryRun() && !r.errors().isEmpty()) {
            throw new ApiException(ProblemType.IMPORT_HAS_ERRORS, r.errors().size() + " problem(s) in the file; nothing was imported",
                    Map.of("errors", r.errors(), "rows", r.rows()));
        }
        return r;
    }

    /** Every row's rules, inserting the good rows so later rows are checked against them (duplicates, lookalikes). */
    private Report check(Principal who, UUID org, List<CsvTable.Row> table, DSLContext tx, OffsetDateTime now, boolean dryRun) {
        List<RowError> errors = new ArrayList<>();
        if (table.isEmpty()) {
            return new Report(dryRun, 0, List.of(new RowError(1, null, "The file is empty: it needs a header row and a row per person")), List.of());
        }
        Map<String, Integer> index = header(table.getFirst(), errors);
        if (!errors.isEmpty()) {
            return new Report(dryRun, table.size() - 1, errors, List.of());
        }
        if (table.size() == 1) {
            errors.add(new RowError(1, null, "The file has a header but nobody in it"));
        }
        Map<String, Integer> seen = new HashMap<>();
        List<User> created = new ArrayList<>();
        for (CsvTable.Row row : table.subList(1, table.size())) {
            if (errors.size() >= MAX_ERRORS) {
                break;
            }
            int before = errors.size();
            if (row.fields().size() != table.getFirst().fields().size()) {
                errors.add(new RowError(row.line(), null, "This row has " + row.fields().size() + " fields; the header has "
                        + table.getFirst().fields().size()));
                continue;
            }
            String email = field(row, index, "email", errors, () -> Fields.email("email", value(row, index, "email")));
            String name = field(row, index, "displayName", errors, () -> Fields.required("displayName", value(row, index, "displayName"), 200));
            String job = field(row, index, "jobTitle", errors, () -> Fields.optional("jobTitle", value(row, index, "jobTitle"), 200));
            String dept = field(row, index, "department", errors, () -> Fields.optional("department", value(row, index, "department"), 200));
            Role role = role(who, row, value(row, index, "role"), errors);
            if (email != null) {
                Integer first = seen.putIfAbsent(UserStore.normalise(email), row.line());
                if (first != null) {
                    errors.add(new RowError(row.line(), "email", "This email is also on line " + first));
                } else if (users.emailExists(tx, email)) {
                    errors.add(new RowError(row.line(), "email", "Someone with this email already exists"));
                }
            }
            if (name != null) {
                users.imitated(tx, org, name, true, null).ifPresent(bot ->
                        errors.add(new RowError(row.line(), "displayName", "This is the name of a bot (" + bot + ")")));
                users.lookalike(tx, name, null).ifPresent(other -> errors.add(new RowError(row.line(), "displayName",
                        "Looks like the name of another person (" + other.displayName() + ") written with different characters")));
            }
            if (errors.size() == before) {
                User u = new User(UUID.randomUUID(), org, email, name, job, dept, role, UserStatus.ACTIVE, now);
                created.add(users.insert(tx, u, null));
            }
        }
        return new Report(dryRun, table.size() - 1, List.copyOf(errors), dryRun ? List.of() : List.copyOf(created));
    }

    /** Column name → position; errors for unknown, repeated or missing columns. Names match ignoring case. */
    private static Map<String, Integer> header(CsvTable.Row header, List<RowError> errors) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String raw = header.fields().get(i).strip();
            String name = COLUMNS.stream().filter(c -> c.equalsIgnoreCase(raw)).findFirst().orElse(null);
            if (name == null) {
                errors.add(new RowError(1, raw, "Unknown column '" + raw + "'; the columns are " + String.join(", ", COLUMNS)));
            } else if (index.putIfAbsent(name, i) != null) {
                errors.add(new RowError(1, name, "The column " + name + " appears twice"));
            }
        }
        for (String required : List.of("email", "displayName")) {
            if (!index.containsKey(required)) {
                errors.add(new RowError(1, required, "The header needs a column " + required));
            }
        }
        return index;
    }

    private static String value(CsvTable.Row row, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        return i == null ? null : row.fields().get(i);
    }

    /** The field's checked value, or null with an error naming the column. */
    private static String field(CsvTable.Row row, Map<String, Integer> index, String column, List<RowError> errors,
                                java.util.function.Supplier<String> rule) {
        try {
            return rule.get();
        } catch (ApiException e) {
            errors.add(new RowError(row.line(), column, column.equals("email") && value(row, index, column) != null
                    && !value(row, index, column).isBlank() ? "Not an email address" : e.getMessage()));
            return null;
        }
    }

    private static Role role(Principal who, CsvTable.Row row, String code, List<RowError> errors) {
        if (code == null || code.isBlank()) {
            return Role.MEMBER;
        }
        Role role;
        try {
            role = Role.fromCode(code.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new RowError(row.line(), "role", "Unknown role '" + code.strip() + "'; use member, org_admin or platform_admin"));
            return null;
        }
        if (role == Role.PLATFORM_ADMIN && !who.isPlatformAdmin()) {
            errors.add(new RowError(row.line(), "role", "Only a platform admin can create platform admins"));
            return null;
        }
        return role;
    }
}
