package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** With an SMS gateway configured, a visitor who gave a mobile also gets each reminder by text, once, after its mail. */
class VisitSmsRemindersTest extends VisitsTestBase {
    private static final List<String[]> RECEIVED = new CopyOnWriteArrayList<>();
    private static final HttpServer GATEWAY = gateway();

    private static HttpServer gateway() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/sms", exchange -> {
                RECEIVED.add(new String[] {exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Map<String, String> settings() {
        Map<String, String> s = new java.util.HashMap<>(super.settings());
        s.put("CONFER_SMS_URL", "http://127.0.0.1:" + GATEWAY.getAddress().getPort() + "/sms");
        s.put("CONFER_SMS_TEMPLATE", "{\"msisdn\":\"{{to}}\",\"body\":\"{{text}}\"}");
        s.put("CONFER_SMS_AUTHORIZATION", "Bearer sms-test-key");
        return s;
    }

    @Test
    void the_one_hour_reminder_goes_by_text_too_without_the_links() {
        String email = email();
        String mobile = "+44 7700 9" + (100_000 + new java.util.Random().nextInt(899_999));
        String slot = slotAfter(3);
        assertThat(book(slot, email, Map.of("visitorMobile", mobile)).status()).isEqualTo(201);
        server.clock.advance(Duration.between(server.clock.instant(), Instant.parse(slot).minus(Duration.ofMinutes(59))));
        server.app().visits().reminders().runDue();
        server.app().visits().reminders().runDue();
        List<String[]> mine = RECEIVED.stream().filter(r -> r[1].contains(mobile)).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst()[0]).isEqualTo("Bearer sms-test-key");
        assertThat(mine.getFirst()[1]).startsWith("{\"msisdn\":\"" + mobile + "\",\"body\":\"Reminder: your virtual visit with Ward 7")
                .doesNotContain("/visit/join");
        assertThat(mailTo(email).stream().filter(m -> m[0].startsWith("Reminder"))).hasSize(1);
    }
}
