package org.confer.identity;

import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.records.UsersRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL for users. Emails are matched on their lower-cased form. */
public final class UserStore {
    /** The column's width: a skeleton can be longer than its name; a longer one is cut (only exotic names get near it). */
    private static final int MAX_SKELETON = 800;

    private final java.util.function.UnaryOperator<String> skeletonOf;

    /** {@code skeletonOf}: the confusables skeleton of a display name, stored beside it (text/Confusables). */
    public UserStore(java.util.function.UnaryOperator<String> skeletonOf) {
        this.skeletonOf = skeletonOf;
    }

    /** A user together with the stored password hash, for the login path only. */
    public record Credentials(User user, String passwordHash) {}

    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public User insert(DSLContext tx, User u, String passwordHash) {
        tx.insertInto(USERS)
                .set(USERS.ID, u.id())
                .set(USERS.ORGANISATION_ID, u.organisationId())
                .set(USERS.EMAIL, u.email())
                .set(USERS.EMAIL_NORMALISED, normalise(u.email()))
                .set(USERS.DISPLAY_NAME, u.displayName())
                .set(USERS.DISPLAY_NAME_SKELETON, skeleton(u.displayName()))
                .set(USERS.JOB_TITLE, u.jobTitle())
                .set(USERS.DEPARTMENT, u.department())
                .set(USERS.ROLE, u.role().code())
                .set(USERS.STATUS, u.status().code())
                .set(USERS.PASSWORD_HASH, passwordHash)
                .set(USERS.KIND, u.bot() ? KIND_BOT : KIND_PERSON)
                .set(USERS.CREATED_AT, u.createdAt())
                .set(USERS.UPDATED_AT, u.createdAt())
                .execute();
        return u;
    }

    public String skeleton(String displayName) {
        String s = skeletonOf.apply(displayName);
        return s.length() <= MAX_SKELETON ? s : s.substring(0, MAX_SKELETON);
    }

    /**
     * Someone other than {@code self} whose display name has this skeleton but is not this very
     * name: a lookalike (the same name exactly is another person of the same name, not one).
     */
    public Optional<User> lookalike(DSLContext db, String displayName, UUID self) {
        var condition = USERS.DISPLAY_NAME_SKELETON.eq(skeleton(displayName)).and(USERS.DISPLAY_NAME.ne(displayName));
        if (self != null) {
            condition = condition.and(USERS.ID.ne(self));
        }
        return db.selectFrom(USERS).where(condition).limit(1).fetchOptional().map(UserStore::map);
    }

    /** Rows stored before skeletons existed (migration V4): filled in at start, a page at a time. */
    public int fillMissingSkeletons(DSLContext tx, int limit) {
        var rows = tx.select(USERS.ID, USERS.DISPLAY_NAME).from(USERS).where(USERS.DISPLAY_NAME_SKELETON.isNull()).limit(limit).fetch();
        for (var r : rows) {
            tx.update(USERS).set(USERS.DISPLAY_NAME_SKELETON, skeleton(r.value2())).where(USERS.ID.eq(r.value1())).execute();
        }
        return rows.size();
    }

    public Optional<User> byId(DSLContext db, UUID id) {
        return db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(UserStore::map);
    }

    /** An active person or bot: never a visit's guest (who cannot be added to, or start, anything). */
    public Optional<User> activeNonGuest(DSLContext db, UUID id) {
        return db.selectFrom(USERS).where(USERS.ID.eq(id).and(USERS.STATUS.eq(UserStatus.ACTIVE.code())).and(USERS.KIND.ne(KIND_GUEST)))
                .fetchOptional().map(UserStore::map);
    }

    public boolean emailExists(DSLContext db, String email) {
        return db.fetchExists(USERS, USERS.EMAIL_NORMALISED.eq(normalise(email)));
    }

    public Optional<Credentials> credentialsByEmail(DSLContext db, String email) {
        return db.selectFrom(USERS).where(USERS.EMAIL_NORMALISED.eq(normalise(email))).fetchOptional()
                .map(r -> new Credentials(map(r), r.getPasswordHash()));
    }

    public Optional<String> passwordHash(DSLContext db, UUID userId) {
        return db.select(USERS.PASSWORD_HASH).from(USERS).where(USERS.ID.eq(userId)).fetchOptional(USERS.PASSWORD_HASH);
    }

    public void setPasswordHash(DSLContext tx, UUID userId, String hash, OffsetDateTime now) {
        tx.update(USERS).set(USERS.PASSWORD_HASH, hash).set(USERS.UPDATED_AT, now).where(USERS.ID.eq(userId)).execute();
    }

    public void update(DSLContext tx, User u, OffsetDateTime now) {
        tx.update(USERS)
                .set(USERS.DISPLAY_NAME, u.displayName())
                .set(USERS.DISPLAY_NAME_SKELETON, skeleton(u.displayName()))
                .set(USERS.JOB_TITLE, u.jobTitle())
                .set(USERS.DEPARTMENT, u.department())
                .set(USERS.ROLE, u.role().code())
                .set(USERS.STATUS, u.status().code())
                .set(USERS.UPDATED_AT, now)
                .where(USERS.ID.eq(u.id()))
                .execute();
    }

    public boolean anyPlatformAdmin(DSLContext db) {
        return db.fetchExists(USERS, USERS.ROLE.eq(Role.PLATFORM_ADMIN.code()).and(USERS.STATUS.eq(UserStatus.ACTIVE.code())));
    }

    /**
     * Keyset page of users ordered by normalised email, optionally within one organisation and
     * matching a case-insensitive search on name or email.
     */
    public List<User> page(DSLContext db, UUID organisationId, String query, String afterEmail, int limit) {
        // Visit guests (kind 'guest') are accounts of the visits feature, not people of the directory.
        Condition c = USERS.KIND.ne(KIND_GUEST);
        if (organisationId != null) {
            c = c.and(USERS.ORGANISATION_ID.eq(organisationId));
        }
        if (query != null && !query.isBlank()) {
            String like = containsPattern(query);
            c = c.and(USERS.EMAIL_NORMALISED.like(like, '\\').or(DSL.lower(USERS.DISPLAY_NAME).like(like, '\\')));
        }
        if (afterEmail != null) {
            c = c.and(USERS.EMAIL_NORMALISED.gt(afterEmail));
        }
        return db.selectFrom(USERS).where(c).orderBy(USERS.EMAIL_NORMALISED).limit(limit).fetch().map(UserStore::map);
    }

    /**
     * Active people whose name, email, job title or department contains {@code query}
     * (case-insensitive), ordered by name: the people picker.
     */
    public List<User> searchActive(DSLContext db, String query, int limit, java.util.Set<UUID> exceptOrganisations) {
        String like = containsPattern(query);
        Condition matches = USERS.EMAIL_NORMALISED.like(like, '\\')
                .or(DSL.lower(USERS.DISPLAY_NAME).like(like, '\\'))
                .or(DSL.lower(USERS.JOB_TITLE).like(like, '\\'))
                .or(DSL.lower(USERS.DEPARTMENT).like(like, '\\'));
        if (!exceptOrganisations.isEmpty()) {
            matches = matches.and(USERS.ORGANISATION_ID.notIn(exceptOrganisations));
        }
        return db.selectFrom(USERS).where(USERS.STATUS.eq(UserStatus.ACTIVE.code()).and(USERS.KIND.ne(KIND_GUEST)).and(matches))
                .orderBy(USERS.DISPLAY_NAME, USERS.ID).limit(limit).fetch().map(UserStore::map);
    }

    public List<User> byIds(DSLContext db, java.util.Collection<UUID> ids) {
        return db.selectFrom(USERS).where(USERS.ID.in(ids)).fetch().map(UserStore::map);
    }

    /** A LIKE pattern matching {@code query} anywhere, lower-cased, with its wildcards taken literally. */
    private static String containsPattern(String query) {
        return "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * The name of an account of the organisation that {@code displayName} imitates, ignoring case,
     * spacing and lookalike characters: a new bot is checked against everyone, a person's new
     * name against the bots ({@code onlyBots}). Names are compared in Java: an organisation's
     * accounts are at most a few thousand rows, read only when a name is set.
     */
    public Optional<String> imitated(DSLContext db, UUID organisationId, String displayName, boolean onlyBots, UUID except) {
        Condition c = USERS.ORGANISATION_ID.eq(organisationId);
        if (onlyBots) {
            c = c.and(USERS.KIND.eq(KIND_BOT));
        }
        if (except != null) {
            c = c.and(USERS.ID.ne(except));
        }
        String key = botNameKey(displayName);
        return db.select(USERS.DISPLAY_NAME).from(USERS).where(c).fetch(USERS.DISPLAY_NAME).stream()
                .filter(name -> botNameKey(name).equals(key)).findFirst();
    }

    /** A name with case, spacing and lookalike characters taken out: "Results", "re sults" and "Rеsults" (Cyrillic е) meet. */
    String botNameKey(String displayName) {
        String squeezed = displayName.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Z}\\p{Cf}]+", "");
        return skeletonOf.apply(squeezed).toLowerCase(Locale.ROOT);
    }

    public void setStatus(DSLContext tx, UUID userId, UserStatus status, OffsetDateTime now) {
        tx.update(USERS).set(USERS.STATUS, status.code()).set(USERS.UPDATED_AT, now).where(USERS.ID.eq(userId)).execute();
    }

    static final String KIND_PERSON = "person";
    static final String KIND_BOT = "bot";
    /** A virtual visit's guest (written only by the visits feature; never in the directory). */
    static final String KIND_GUEST = "guest";

    static User map(UsersRecord r) {
        return new User(r.getId(), r.getOrganisationId(), r.getEmail(), r.getDisplayName(), r.getJobTitle(),
                r.getDepartment(), Role.fromCode(r.getRole()), UserStatus.fromCode(r.getStatus()), r.getCreatedAt(),
                KIND_BOT.equals(r.getKind()));
    }
}
