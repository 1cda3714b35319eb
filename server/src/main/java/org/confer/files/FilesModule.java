package org.confer.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.confer.audit.AuditTrail;
import org.confer.chat.Attachments;
import org.confer.chat.ConversationAccess;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.http.Route;

/**
 * Builds the files feature for App (docs/files.md): the blob store the settings choose, the
 * malware scanner, uploads, reading, chat's attachments and the tick. Owns their start and stop.
 */
public final class FilesModule implements AutoCloseable {
    private final BlobStore blobStore;
    private final MessageFiles attachments;
    private final FileRoutes routes;
    private final FileSweeper sweeper;
    private final Blobs blobs;

    public FilesModule(Database db, ConversationWriter writer, FileSettings settings, Path dataDir, ConversationAccess access, AuditTrail audit, Clock clock,
                       ObjectMapper mapper) {
        FileStore store = new FileStore();
        this.blobStore = settings.s3().<BlobStore>map(S3BlobStore::new).orElseGet(() -> new FileSystemBlobStore(dataDir.resolve("blobs")));
        MalwareScanner scanner = settings.clamd().<MalwareScanner>map(ClamdScanner::new).orElse(MalwareScanner.NONE);
        Blobs blobs = new Blobs(db, store, blobStore, clock);
        this.blobs = blobs;
        Path staging = dataDir.resolve("uploads");
        FileIntake intake = new FileIntake(db, store, blobs, scanner, audit, settings, clock);
        UploadService uploads = new UploadService(db, store, access, intake, settings, staging, clock);
        this.attachments = new MessageFiles(store, blobs);
        this.routes = new FileRoutes(uploads, new FileService(db, store, blobs, access, audit, clock), mapper);
        this.sweeper = new FileSweeper(db, writer, attachments, store, blobs, uploads, scanner, audit, settings, staging, clock);
    }

    /** What chat's MessageService needs to carry files. */
    public Attachments attachments() {
        return attachments;
    }

    /** The stored contents, by SHA-256: what a compliance export (org.confer.retention) copies into its zip. */
    public Blobs blobs() {
        return blobs;
    }

    public List<Route> routes() {
        return routes.routes();
    }

    /** The tick; tests run {@code sweeper().run()} instead of waiting. */
    public FileSweeper sweeper() {
        return sweeper;
    }

    public void start() {
        blobStore.start();
        sweeper.start();
    }

    @Override
    public void close() {
        sweeper.close();
        blobStore.close();
    }
}
