package org.confer.files;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.chat.Attachments;
import org.confer.events.ConversationEvent.FileSnapshot;
import org.confer.http.ApiException;
import org.jooq.DSLContext;

/** Chat's {@link Attachments}: files linked to messages in the send's transaction, read a page at a time. */
public final class MessageFiles implements Attachments {
    private final FileStore store;
    private final Blobs blobs;

    public MessageFiles(FileStore store, Blobs blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    @Override
    public List<FileSnapshot> attach(DSLContext tx, UUID senderId, UUID messageId, List<UUID> fileIds) {
        if (fileIds.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<UUID> ids = new LinkedHashSet<>(fileIds);
        if (ids.size() != fileIds.size() || ids.contains(null)) {
            throw ApiException.invalid("files", "'files' names a file twice");
        }
        if (ids.size() > MAX_PER_MESSAGE) {
            throw ApiException.invalid("files", "A message carries at most " + MAX_PER_MESSAGE + " files");
        }
        Map<UUID, StoredFile> own = new LinkedHashMap<>();
        store.ownFiles(tx, senderId, ids).forEach(f -> own.put(f.id(), f));
        List<FileSnapshot> out = new ArrayList<>();
        for (UUID id : ids) {
            StoredFile f = own.get(id);
            // Someone else's file and no file at all answer alike: nothing is learnt about other people's files.
            if (f == null) {
                throw ApiException.invalid("files", "No file " + id + " of yours (upload it first)");
            }
            if (f.status().equals(StoredFile.INFECTED)) {
                throw ApiException.invalid("files", "The file " + id + " was found to be infected and cannot be sent");
            }
            out.add(snapshot(f));
        }
        store.link(tx, messageId, List.copyOf(ids));
        return out;
    }

    @Override
    public Map<UUID, List<FileSnapshot>> of(DSLContext db, Collection<UUID> messageIds) {
        Map<UUID, List<FileSnapshot>> out = new LinkedHashMap<>();
        store.ofMessages(db, messageIds).forEach((m, files) -> out.put(m, files.stream().map(MessageFiles::snapshot).toList()));
        return out;
    }

    @Override
    public List<String> detach(DSLContext tx, UUID messageId) {
        List<UUID> files = store.unlink(tx, messageId);
        return files.isEmpty() ? List.of() : store.deleteUnlinked(tx, files);
    }

    @Override
    public void release(List<String> candidates) {
        blobs.release(candidates);
    }

    static FileSnapshot snapshot(StoredFile f) {
        return new FileSnapshot(f.id(), f.name(), f.contentType(), f.size(), f.status(), f.width(), f.height(),
                f.thumbnailSha256() != null);
    }
}
