package org.confer.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The configured SMS gateway: what a provider receives, and what a refusal looks like. */
class HttpSmsGatewayTest {
    private static final String TEMPLATE = "{\"to\":\"{{to}}\",\"message\":\"{{text}}\",\"from\":\"Ward7\"}";

    /** One request as the fake provider saw it. */
    private record Received(String method, String path, String contentType, String authorization, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile int status = 202;
    private HttpServer server;

    @BeforeEach
    void startFakeGateway() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopFakeGateway() {
        server.stop(0);
        client.close();
    }

    @Test
    void a_message_is_posted_as_the_template_with_json_escaped_values_and_the_authorization_header() throws Exception {
        String text = "Your visit to \"Ward 7\" is tomorrow\nat 14:00 — Zoë 😀 \\ ok";
        gateway("Bearer sk-test").send("+44 7700 900123", text);

        assertThat(received).hasSize(1);
        Received r = received.getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/messages?account=ward7");
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.authorization()).isEqualTo("Bearer sk-test");
        assertThat(r.body()).contains("\\\"Ward 7\\\"", "tomorrow\\nat", "Zoë 😀", "\\\\ ok").doesNotContain("{{");
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.get("to").asText()).isEqualTo("+44 7700 900123");
        assertThat(json.get("message").asText()).isEqualTo(text);
        assertThat(json.get("from").asText()).isEqualTo("Ward7");
    }

    @Test
    void without_an_authorization_value_no_header_is_sent() throws Exception {
        gateway(null).send("+447700900123", "hello");
        gateway(" ").send("+447700900123", "hello");
        assertThat(received).extracting(Received::authorization).containsExactly(null, null);
    }

    @Test
    void a_value_that_looks_like_a_placeholder_is_not_filled_again() throws Exception {
        gateway(null).send("{{text}}", "{{to}}");
        JsonNode json = new ObjectMapper().readTree(received.getFirst().body());
        assertThat(json.get("to").asText()).isEqualTo("{{text}}");
        assertThat(json.get("message").asText()).isEqualTo("{{to}}");
    }

    @Test
    void a_gateway_error_raises_an_sms_exception_naming_the_status_and_not_the_number() {
        status = 500;
        assertThatThrownBy(() -> gateway(null).send("+447700900123", "secret text"))
                .isInstanceOf(SmsException.class)
                .hasMessageContaining("500")
                .message().doesNotContain("+447700900123", "secret text");
    }

    @Test
    void an_unreachable_gateway_raises_an_sms_exception() {
        server.stop(0);
        assertThatThrownBy(() -> gateway(null).send("+447700900123", "hello")).isInstanceOf(SmsException.class);
    }

    @Test
    void a_template_without_both_placeholders_is_refused_at_start() {
        assertThatThrownBy(() -> new HttpSmsGateway(URI.create("http://127.0.0.1/"), "{\"to\":\"{{to}}\"}", null, client))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpSmsGateway gateway(String authorization) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/messages?account=ward7");
        return new HttpSmsGateway(url, TEMPLATE, authorization, client);
    }
}
