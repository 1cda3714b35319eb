package org.confer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.ChatFixtures.Person;

/** Files as the web client sends them: the resumable upload protocol of docs/files.md, then a message carrying them. */
public final class Uploads {
    private final Api api;

    public Uploads(Api api) {
        this.api = api;
    }

    public Api.Response create(Person who, String conversationId, String name, long size) {
        return api.post("/api/v1/uploads", Map.of("conversationId", conversationId, "name", name, "size", size), who.token());
    }

    public Api.Response chunk(Person who, String uploadId, long offset, byte[] bytes) {
        Map<String, String> h = Api.auth(who.token());
        h.put("Content-Type", "application/octet-stream");
        return api.send("PUT", "/api/v1/uploads/" + uploadId + "?offset=" + offset, bytes, h);
    }

    /** Uploads in 64 KiB chunks; returns the answer of the last chunk. */
    public Api.Response upload(Person who, String conversationId, String name, byte[] bytes) {
        Api.Response c = create(who, conversationId, name, bytes.length);
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        String id = c.json().get("id").asText();
        Api.Response last = null;
        for (int at = 0; at < bytes.length; at += 65536) {
            last = chunk(who, id, at, java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 65536)));
            if (last.status() != 200) {
                return last;
            }
        }
        return last;
    }

    public JsonNode uploaded(Person who, String conversationId, String name, byte[] bytes) {
        Api.Response r = upload(who, conversationId, name, bytes);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("file");
    }

    public Api.Response send(Person who, String conversationId, String text, String... fileIds) {
        return api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("text", text,
                "clientMsgId", UUID.randomUUID().toString(), "files", List.of(fileIds)), who.token());
    }
}
