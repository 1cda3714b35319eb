package org.confer.search;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The full-text index of messages, with one behaviour and two engines (docs/search.md):
 * {@link LuceneIndex} in the data directory on H2, {@link PostgresIndex} (tsvector + GIN) on
 * PostgreSQL. Both index the terms of {@link ClinicalTokens}. Only the {@link SearchIndexer}'s
 * one thread writes; searches run on request threads at any time.
 *
 * <p>Lifecycle: built by {@link SearchModule}, {@link #open} before the indexer starts,
 * {@link #close} after it stops.
 */
public interface SearchIndex extends AutoCloseable {

    /** A message that matched, newest first, with what is needed to check it and page on. */
    record Hit(UUID messageId, OffsetDateTime createdAt, List<String> fileNames) {}

    /** Opens the index; a missing or unreadable one is started empty (its watermark is then empty). */
    void open();

    /**
     * Changes committed before this instant are in the index (the indexer subtracts a margin when
     * it catches up); empty when the index is new, was found corrupt, or was cleared: it must be
     * rebuilt from the database.
     */
    Optional<Instant> watermark();

    /** Adds or replaces these messages and removes those; visible to searches when it returns. */
    void apply(Collection<IndexedMessage> upserts, Collection<UUID> deletes);

    /** Makes what was applied durable and records the watermark with it. */
    void commit(Instant watermark);

    /** Removes everything (a rebuild follows). */
    void clear();

    /**
     * A rebuild has written the whole index: the engine refreshes what its query planning
     * relies on. Nothing for Lucene; PostgreSQL's statistics (docs/performance.md, "search").
     */
    default void rebuilt() {
    }

    /**
     * Up to {@code max} messages matching {@code query}'s text and filters, newest first, in
     * conversations {@code caller} is a member of ({@code memberOf}, read just before). The
     * caller checks each hit against the current row before showing it.
     */
    List<Hit> search(SearchQuery query, UUID caller, Set<UUID> memberOf, int max);

    /** The engine's name for logs and docs: "lucene" or "postgresql". */
    String engine();

    @Override
    void close();
}
