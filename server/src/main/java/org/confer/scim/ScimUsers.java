package org.confer.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.identity.DirectoryService;
import org.confer.identity.DirectoryService.NewUser;
import org.confer.identity.DirectoryService.UserChanges;
import org.confer.identity.Role;
import org.confer.identity.User;
import org.confer.identity.UserStatus;

/**
 * SCIM Users (docs/provisioning.md): the people of the token's organisation. Every change goes
 * through identity's DirectoryService, acting as the organisation's provisioning account, so the
 * rules of the admin pages apply (emails unique, no lookalike names, platform admins untouched)
 * and deactivating ends the person's sessions and closes their open streams at once. Nobody is
 * erased: DELETE deactivates, and the person's messages stay.
 */
final class ScimUsers {
    static final Set<String> FILTERABLE = Set.of("id", "username", "emails", "emails.value", "externalid", "active", "displayname");

    /** A list page: the rows, and how many match in all. */
    record Page(List<ScimStore.UserRow> rows, int total) {}

    private final Database db;
    private final ScimStore store;
    private final DirectoryService directory;
    private final AuditTrail audit;
    private final Clock clock;

    ScimUsers(Database db, ScimStore store, DirectoryService directory, AuditTrail audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    ScimStore.UserRow get(ScimTokens.Caller caller, UUID id) {
        return store.user(db.dsl(), caller.organisationId(), id).orElseThrow(() -> ScimException.notFound("User"));
    }

    /** {@code startIndex}: 1-based, as SCIM counts. */
    Page list(ScimTokens.Caller caller, String filter, int startIndex, int count) {
        List<ScimFilter.Clause> clauses = ScimFilter.parse(filter, FILTERABLE);
        int total = store.countUsers(db.dsl(), caller.organisationId(), clauses);
        List<ScimStore.UserRow> rows = count == 0 ? List.of()
                : store.users(db.dsl(), caller.organisationId(), clauses, startIndex - 1, count);
        return new Page(rows, total);
    }

    ScimStore.UserRow create(ScimTokens.Caller caller, JsonNode body) {
        ScimUserAttributes a = ScimUserAttributes.of(body, true);
        checkLengths(a);
        User u = directory.createUser(caller.principal(), new NewUser(caller.organisationId(), a.userName(), a.effectiveDisplayName(),
                a.title(), null, Role.MEMBER, null));
        if (!a.active()) {
            directory.updateUser(caller.principal(), u.id(), new UserChanges(null, null, null, null, UserStatus.DISABLED));
        }
        record(caller, u.id(), a, "scim.user.created");
        return get(caller, u.id());
    }

    ScimStore.UserRow replace(ScimTokens.Caller caller, UUID id, JsonNode body) {
        ScimStore.UserRow before = get(caller, id);
        return change(caller, before, ScimUserAttributes.of(body, before.active()));
    }

    /** The operations apply in order to the person as they are; all of them or none are stored (they are checked before any write). */
    ScimStore.UserRow patch(ScimTokens.Caller caller, UUID id, List<ScimPatchOp> ops) {
        ScimStore.UserRow before = get(caller, id);
        ScimUserAttributes a = attributes(before);
        for (ScimPatchOp op : ops) {
            a = a.apply(op.op(), op.path(), op.value());
        }
        return change(caller, before, a);
    }

    /** Deactivates: the person can no longer sign in, their sessions end and their streams close; what they wrote stays. */
    void deactivate(ScimTokens.Caller caller, UUID id) {
        ScimStore.UserRow before = get(caller, id);
        if (before.active()) {
            directory.updateUser(caller.principal(), id, new UserChanges(null, null, null, null, UserStatus.DISABLED));
        }
        record(caller, id, attributes(before), "scim.user.deactivated");
    }

    private ScimStore.UserRow change(ScimTokens.Caller caller, ScimStore.UserRow before, ScimUserAttributes a) {
        checkLengths(a);
        if (!a.userName().toLowerCase(Locale.ROOT).equals(before.email().toLowerCase(Locale.ROOT))) {
            throw ScimException.mutability("Confer does not change a person's email (userName); see docs/provisioning.md, \"Limits\"");
        }
        String display = a.effectiveDisplayName();
        boolean nameChanged = !display.equals(before.displayName());
        boolean titleChanged = !Objects.equals(blankToNull(a.title()), before.jobTitle());
        boolean activeChanged = a.active() != before.active();
        if (nameChanged || titleChanged || activeChanged) {
            directory.updateUser(caller.principal(), before.id(), new UserChanges(nameChanged ? display : null,
                    titleChanged ? (a.title() == null ? "" : a.title()) : null, null, null,
                    activeChanged ? (a.active() ? UserStatus.ACTIVE : UserStatus.DISABLED) : null));
        }
        record(caller, before.id(), a, !a.active() && before.active() ? "scim.user.deactivated" : "scim.user.updated");
        return get(caller, before.id());
    }

    /** Keeps SCIM's own attributes and records the write, in one transaction. */
    private void record(ScimTokens.Caller caller, UUID userId, ScimUserAttributes a, String action) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            store.saveUser(cfg.dsl(), userId, caller.organisationId(), a.externalId(), a.givenName(), a.familyName(), now);
            audit.record(cfg.dsl(), caller.organisationId(), caller.provisionerId(), action, "user", userId,
                    Map.of("scimTokenId", caller.tokenId().toString()), now);
        });
    }

    private static ScimUserAttributes attributes(ScimStore.UserRow u) {
        return new ScimUserAttributes(u.email(), u.displayName(), u.givenName(), u.familyName(), u.jobTitle(), u.active(), u.externalId());
    }

    private static void checkLengths(ScimUserAttributes a) {
        maxLength("externalId", a.externalId(), 255);
        maxLength("name.givenName", a.givenName(), 200);
        maxLength("name.familyName", a.familyName(), 200);
    }

    private static void maxLength(String attribute, String value, int max) {
        if (value != null && value.length() > max) {
            throw ScimException.invalidValue("'" + attribute + "' is longer than " + max + " characters");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
