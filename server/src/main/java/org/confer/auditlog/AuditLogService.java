package org.confer.auditlog;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.confer.audit.AuditSearch;
import org.confer.audit.AuditTrail;
import org.confer.audit.AuditVerifier;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.JsonColumns;
import org.confer.identity.DirectoryService;
import org.confer.identity.Principal;
import org.confer.identity.Role;

/**
 * Reading, exporting and verifying the audit log (docs/audit.md). Organisation admins read their
 * organisation's records; platform admins read every record, and verify the chain.
 */
public final class AuditLogService {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};

    /** A record as the admin pages show it. */
    public record Item(long seq, UUID id, OffsetDateTime at, UUID organisationId, UUID actorId, String actorName, String action,
                       String subjectType, UUID subjectId, Map<String, Object> detail, String retainedText, String hash) {}

    /** A page, newest first; {@code nextCursor} is null on the last page. */
    public record Page(List<Item> items, String nextCursor) {}

    private final Database db;
    private final AuditTrail audit;
    private final DirectoryService directory;
    private final Clock clock;
    private final JsonColumns columns = new JsonColumns("a stored audit detail");

    AuditLogService(Database db, AuditTrail audit, DirectoryService directory, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * The filter the caller may use: an organisation admin's is always their own organisation
     * (naming another is refused); a platform admin's is the organisation asked for, or all.
     */
    AuditSearch.Filter scoped(Principal who, UUID organisationId, UUID actorId, String actionPrefix, String subjectType,
                              UUID subjectId, OffsetDateTime from, OffsetDateTime to, Long before) {
        UUID org = organisationId;
        if (who.role() != Role.PLATFORM_ADMIN) {
            if (who.role() != Role.ORG_ADMIN || who.organisationId() == null) {
                throw ApiException.forbidden("Only administrators read the audit log");
            }
            if (org != null && !org.equals(who.organisationId())) {
                throw ApiException.forbidden("Organisation admins read their own organisation's audit log only");
            }
            org = who.organisationId();
        }
        if (subjectId != null && (subjectType == null || subjectType.isBlank())) {
            throw ApiException.invalid("subjectType", "'subjectId' needs 'subjectType'");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("to", "'to' must be after 'from'");
        }
        return new AuditSearch.Filter(org, actorId, actionPrefix, subjectType, subjectId, from, to, before);
    }

    Page page(Principal who, AuditSearch.Filter filter, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to " + MAX_PAGE);
        }
        List<AuditSearch.Row> rows = AuditSearch.page(db.dsl(), filter, limit + 1);
        boolean more = rows.size() > limit;
        List<AuditSearch.Row> shown = more ? rows.subList(0, limit) : rows;
        Map<UUID, String> names = names(who, shown);
        List<Item> items = shown.stream().map(r -> item(r, names)).toList();
        return new Page(items, more ? Long.toString(shown.getLast().seq()) : null);
    }

    /**
     * Streams every matching record as CSV, a page at a time, after recording the export itself
     * (audit.exported, with the filters) in its own transaction: the export is on the record even
     * if the download is cut short.
     */
    void exportCsv(Principal who, AuditSearch.Filter filter, Writer out) throws IOException {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("format", "csv");
        put(detail, "organisationId", filter.organisationId());
        put(detail, "actorId", filter.actorId());
        put(detail, "actionPrefix", filter.actionPrefix());
        put(detail, "subjectType", filter.subjectType());
        put(detail, "subjectId", filter.subjectId());
        put(detail, "from", filter.from());
        put(detail, "to", filter.to());
        db.dsl().transaction(cfg -> audit.record(cfg.dsl(), who.organisationId(), who.userId(), "audit.exported", "audit_log",
                filter.organisationId() == null ? ALL_ORGANISATIONS : filter.organisationId(), detail, OffsetDateTime.now(clock)));
        AuditCsv.row(out, AuditCsv.HEADER);
        try {
            AuditSearch.forEachPage(db.dsl(), filter, rows -> {
                Map<UUID, String> names = names(who, rows);
                try {
                    for (AuditSearch.Row r : rows) {
                        AuditCsv.row(out, java.util.Arrays.asList(Long.toString(r.seq()), r.at().toInstant().toString(),
                                text(r.organisationId()), text(r.actorId()), names.get(r.actorId()), r.action(), r.subjectType(),
                                text(r.subjectId()), r.detail(), r.retainedText(), r.hash()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /** The subject of an export of every organisation's records (a platform admin's). */
    static final UUID ALL_ORGANISATIONS = new UUID(0, 0);

    AuditVerifier.Result verify(Principal who) {
        if (who.role() != Role.PLATFORM_ADMIN) {
            throw ApiException.forbidden("Only platform admins verify the audit chain");
        }
        return new AuditVerifier(db.dsl()).verify();
    }

    private Map<UUID, String> names(Principal who, List<AuditSearch.Row> rows) {
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        rows.stream().map(AuditSearch.Row::actorId).filter(Objects::nonNull).forEach(ids::add);
        Map<UUID, String> names = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += DirectoryService.MAX_PAGE) {
            directory.profiles(who, all.subList(i, Math.min(all.size(), i + DirectoryService.MAX_PAGE)))
                    .forEach(p -> names.put(p.id(), p.displayName()));
        }
        return names;
    }

    private Item item(AuditSearch.Row r, Map<UUID, String> names) {
        Map<String, Object> detail = r.detail() == null ? Map.of() : columns.read(r.detail(), DETAIL);
        return new Item(r.seq(), r.id(), r.at(), r.organisationId(), r.actorId(), r.actorId() == null ? null : names.get(r.actorId()),
                r.action(), r.subjectType(), r.subjectId(), detail, r.retainedText(), r.hash());
    }

    private static void put(Map<String, Object> detail, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isEmpty())) {
            detail.put(key, value.toString());
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
