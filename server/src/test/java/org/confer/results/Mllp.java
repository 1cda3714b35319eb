package org.confer.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A lab's side of an MLLP connection, for tests: send frames, read ACKs (or find the socket closed). */
final class Mllp implements AutoCloseable {
    private final Socket socket;

    Mllp(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
    }

    /** Sends one framed message and returns the ACK's text, or null when the server closed the connection instead. */
    String send(String message) throws IOException {
        sendRaw(frame(message.getBytes(StandardCharsets.UTF_8)));
        return readAck();
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads one framed ACK; null when the stream ends first (closed without an ACK). */
    String readAck() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) != -1) {
                if (b == 0x0B) {
                    continue;
                }
                if (b == 0x1C) {
                    in.read();
                    return out.toString(StandardCharsets.UTF_8);
                }
                out.write(b);
            }
        } catch (java.net.SocketException reset) {
            return null;
        }
        return null;
    }

    static byte[] frame(byte[] payload) {
        byte[] framed = new byte[payload.length + 3];
        framed[0] = 0x0B;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = 0x1C;
        framed[framed.length - 1] = 0x0D;
        return framed;
    }

    /** MSA-1 of an ACK (AA, AE, AR). */
    static String code(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA|")) {
                return segment.split("\\|")[1];
            }
        }
        throw new AssertionError("no MSA segment in " + ack);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
