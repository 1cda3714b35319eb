package org.confer.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.chat.Team;
import org.confer.chat.TeamAdmin;
import org.confer.chat.TeamRole;
import org.confer.chat.TeamService;
import org.confer.db.Database;

/**
 * SCIM Groups (docs/provisioning.md): the teams the identity system created for the token's
 * organisation. A group is made as a team owned by the organisation's provisioning account;
 * members join and leave through chat's TeamService, so they join and leave the team's standard
 * channels too and every rule on team membership (the organisation policy among them) applies.
 * Deleting a group archives its team: its conversations stay readable.
 */
final class ScimGroups {
    static final Set<String> FILTERABLE = Set.of("id", "displayname", "externalid", "members.value");
    /** Members named in one request: as many as PATCH operations. */
    static final int MAX_MEMBERS = ScimPatchOp.MAX_OPERATIONS;

    record Page(List<ScimStore.GroupRow> rows, int total) {}

    /** What a request asks the group to become: its name, externalId and members (null: leave the members as they are). */
    private record Wanted(String displayName, String externalId, Set<UUID> members) {}

    private final Database db;
    private final ScimStore store;
    private final TeamService teams;
    private final TeamAdmin teamAdmin;
    private final AuditTrail audit;
    private final Clock clock;

    ScimGroups(Database db, ScimStore store, TeamService teams, TeamAdmin teamAdmin, AuditTrail audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.teams = teams;
        this.teamAdmin = teamAdmin;
        this.audit = audit;
        this.clock = clock;
    }

    ScimStore.GroupRow get(ScimTokens.Caller caller, UUID id) {
        return store.group(db.dsl(), caller.organisationId(), id).orElseThrow(() -> ScimException.notFound("Group"));
    }

    List<ScimStore.Member> members(ScimTokens.Caller caller, UUID id) {
        return store.members(db.dsl(), id, caller.provisionerId());
    }

    Page list(ScimTokens.Caller caller, String filter, int startIndex, int count) {
        List<ScimFilter.Clause> clauses = ScimFilter.parse(filter, FILTERABLE);
        int total = store.countGroups(db.dsl(), caller.organisationId(), clauses);
        List<ScimStore.GroupRow> rows = count == 0 ? List.of()
                : store.groups(db.dsl(), caller.organisationId(), clauses, startIndex - 1, count);
        return new Page(rows, total);
    }

    ScimStore.GroupRow create(ScimTokens.Caller caller, JsonNode body) {
        Wanted w = wanted(caller, body);
        if (!store.groups(db.dsl(), caller.organisationId(), List.of(new ScimFilter.Clause("displayname", w.displayName())), 0, 1).isEmpty()) {
            throw ScimException.uniqueness("A group named '" + w.displayName() + "' already exists");
        }
        Team t = teams.createTeam(caller.principal(), w.displayName(), null);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            store.insertGroup(cfg.dsl(), t.id(), caller.organisationId(), w.externalId(), now);
            audit.record(cfg.dsl(), caller.organisationId(), caller.provisionerId(), "scim.group.created", "team", t.id(),
                    Map.of("scimTokenId", caller.tokenId().toString(), "name", t.name()), now);
        });
        follow(caller, t.id(), Set.of(), w.members());
        return get(caller, t.id());
    }

    ScimStore.GroupRow replace(ScimTokens.Caller caller, UUID id, JsonNode body) {
        ScimStore.GroupRow before = get(caller, id);
        Wanted w = wanted(caller, body);
        return change(caller, before, new Wanted(w.displayName(), w.externalId(), w.members() == null ? Set.of() : w.members()));
    }

    ScimStore.GroupRow patch(ScimTokens.Caller caller, UUID id, List<ScimPatchOp> ops) {
        ScimStore.GroupRow before = get(caller, id);
        String name = before.displayName();
        String externalId = before.externalId();
        Set<UUID> members = ids(members(caller, id));
        for (ScimPatchOp op : ops) {
            String path = op.path() == null ? "" : op.path().strip();
            String p = path.toLowerCase(java.util.Locale.ROOT);
            if (p.isEmpty()) {
                if (op.op().equals("remove") || op.value() == null || !op.value().isObject()) {
                    throw ScimException.noTarget("An operation without a path needs an object of attributes as its value");
                }
                name = ScimJson.field(op.value(), "displayName").map(v -> ScimJson.text(v, "displayName")).orElse(name);
                externalId = ScimJson.field(op.value(), "externalId").map(v -> ScimJson.text(v, "externalId")).orElse(externalId);
                JsonNode m = ScimJson.field(op.value(), "members").orElse(null);
                if (m != null) {
                    members = op.op().equals("add") ? union(members, memberIds(caller, m)) : memberIds(caller, m);
                }
            } else if (p.equals("members")) {
                Set<UUID> named = op.value() == null ? null : memberIds(caller, op.value());
                members = switch (op.op()) {
                    case "add" -> union(members, named == null ? Set.of() : named);
                    case "replace" -> named == null ? Set.of() : named;
                    default -> named == null ? Set.of() : minus(members, named);
                };
            } else if (p.startsWith("members[value eq \"") && p.endsWith("\"]") && op.op().equals("remove")) {
                members = minus(members, Set.of(memberId(caller, path.substring(18, path.length() - 2))));
            } else if (p.equals("displayname")) {
                name = ScimJson.text(op.value(), "displayName");
            } else if (p.equals("externalid")) {
                externalId = op.op().equals("remove") ? null : ScimJson.text(op.value(), "externalId");
            } else {
                throw ScimException.noTarget("Groups support the paths members, members[value eq \"…\"], displayName and externalId");
            }
        }
        return change(caller, before, new Wanted(name, externalId, members));
    }

    /** Archives the group's team (its conversations stay readable) and forgets the group. */
    void delete(ScimTokens.Caller caller, UUID id) {
        get(caller, id);
        teamAdmin.archive(caller.principal(), id, true);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            store.deleteGroup(cfg.dsl(), id);
            audit.record(cfg.dsl(), caller.organisationId(), caller.provisionerId(), "scim.group.deleted", "team", id,
                    Map.of("scimTokenId", caller.tokenId().toString()), now);
        });
    }

    private ScimStore.GroupRow change(ScimTokens.Caller caller, ScimStore.GroupRow before, Wanted w) {
        if (w.displayName() == null || !w.displayName().strip().equals(before.displayName())) {
            throw ScimException.mutability("Confer does not rename a team through SCIM: rename it in Confer, or create a new group");
        }
        Set<UUID> current = ids(members(caller, before.id()));
        int[] changed = follow(caller, before.id(), current, w.members());
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            store.touchGroup(cfg.dsl(), before.id(), w.externalId(), now);
            audit.record(cfg.dsl(), caller.organisationId(), caller.provisionerId(), "scim.group.updated", "team", before.id(),
                    Map.of("scimTokenId", caller.tokenId().toString(), "added", changed[0], "removed", changed[1]), now);
        });
        return get(caller, before.id());
    }

    /** Adds and removes members so the team has {@code wanted} (null: no change); returns how many were added and removed. */
    private int[] follow(ScimTokens.Caller caller, UUID teamId, Set<UUID> current, Set<UUID> wanted) {
        if (wanted == null) {
            return new int[] {0, 0};
        }
        int added = 0;
        int removed = 0;
        for (UUID u : wanted) {
            if (!current.contains(u)) {
                teams.addTeamMember(caller.principal(), teamId, u, TeamRole.MEMBER);
                added++;
            }
        }
        for (UUID u : current) {
            if (!wanted.contains(u)) {
                teams.removeTeamMember(caller.principal(), teamId, u);
                removed++;
            }
        }
        return new int[] {added, removed};
    }

    private Wanted wanted(ScimTokens.Caller caller, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("The body must be a JSON object: a SCIM Group");
        }
        String name = ScimJson.text(ScimJson.field(body, "displayName").orElse(null), "displayName");
        if (name == null || name.isBlank()) {
            throw ScimException.invalidValue("'displayName' is required: the team's name");
        }
        if (name.strip().length() > org.confer.text.Fields.MAX_NAME) {
            throw ScimException.invalidValue("'displayName' is longer than " + org.confer.text.Fields.MAX_NAME + " characters");
        }
        String externalId = ScimJson.text(ScimJson.field(body, "externalId").orElse(null), "externalId");
        if (externalId != null && externalId.length() > 255) {
            throw ScimException.invalidValue("'externalId' is longer than 255 characters");
        }
        JsonNode m = ScimJson.field(body, "members").orElse(null);
        return new Wanted(name.strip(), externalId, m == null ? null : memberIds(caller, m));
    }

    /** The people a members value names: each must be an active person of the token's organisation (400 invalidValue otherwise). */
    private Set<UUID> memberIds(ScimTokens.Caller caller, JsonNode members) {
        JsonNode list = members.isArray() ? members : JsonNodeFactory.instance.arrayNode().add(members);
        if (list.size() > MAX_MEMBERS) {
            throw ScimException.invalidValue("At most " + MAX_MEMBERS + " members per request");
        }
        Set<UUID> out = new LinkedHashSet<>();
        for (JsonNode m : list) {
            out.add(memberId(caller, ScimJson.text(ScimJson.field(m, "value").orElse(null), "members.value")));
        }
        return out;
    }

    private UUID memberId(ScimTokens.Caller caller, String value) {
        UUID id;
        try {
            id = UUID.fromString(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue("A member's value must be the id of a User of this organisation");
        }
        if (!store.isPerson(db.dsl(), caller.organisationId(), id)) {
            throw ScimException.invalidValue("A member's value must be the id of a User of this organisation: " + id + " is not");
        }
        return id;
    }

    private static Set<UUID> ids(List<ScimStore.Member> members) {
        Set<UUID> out = new LinkedHashSet<>();
        members.forEach(m -> out.add(m.id()));
        return out;
    }

    private static Set<UUID> union(Set<UUID> a, Set<UUID> b) {
        Set<UUID> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<UUID> minus(Set<UUID> a, Set<UUID> b) {
        Set<UUID> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
