package org.confer.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.TestServer;
import org.confer.testing.Uploads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Compliance export (docs/retention.md): a zip of JSON that parses, HTML that shows every text as
 * text, and the attachments' exact bytes; recorded; only for the admins concerned. One server on
 * H2 (the export reads through jOOQ the same way on both databases).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceExportTest {
    private static final String HOSTILE = "<script>alert('x')</script> & bed 4 <b>K+ 6.8</b>";
    private static final byte[] NOTES = "Wound review notes\nday 3: clean, dry\n".getBytes(StandardCharsets.UTF_8);

    private TestServer server;
    private Api api;
    private Person writer;
    private Person colleague;
    private String group;
    private String ownOnly;
    private String fileId;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.H2, Map.of());
        api = server.api;
        ChatFixtures fx = new ChatFixtures(server);
        writer = fx.person("exported");
        colleague = fx.personIn("colleague", "RDP");
        group = fx.direct(writer, colleague);
        ownOnly = fx.direct(writer, fx.person("same-trust"));
        Uploads uploads = new Uploads(api);
        fileId = uploads.uploaded(writer, group, "notes.txt", NOTES).get("id").asText();
        Api.Response sent = uploads.send(writer, group, "first text", fileId);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().get("id").asText();
        assertThat(api.patch("/api/v1/conversations/" + group + "/messages/" + id, Map.of("text", HOSTILE), writer.token()).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/conversations/" + group + "/messages/" + id + "/reactions", Map.of("emoji", "👍"),
                colleague.token()).status()).isEqualTo(204);
        assertThat(fx.post(writer, ownOnly, "only our trust here").status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** The export's bytes (the test client's Api reads bodies as text). */
    private Map<String, byte[]> export(String path, String token) throws IOException {
        HttpResponse<byte[]> r;
        try {
            r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base() + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void a_conversation_export_is_a_zip_of_parseable_json_escaped_html_and_the_attachments_bytes() throws IOException {
        Map<String, byte[]> zip = export("/api/v1/admin/exports/conversations/" + group, server.login("priya"));
        JsonNode json = new ObjectMapper().readTree(zip.get("export.json"));
        assertThat(json.get("members")).hasSize(2);
        JsonNode m = json.get("messages").get(0);
        assertThat(m.at("/message/text").asText()).isEqualTo(HOSTILE);
        assertThat(m.at("/edits/0/text").asText()).isEqualTo("first text");
        assertThat(m.at("/reactions/0/emoji").asText()).isEqualTo("👍");
        assertThat(m.at("/reactions/0/userId").asText()).isEqualTo(colleague.id());
        assertThat(m.at("/files/0/name").asText()).isEqualTo("notes.txt");
        String html = new String(zip.get("export.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; bed 4 &lt;b&gt;K+ 6.8&lt;/b&gt;")
                .doesNotContain("<script").doesNotContain("<b>K+").contains("first text");
        assertThat(zip.get("files/" + fileId + "-notes.txt")).isEqualTo(NOTES);
    }

    @Test
    void a_person_export_holds_what_they_wrote_and_is_recorded() throws IOException {
        String priya = server.login("priya");
        Map<String, byte[]> zip = export("/api/v1/admin/exports/users/" + writer.id(), priya);
        JsonNode json = new ObjectMapper().readTree(zip.get("export.json"));
        assertThat(json.at("/person/id").asText()).isEqualTo(writer.id());
        assertThat(json.get("conversations")).hasSize(2);
        assertThat(json.get("messages")).hasSize(2);
        JsonNode audit = api.get("/api/v1/admin/audit?action=retention.exported&subjectType=user&subjectId=" + writer.id(), priya).json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("subjectType").asText()).isEqualTo("user");
    }

    @Test
    void another_trusts_admin_gets_404_and_a_member_403() {
        String erin = server.login("erin"); // RDP: the colleague's trust
        assertThat(api.get("/api/v1/admin/exports/users/" + writer.id(), erin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/exports/conversations/" + ownOnly, erin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/exports/conversations/" + group, erin).status()).as("her colleague is in it").isEqualTo(200);
        assertThat(api.get("/api/v1/admin/exports/conversations/" + group, writer.token()).status()).isEqualTo(403);
    }
}
