package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.confer.testing.Backend;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A plain HTTP connection is kept alive between requests and closed by the server after 30 s
 * without one (docs/protocol.md section 5). Independent of the database: H2 only. It waits the
 * 30 s out, on a blocking read with a deadline.
 */
class HttpKeepAliveTest {
    private static final Duration IDLE = Duration.ofSeconds(30);

    @Test
    void a_kept_alive_connection_serves_more_requests_and_is_closed_after_30_s_without_one() throws Exception {
        try (TestServer server = TestServer.start(Backend.H2, Map.of());
             Socket socket = new Socket("127.0.0.1", server.app().port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                out.write(("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                RawStream.Answer answer = RawStream.readAnswer(in);
                assertThat(answer.status()).as("request %d on the same connection", i + 1).isEqualTo(200);
                in.readNBytes(Integer.parseInt(answer.headers().get("content-length")));
            }
            long idleFrom = System.nanoTime();
            socket.setSoTimeout((int) IDLE.plusSeconds(15).toMillis());
            int read;
            try {
                read = in.read();
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the idle connection was still open after " + IDLE.plusSeconds(15));
            }
            Duration idle = Duration.ofNanos(System.nanoTime() - idleFrom);
            assertThat(read).as("the server closed the connection").isEqualTo(-1);
            assertThat(idle).isBetween(IDLE.minusSeconds(1), IDLE.plusSeconds(10));
        }
    }
}
