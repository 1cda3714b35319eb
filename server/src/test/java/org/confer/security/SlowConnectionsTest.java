package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Finding 5 (LOW): slowloris. Request headers (and a WebSocket upgrade's) must be complete
 * within the header deadline — here 2 s — of their first byte, however they trickle in; a
 * connection that says nothing is closed after it too. A keep-alive connection that waits
 * between requests is not affected. (The cap on connections per address: ConnectionsPerAddressTest.)
 */
class SlowConnectionsTest extends ServerTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_HEADER_TIMEOUT_SECONDS", "2");
    }

    @Test
    void headers_trickled_a_byte_at_a_time_are_cut_off_at_the_header_deadline() throws Exception {
        assertThat(secondsUntilClosed("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
                .isBetween(1.5, 6.0);
    }

    @Test
    void a_trickled_websocket_upgrade_is_cut_off_too() throws Exception {
        assertThat(secondsUntilClosed("GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa"))
                .isBetween(1.5, 6.0);
    }

    @Test
    void a_connection_that_sends_nothing_is_closed_after_the_deadline_not_the_idle_timeout() throws Exception {
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1e9).isBetween(1.5, 6.0);
        }
    }

    @Test
    void a_keep_alive_connection_may_wait_between_requests() throws Exception {
        try (Socket s = connect()) {
            s.setSoTimeout(5_000);
            assertThat(request(s)).startsWith("HTTP/1.1 200");
            Thread.sleep(3_500);
            assertThat(request(s)).as("past the header deadline, but idle between requests").startsWith("HTTP/1.1 200");
        }
    }

    private Socket connect() throws IOException {
        return new Socket("127.0.0.1", server.app().port());
    }

    /** Sends {@code head} one byte every 250 ms and reports when the server closed the socket. */
    private double secondsUntilClosed(String head) throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            long t0 = System.nanoTime();
            for (byte b : head.getBytes(StandardCharsets.US_ASCII)) {
                try {
                    out.write(b);
                    out.flush();
                } catch (IOException closed) {
                    return (System.nanoTime() - t0) / 1e9;
                }
                s.setSoTimeout(250);
                try {
                    if (s.getInputStream().read() == -1) {
                        return (System.nanoTime() - t0) / 1e9;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // the server is still waiting for the rest: go on trickling
                } catch (IOException reset) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            }
            throw new AssertionError("the server waited for all " + head.length() + " bytes, "
                    + (System.nanoTime() - t0) / 1e9 + " s");
        }
    }

    static String request(Socket s) throws IOException {
        s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        // Read the status line, headers and the small body ({"status":"up"}).
        while (!sb.toString().contains("\r\n\r\n") || !sb.toString().endsWith("}")) {
            int c = in.read();
            if (c == -1) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
