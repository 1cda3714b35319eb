package org.confer.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Just enough SMTP (RFC 5321: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no AUTH) on a
 * loopback port to receive what Confer sends. It keeps each message's envelope and raw data, and
 * can be told to refuse recipients, to test retries.
 */
final class FakeSmtpServer implements AutoCloseable {
    /** One message as received. */
    record Received(String from, List<String> to, String data) {}

    private final ServerSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refuseRecipients = new AtomicBoolean();

    FakeSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-smtp").start(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void refuseRecipients(boolean refuse) {
        refuseRecipients.set(refuse);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> converse(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = s.getOutputStream()) {
            reply(out, "220 fake.smtp ready");
            String from = null;
            List<String> to = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 fake.smtp");
                    case "MAIL" -> {
                        from = line.substring(line.indexOf(':') + 1).trim();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        if (refuseRecipients.get()) {
                            reply(out, "550 5.1.1 mailbox unavailable");
                        } else {
                            to.add(line.substring(line.indexOf(':') + 1).trim());
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        StringBuilder data = new StringBuilder();
                        String d;
                        while ((d = in.readLine()) != null && !d.equals(".")) {
                            data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
                        }
                        received.add(new Received(from, List.copyOf(to), data.toString()));
                        to.clear();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    case "RSET", "NOOP" -> reply(out, "250 OK");
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException gone) {
            // The client hung up; nothing to keep.
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
