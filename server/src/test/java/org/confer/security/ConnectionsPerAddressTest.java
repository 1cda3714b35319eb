package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Finding 5 (LOW), the other half: one address holds at most a set number of open connections
 * (here 12); more are closed as they open, and closing some makes room again.
 */
class ConnectionsPerAddressTest extends ServerTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_MAX_CONNECTIONS_PER_ADDRESS", "12");
    }

    @Test
    void one_address_holds_at_most_the_configured_number_of_connections() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            // The test's own HTTP client may hold a connection or two: fill up to the limit.
            Socket refused = null;
            for (int i = 0; i < 14 && refused == null; i++) {
                Socket s = connect();
                s.setSoTimeout(300);
                held.add(s);
                if (closedAtOnce(s)) {
                    refused = s;
                }
            }
            assertThat(refused).as("a connection past the limit is closed as it opens").isNotNull();
            assertThat(held.size()).isBetween(11, 13);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        Thread.sleep(1_500); // the guard forgets closed sockets on its next sweep at the latest
        try (Socket s = connect()) {
            s.setSoTimeout(5_000);
            assertThat(SlowConnectionsTest.request(s)).startsWith("HTTP/1.1 200");
        }
    }

    private Socket connect() throws IOException {
        return new Socket("127.0.0.1", server.app().port());
    }

    private static boolean closedAtOnce(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

}
