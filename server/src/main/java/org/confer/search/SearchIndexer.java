package org.confer.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.events.ConversationFrame;
import org.confer.events.UserFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index in step with committed messages (docs/search.md, "Indexing"). It listens on
 * the bus, where a frame appears only after its transaction committed, and does nothing on the
 * publishing thread but offer the frame to a bounded queue: a send is never slowed by search.
 * One thread applies the queue in batches. When the queue is full the frame is not waited for:
 * the indexer is marked dirty and catches up from the database (messages changed since its last
 * empty-queue instant, less a margin), so nothing is lost. At start it catches up from the index's
 * watermark, or rebuilds the whole index when it has none (new, missing or corrupt).
 */
public final class SearchIndexer implements Bus.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    /**
     * Frames waiting: a burst of 10,000 messages (the busiest conversations of DESIGN.md's 500,000
     * a day post a few a second) fits; past it, catching up from the database is cheaper than waiting.
     */
    static final int QUEUE_FRAMES = 10_000;
    /** Frames applied together: one Lucene refresh or one PostgreSQL transaction per batch. */
    static final int BATCH = 500;
    /** Rows read per page when catching up or rebuilding. */
    static final int PAGE = 1_000;
    /**
     * Re-read this far before the watermark: a transaction stamps its rows with its start time
     * and may commit (and publish) later; a send's transaction lasts milliseconds, two minutes is
     * far beyond any we would accept.
     */
    static final Duration MARGIN = Duration.ofMinutes(2);
    /** How often applied changes are made durable (a Lucene commit fsyncs; a restart re-reads the rest). */
    static final Duration COMMIT_EVERY = Duration.ofSeconds(5);

    private final Database db;
    private final SearchStore store;
    private final SearchIndex index;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final AtomicBoolean dirty = new AtomicBoolean();
    private volatile boolean running;
    private volatile Instant quietSince;
    private volatile Instant dirtySince;
    private Thread thread;

    private record Rebuild() {}

    SearchIndexer(Database db, SearchStore store, SearchIndex index, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.store = store;
        this.index = index;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public void onConversationFrame(ConversationFrame frame) {
        String f = frame.frame();
        if (!(f.contains("\"kind\":\"message.posted\"") || f.contains("\"kind\":\"message.edited\"")
                || f.contains("\"kind\":\"message.deleted\""))) {
            return;
        }
        if (!queue.offer(frame)) {
            markDirty();
        }
    }

    @Override
    public void onUserFrame(UserFrame frame) {
        // Nothing a person's own log holds is searched.
    }

    /** In a cluster the node that committed a message indexes it, once; the others would only repeat it. */
    @Override
    public boolean hearsOtherNodes() {
        return false;
    }

    @Override
    public void onMembershipChanged(UUID conversationId, UUID userId, boolean added) {
        // Membership is read when a search runs, never indexed: a removal takes effect at once.
    }

    private void markDirty() {
        if (dirty.compareAndSet(false, true)) {
            dirtySince = quietSince;
        }
    }

    /** Rebuilds the index from the database on the indexer's thread, after what is queued now. */
    public void requestRebuild() {
        if (!queue.offer(new Rebuild())) {
            // A full queue is caught up from the database anyway; the rebuild must still happen.
            markDirty();
            dirtySince = null;
        }
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("confer-search-indexer").start(this::run);
    }

    private void run() {
        try {
            quietSince = clock.instant();
            Optional<Instant> mark = index.watermark();
            if (mark.isPresent()) {
                catchUp(mark.get().minus(MARGIN));
            } else {
                rebuild();
            }
        } catch (RuntimeException e) {
            log.error("search index: catching up at start failed; searches may miss older messages", e);
        }
        long lastCommit = System.nanoTime();
        boolean uncommitted = false;
        while (running) {
            try {
                Instant before = clock.instant();
                Object first = queue.poll(250, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!dirty.get()) {
                        quietSince = before;
                    }
                } else {
                    List<Object> batch = new ArrayList<>(BATCH);
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    uncommitted |= applyBatch(batch);
                    if (queue.isEmpty() && !dirty.get()) {
                        quietSince = before;
                    }
                }
                if (dirty.getAndSet(false)) {
                    Instant since = dirtySince;
                    if (since == null) {
                        rebuild();
                    } else {
                        catchUp(since.minus(MARGIN));
                    }
                    uncommitted = true;
                }
                if (uncommitted && System.nanoTime() - lastCommit > COMMIT_EVERY.toNanos()) {
                    index.commit(quietSince);
                    uncommitted = false;
                    lastCommit = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Whatever failed is read again from the database: nothing is dropped for good.
                log.error("search index: a batch failed; catching up from the database", e);
                markDirty();
            }
        }
    }

    /** Applies frames and commands in order; true when the index changed. */
    private boolean applyBatch(List<Object> batch) {
        Map<UUID, IndexedMessage> upserts = new LinkedHashMap<>();
        Set<UUID> deletes = new LinkedHashSet<>();
        for (Object o : batch) {
            if (o instanceof Rebuild) {
                flush(upserts, deletes);
                rebuild();
                continue;
            }
            JsonNode event = parse(((ConversationFrame) o).frame());
            if (event == null) {
                continue;
            }
            switch (event.path("kind").asText()) {
                case "message.posted", "message.edited" -> {
                    JsonNode m = event.path("message");
                    UUID id = UUID.fromString(m.path("id").asText());
                    if (m.hasNonNull("deletedAt")) {
                        upserts.remove(id);
                        deletes.add(id);
                    } else {
                        deletes.remove(id);
                        upserts.put(id, snapshot(m));
                    }
                }
                case "message.deleted" -> {
                    UUID id = UUID.fromString(event.path("messageId").asText());
                    upserts.remove(id);
                    deletes.add(id);
                }
                default -> { }
            }
        }
        return flush(upserts, deletes);
    }

    private boolean flush(Map<UUID, IndexedMessage> upserts, Set<UUID> deletes) {
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return false;
        }
        index.apply(List.copyOf(upserts.values()), List.copyOf(deletes));
        upserts.clear();
        deletes.clear();
        return true;
    }

    private JsonNode parse(String frame) {
        try {
            return mapper.readTree(frame).path("event");
        } catch (java.io.IOException e) {
            log.warn("search index: a frame that is not JSON was skipped: {}", e.toString());
            return null;
        }
    }

    /** The message of a posted or edited event's snapshot, with the names of its files when it has any. */
    private static IndexedMessage snapshot(JsonNode m) {
        List<UUID> mentions = new ArrayList<>();
        m.path("mentions").forEach(u -> mentions.add(UUID.fromString(u.asText())));
        List<String> files = new ArrayList<>();
        m.path("files").forEach(f -> {
            if (f.hasNonNull("name")) {
                files.add(f.get("name").asText());
            }
        });
        return new IndexedMessage(UUID.fromString(m.path("id").asText()), UUID.fromString(m.path("conversationId").asText()),
                UUID.fromString(m.path("authorId").asText()), OffsetDateTime.parse(m.path("createdAt").asText()),
                m.hasNonNull("text") ? m.get("text").asText() : "", mentions, m.path("mentionsChannel").asBoolean(), files);
    }

    /** Re-reads every message created, edited or deleted since {@code since}. */
    private void catchUp(Instant since) {
        long t0 = System.nanoTime();
        OffsetDateTime from = OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC);
        int n = 0;
        UUID after = null;
        for (List<SearchStore.Change> page; running && !(page = store.changedSince(db.dsl(), from, after, PAGE)).isEmpty(); ) {
            apply(page);
            n += page.size();
            after = page.getLast().message().id();
        }
        log.info("search index ({}): caught up {} messages changed since {} in {} ms", index.engine(), n, since,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Empties the index and reads every standing message again; the watermark is when it began. */
    private void rebuild() {
        long t0 = System.nanoTime();
        Instant began = clock.instant();
        index.clear();
        int n = 0;
        UUID after = null;
        for (List<SearchStore.Change> page; running && !(page = store.standing(db.dsl(), after, PAGE)).isEmpty(); ) {
            apply(page);
            n += page.size();
            after = page.getLast().message().id();
        }
        if (!running) {
            return;
        }
        index.commit(began);
        index.rebuilt();
        log.info("search index ({}): rebuilt from {} messages in {} ms", index.engine(), n, (System.nanoTime() - t0) / 1_000_000);
    }

    private void apply(List<SearchStore.Change> page) {
        List<IndexedMessage> upserts = new ArrayList<>();
        List<UUID> deletes = new ArrayList<>();
        for (SearchStore.Change c : page) {
            if (c.deleted()) {
                deletes.add(c.message().id());
            } else {
                upserts.add(c.message());
            }
        }
        index.apply(upserts, deletes);
    }

    /** Stops the thread, then makes what was applied durable with the last quiet instant as watermark. */
    @Override
    public void close() {
        // No interrupt: an interrupted Lucene write closes its file channel and breaks the writer.
        // The loop polls every 250 ms and sees running go false.
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!dirty.get() && queue.isEmpty() && quietSince != null) {
                try {
                    index.commit(quietSince);
                } catch (RuntimeException e) {
                    log.warn("search index: final commit failed; the next start catches up: {}", e.toString());
                }
            }
        }
    }
}
