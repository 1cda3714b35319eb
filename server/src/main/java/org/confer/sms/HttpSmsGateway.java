package org.confer.sms;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends SMS through any provider with a JSON HTTP API, configured rather than coded: a URL, a body
 * template with {@code {{to}}} and {@code {{text}}} and an optional Authorization header
 * ({@code CONFER_SMS_URL}, {@code CONFER_SMS_TEMPLATE}, {@code CONFER_SMS_AUTHORIZATION}). Trusts
 * use different providers; one template fits them all without a class per provider.
 */
public final class HttpSmsGateway implements SmsSender {
    /** A reminder waits on this after its commit; a gateway slower than this is treated as down. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(to|text)\\}\\}");

    private final URI url;
    private final String template;
    private final String authorization;
    private final HttpClient client;

    /** @param authorization the Authorization header value, or null (or blank) for none */
    public HttpSmsGateway(URI url, String template, String authorization, HttpClient client) {
        this.url = Objects.requireNonNull(url, "url");
        this.template = Objects.requireNonNull(template, "template");
        this.authorization = authorization == null || authorization.isBlank() ? null : authorization;
        this.client = Objects.requireNonNull(client, "client");
        if (!template.contains("{{to}}") || !template.contains("{{text}}")) {
            throw new IllegalArgumentException("the SMS template needs both {{to}} and {{text}}");
        }
    }

    @Override
    public void send(String to, String text) throws SmsException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(to, text), StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new SmsException("SMS gateway unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException("interrupted while sending an SMS", e);
        }
        if (status < 200 || status > 299) {
            throw new SmsException("SMS gateway answered " + status);
        }
    }

    /**
     * The template with both placeholders filled in one pass, so a value containing
     * {@code {{text}}} is not filled again. Values are JSON-escaped without quotes: the template
     * puts them inside its own string literals.
     */
    String body(String to, String text) {
        Matcher m = PLACEHOLDER.matcher(template);
        return m.replaceAll(match -> Matcher.quoteReplacement(escape(match.group(1).equals("to") ? to : text)));
    }

    private static String escape(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
