package org.confer.files;

import org.confer.events.ConversationEvent;
import org.confer.testing.ClientState;
import org.confer.testing.Covers;
import org.confer.testing.VerifyAction;
import static org.confer.testing.VerifyAction.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.Uploads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Files over the API (docs/files.md), on H2 and PostgreSQL, with a real clamd holding the EICAR
 * signature when one can be started: the upload protocol and its limits, type spoofing and
 * polyglots, decompression bombs, location stripped from photos, malware refused, who may read a
 * file (and nobody else), the headers of every file response, and files following their messages.
 */
public class FilesApiTest extends ServerTest {
    private static final String CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'";
    private final HttpClient http = HttpClient.newHttpClient();
    private Clamd clamd;
    private ChatFixtures fx;
    private BasicTeam team;
    private Uploads up;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("CONFER_FILES_TICK_SECONDS", "1");
        try {
            if (clamd == null) {
                clamd = Clamd.tryStart();
            }
        } catch (Exception e) {
            clamd = null;
        }
        if (clamd != null) {
            s.put("CONFER_CLAMD_SOCKET", clamd.socket.toString());
        }
        return s;
    }

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        team = fx.basicTeam();
        up = new Uploads(api);
    }

    @AfterAll
    void stopClamd() {
        if (clamd != null) {
            clamd.close();
        }
    }

    // ---- helpers

    private HttpResponse<byte[]> raw(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path));
        headers.forEach(b::header);
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> raw(Person who, String path) throws Exception {
        return raw(path, Map.of("Authorization", "Bearer " + who.token()));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A PNG shared by team.member in the private channel (owner and member are in it; teammate is not). */
    private String sharedPng() {
        JsonNode f = up.uploaded(team.member(), team.privateChannel(), "wound day 3.png", Samples.image("png", 800, 600));
        Api.Response sent = up.send(team.member(), team.privateChannel(), "wound photo", f.get("id").asText());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return f.get("id").asText();
    }

    // ---- the upload protocol

    @Test
    void an_upload_in_chunks_becomes_a_file_with_its_sha256_type_size_and_thumbnail() throws Exception {
        byte[] png = Samples.image("png", 1200, 900);
        JsonNode f = up.uploaded(team.member(), team.general(), "ecg.png", png);
        assertThat(f.get("contentType").asText()).isEqualTo("image/png");
        assertThat(f.get("size").asLong()).isEqualTo(png.length);
        assertThat(f.get("sha256").asText()).isEqualTo(sha256(png));
        assertThat(f.get("width").asInt()).isEqualTo(1200);
        assertThat(f.get("height").asInt()).isEqualTo(900);
        assertThat(f.get("thumbnail").asBoolean()).isTrue();
        assertThat(f.get("status").asText()).isEqualTo("ready");
        assertThat(f.get("uploaderId").asText()).isEqualTo(team.member().id());
        HttpResponse<byte[]> content = raw(team.member(), "/api/v1/files/" + f.get("id").asText() + "/content");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(png);
        HttpResponse<byte[]> thumb = raw(team.member(), "/api/v1/files/" + f.get("id").asText() + "/thumbnail");
        assertThat(thumb.statusCode()).isEqualTo(200);
        var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumb.body()));
        assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(320);
    }

    @Test
    void a_file_larger_than_the_limit_is_refused_before_any_bytes_are_sent() {
        Api.Response r = up.create(team.member(), team.general(), "scan.pdf", 200L * 1024 * 1024);
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.problemType()).isEqualTo("file-too-large");
    }

    @Test
    void a_chunk_at_the_wrong_offset_is_told_where_to_resume() {
        Api.Response c = up.create(team.member(), team.general(), "notes.txt", 10);
        String id = c.json().get("id").asText();
        Api.Response wrong = up.chunk(team.member(), id, 5, Samples.ascii("hello"));
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.problemType()).isEqualTo("upload-offset-mismatch");
        assertThat(wrong.json().get("offset").asLong()).isZero();
        Api.Response tooLong = up.chunk(team.member(), id, 0, Samples.ascii("hello world!"));
        assertThat(tooLong.status()).isEqualTo(413);
    }

    @Test
    void an_interrupted_upload_resumes_from_the_offset_the_server_reports() throws Exception {
        byte[] text = Samples.ascii("Handover notes. ".repeat(20_000)); // 320,000 bytes
        Api.Response c = up.create(team.member(), team.general(), "handover.txt", text.length);
        String id = c.json().get("id").asText();
        assertThat(up.chunk(team.member(), id, 0, java.util.Arrays.copyOfRange(text, 0, 100_000)).json().get("offset").asLong())
                .isEqualTo(100_000);
        // The next chunk's connection drops halfway: 50,000 of a declared 100,000 bytes, then the socket closes.
        URI base = URI.create(api.base());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /api/v1/uploads/" + id + "?offset=100000 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + team.member().token() + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(text, 100_000, 50_000);
            out.flush();
        }
        long offset = -1;
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(50)) {
            Api.Response status = api.get("/api/v1/uploads/" + id, team.member().token());
            offset = status.json().get("offset").asLong();
            if (offset == 100_000) {
                break;
            }
        }
        assertThat(offset).as("the broken chunk counts for nothing").isEqualTo(100_000);
        Api.Response rest = up.chunk(team.member(), id, offset, java.util.Arrays.copyOfRange(text, (int) offset, text.length));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertThat(rest.json().get("file").get("sha256").asText()).isEqualTo(sha256(text));
        assertThat(rest.json().get("file").get("contentType").asText()).isEqualTo("text/plain");
    }

    @Test
    void a_person_may_have_five_uploads_open_at_once() {
        Person busy = fx.person("busy");
        String chat = fx.direct(busy, team.owner());
        List<String> open = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Response r = up.create(busy, chat, "scan-" + i + ".pdf", 1000);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            open.add(r.json().get("id").asText());
        }
        Api.Response sixth = up.create(busy, chat, "scan-6.pdf", 1000);
        assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
        assertThat(sixth.problemType()).isEqualTo("rate-limited");
        assertThat(api.delete("/api/v1/uploads/" + open.getFirst(), busy.token()).status()).isEqualTo(204);
        assertThat(up.create(busy, chat, "scan-6.pdf", 1000).status()).as("one cancelled, one more allowed").isEqualTo(201);
        assertThat(up.create(team.owner(), chat, "mine.pdf", 1000).status()).as("another person's count is their own").isEqualTo(201);
    }

    @Test
    void a_cancelled_upload_is_gone() {
        Api.Response c = up.create(team.member(), team.general(), "draft.txt", 100);
        String id = c.json().get("id").asText();
        assertThat(api.delete("/api/v1/uploads/" + id, team.member().token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/uploads/" + id, team.member().token()).status()).isEqualTo(404);
    }

    @Test
    void someone_elses_upload_is_not_found_whatever_they_try() {
        Api.Response c = up.create(team.member(), team.general(), "mine.txt", 5);
        String id = c.json().get("id").asText();
        for (Person other : List.of(team.owner(), team.teammate())) {
            assertThat(api.get("/api/v1/uploads/" + id, other.token()).status()).isEqualTo(404);
            assertThat(up.chunk(other, id, 0, Samples.ascii("hello")).status()).isEqualTo(404);
            assertThat(api.delete("/api/v1/uploads/" + id, other.token()).status()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/uploads/" + id, team.member().token()).json().get("offset").asLong()).isZero();
    }

    @Test
    void only_members_of_the_conversation_may_upload_to_it() {
        assertThat(up.create(team.teammate(), team.privateChannel(), "x.txt", 5).status()).isEqualTo(404);
        assertThat(up.create(team.member(), UUID.randomUUID().toString(), "x.txt", 5).status()).isEqualTo(404);
    }

    // ---- safety

    @Test
    void html_named_png_svg_with_script_and_a_pdf_with_an_html_head_are_refused() {
        Map<String, byte[]> spoofs = Map.of(
                "photo.png", Samples.ascii("<!doctype html><html><script>alert(document.cookie)</script></html>"),
                "logo.svg", Samples.ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
                "letter.pdf", Samples.ascii("<html><body><script>alert(1)</script></body></html>\n%PDF-1.4\n"),
                "setup.exe", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0});
        spoofs.forEach((name, bytes) -> {
            Api.Response r = up.upload(team.member(), team.general(), name, bytes);
            assertThat(r.status()).as(name + ": " + r).isEqualTo(415);
            assertThat(r.problemType()).as(name).isEqualTo("file-type-not-allowed");
        });
    }

    @Test
    void a_decompression_bomb_is_refused_from_its_header() {
        Api.Response r = up.upload(team.member(), team.general(), "bomb.png", Samples.pngBomb());
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.problemType()).isEqualTo("image-too-large");
    }

    @Test
    void a_gif_html_polyglot_is_only_ever_served_as_a_sandboxed_image() throws Exception {
        JsonNode f = up.uploaded(team.member(), team.general(), "innocent.html", Samples.gifPolyglot());
        assertThat(f.get("contentType").asText()).isEqualTo("image/gif");
        HttpResponse<byte[]> r = raw(team.member(), "/api/v1/files/" + f.get("id").asText() + "/content");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
        assertThat(r.headers().firstValue("X-Frame-Options")).as("only the web client may frame a file").hasValue("SAMEORIGIN");
    }

    @Test
    void a_photo_loses_its_location_before_it_is_stored() throws Exception {
        JsonNode f = up.uploaded(team.member(), team.general(), "bed14.jpg", Samples.photoWithLocation());
        HttpResponse<byte[]> r = raw(team.member(), "/api/v1/files/" + f.get("id").asText() + "/content");
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).doesNotContain(Samples.GPS_MARKER).doesNotContain("GPSLatitude").contains("Exif");
        assertThat(f.get("sha256").asText()).isEqualTo(sha256(r.body()));
        assertThat(f.get("size").asLong()).isEqualTo(r.body().length);
    }

    @Test
    void the_eicar_test_file_is_refused_as_infected_and_audited() {
        Assumptions.assumeTrue(clamd != null || Clamd.required(), "clamd could not be started here");
        assertThat(clamd).as("clamd (required under CI)").isNotNull();
        Api.Response r = up.upload(team.member(), team.general(), "eicar.txt", Samples.ascii(Clamd.EICAR));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.problemType()).isEqualTo("file-infected");
        assertThat(r.json().get("signature").asText()).isEqualTo(Clamd.SIGNATURE);
        int audited = server.app().database().dsl().fetchCount(org.confer.db.schema.Tables.AUDIT_EVENTS,
                org.confer.db.schema.Tables.AUDIT_EVENTS.ACTION.eq("file.infected")
                        .and(org.confer.db.schema.Tables.AUDIT_EVENTS.ACTOR_ID.eq(UUID.fromString(team.member().id()))));
        assertThat(audited).isPositive();
    }

    @Test
    @Covers(ConversationEvent.MessageFilesUpdated.class)
    void while_clamd_is_down_a_file_is_held_as_scanning_shown_on_its_message_and_released_live_once_scanned() throws Exception {
        Assumptions.assumeTrue(clamd != null || Clamd.required(), "clamd could not be started here");
        assertThat(clamd).as("clamd (required under CI)").isNotNull();
        clamd.stop();
        java.util.concurrent.atomic.AtomicBoolean restarted = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            JsonNode f = up.uploaded(team.member(), team.general(), "obs chart.pdf", Samples.ascii("%PDF-1.4\nobs\n%%EOF\n"));
            String id = f.get("id").asText();
            assertThat(f.get("status").asText()).as("fail closed").isEqualTo("scanning");
            Api.Response held = api.get("/api/v1/files/" + id + "/content", team.member().token());
            assertThat(held.status()).isEqualTo(409);
            assertThat(held.problemType()).isEqualTo("file-not-ready");
            Api.Response sent = up.send(team.member(), team.general(), "obs chart", id);
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            assertThat(sent.json().get("files").get(0).get("status").asText()).as("the sender sees it").isEqualTo("scanning");
            String messageId = sent.json().get("id").asText();

            // clamd comes back; the tick (every second here) scans the file, and a reader's open
            // client is told on its stream: the message's files as they are now.
            VerifyAction verifier = new VerifyAction(api);
            ClientState seen = verifier.verify(team.owner(), expect(ConversationEvent.MessageFilesUpdated.class), () -> {
                try {
                    clamd.restart();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("clamd did not restart", e);
                }
                restarted.set(true);
            });
            assertThat(seen.message(team.general(), messageId).files).containsExactly(id + " ready");
            verifier.assertCovered(getClass().getDeclaredMethod(
                    "while_clamd_is_down_a_file_is_held_as_scanning_shown_on_its_message_and_released_live_once_scanned"));
            assertThat(api.get("/api/v1/files/" + id + "/content", team.owner().token()).status()).isEqualTo(200);
        } finally {
            if (!restarted.get()) {
                clamd.restart();
            }
        }
    }

    // ---- serving

    @Test
    void file_responses_carry_nosniff_the_sandbox_policy_and_the_right_disposition() throws Exception {
        String png = sharedPng();
        HttpResponse<byte[]> inline = raw(team.owner(), "/api/v1/files/" + png + "/content");
        assertThat(inline.statusCode()).isEqualTo(200);
        assertThat(inline.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(inline.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
        assertThat(inline.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
        assertThat(inline.headers().firstValue("Content-Disposition"))
                .hasValue("inline; filename=\"wound day 3.png\"; filename*=UTF-8''wound%20day%203.png");
        HttpResponse<byte[]> download = raw(team.owner(), "/api/v1/files/" + png + "/content?download=1");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");

        JsonNode text = up.uploaded(team.member(), team.general(), "Überweisung «K+».txt", Samples.ascii("K+ 6.1 bed 14\n"));
        HttpResponse<byte[]> t = raw(team.member(), "/api/v1/files/" + text.get("id").asText() + "/content");
        assertThat(t.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("text/plain;charset=utf-8");
        assertThat(t.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"_berweisung _K+_.txt\"; filename*=UTF-8''%C3%9Cberweisung%20%C2%ABK%2B%C2%BB.txt");
    }

    @Test
    void the_session_cookie_is_enough_to_read_a_file_as_an_img_tag_does() throws Exception {
        String png = sharedPng();
        HttpResponse<byte[]> r = raw("/api/v1/files/" + png + "/thumbnail", Map.of("Cookie", "confer_session=" + team.owner().token()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/");
    }

    // ---- who may read

    @Test
    void a_shared_file_is_read_by_members_and_by_nobody_else() throws Exception {
        String png = sharedPng();
        Person stranger = fx.person("stranger");
        Person foreign = fx.personIn("foreigner", "YDX");
        for (Person allowed : List.of(team.owner(), team.member())) {
            assertThat(api.get("/api/v1/files/" + png, allowed.token()).status()).isEqualTo(200);
            assertThat(raw(allowed, "/api/v1/files/" + png + "/content").statusCode()).isEqualTo(200);
        }
        for (Person outsider : List.of(team.teammate(), stranger, foreign)) {
            for (String path : List.of("", "/content", "/thumbnail")) {
                Api.Response r = api.get("/api/v1/files/" + png + path, outsider.token());
                assertThat(r.status()).as(outsider.email() + path).isEqualTo(404);
                assertThat(r.problemType()).isEqualTo("not-found");
                assertThat(r.body()).doesNotContain("wound");
            }
            assertThat(api.get("/api/v1/conversations/" + team.privateChannel() + "/files", outsider.token()).status()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/files/" + UUID.randomUUID(), team.owner().token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/files/not-a-uuid", team.owner().token()).status()).isEqualTo(404);
    }

    @Test
    void a_member_removed_from_the_conversation_can_no_longer_read_its_files() {
        String png = sharedPng();
        Api.Response add = api.post("/api/v1/conversations/" + team.privateChannel() + "/members", Map.of("userId", team.teammate().id()),
                team.owner().token());
        assertThat(add.status()).as(add.toString()).isIn(200, 201, 204);
        assertThat(api.get("/api/v1/files/" + png, team.teammate().token()).status()).isEqualTo(200);
        Api.Response remove = api.delete("/api/v1/conversations/" + team.privateChannel() + "/members/" + team.teammate().id(),
                team.owner().token());
        assertThat(remove.status()).as(remove.toString()).isIn(200, 204);
        assertThat(api.get("/api/v1/files/" + png, team.teammate().token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/files/" + png + "/content", team.teammate().token()).status()).isEqualTo(404);
    }

    @Test
    void a_file_not_yet_sent_is_the_uploaders_alone_and_cannot_be_sent_by_anyone_else() {
        JsonNode f = up.uploaded(team.member(), team.general(), "draft.png", Samples.image("png", 10, 10));
        String id = f.get("id").asText();
        assertThat(api.get("/api/v1/files/" + id, team.member().token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/files/" + id, team.owner().token()).status()).isEqualTo(404);
        Api.Response stolen = up.send(team.owner(), team.general(), "look", id);
        assertThat(stolen.status()).as(stolen.toString()).isEqualTo(400);
        assertThat(stolen.json().get("field").asText()).isEqualTo("files");
        assertThat(api.get("/api/v1/files/" + id, team.owner().token()).status()).isEqualTo(404);
    }

    // ---- messages carry files

    @Test
    void a_message_with_files_and_no_text_shows_them_in_its_answer_history_events_and_files_tabs() {
        // A channel of its own: the Files tab's first page is this test's message, whatever ran before.
        String channel = fx.channel(team.owner(), team.id(), "Files " + UUID.randomUUID().toString().substring(0, 6), "standard",
                List.of(team.member(), team.teammate()));
        JsonNode a = up.uploaded(team.member(), channel, "a.png", Samples.image("png", 30, 20));
        JsonNode b = up.uploaded(team.member(), channel, "rota.pdf", Samples.ascii("%PDF-1.4\n%%EOF\n"));
        Api.Response sent = up.send(team.member(), channel, "", a.get("id").asText(), b.get("id").asText());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().get("files")).hasSize(2);
        assertThat(sent.json().get("files").get(0).get("name").asText()).isEqualTo("a.png");
        assertThat(sent.json().get("files").get(1).get("contentType").asText()).isEqualTo("application/pdf");
        String messageId = sent.json().get("id").asText();

        JsonNode history = api.get("/api/v1/conversations/" + channel + "/messages?limit=5", team.owner().token()).json();
        JsonNode item = history.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(messageId);
        assertThat(item.get("files").get(0).get("thumbnail").asBoolean()).isTrue();
        assertThat(item.get("files").get(0).get("width").asInt()).isEqualTo(30);

        JsonNode events = api.get("/api/v1/conversations/" + channel + "/events?after=0", team.owner().token()).json();
        JsonNode posted = null;
        for (JsonNode e : events.get("items")) {
            if ("message.posted".equals(e.get("event").get("kind").asText())
                    && messageId.equals(e.get("event").get("message").get("id").asText())) {
                posted = e.get("event").get("message");
            }
        }
        assertThat(posted).isNotNull();
        assertThat(posted.get("files")).hasSize(2);

        JsonNode tab = api.get("/api/v1/conversations/" + channel + "/files?limit=1", team.owner().token()).json();
        assertThat(tab.get("files")).hasSize(1);
        assertThat(tab.get("files").get(0).get("messageId").asText()).isEqualTo(messageId);
        assertThat(tab.get("nextCursor").isNull()).isFalse();
        JsonNode next = api.get("/api/v1/conversations/" + channel + "/files?limit=1&before=" + tab.get("nextCursor").asText(),
                team.owner().token()).json();
        assertThat(next.get("files").get(0).get("id").asText()).isNotEqualTo(tab.get("files").get(0).get("id").asText());
        JsonNode images = api.get("/api/v1/conversations/" + channel + "/files?kind=image", team.owner().token()).json();
        images.get("files").forEach(f -> assertThat(f.get("contentType").asText()).startsWith("image/"));
        JsonNode teamTab = api.get("/api/v1/teams/" + team.id() + "/files", team.teammate().token()).json();
        assertThat(teamTab.get("files").findValuesAsText("messageId")).contains(messageId);
        assertThat(api.get("/api/v1/teams/" + team.id() + "/files", fx.person("outsider").token()).status()).isEqualTo(404);
    }

    @Test
    void deleting_a_message_takes_its_files_and_their_blobs_with_it() throws Exception {
        byte[] png = Samples.image("png", 77, 55);
        JsonNode f = up.uploaded(team.member(), team.general(), "gone.png", png);
        Api.Response sent = up.send(team.member(), team.general(), "temporary", f.get("id").asText());
        String fileId = f.get("id").asText();
        String sha = f.get("sha256").asText();
        Path blob = server.storage().dataDir.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        assertThat(blob).exists();
        Api.Response del = api.delete("/api/v1/conversations/" + team.general() + "/messages/" + sent.json().get("id").asText(),
                team.member().token());
        assertThat(del.status()).isEqualTo(204);
        for (Person p : List.of(team.member(), team.owner())) {
            assertThat(api.get("/api/v1/files/" + fileId, p.token()).status()).isEqualTo(404);
        }
        assertThat(blob).doesNotExist();
    }

    @Test
    void a_message_carries_at_most_ten_files() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            ids.add(up.uploaded(team.owner(), team.general(), "n" + i + ".txt", Samples.ascii("note " + i)).get("id").asText());
        }
        Api.Response r = up.send(team.owner(), team.general(), "many", ids.toArray(String[]::new));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("files");
    }
}
