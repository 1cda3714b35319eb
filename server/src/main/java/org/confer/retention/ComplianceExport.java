package org.confer.retention;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;
import org.confer.identity.User;

/**
 * A compliance export of a conversation or of a person (a subject access request, a legal hold):
 * one zip with {@code export.json} (everything, with every field), {@code export.html} (the same,
 * readable, escaped) and the attachments under {@code files/}. Written a page of messages at a
 * time straight to the response: memory does not grow with the export (docs/retention.md).
 */
final class ComplianceExport {
    /** Messages per read: a page and its edits, reactions and files are all that is held in memory. */
    static final int PAGE = 500;
    /** At most this many messages: about ten years of a busy ward channel. Larger answers 409. */
    static final int MAX_MESSAGES = 250_000;
    /** At most this many bytes of attachments: 40 files at the 100 MiB upload limit; larger answers 409. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024 * 1024;

    /** An export checked, authorised and recorded, ready to write. */
    record Prepared(String filename, String title, ExportStore.Scope scope, Object subject, List<ExportStore.Person> members,
                    List<ExportStore.Conversation> conversations, String exportedBy, OffsetDateTime at) {}

    private final Database db;
    private final ExportStore store;
    private final RetentionService access;
    private final RetentionModule.ComplianceContents contents;
    private final AuditTrail audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    ComplianceExport(Database db, ExportStore store, RetentionService access, RetentionModule.ComplianceContents contents,
                     AuditTrail audit, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.contents = contents;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    Prepared conversation(Principal who, UUID conversationId) {
        access.requireConversation(who, conversationId);
        ExportStore.Conversation c = store.conversation(db.dsl(), conversationId).orElseThrow(() -> ApiException.notFound("Conversation"));
        ExportStore.Scope scope = new ExportStore.Scope(conversationId, null);
        String title = "Conversation " + (c.name() == null ? "(" + c.kind() + ")" : c.name());
        return recorded(who, new Prepared("confer-conversation-" + conversationId + ".zip", title, scope, c,
                store.members(db.dsl(), conversationId), List.of(), name(who), now()), who.organisationId(), "conversation", conversationId);
    }

    Prepared person(Principal who, UUID userId) {
        User u = access.person(who, userId);
        ExportStore.Scope scope = new ExportStore.Scope(null, userId);
        ExportStore.Person p = new ExportStore.Person(u.id(), u.organisationId(), u.email(), u.displayName(), u.jobTitle(),
                u.status().code());
        return recorded(who, new Prepared("confer-person-" + userId + ".zip", "Messages written by " + u.displayName(), scope, p,
                List.of(p), store.conversationsOf(db.dsl(), userId), name(who), now()), u.organisationId(), "user", userId);
    }

    /** Refuses an export too large to write, then records it (before the first byte is sent). */
    private Prepared recorded(Principal who, Prepared p, UUID organisationId, String subjectType, UUID subjectId) {
        int messages = store.count(db.dsl(), p.scope());
        long bytes = store.fileBytes(db.dsl(), p.scope());
        if (messages > MAX_MESSAGES || bytes > MAX_FILE_BYTES) {
            throw new ApiException(ProblemType.CONFLICT, "This export is too large to build in one piece (" + messages + " messages, "
                    + bytes + " bytes of files; at most " + MAX_MESSAGES + " and " + MAX_FILE_BYTES + ")",
                    Map.of("messages", messages, "fileBytes", bytes));
        }
        db.dsl().transaction(cfg -> audit.record(cfg.dsl(), organisationId, who.userId(), "retention.exported", subjectType, subjectId,
                Map.of("messages", messages, "fileBytes", bytes), p.at()));
        return p;
    }

    void write(Prepared p, OutputStream response) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(response, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("export.json"));
            writeJson(p, zip);
            zip.closeEntry();
            Map<UUID, String> paths = new LinkedHashMap<>();
            zip.putNextEntry(new ZipEntry("export.html"));
            int count = writeHtml(p, zip, paths);
            zip.closeEntry();
            for (var e : filesOf(p).entrySet()) {
                zip.putNextEntry(new ZipEntry(paths.getOrDefault(e.getKey().id(), "files/" + e.getKey().id())));
                try (InputStream in = contents.open(e.getKey().sha256())) {
                    in.transferTo(zip);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // Removed while the export ran (a deletion): its metadata above says what it was.
                }
                zip.closeEntry();
            }
            zip.setComment(count + " messages");
        }
    }

    private void writeJson(Prepared p, OutputStream zip) throws IOException {
        JsonGenerator g = mapper.getFactory().createGenerator(zip);
        g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        g.writeStartObject();
        g.writeStringField("exportedAt", p.at().toString());
        g.writeStringField("exportedBy", p.exportedBy());
        g.writeObjectField(p.scope().conversationId() != null ? "conversation" : "person", p.subject());
        g.writeObjectField("members", p.members());
        if (p.scope().authorId() != null) {
            g.writeObjectField("conversations", p.conversations());
        }
        g.writeArrayFieldStart("messages");
        forEachPage(p, page -> {
            for (ExportStore.Message m : page.messages()) {
                g.writeStartObject();
                g.writeObjectField("message", m);
                g.writeObjectField("edits", page.edits().getOrDefault(m.id(), List.of()));
                g.writeObjectField("reactions", page.reactions().getOrDefault(m.id(), List.of()));
                g.writeObjectField("files", page.files().getOrDefault(m.id(), List.of()));
                g.writeEndObject();
            }
        });
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    private int writeHtml(Prepared p, OutputStream zip, Map<UUID, String> paths) throws IOException {
        Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        ExportHtml html = new ExportHtml(w);
        html.start(p.title(), p.at().toString(), p.exportedBy());
        html.people(p.scope().conversationId() != null ? "Members" : "Person", p.members());
        if (p.scope().authorId() != null) {
            html.conversations(p.conversations());
        } else {
            html.heading("Messages");
        }
        int[] count = {0};
        forEachPage(p, page -> {
            Set<UUID> people = new HashSet<>();
            page.edits().values().forEach(l -> l.forEach(e -> people.add(e.replacedBy())));
            page.reactions().values().forEach(l -> l.forEach(r -> people.add(r.userId())));
            Map<UUID, String> names = store.names(db.dsl(), people);
            page.files().values().forEach(l -> l.forEach(f -> paths.put(f.id(), "files/" + f.id() + "-" + safe(f.name()))));
            for (ExportStore.Message m : page.messages()) {
                html.message(m, page, names, paths);
                count[0]++;
            }
        });
        html.end(count[0]);
        return count[0];
    }

    /** Each attachment once, in the order the messages carry them. */
    private Map<ExportStore.FileMeta, Boolean> filesOf(Prepared p) throws IOException {
        Map<ExportStore.FileMeta, Boolean> out = new LinkedHashMap<>();
        forEachPage(p, page -> page.files().values().forEach(l -> l.forEach(f -> out.put(f, true))));
        return out;
    }

    private interface PageWork {
        void accept(ExportStore.Page page) throws IOException;
    }

    private void forEachPage(Prepared p, PageWork work) throws IOException {
        OffsetDateTime afterTime = null;
        UUID afterId = null;
        while (true) {
            ExportStore.Page page = store.page(db.dsl(), p.scope(), afterTime, afterId, PAGE);
            if (page.messages().isEmpty()) {
                return;
            }
            work.accept(page);
            ExportStore.Message last = page.messages().getLast();
            afterTime = last.createdAt();
            afterId = last.id();
        }
    }

    /** A file name safe in a zip on any system: letters, digits, dot, dash and underscore, at most 100. */
    static String safe(String name) {
        String s = name == null ? "file" : name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        return s.length() > 100 ? s.substring(s.length() - 100) : s;
    }

    private String name(Principal who) {
        return store.names(db.dsl(), List.of(who.userId())).getOrDefault(who.userId(), who.userId().toString());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
