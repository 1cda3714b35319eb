package org.confer.files;

import static org.confer.db.schema.Tables.BLOBS;
import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.FILES;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.MESSAGE_FILES;
import static org.confer.db.schema.Tables.TEAM_MEMBERS;
import static org.confer.db.schema.Tables.UPLOADS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.records.FilesRecord;
import org.confer.db.schema.tables.records.UploadsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The SQL of uploads, files, their links to messages and the blob index. Every read a person makes
 * is joined to their current membership here (see {@link #visible}), so nothing in this class
 * shows a file to someone who may not see it.
 */
public final class FileStore {

    // ---- uploads

    public void insertUpload(DSLContext tx, Upload u) {
        tx.insertInto(UPLOADS).set(UPLOADS.ID, u.id()).set(UPLOADS.UPLOADER_ID, u.uploaderId())
                .set(UPLOADS.CONVERSATION_ID, u.conversationId()).set(UPLOADS.NAME, u.name()).set(UPLOADS.SIZE, u.size())
                .set(UPLOADS.RECEIVED, u.received()).set(UPLOADS.CREATED_AT, u.createdAt()).set(UPLOADS.EXPIRES_AT, u.expiresAt())
                .execute();
    }

    /** The upload, if it is {@code uploaderId}'s: anyone else's is not found. */
    public Optional<Upload> upload(DSLContext db, UUID id, UUID uploaderId) {
        return db.selectFrom(UPLOADS).where(UPLOADS.ID.eq(id).and(UPLOADS.UPLOADER_ID.eq(uploaderId)))
                .fetchOptional(FileStore::upload);
    }

    /** Moves the offset from {@code from} to {@code to}; false when another chunk moved it first. */
    public boolean advance(DSLContext tx, UUID id, long from, long to) {
        return tx.update(UPLOADS).set(UPLOADS.RECEIVED, to).where(UPLOADS.ID.eq(id).and(UPLOADS.RECEIVED.eq(from))).execute() == 1;
    }

    public boolean deleteUpload(DSLContext tx, UUID id) {
        return tx.deleteFrom(UPLOADS).where(UPLOADS.ID.eq(id)).execute() == 1;
    }

    public int openUploads(DSLContext db, UUID uploaderId, OffsetDateTime now) {
        return db.fetchCount(UPLOADS, UPLOADS.UPLOADER_ID.eq(uploaderId).and(UPLOADS.EXPIRES_AT.gt(now)));
    }

    public List<UUID> expiredUploads(DSLContext db, OffsetDateTime now, int limit) {
        return db.select(UPLOADS.ID).from(UPLOADS).where(UPLOADS.EXPIRES_AT.le(now)).limit(limit).fetch(UPLOADS.ID);
    }

    private static Upload upload(UploadsRecord r) {
        return new Upload(r.getId(), r.getUploaderId(), r.getConversationId(), r.getName(), r.getSize(), r.getReceived(),
                r.getCreatedAt(), r.getExpiresAt());
    }

    // ---- blobs

    /**
     * Locks the blob's index row, creating it when new. A file is made from a blob, and the
     * collector removes one, only while holding this lock: the two never interleave.
     */
    public void lockBlob(DSLContext tx, String sha256, long size, OffsetDateTime now) {
        tx.insertInto(BLOBS).set(BLOBS.SHA256, sha256).set(BLOBS.SIZE, size).set(BLOBS.CREATED_AT, now)
                .onConflictDoNothing().execute();
        tx.select(BLOBS.SHA256).from(BLOBS).where(BLOBS.SHA256.eq(sha256)).forUpdate().fetch();
    }

    /** Locks the blob's row and removes it when no file refers to it; true when it was removed. */
    public boolean dropIfUnreferenced(DSLContext tx, String sha256) {
        if (tx.select(BLOBS.SHA256).from(BLOBS).where(BLOBS.SHA256.eq(sha256)).forUpdate().fetch().isEmpty()) {
            return false;
        }
        if (tx.fetchExists(FILES, referring(sha256))) {
            return false;
        }
        return tx.deleteFrom(BLOBS).where(BLOBS.SHA256.eq(sha256)).execute() == 1;
    }

    /** Blobs no file refers to (an infected file keeps its row but not its content). */
    public List<String> unreferencedBlobs(DSLContext db, int limit) {
        return db.select(BLOBS.SHA256).from(BLOBS)
                .whereNotExists(DSL.selectOne().from(FILES).where(referring(BLOBS.SHA256)))
                .limit(limit).fetch(BLOBS.SHA256);
    }

    private static Condition referring(String sha256) {
        return FILES.SHA256.eq(sha256).and(FILES.STATUS.ne(StoredFile.INFECTED)).or(FILES.THUMBNAIL_SHA256.eq(sha256));
    }

    private static Condition referring(org.jooq.Field<String> sha256) {
        return FILES.SHA256.eq(sha256).and(FILES.STATUS.ne(StoredFile.INFECTED)).or(FILES.THUMBNAIL_SHA256.eq(sha256));
    }

    // ---- files

    public void insertFile(DSLContext tx, StoredFile f) {
        tx.insertInto(FILES).set(FILES.ID, f.id()).set(FILES.UPLOADER_ID, f.uploaderId()).set(FILES.CONVERSATION_ID, f.conversationId())
                .set(FILES.NAME, f.name()).set(FILES.SIZE, f.size()).set(FILES.SHA256, f.sha256())
                .set(FILES.CONTENT_TYPE, f.contentType()).set(FILES.STATUS, f.status()).set(FILES.WIDTH, f.width())
                .set(FILES.HEIGHT, f.height()).set(FILES.THUMBNAIL_SHA256, f.thumbnailSha256()).set(FILES.CREATED_AT, f.createdAt())
                .execute();
    }

    public Optional<StoredFile> file(DSLContext db, UUID id) {
        return db.selectFrom(FILES).where(FILES.ID.eq(id)).fetchOptional(FileStore::file);
    }

    /**
     * The file, if {@code userId} may see it: they uploaded it, or they are a member now of a
     * conversation where a message that still stands carries it.
     */
    public Optional<StoredFile> visible(DSLContext db, UUID id, UUID userId) {
        Condition shared = DSL.exists(DSL.selectOne().from(MESSAGE_FILES)
                .join(MESSAGES).on(MESSAGES.ID.eq(MESSAGE_FILES.MESSAGE_ID).and(MESSAGES.DELETED_AT.isNull()))
                .join(CONVERSATION_MEMBERS).on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(MESSAGES.CONVERSATION_ID)
                        .and(CONVERSATION_MEMBERS.USER_ID.eq(userId)))
                .where(MESSAGE_FILES.FILE_ID.eq(id)));
        return db.selectFrom(FILES).where(FILES.ID.eq(id).and(FILES.UPLOADER_ID.eq(userId).or(shared)))
                .fetchOptional(FileStore::file);
    }

    /** The files among {@code ids} that {@code uploaderId} uploaded, locked for the send that attaches them. */
    public List<StoredFile> ownFiles(DSLContext tx, UUID uploaderId, Collection<UUID> ids) {
        return tx.selectFrom(FILES).where(FILES.ID.in(ids).and(FILES.UPLOADER_ID.eq(uploaderId))).forUpdate().fetch(FileStore::file);
    }

    /** A message (not deleted) that carries a file, and its conversation. */
    public record Carrier(UUID messageId, UUID conversationId) {}

    /** The messages that carry this file and are not deleted. */
    public List<Carrier> carriers(DSLContext db, UUID fileId) {
        return db.select(MESSAGES.ID, MESSAGES.CONVERSATION_ID).from(MESSAGE_FILES)
                .join(MESSAGES).on(MESSAGES.ID.eq(MESSAGE_FILES.MESSAGE_ID).and(MESSAGES.DELETED_AT.isNull()))
                .where(MESSAGE_FILES.FILE_ID.eq(fileId))
                .fetch(r -> new Carrier(r.value1(), r.value2()));
    }

    /**
     * Ends a held file's scan: sets {@code status} only while it is still scanning, so when two
     * nodes' ticks scan the same file one of them changes it (and tells and audits); false for the other.
     */
    public boolean finishScan(DSLContext tx, UUID id, String status) {
        return tx.update(FILES).set(FILES.STATUS, status)
                .where(FILES.ID.eq(id).and(FILES.STATUS.eq(StoredFile.SCANNING))).execute() == 1;
    }

    public List<StoredFile> scanning(DSLContext db, int limit) {
        return db.selectFrom(FILES).where(FILES.STATUS.eq(StoredFile.SCANNING)).orderBy(FILES.CREATED_AT).limit(limit)
                .fetch(FileStore::file);
    }

    /** Files never sent in a message and older than {@code before}: the uploader changed their mind. */
    public List<StoredFile> unsent(DSLContext db, OffsetDateTime before, int limit) {
        return db.selectFrom(FILES).where(FILES.CREATED_AT.lt(before))
                .andNotExists(DSL.selectOne().from(MESSAGE_FILES).where(MESSAGE_FILES.FILE_ID.eq(FILES.ID)))
                .limit(limit).fetch(FileStore::file);
    }

    /** Removes files no message links any more; returns the blobs they named. */
    public List<String> deleteUnlinked(DSLContext tx, Collection<UUID> ids) {
        List<StoredFile> gone = tx.selectFrom(FILES).where(FILES.ID.in(ids))
                .andNotExists(DSL.selectOne().from(MESSAGE_FILES).where(MESSAGE_FILES.FILE_ID.eq(FILES.ID)))
                .forUpdate().fetch(FileStore::file);
        List<String> blobs = new ArrayList<>();
        for (StoredFile f : gone) {
            blobs.add(f.sha256());
            if (f.thumbnailSha256() != null) {
                blobs.add(f.thumbnailSha256());
            }
        }
        if (!gone.isEmpty()) {
            tx.deleteFrom(FILES).where(FILES.ID.in(gone.stream().map(StoredFile::id).toList())).execute();
        }
        return blobs;
    }

    private static StoredFile file(FilesRecord r) {
        return new StoredFile(r.getId(), r.getUploaderId(), r.getConversationId(), r.getName(), r.getSize(), r.getSha256(),
                r.getContentType(), r.getStatus(), r.getWidth(), r.getHeight(), r.getThumbnailSha256(), r.getCreatedAt());
    }

    // ---- links

    public void link(DSLContext tx, UUID messageId, List<UUID> fileIds) {
        var insert = tx.insertInto(MESSAGE_FILES, MESSAGE_FILES.MESSAGE_ID, MESSAGE_FILES.FILE_ID, MESSAGE_FILES.POSITION);
        for (int i = 0; i < fileIds.size(); i++) {
            insert = insert.values(messageId, fileIds.get(i), i);
        }
        insert.execute();
    }

    /** Removes the message's links; returns the files it carried. */
    public List<UUID> unlink(DSLContext tx, UUID messageId) {
        List<UUID> ids = tx.select(MESSAGE_FILES.FILE_ID).from(MESSAGE_FILES).where(MESSAGE_FILES.MESSAGE_ID.eq(messageId))
                .fetch(MESSAGE_FILES.FILE_ID);
        tx.deleteFrom(MESSAGE_FILES).where(MESSAGE_FILES.MESSAGE_ID.eq(messageId)).execute();
        return ids;
    }

    /** The files of each of these messages, in their order: one query for a page of history. */
    public Map<UUID, List<StoredFile>> ofMessages(DSLContext db, Collection<UUID> messageIds) {
        Map<UUID, List<StoredFile>> out = new LinkedHashMap<>();
        if (messageIds.isEmpty()) {
            return out;
        }
        db.select(FILES.fields()).select(MESSAGE_FILES.MESSAGE_ID).from(MESSAGE_FILES)
                .join(FILES).on(FILES.ID.eq(MESSAGE_FILES.FILE_ID))
                .where(MESSAGE_FILES.MESSAGE_ID.in(messageIds))
                .orderBy(MESSAGE_FILES.MESSAGE_ID, MESSAGE_FILES.POSITION)
                .forEach(r -> out.computeIfAbsent(r.get(MESSAGE_FILES.MESSAGE_ID), k -> new ArrayList<>())
                        .add(file(r.into(FILES))));
        return out;
    }

    // ---- Files tabs

    /** Where a page starts: before this message's time, id and position (newest first). */
    public record Cursor(OffsetDateTime sharedAt, UUID messageId, int position) {}

    /**
     * Files shared by standing messages in the conversations chosen by {@code where}, newest first.
     * {@code images} true: images only; false: everything else; null: all.
     */
    public List<SharedFile> shared(DSLContext db, Condition where, Cursor before, Boolean images, int limit) {
        Condition c = where.and(MESSAGES.DELETED_AT.isNull());
        if (before != null) {
            c = c.and(DSL.row(MESSAGES.CREATED_AT, MESSAGES.ID, MESSAGE_FILES.POSITION)
                    .lt(before.sharedAt(), before.messageId(), before.position()));
        }
        if (images != null) {
            Condition image = FILES.CONTENT_TYPE.in(Sniffer.PNG, Sniffer.JPEG, Sniffer.GIF, Sniffer.WEBP);
            c = c.and(images ? image : image.not());
        }
        return db.select(FILES.fields()).select(MESSAGES.CONVERSATION_ID, MESSAGES.ID, MESSAGES.AUTHOR_ID, MESSAGES.CREATED_AT,
                        MESSAGE_FILES.POSITION)
                .from(MESSAGE_FILES)
                .join(MESSAGES).on(MESSAGES.ID.eq(MESSAGE_FILES.MESSAGE_ID))
                .join(FILES).on(FILES.ID.eq(MESSAGE_FILES.FILE_ID))
                .where(c)
                .orderBy(MESSAGES.CREATED_AT.desc(), MESSAGES.ID.desc(), MESSAGE_FILES.POSITION.desc())
                .limit(limit)
                .fetch(FileStore::shared);
    }

    public static Condition inConversation(UUID conversationId) {
        return MESSAGES.CONVERSATION_ID.eq(conversationId);
    }

    /** The team's conversations that {@code userId} is a member of now. */
    public static Condition inTeamFor(UUID teamId, UUID userId) {
        return MESSAGES.CONVERSATION_ID.in(DSL.select(CONVERSATIONS.ID).from(CONVERSATIONS)
                .join(CONVERSATION_MEMBERS).on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(CONVERSATIONS.ID)
                        .and(CONVERSATION_MEMBERS.USER_ID.eq(userId)))
                .where(CONVERSATIONS.TEAM_ID.eq(teamId)));
    }

    public boolean isTeamMember(DSLContext db, UUID teamId, UUID userId) {
        return db.fetchExists(TEAM_MEMBERS, TEAM_MEMBERS.TEAM_ID.eq(teamId).and(TEAM_MEMBERS.USER_ID.eq(userId)));
    }

    private static SharedFile shared(Record r) {
        return new SharedFile(file(r.into(FILES)), r.get(MESSAGES.CONVERSATION_ID), r.get(MESSAGES.ID), r.get(MESSAGE_FILES.POSITION),
                r.get(MESSAGES.AUTHOR_ID), r.get(MESSAGES.CREATED_AT));
    }
}
