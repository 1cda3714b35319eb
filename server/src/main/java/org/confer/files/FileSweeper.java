package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.events.ConversationEvent.MessageFilesUpdated;
import org.confer.events.ConversationWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files tick (every CONFER_FILES_TICK_SECONDS): files held as scanning are scanned again (the
 * fail-closed half of malware scanning), uploads past their expiry and files never sent are
 * removed, and blobs no file refers to are collected. Every step is safe to run on several nodes
 * at once: each change is guarded by a row (the upload, the file's status changed only from
 * scanning, the blob's lock), so a file two nodes scan is told, audited and released once.
 */
public final class FileSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileSweeper.class);

    private final Database db;
    private final ConversationWriter writer;
    private final MessageFiles attachments;
    private final FileStore store;
    private final Blobs blobs;
    private final UploadService uploads;
    private final MalwareScanner scanner;
    private final AuditTrail audit;
    private final FileSettings settings;
    private final Path scratch;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public FileSweeper(Database db, ConversationWriter writer, MessageFiles attachments, FileStore store, Blobs blobs, UploadService uploads,
                       MalwareScanner scanner, AuditTrail audit, FileSettings settings, Path scratch, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.attachments = attachments;
        this.store = store;
        this.blobs = blobs;
        this.uploads = uploads;
        this.scanner = scanner;
        this.audit = audit;
        this.settings = settings;
        this.scratch = scratch;
        this.clock = clock;
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("files-tick").factory());
        long every = settings.tick().toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("files tick failed; it runs again in {}", settings.tick(), e);
        }
    }

    /** One pass; tests call it instead of waiting for the timer. */
    public void run() {
        rescan();
        uploads.removeExpired();
        List<String> candidates = new ArrayList<>();
        OffsetDateTime before = OffsetDateTime.now(clock).minus(settings.uploadTtl());
        for (StoredFile f : store.unsent(db.dsl(), before, 500)) {
            db.dsl().transaction(cfg -> candidates.addAll(store.deleteUnlinked(cfg.dsl(), List.of(f.id()))));
        }
        blobs.release(candidates);
        blobs.collect();
    }

    /** Scans the files held as scanning again; a scanner still out of reach leaves them held. */
    void rescan() {
        if (!scanner.enabled()) {
            return;
        }
        for (StoredFile f : store.scanning(db.dsl(), 100)) {
            Path copy = null;
            try {
                Files.createDirectories(scratch);
                copy = Files.createTempFile(scratch, "scan", ".tmp");
                try (InputStream in = blobs.open(f.sha256())) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                Optional<String> found = scanner.scan(copy);
                if (found.isEmpty()) {
                    finishScan(f, StoredFile.READY, tx -> { });
                } else {
                    infected(f, found.get());
                }
            } catch (IOException unreachable) {
                log.warn("clamd still cannot scan file {}: {}; held as scanning", f.id(), unreachable.getMessage());
                return;
            } finally {
                if (copy != null) {
                    Blobs.deleteQuietly(copy);
                }
            }
        }
    }

    /**
     * Changes a held file's status (only while still scanning: false when another node did) and,
     * in the same transaction, tells every conversation where a message carries it
     * (message.files-updated): the sender and the readers see "ready" or
     * "blocked" at once, instead of "Checking for viruses…" until they next poll or reload.
     * Archived conversations are told too: this is the system's correction, not a member's write.
     */
    private boolean finishScan(StoredFile f, String status, java.util.function.Consumer<org.jooq.DSLContext> alsoInTransaction) {
        return writer.write(tx -> {
            if (!store.finishScan(tx.dsl(), f.id(), status)) {
                return false; // another node's tick scanned it too and changed it first: it told everyone
            }
            alsoInTransaction.accept(tx.dsl());
            List<FileStore.Carrier> carriers = store.carriers(tx.dsl(), f.id());
            var files = attachments.of(tx.dsl(), carriers.stream().map(FileStore.Carrier::messageId).toList());
            for (FileStore.Carrier c : carriers) {
                tx.append(c.conversationId(), new MessageFilesUpdated(c.messageId(), files.getOrDefault(c.messageId(), List.of())));
            }
            return true;
        });
    }

    /** Marks the file infected (its row stays, so the sender sees it), audits it, and removes its content. */
    private void infected(StoredFile f, String signature) {
        if (!finishScan(f, StoredFile.INFECTED, tx -> audit.record(tx, null, null, "file.infected", "file", f.id(), Map.of("name",
                f.name(), "sha256", f.sha256(), "signature", signature, "uploaderId", f.uploaderId().toString()), OffsetDateTime.now(clock)))) {
            return; // another node blocked it first, audited it and released its content: releasing again would drop a reference twice
        }
        log.warn("file {} uploaded by {} is infected ({}); its content was removed", f.id(), f.uploaderId(), signature);
        List<String> gone = new ArrayList<>(List.of(f.sha256()));
        if (f.thumbnailSha256() != null) {
            gone.add(f.thumbnailSha256());
        }
        blobs.release(gone);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
