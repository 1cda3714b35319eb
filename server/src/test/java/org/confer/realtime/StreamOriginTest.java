package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The Origin rule of a cookie-authenticated stream upgrade, exactly (docs/protocol.md section
 * 3.1): no Origin is allowed; otherwise what follows {@code scheme://} in the Origin must equal
 * the request's Host header, case-insensitively, and the scheme is not compared. A bearer token
 * is not subject to it. The Host header is chosen here, as a proxy or browser would send it.
 */
class StreamOriginTest extends ServerTest {
    private Person nurse;

    @Override
    protected void afterStart() {
        nurse = new ChatFixtures(server).person("nurse");
    }

    /** The HTTP status of a cookie-authenticated upgrade with this Host and Origin (null: no Origin header). */
    private int withCookie(String host, String origin) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", "confer_session=" + nurse.token());
        return upgrade(host, origin, headers);
    }

    private int upgrade(String host, String origin, Map<String, String> headers) throws Exception {
        if (host != null) {
            headers.put("Host", host);
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        try (RawStream s = RawStream.open(server.app().port(), headers, 0)) {
            return s.answer.status();
        }
    }

    @Test
    void the_origin_must_name_the_host_and_port_of_the_host_header() throws Exception {
        int port = server.app().port();
        String host = "127.0.0.1:" + port;
        assertThat(withCookie(host, "http://" + host)).as("the server's own page").isEqualTo(101);
        assertThat(withCookie(host, "http://127.0.0.1:" + (port == 65535 ? port - 1 : port + 1))).as("another port").isEqualTo(403);
        assertThat(withCookie(host, "http://127.0.0.1")).as("no port where the Host has one").isEqualTo(403);
        assertThat(withCookie(host, "http://127.0.0.2:" + port)).as("another host, same port").isEqualTo(403);
        assertThat(withCookie(host, "http://127.0.0.1:" + port + ".attacker.example")).as("a look-alike").isEqualTo(403);
        assertThat(withCookie(host, "null")).as("an opaque origin (sandboxed frame, file page)").isEqualTo(403);
    }

    @Test
    void case_and_scheme_are_not_compared() throws Exception {
        // Behind a TLS-terminating proxy: the page is https, the request reaches Confer over http.
        assertThat(withCookie("Confer.Example.NHS.uk", "https://confer.example.nhs.uk")).isEqualTo(101);
        assertThat(withCookie("confer.example.nhs.uk:8443", "HTTPS://CONFER.EXAMPLE.NHS.UK:8443")).isEqualTo(101);
        assertThat(withCookie("confer.example.nhs.uk", "https://confer.example.nhs.uk:443"))
                .as("a port in one and not the other is a different origin, default or not").isEqualTo(403);
    }

    @Test
    void a_cookie_upgrade_without_an_origin_is_allowed_and_a_bearer_token_is_not_checked() throws Exception {
        assertThat(withCookie(null, null)).as("no Origin: not a browser").isEqualTo(101);
        Map<String, String> bearer = new LinkedHashMap<>();
        bearer.put("Authorization", "Bearer " + nurse.token());
        assertThat(upgrade(null, "https://attacker.example", bearer)).as("a bearer token from a foreign page").isEqualTo(101);
    }
}
