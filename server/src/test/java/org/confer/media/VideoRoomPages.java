package org.confer.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pages that speak Janus's VideoRoom through Confer's relay with the scripts in
 * src/test/resources/media/ (MediaFlowBrowserTest, JanusCostMeasurement): no web client, just
 * the grant Confer gave and the raw Janus protocol.
 */
final class VideoRoomPages {
    private VideoRoomPages() {}

    /** A script from src/test/resources/media/, to pass to {@code page.evaluate}. */
    static String script(String name) throws IOException {
        try (InputStream in = VideoRoomPages.class.getResourceAsStream("/media/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A page at Confer's origin ({@code base}) carrying a person's session cookie, as the web client's would. */
    static Page pageOf(BrowserContext context, String base, String sessionToken) {
        context.addCookies(List.of(new Cookie("confer_session", sessionToken).setUrl(base)));
        Page page = context.newPage();
        page.navigate(base + "/healthz");
        return page;
    }

    /** videoroom-client.js's arguments from a join grant's "janus" part; ICE servers are the TURN test's business. */
    static Map<String, Object> args(JsonNode janus, String display) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("path", janus.path("path").asText());
        a.put("room", Long.toString(janus.path("room").asLong())); // Playwright cannot pass a Long
        a.put("token", janus.path("token").asText());
        a.put("roomToken", janus.path("roomToken").asText());
        a.put("display", display);
        a.put("iceServers", List.of());
        return a;
    }
}
