package org.confer.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.http.Route;
import org.confer.identity.DirectoryService;
import org.jooq.SQLDialect;

/**
 * Search, built in one piece for App: the engine the database calls for (Lucene in
 * {@code <data dir>/search-index} on H2, full-text search on PostgreSQL), its indexer and the
 * routes. Lifecycle: {@link #start} after the migrations, {@link #close} before the database.
 */
public final class SearchModule implements AutoCloseable {
    private final SearchIndex index;
    private final SearchIndexer indexer;
    private final SearchService service;

    /** Builds the engine, indexer and service, and subscribes the indexer to the bus (it only queues until started). */
    public SearchModule(Database db, Path dataDir, DirectoryService directory, Bus bus, Clock clock, ObjectMapper mapper) {
        SearchStore store = new SearchStore();
        this.index = db.dialect() == SQLDialect.POSTGRES ? new PostgresIndex(db) : new LuceneIndex(dataDir.resolve("search-index"));
        this.indexer = new SearchIndexer(db, store, index, clock, mapper);
        this.service = new SearchService(db, store, index, indexer, directory, clock);
        bus.subscribe(indexer);
    }

    public List<Route> routes() {
        return new SearchRoutes(service).routes();
    }

    /** Opens the index and starts the indexer, which first catches up (or rebuilds) in the background. */
    public void start() {
        index.open();
        indexer.start();
    }

    /** "lucene" or "postgresql". */
    public String engine() {
        return index.engine();
    }

    @Override
    public void close() {
        try {
            indexer.close();
        } finally {
            index.close();
        }
    }
}
