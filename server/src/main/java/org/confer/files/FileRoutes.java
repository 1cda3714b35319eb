package org.confer.files;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.post;
import static org.confer.http.Route.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** HTTP routes of uploads and files (docs/files.md). Thin: parse, call a service, map. */
public final class FileRoutes {
    /**
     * The policy of every file response: nothing in a file may run (sandbox: no scripts, no
     * forms, no same origin), load anything or be framed, even if a browser were talked into
     * rendering it as a page. Images and inline styles are allowed so an image or PDF still shows.
     */
    public static final String FILE_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

    record NewUpload(UUID conversationId, String name, Long size) {}

    private final UploadService uploads;
    private final FileService files;
    private final ObjectMapper mapper;

    public FileRoutes(UploadService uploads, FileService files, ObjectMapper mapper) {
        this.uploads = uploads;
        this.files = files;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/uploads", Access.SIGNED_IN, "Start a resumable upload of a file for a conversation", this::create),
                put("/api/v1/uploads/{uploadId}", Access.SIGNED_IN, "Send the upload's next chunk at ?offset=", this::chunk),
                get("/api/v1/uploads/{uploadId}", Access.SIGNED_IN, "The upload's offset (resume after a dropped connection)", this::status),
                delete("/api/v1/uploads/{uploadId}", Access.SIGNED_IN, "Cancel an upload", this::cancel),
                get("/api/v1/files/{fileId}", Access.SIGNED_IN, "A file's metadata", this::metadata),
                get("/api/v1/files/{fileId}/content", Access.SIGNED_IN, "A file's bytes (inline for images and PDF)", this::content),
                get("/api/v1/files/{fileId}/thumbnail", Access.SIGNED_IN, "An image's thumbnail (longest side 320 px)", this::thumbnail),
                get("/api/v1/conversations/{conversationId}/files", Access.SIGNED_IN, "Files shared in the conversation, newest first",
                        this::conversationFiles),
                get("/api/v1/teams/{teamId}/files", Access.SIGNED_IN, "Files shared in the team's channels the caller is in",
                        this::teamFiles));
    }

    private static UUID uploadId(Context ctx) {
        return Requests.uuidPath(ctx, "uploadId", "Upload");
    }

    private static UUID fileId(Context ctx) {
        return Requests.uuidPath(ctx, "fileId", "File");
    }

    private void create(Context ctx) {
        NewUpload req = Requests.body(ctx, mapper, NewUpload.class);
        ctx.status(201).json(uploads.create(SignedIn.principal(ctx), req.conversationId(), req.name(), req.size()));
    }

    private void chunk(Context ctx) throws IOException {
        try (InputStream body = ctx.req().getInputStream()) {
            ctx.json(uploads.put(SignedIn.principal(ctx), uploadId(ctx), ctx.queryParam("offset"), ctx.req().getContentLengthLong(), body));
        }
    }

    private void status(Context ctx) {
        ctx.json(uploads.status(SignedIn.principal(ctx), uploadId(ctx)));
    }

    private void cancel(Context ctx) {
        uploads.cancel(SignedIn.principal(ctx), uploadId(ctx));
        ctx.status(204);
    }

    private void metadata(Context ctx) {
        ctx.json(files.metadata(SignedIn.principal(ctx), fileId(ctx)));
    }

    private void content(Context ctx) throws IOException {
        FileService.Content c = files.content(SignedIn.principal(ctx), fileId(ctx));
        boolean attachment = "1".equals(ctx.queryParam("download")) || !Sniffer.isInline(c.contentType());
        serve(ctx, c, attachment);
    }

    private void thumbnail(Context ctx) throws IOException {
        FileService.Content c = files.thumbnail(SignedIn.principal(ctx), fileId(ctx))
                .orElseThrow(() -> ApiException.notFound("Thumbnail"));
        serve(ctx, c, false);
    }

    private void conversationFiles(Context ctx) {
        ctx.json(files.conversationFiles(SignedIn.principal(ctx), Requests.uuidPath(ctx, "conversationId", "Conversation"),
                Requests.intQuery(ctx, "limit", FileService.DEFAULT_PAGE), ctx.queryParam("before"), ctx.queryParam("kind")));
    }

    private void teamFiles(Context ctx) {
        ctx.json(files.teamFiles(SignedIn.principal(ctx), Requests.uuidPath(ctx, "teamId", "Team"),
                Requests.intQuery(ctx, "limit", FileService.DEFAULT_PAGE), ctx.queryParam("before"), ctx.queryParam("kind")));
    }

    /** Writes the bytes with the headers of docs/files.md, "Serving"; the stream is closed either way. */
    static void serve(Context ctx, FileService.Content c, boolean attachment) throws IOException {
        try (InputStream in = c.bytes()) {
            ctx.status(200);
            ctx.header("Content-Type", c.contentType().startsWith("text/") ? c.contentType() + "; charset=utf-8" : c.contentType());
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", FILE_CSP);
            // The web client's viewer frames a PDF (the browser's own viewer still runs under the sandbox);
            // no other site may frame a file.
            ctx.header("X-Frame-Options", "SAMEORIGIN");
            ctx.header("Cache-Control", "private, max-age=300");
            ctx.header("Content-Disposition", disposition(attachment, c.file().name()));
            ctx.res().setContentLengthLong(c.size());
            try (OutputStream out = ctx.res().getOutputStream()) {
                in.transferTo(out);
            }
        }
    }

    /** {@code inline} or {@code attachment}, with an ASCII fallback name and the real one RFC 5987-encoded. */
    static String disposition(boolean attachment, String name) {
        StringBuilder ascii = new StringBuilder();
        for (char ch : name.toCharArray()) {
            ascii.append(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' && ch != ';' && ch != '%' ? ch : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return (attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
