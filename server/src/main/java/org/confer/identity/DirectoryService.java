package org.confer.identity;

import org.confer.text.Fields;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Administration of organisations and users, with the rules of who may do what:
 * platform admins manage organisations and everyone; organisation admins manage the users of
 * their own organisation only, and another organisation's users do not exist for them (404).
 */
public final class DirectoryService implements UserDirectory {
    private static final Logger audit = LoggerFactory.getLogger("confer.audit");
    public static final int MAX_PAGE = 200;

    /** Fields of a new user. {@code password} may be null for accounts that will sign in through OIDC. */
    public record NewUser(UUID organisationId, String email, String displayName, String jobTitle,
                          String department, Role role, String password) {}

    /** A partial update: null fields are left as they are. */
    public record UserChanges(String displayName, String jobTitle, String department, Role role, UserStatus status) {}

    private final Database db;
    private final OrganisationStore organisations;
    private final UserStore users;
    private final SessionService sessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Clock clock;
    private final org.confer.audit.AuditTrail trail;
    private final OrganisationPolicy crossOrganisation;

    public DirectoryService(Database db, OrganisationStore organisations, UserStore users, SessionService sessions,
                            PasswordHasher hasher, PasswordPolicy policy, OrganisationPolicy crossOrganisation,
                            org.confer.audit.AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.crossOrganisation = crossOrganisation;
        this.db = db;
        this.organisations = organisations;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
    }

    // ---- organisations (platform admin) ----

    public Organisation createOrganisation(Principal who, String code, String name) {
        requirePlatformAdmin(who);
        String c = Fields.orgCode("code", code);
        String n = Fields.required("name", name, 200);
        Organisation created = db.dsl().transactionResult(cfg -> {
            if (organisations.byCode(cfg.dsl(), c).isPresent()) {
                throw new ApiException(ProblemType.CONFLICT, "An organisation with code " + c + " already exists",
                        Map.of("field", "code"));
            }
            Organisation o = organisations.insert(cfg.dsl(), UUID.randomUUID(), c, n, OffsetDateTime.now(clock));
            trail.record(cfg.dsl(), o.id(), who.userId(), "organisation.created", "organisation", o.id(), Map.of("code", c, "name", n), o.createdAt());
            return o;
        });
        audit.info("organisation created by={} id={} code={}", who.userId(), created.id(), c);
        return created;
    }

    public Page<Organisation> listOrganisations(Principal who, String cursor, int limit) {
        requirePlatformAdmin(who);
        int n = clampLimit(limit);
        List<Organisation> rows = organisations.page(db.dsl(), decodeCursor(cursor), n + 1);
        return page(rows, n, Organisation::code);
    }

    public Optional<Organisation> organisation(UUID id) {
        return organisations.byId(db.dsl(), id);
    }

    // ---- users (organisation admins for their organisation, platform admins for all) ----

    public User createUser(Principal who, NewUser req) {
        requireUserAdmin(who);
        UUID org = req.organisationId() != null ? req.organisationId() : who.organisationId();
        if (!who.administers(org)) {
            throw ApiException.forbidden("You can create users only in your own organisation");
        }
        Role role = req.role() != null ? req.role() : Role.MEMBER;
        if (role == Role.PLATFORM_ADMIN && !who.isPlatformAdmin()) {
            throw ApiException.forbidden("Only a platform admin can create platform admins");
        }
        String email = Fields.email("email", req.email());
        String displayName = Fields.required("displayName", req.displayName(), 200);
        String jobTitle = Fields.optional("jobTitle", req.jobTitle(), 200);
        String department = Fields.optional("department", req.department(), 200);
        String hash = null;
        if (req.password() != null) {
            policy.problem(req.password(), email).ifPresent(p -> {
                throw new ApiException(ProblemType.WEAK_PASSWORD, p, Map.of("field", "password"));
            });
            hash = hasher.hash(req.password());
        }
        String passwordHash = hash;
        OffsetDateTime now = OffsetDateTime.now(clock);
        User created = db.dsl().transactionResult(cfg -> {
            if (organisations.byId(cfg.dsl(), org).isEmpty()) {
                throw ApiException.invalid("organisationId", "No such organisation");
            }
            if (users.emailExists(cfg.dsl(), email)) {
                throw new ApiException(ProblemType.CONFLICT, "A user with this email already exists", Map.of("field", "email"));
            }
            refuseLookalike(cfg.dsl(), org, displayName, null);
            User u = new User(UUID.randomUUID(), org, email, displayName, jobTitle, department, role, UserStatus.ACTIVE, now);
            trail.record(cfg.dsl(), org, who.userId(), "user.created", "user", u.id(), Map.of("role", role.code()), now);
            return users.insert(cfg.dsl(), u, passwordHash);
        });
        audit.info("user created by={} id={} org={} role={}", who.userId(), created.id(), org, role.code());
        return created;
    }

    /** At most this many rows per import request: one bounded transaction, and 200 typical rows (~30 KB) fit the default 64 KiB body limit. */
    public static final int MAX_IMPORT_ROWS = 200;

    /**
     * Creates many users in one transaction, without passwords (accounts that sign in through
     * OIDC, or once an admin gives them a password): no Argon2 work, so a trust's staff list goes
     * in at database speed. Same rules as {@link #createUser} for every row; a bad row fails the
     * whole batch (nothing is written) with a problem that names it ({@code row}, 0-based).
     */
    public List<User> importUsers(Principal who, List<NewUser> rows) {
        requireUserAdmin(who);
        if (rows == null || rows.isEmpty() || rows.size() > MAX_IMPORT_ROWS) {
            throw ApiException.invalid("rows", "An import has 1 to " + MAX_IMPORT_ROWS + " rows");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<User> batch = new java.util.ArrayList<>(rows.size());
        java.util.Set<String> emails = new java.util.HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            int row = i;
            NewUser req = rows.get(i);
            User u = inRow(row, () -> {
                if (req == null) {
                    throw ApiException.invalid("row", "A row must be an object");
                }
                if (req.password() != null) {
                    throw ApiException.invalid("password", "Imported accounts have no password; create this one with POST /api/v1/admin/users");
                }
                UUID org = req.organisationId() != null ? req.organisationId() : who.organisationId();
                if (!who.administers(org)) {
                    throw ApiException.forbidden("You can import users only into your own organisation");
                }
                Role role = req.role() != null ? req.role() : Role.MEMBER;
                if (role == Role.PLATFORM_ADMIN && !who.isPlatformAdmin()) {
                    throw ApiException.forbidden("Only a platform admin can create platform admins");
                }
                String email = Fields.email("email", req.email());
                if (!emails.add(UserStore.normalise(email))) {
                    throw new ApiException(ProblemType.CONFLICT, "This email appears twice in the import", Map.of("field", "email"));
                }
                return new User(UUID.randomUUID(), org, email, Fields.required("displayName", req.displayName(), 200),
                        Fields.optional("jobTitle", req.jobTitle(), 200), Fields.optional("department", req.department(), 200),
                        role, UserStatus.ACTIVE, now);
            });
            batch.add(u);
        }
        db.dsl().transaction(cfg -> {
            java.util.Set<UUID> knownOrgs = new java.util.HashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                User u = batch.get(i);
                inRow(i, () -> {
                    if (!knownOrgs.contains(u.organisationId())) {
                        if (organisations.byId(cfg.dsl(), u.organisationId()).isEmpty()) {
                            throw ApiException.invalid("organisationId", "No such organisation");
                        }
                        knownOrgs.add(u.organisationId());
                    }
                    if (users.emailExists(cfg.dsl(), u.email())) {
                        throw new ApiException(ProblemType.CONFLICT, "A user with this email already exists", Map.of("field", "email"));
                    }
                    // Rows inserted earlier in this import are visible here: two lookalike rows are caught too.
                    refuseLookalike(cfg.dsl(), u.organisationId(), u.displayName(), null);
                    return users.insert(cfg.dsl(), u, null);
                });
            }
            for (UUID org : batch.stream().map(User::organisationId).distinct().toList()) {
                trail.record(cfg.dsl(), org, who.userId(), "users.imported", "organisation", org,
                        Map.of("count", batch.stream().filter(u -> u.organisationId().equals(org)).count(), "source", "json"), now);
            }
        });
        audit.info("users imported by={} count={} orgs={}", who.userId(), batch.size(),
                batch.stream().map(User::organisationId).distinct().toList());
        return batch;
    }

    /**
     * 409 when the name imitates another person's: the same confusables skeleton (UTS #39) but
     * not the same text, such as "Platform Admin" with a Cyrillic "а". The very same name is
     * allowed — two real people can share one; the directory shows their organisations apart.
     */
    private void refuseLookalike(org.jooq.DSLContext dsl, UUID organisationId, String displayName, UUID self) {
        // No person may take a bot's name (docs/bots-and-results.md): the bot badge is the only tell.
        users.imitated(dsl, organisationId, displayName, true, self).ifPresent(bot -> {
            throw new ApiException(ProblemType.BOT_NAME_TAKEN, "'displayName' is the name of a bot (" + bot
                    + ") of this organisation; choose another", Map.of("field", "displayName"));
        });
        users.lookalike(dsl, displayName, self).ifPresent(existing -> {
            audit.warn("lookalike display name refused name={} resembles user={}", displayName, existing.id());
            throw new ApiException(ProblemType.CONFUSABLE_NAME, "'displayName' looks like the name of another person ("
                    + existing.displayName() + ") but is written with different characters; type it with ordinary letters",
                    Map.of("field", "displayName"));
        });
    }

    /** Fills the confusables skeleton of names stored before it existed; run once at start. */
    public int fillMissingNameSkeletons() {
        int total = 0;
        for (int n; (n = db.dsl().transactionResult(cfg -> users.fillMissingSkeletons(cfg.dsl(), 500))) > 0; ) {
            total += n;
        }
        return total;
    }

    /** Runs one row's rules; a problem it raises also names the row. */
    private static <T> T inRow(int row, java.util.function.Supplier<T> rules) {
        try {
            return rules.get();
        } catch (ApiException e) {
            Map<String, Object> extras = new java.util.HashMap<>(e.extras());
            extras.put("row", row);
            throw new ApiException(e.type(), "Row " + row + ": " + e.getMessage(), extras);
        }
    }

    public Page<User> listUsers(Principal who, UUID organisationId, String query, String cursor, int limit) {
        requireUserAdmin(who);
        UUID scope = organisationId;
        if (!who.isPlatformAdmin()) {
            if (organisationId != null && !organisationId.equals(who.organisationId())) {
                throw ApiException.forbidden("You can list users only in your own organisation");
            }
            scope = who.organisationId();
        }
        int n = clampLimit(limit);
        String q = Fields.optional("q", query, 200);
        List<User> rows = users.page(db.dsl(), scope, q, decodeCursor(cursor), n + 1);
        return page(rows, n, u -> UserStore.normalise(u.email()));
    }

    public User user(Principal who, UUID id) {
        requireUserAdmin(who);
        return users.byId(db.dsl(), id).filter(u -> who.administers(u.organisationId()))
                .orElseThrow(() -> ApiException.notFound("User"));
    }

    public User updateUser(Principal who, UUID id, UserChanges changes) {
        User before = user(who, id);
        if (before.bot()) {
            throw new ApiException(ProblemType.CONFLICT, "This is a bot: manage it with /api/v1/bots");
        }
        if (before.role() == Role.PLATFORM_ADMIN && !who.isPlatformAdmin()) {
            throw ApiException.forbidden("Only a platform admin can change a platform admin");
        }
        if (changes.role() == Role.PLATFORM_ADMIN && !who.isPlatformAdmin()) {
            throw ApiException.forbidden("Only a platform admin can grant the platform admin role");
        }
        if (before.id().equals(who.userId())
                && ((changes.status() != null && changes.status() != UserStatus.ACTIVE)
                    || (changes.role() != null && changes.role() != before.role()))) {
            throw new ApiException(ProblemType.CONFLICT, "You cannot disable yourself or change your own role");
        }
        User after = new User(before.id(), before.organisationId(), before.email(),
                changes.displayName() != null ? Fields.required("displayName", changes.displayName(), 200) : before.displayName(),
                changes.jobTitle() != null ? Fields.optional("jobTitle", changes.jobTitle(), 200) : before.jobTitle(),
                changes.department() != null ? Fields.optional("department", changes.department(), 200) : before.department(),
                changes.role() != null ? changes.role() : before.role(),
                changes.status() != null ? changes.status() : before.status(),
                before.createdAt());
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            if (!after.displayName().equals(before.displayName())) {
                refuseLookalike(cfg.dsl(), after.organisationId(), after.displayName(), after.id());
            }
            users.update(cfg.dsl(), after, now);
            UserChangeAudit.record(trail, cfg.dsl(), who, before, after, now);
        });
        sessions.userChanged(after.id());
        if (after.status() == UserStatus.DISABLED && before.status() != UserStatus.DISABLED) {
            sessions.revokeAll(after.id(), null);
        }
        audit.info("user updated by={} id={} role={}->{} status={}->{}", who.userId(), id,
                before.role().code(), after.role().code(), before.status().code(), after.status().code());
        return after;
    }

    @Override
    public Optional<User> activeUser(UUID id) {
        return users.activeNonGuest(db.dsl(), id);
    }

    /** A person as colleagues see them in the directory: no role, no status changes, no hashes. */
    public record Profile(UUID id, String email, String displayName, String jobTitle, String department, String status,
                          Organisation organisation, boolean bot) {}

    /**
     * The people picker: active users anywhere in the installation whose name, email, job title
     * or department matches (an NHS-wide directory, like NHSmail's). Any signed-in user may search;
     * people of an organisation that either side blocks are not shown (docs/organisation-policy.md).
     */
    public List<Profile> search(Principal who, String query, int limit) {
        String q = Fields.required("q", query, 100);
        if (q.length() < 2) {
            throw ApiException.invalid("q", "'q' needs at least 2 characters");
        }
        if (limit < 1 || limit > 50) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to 50");
        }
        return profiles(users.searchActive(db.dsl(), q, limit, crossOrganisation.hiddenFrom(db.dsl(), who.organisationId())));
    }

    /** Profiles of the given people (for names next to messages); unknown ids are left out. */
    public List<Profile> profiles(Principal who, List<UUID> ids) {
        if (ids.isEmpty() || ids.size() > 200) {
            throw ApiException.invalid("ids", "'ids' must name 1 to 200 users");
        }
        return profiles(users.byIds(db.dsl(), new java.util.LinkedHashSet<>(ids)));
    }

    private List<Profile> profiles(List<User> found) {
        java.util.Map<UUID, Organisation> orgs = new java.util.HashMap<>();
        return found.stream().map(u -> new Profile(u.id(), u.email(), u.displayName(), u.jobTitle(), u.department(),
                u.status().code(), orgs.computeIfAbsent(u.organisationId(), id -> organisations.byId(db.dsl(), id).orElse(null)),
                u.bot()))
                .toList();
    }

    public User self(Principal who) {
        return users.byId(db.dsl(), who.userId()).orElseThrow(() -> ApiException.notFound("User"));
    }

    // ---- rules and paging helpers ----

    private static void requirePlatformAdmin(Principal who) {
        if (!who.isPlatformAdmin()) {
            throw ApiException.forbidden("This needs the platform admin role");
        }
    }

    private static void requireUserAdmin(Principal who) {
        if (!who.role().canAdministerUsers()) {
            throw ApiException.forbidden("This needs the organisation admin role");
        }
    }

    private static int clampLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to " + MAX_PAGE);
        }
        return limit;
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), encodeCursor(key.apply(items.getLast())));
    }

    private static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "'cursor' is not a cursor this server issued");
        }
    }
}
