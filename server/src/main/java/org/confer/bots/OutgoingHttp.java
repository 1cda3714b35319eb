package org.confer.bots;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to the address {@link SsrfGuard} checked, never to a fresh lookup of the
 * host. The JDK's HttpClient cannot do this: it resolves the host itself (a second DNS answer
 * could point elsewhere: rebinding), has no per-client resolver, and refuses a Host header of our
 * own, so a request to the IP literal would fail TLS hostname checks. Here the socket connects to
 * the checked address, TLS sends the host as SNI and verifies the certificate against the host
 * name (endpoint identification "HTTPS"), and the request carries {@code Host: <host>}. Redirects
 * are never followed: a 3xx is just a failed attempt. The whole exchange has one deadline.
 */
final class OutgoingHttp {
    /** The status line and headers of an answer are small; anything longer is not a webhook receiver. */
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private final Duration timeout;
    private final SSLSocketFactory tls;

    OutgoingHttp(Duration timeout, SSLSocketFactory tls) {
        this.timeout = timeout;
        this.tls = tls;
    }

    /** Posts {@code body} as JSON; returns the answer's status code. Throws on network errors and the timeout. */
    int post(SsrfGuard.Target target, Map<String, String> headers, String body) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(target.address(), target.port()), (int) timeout.toMillis());
            Socket socket = raw;
            if (target.https()) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(raw, target.host(), target.port(), true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!isIpLiteral(target.host())) {
                    params.setServerNames(List.of(new SNIHostName(target.host())));
                }
                ssl.setSSLParameters(params);
                socket = ssl;
            }
            socket.setSoTimeout(remainingMillis(deadline));
            if (socket instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder();
            head.append("POST ").append(pathOf(target)).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(hostHeader(target)).append("\r\n");
            head.append("Content-Type: application/json; charset=utf-8\r\n");
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
            head.append("User-Agent: Confer-Webhooks/1\r\n");
            head.append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            socket.setSoTimeout(remainingMillis(deadline));
            return readStatus(new BufferedInputStream(socket.getInputStream()), deadline, socket);
        }
    }

    /** Reads the status line (the rest of the answer does not matter and is left unread). */
    private static int readStatus(InputStream in, long deadline, Socket socket) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (line.size() >= MAX_HEAD_BYTES) {
                throw new IOException("status line too long");
            }
            line.write(c);
            socket.setSoTimeout(remainingMillis(deadline));
        }
        String status = line.toString(StandardCharsets.US_ASCII).strip();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + (status.length() > 80 ? status.substring(0, 80) : status));
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + status);
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("no answer within the delivery's time limit");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static String pathOf(SsrfGuard.Target t) {
        String path = t.uri().getRawPath() == null || t.uri().getRawPath().isEmpty() ? "/" : t.uri().getRawPath();
        return t.uri().getRawQuery() == null ? path : path + "?" + t.uri().getRawQuery();
    }

    private static String hostHeader(SsrfGuard.Target t) {
        String h = t.host().contains(":") ? "[" + t.host() + "]" : t.host();
        boolean defaultPort = t.port() == (t.https() ? 443 : 80);
        return defaultPort ? h : h + ":" + t.port();
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }
}
