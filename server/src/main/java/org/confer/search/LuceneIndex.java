package org.confer.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index on the embedded database: Lucene in {@code <data dir>/search-index}, near-real-time
 * through a {@link SearcherManager} refreshed after every applied batch, committed with the
 * watermark in the commit's user data. A missing or unreadable index is started empty, which
 * leaves the watermark empty, so the indexer rebuilds it from the database.
 */
final class LuceneIndex implements SearchIndex {
    private static final Logger log = LoggerFactory.getLogger(LuceneIndex.class);
    static final String WATERMARK = "confer.watermark";
    private static final String ID = "id";
    private static final String CONVERSATION = "conversation";
    private static final String AUTHOR = "author";
    private static final String CREATED = "created";
    private static final String HAS_FILES = "hasFiles";
    private static final String MENTION = "mention";
    private static final String EVERYONE = "channel";
    private static final String FILE_NAMES = "fileNames";
    private static final String TEXT = "text";

    /**
     * Lucene says once, through java.util.logging on stderr, that it runs without the incubating
     * Vector API (we do not enable incubator modules in production); a start must print nothing but
     * its own lines (ProcessLifecycleTest). Held here: the logging framework keeps loggers weakly.
     */
    private final java.util.logging.Logger vectorNotice = java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");
    private final Path dir;
    private FSDirectory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private volatile Instant watermark;

    LuceneIndex(Path dir) {
        this.dir = dir;
    }

    /** Every analysed field goes through ClinicalTokens: Lucene sees exactly the terms PostgreSQL would. */
    static final class ClinicalAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            return new TokenStreamComponents(new ClinicalTokenizer());
        }
    }

    private static final class ClinicalTokenizer extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private List<String> terms;
        private int next;

        @Override
        public boolean incrementToken() throws IOException {
            clearAttributes();
            if (terms == null) {
                StringBuilder b = new StringBuilder();
                char[] buf = new char[4096];
                for (int n; (n = input.read(buf)) > 0; ) {
                    b.append(buf, 0, n);
                }
                terms = ClinicalTokens.terms(b.toString());
            }
            if (next >= terms.size()) {
                return false;
            }
            term.setEmpty().append(terms.get(next++));
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            terms = null;
            next = 0;
        }
    }

    @Override
    public void open() {
        vectorNotice.setLevel(java.util.logging.Level.SEVERE);
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            boolean readable = readable();
            if (!readable) {
                // Even OpenMode.CREATE reads the old commit to number the next one: clear what cannot be read.
                for (String file : directory.listAll()) {
                    directory.deleteFile(file);
                }
            }
            IndexWriterConfig config = new IndexWriterConfig(new ClinicalAnalyzer())
                    .setOpenMode(readable ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE);
            writer = new IndexWriter(directory, config);
            watermark = null;
            if (readable) {
                for (Map.Entry<String, String> e : writer.getLiveCommitData() == null ? List.<Map.Entry<String, String>>of()
                        : writer.getLiveCommitData()) {
                    if (e.getKey().equals(WATERMARK)) {
                        watermark = Instant.parse(e.getValue());
                    }
                }
            }
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    /** Whether an index is there and its last commit can be read; anything else is rebuilt. */
    private boolean readable() {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                log.info("no search index in {}: it will be built from the database", dir);
                return false;
            }
            try (DirectoryReader r = DirectoryReader.open(directory)) {
                r.numDocs();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("the search index in {} cannot be read ({}): it will be rebuilt from the database", dir, e.toString());
            return false;
        }
    }

    @Override
    public Optional<Instant> watermark() {
        return Optional.ofNullable(watermark);
    }

    @Override
    public void apply(Collection<IndexedMessage> upserts, Collection<UUID> deletes) {
        try {
            for (IndexedMessage m : upserts) {
                writer.updateDocument(new Term(ID, m.id().toString()), document(m));
            }
            for (UUID id : deletes) {
                writer.deleteDocuments(new Term(ID, id.toString()));
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(IndexedMessage m) {
        Document d = new Document();
        String id = m.id().toString();
        d.add(new StringField(ID, id, Field.Store.YES));
        d.add(new SortedDocValuesField(ID, new BytesRef(id)));
        d.add(new StringField(CONVERSATION, m.conversationId().toString(), Field.Store.NO));
        d.add(new StringField(AUTHOR, m.authorId().toString(), Field.Store.NO));
        d.add(new LongField(CREATED, IndexedMessage.micros(m.createdAt()), Field.Store.YES));
        d.add(new StringField(HAS_FILES, Boolean.toString(m.hasFiles()), Field.Store.NO));
        for (UUID u : m.mentions()) {
            d.add(new StringField(MENTION, u.toString(), Field.Store.NO));
        }
        if (m.mentionsChannel()) {
            d.add(new StringField(MENTION, EVERYONE, Field.Store.NO));
        }
        if (m.hasFiles()) {
            d.add(new StoredField(FILE_NAMES, String.join("\n", m.fileNames())));
        }
        d.add(new TextField(TEXT, m.searchable(), Field.Store.NO));
        return d;
    }

    @Override
    public void commit(Instant mark) {
        try {
            writer.setLiveCommitData(Map.of(WATERMARK, mark.toString()).entrySet());
            writer.commit();
            watermark = mark;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void clear() {
        try {
            writer.deleteAll();
            watermark = null;
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Hit> search(SearchQuery q, UUID caller, Set<UUID> memberOf, int max) {
        if (memberOf.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermInSetQuery(CONVERSATION, memberOf.stream().map(u -> new BytesRef(u.toString())).toList()), Occur.FILTER);
        for (List<String> clause : q.clauses()) {
            Query c = clause.size() == 1 ? new TermQuery(new Term(TEXT, clause.getFirst()))
                    : new PhraseQuery(TEXT, clause.toArray(String[]::new));
            b.add(c, Occur.FILTER);
        }
        if (q.in() != null) {
            b.add(new TermQuery(new Term(CONVERSATION, q.in().toString())), Occur.FILTER);
        }
        if (q.from() != null) {
            b.add(new TermQuery(new Term(AUTHOR, q.from().toString())), Occur.FILTER);
        }
        if (q.hasFile()) {
            b.add(new TermQuery(new Term(HAS_FILES, "true")), Occur.FILTER);
        }
        if (q.mentionsMe()) {
            b.add(new TermInSetQuery(MENTION, List.of(new BytesRef(caller.toString()), new BytesRef(EVERYONE))), Occur.FILTER);
        }
        long lo = q.after() == null ? Long.MIN_VALUE : micros(q.after());
        long hi = q.before() == null ? Long.MAX_VALUE : micros(q.before()) - 1;
        if (q.after() != null || q.before() != null) {
            b.add(LongPoint.newRangeQuery(CREATED, lo, hi), Occur.FILTER);
        }
        if (q.cursor() != null) {
            long at = q.cursor().createdAtMicros();
            BooleanQuery.Builder sameInstantOlderId = new BooleanQuery.Builder()
                    .add(LongPoint.newExactQuery(CREATED, at), Occur.FILTER)
                    .add(TermRangeQuery.newStringRange(ID, null, q.cursor().id().toString(), false, false), Occur.FILTER);
            b.add(new BooleanQuery.Builder()
                    .add(LongPoint.newRangeQuery(CREATED, Long.MIN_VALUE, at - 1), Occur.SHOULD)
                    .add(sameInstantOlderId.build(), Occur.SHOULD)
                    .setMinimumNumberShouldMatch(1).build(), Occur.FILTER);
        }
        BooleanQuery query = b.build();
        Sort newestFirst = new Sort(new SortedNumericSortField(CREATED, SortField.Type.LONG, true),
                new SortField(ID, SortField.Type.STRING, true));
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TopDocs top = s.search(query, max, newestFirst);
                StoredFields stored = s.storedFields();
                List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc sd : top.scoreDocs) {
                    Document d = stored.document(sd.doc);
                    long micros = d.getField(CREATED).numericValue().longValue();
                    String names = d.get(FILE_NAMES);
                    hits.add(new Hit(UUID.fromString(d.get(ID)), fromMicros(micros),
                            names == null ? List.of() : List.of(names.split("\n"))));
                }
                return hits;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static OffsetDateTime fromMicros(long micros) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L), ZoneOffset.UTC);
    }

    @Override
    public String engine() {
        return "lucene";
    }

    @Override
    public void close() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException e) {
            log.warn("closing the search index: {}", e.toString());
        }
    }
}
