package org.confer.realtime;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WebSocket client on a plain socket, for what the JDK's client will not do: choose the Host
 * header, send binary, unmasked or invalid UTF-8 frames, leave pings unanswered, and stop and
 * resume reading at the byte level. Single-threaded: the test reads and writes itself.
 */
final class RawStream implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** A frame from the server. For a close frame, {@code code} and {@code reason}; else -1. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int code() {
            return opcode == CLOSE && payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }

        String reason() {
            return opcode == CLOSE && payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** The upgrade's HTTP answer: the status and the headers (lower-case names). */
    record Answer(int status, Map<String, String> headers) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final Answer answer;

    private RawStream(Socket socket, Answer answer) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.answer = answer;
    }

    /**
     * Sends the upgrade request for /api/v1/stream to 127.0.0.1:{@code port} with these headers
     * (a {@code Host} among them replaces the default {@code 127.0.0.1:port}) and reads the answer.
     * {@code receiveBuffer} (bytes, 0 for the system's) is set before connecting.
     */
    static RawStream open(int port, Map<String, String> headers, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + port);
        all.put("Upgrade", "websocket");
        all.put("Connection", "Upgrade");
        all.put("Sec-WebSocket-Version", "13");
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        all.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(nonce));
        all.putAll(headers);
        StringBuilder request = new StringBuilder("GET ").append(StreamEndpoint.PATH).append(" HTTP/1.1\r\n");
        all.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return new RawStream(socket, readAnswer(socket.getInputStream()));
    }

    static RawStream bearer(int port, String token) throws IOException {
        RawStream s = open(port, Map.of("Authorization", "Bearer " + token), 0);
        if (s.answer.status() != 101) {
            s.close();
            throw new AssertionError("upgrade refused: " + s.answer);
        }
        return s;
    }

    /** The status line and headers of an HTTP answer (the body, if any, is left unread). */
    static Answer readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed in the HTTP answer");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** One whole frame; {@code masked=false} breaks RFC 6455 (a client must mask). */
    void send(int opcode, byte[] payload, boolean masked) throws IOException {
        sendFrame(0x80 | opcode, payload, masked);
    }

    /** A frame with this first byte (FIN, RSV1-3, opcode) as it is, valid or not. */
    void sendFrame(int firstByte, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(firstByte);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(mask | payload.length);
        } else if (payload.length < 65536) {
            f.write(mask | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xFF);
        } else {
            f.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        if (masked) {
            byte[] key = new byte[4];
            RANDOM.nextBytes(key);
            f.write(key);
            for (int i = 0; i < payload.length; i++) {
                f.write(payload[i] ^ key[i % 4]);
            }
        } else {
            f.write(payload);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /** The next frame, waiting at most {@code timeout}; null if none came in that time. Throws at the end of the stream. */
    Frame read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int b0;
        try {
            b0 = in.read();
        } catch (SocketTimeoutException none) {
            return null;
        }
        if (b0 < 0) {
            throw new EOFException("the server closed the socket without a close frame");
        }
        socket.setSoTimeout(10_000);
        int b1 = readByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = ((long) readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("the server closed the socket in the middle of a frame");
        }
        return new Frame(b0 & 0x0F, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the server closed the socket in the middle of a frame");
        }
        return b;
    }

    /** Frames until the first text frame whose text contains {@code part}; fails after {@code timeout}. Pings are not answered. */
    Frame awaitText(String part, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no text frame with " + part + " within " + timeout);
            }
            Frame f = read(Duration.ofNanos(left));
            if (f != null && f.opcode() == TEXT && f.text().contains(part)) {
                return f;
            }
            if (f != null && f.opcode() == CLOSE) {
                throw new AssertionError("closed " + f.code() + " " + f.reason() + " while waiting for " + part);
            }
        }
    }

    /**
     * Reads (and drops) frames until the server's close frame, which it answers; fails after
     * {@code timeout} or when the socket ends without one. Pings are not answered.
     */
    Frame awaitClose(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no close frame within " + timeout);
            }
            Frame f = read(Duration.ofNanos(left));
            if (f != null && f.opcode() == CLOSE) {
                try {
                    send(CLOSE, f.payload().length >= 2 ? java.util.Arrays.copyOf(f.payload(), 2) : new byte[0], true);
                } catch (IOException alreadyGone) {
                    // The server may drop the socket right after its close frame.
                }
                return f;
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a test socket.
        }
    }
}
