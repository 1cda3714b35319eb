package org.confer.search;

import static org.confer.db.schema.Tables.MENTIONS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.MESSAGE_SEARCH;
import static org.confer.db.schema.Tables.SEARCH_STATE;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.confer.db.Database;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The index on PostgreSQL: the {@code message_search} table (terms made by ClinicalTokens) with a
 * GIN index over {@code to_tsvector('simple', terms)} (db/postgresql/V19_1), so every node of a
 * cluster searches the same index. Membership, mentions and deletion are read from chat's tables
 * in the same query, so they take effect with no lag; only a new or edited text waits for the
 * indexer (after commit, measured in docs/performance.md). The watermark is a row of
 * {@code search_state}.
 */
final class PostgresIndex implements SearchIndex {
    static final String NAME = "postgresql";
    private final Database db;

    PostgresIndex(Database db) {
        this.db = db;
    }

    @Override
    public void open() {
        // The table and its GIN index come from the migrations.
    }

    @Override
    public Optional<Instant> watermark() {
        return db.dsl().select(SEARCH_STATE.WATERMARK).from(SEARCH_STATE).where(SEARCH_STATE.NAME.eq(NAME))
                .fetchOptional(SEARCH_STATE.WATERMARK).map(OffsetDateTime::toInstant);
    }

    @Override
    public void apply(Collection<IndexedMessage> upserts, Collection<UUID> deletes) {
        db.dsl().transaction(c -> {
            var tx = c.dsl();
            if (!deletes.isEmpty()) {
                tx.deleteFrom(MESSAGE_SEARCH).where(MESSAGE_SEARCH.MESSAGE_ID.in(deletes)).execute();
            }
            if (upserts.isEmpty()) {
                return;
            }
            var batch = new ArrayList<org.jooq.Query>();
            for (IndexedMessage m : upserts) {
                String terms = String.join(" ", ClinicalTokens.terms(m.searchable()));
                String names = m.hasFiles() ? String.join("\n", m.fileNames()) : null;
                batch.add(tx.insertInto(MESSAGE_SEARCH, MESSAGE_SEARCH.MESSAGE_ID, MESSAGE_SEARCH.CONVERSATION_ID,
                                MESSAGE_SEARCH.AUTHOR_ID, MESSAGE_SEARCH.CREATED_AT, MESSAGE_SEARCH.HAS_FILES, MESSAGE_SEARCH.FILE_NAMES,
                                MESSAGE_SEARCH.TERMS)
                        .values(m.id(), m.conversationId(), m.authorId(), m.createdAt(), m.hasFiles(), names, terms)
                        .onConflict(MESSAGE_SEARCH.MESSAGE_ID).doUpdate()
                        .set(MESSAGE_SEARCH.HAS_FILES, m.hasFiles())
                        .set(MESSAGE_SEARCH.FILE_NAMES, names)
                        .set(MESSAGE_SEARCH.TERMS, terms));
            }
            tx.batch(batch).execute();
        });
    }

    @Override
    public void commit(Instant watermark) {
        OffsetDateTime at = OffsetDateTime.ofInstant(watermark, ZoneOffset.UTC);
        db.dsl().insertInto(SEARCH_STATE, SEARCH_STATE.NAME, SEARCH_STATE.WATERMARK).values(NAME, at)
                .onConflict(SEARCH_STATE.NAME).doUpdate().set(SEARCH_STATE.WATERMARK, at).execute();
    }

    @Override
    public void clear() {
        db.dsl().transaction(c -> {
            c.dsl().deleteFrom(SEARCH_STATE).where(SEARCH_STATE.NAME.eq(NAME)).execute();
            c.dsl().deleteFrom(MESSAGE_SEARCH).execute();
        });
    }

    /**
     * A rebuild writes every row at once, and autovacuum analyses the table only some time later:
     * until then the planner thinks a word as common as half the rows is rare, intersects the GIN
     * bitmap of half a million rows with the caller's conversations, and the query takes ten times
     * as long (measured: docs/performance.md, "search"). Analysing here gives it the words'
     * frequencies at once.
     */
    @Override
    public void rebuilt() {
        db.dsl().execute("ANALYZE message_search");
    }

    @Override
    public List<Hit> search(SearchQuery q, UUID caller, Set<UUID> memberOf, int max) {
        Condition where = DSL.trueCondition();
        if (q.hasText()) {
            // tsv is the stored to_tsvector('simple', terms) with the GIN index (db/postgresql/V19_1);
            // the query's terms are ClinicalTokens' too.
            where = where.and(DSL.condition("tsv @@ to_tsquery('simple', {0})", DSL.val(tsquery(q.clauses()))));
        }
        if (q.in() != null) {
            where = where.and(MESSAGE_SEARCH.CONVERSATION_ID.eq(q.in()));
        }
        if (q.from() != null) {
            where = where.and(MESSAGE_SEARCH.AUTHOR_ID.eq(q.from()));
        }
        if (q.hasFile()) {
            where = where.and(MESSAGE_SEARCH.HAS_FILES.isTrue());
        }
        if (q.after() != null) {
            where = where.and(MESSAGE_SEARCH.CREATED_AT.ge(OffsetDateTime.ofInstant(q.after(), ZoneOffset.UTC)));
        }
        if (q.before() != null) {
            where = where.and(MESSAGE_SEARCH.CREATED_AT.lt(OffsetDateTime.ofInstant(q.before(), ZoneOffset.UTC)));
        }
        if (q.mentionsMe()) {
            where = where.and(DSL.exists(DSL.selectOne().from(MENTIONS).where(MENTIONS.MESSAGE_ID.eq(MESSAGE_SEARCH.MESSAGE_ID)
                            .and(MENTIONS.USER_ID.eq(caller))))
                    .or(DSL.exists(DSL.selectOne().from(MESSAGES).where(MESSAGES.ID.eq(MESSAGE_SEARCH.MESSAGE_ID)
                            .and(MESSAGES.MENTIONS_CHANNEL.isTrue())))));
        }
        if (q.cursor() != null) {
            OffsetDateTime at = fromMicros(q.cursor().createdAtMicros());
            where = where.and(MESSAGE_SEARCH.CREATED_AT.lt(at)
                    .or(MESSAGE_SEARCH.CREATED_AT.eq(at).and(MESSAGE_SEARCH.MESSAGE_ID.lt(q.cursor().id()))));
        }
        if (memberOf.isEmpty()) {
            return List.of();
        }
        // The caller's conversations as a list the planner can see (read by the service just now),
        // not a join: it then weighs the conversations' btree against the words' GIN index. The
        // service reads every hit again with the membership join, so a change since is still caught.
        return db.dsl().select(MESSAGE_SEARCH.MESSAGE_ID, MESSAGE_SEARCH.CREATED_AT, MESSAGE_SEARCH.FILE_NAMES)
                .from(MESSAGE_SEARCH)
                .where(where.and(MESSAGE_SEARCH.CONVERSATION_ID.eq(DSL.any(memberOf.toArray(UUID[]::new)))))
                .orderBy(MESSAGE_SEARCH.CREATED_AT.desc(), MESSAGE_SEARCH.MESSAGE_ID.desc())
                .limit(max)
                .fetch(r -> new Hit(r.get(MESSAGE_SEARCH.MESSAGE_ID), r.get(MESSAGE_SEARCH.CREATED_AT),
                        r.get(MESSAGE_SEARCH.FILE_NAMES) == null ? List.of() : List.of(r.get(MESSAGE_SEARCH.FILE_NAMES).split("\n"))));
    }

    /** Clauses as a tsquery: a term is quoted (terms are letters, digits and a dot only), a phrase joined by {@code <->}. */
    static String tsquery(List<List<String>> clauses) {
        return clauses.stream()
                .map(c -> c.stream().map(t -> "'" + t + "'").collect(Collectors.joining(" <-> ", "(", ")")))
                .collect(Collectors.joining(" & "));
    }

    private static OffsetDateTime fromMicros(long micros) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L), ZoneOffset.UTC);
    }

    @Override
    public String engine() {
        return NAME;
    }

    @Override
    public void close() {
        // Nothing held: the pool belongs to Database.
    }
}
