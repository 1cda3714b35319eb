package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * clamd's INSTREAM command over its Unix or TCP socket (clamd(8)): "zINSTREAM\0", then chunks each
 * preceded by its length as 4 bytes in network order, then a zero length; clamd answers
 * {@code stream: OK}, {@code stream: <signature> FOUND}, or an error (for example when the file is
 * larger than its StreamMaxLength). Anything but OK or FOUND counts as "could not scan", so the
 * file stays held as scanning (fail closed: docs/files.md, "Malware scanning").
 */
public final class ClamdScanner implements MalwareScanner {
    /** Chunk size sent to clamd: its own examples use 2 KiB to 64 KiB; 64 KiB keeps system calls few. */
    private static final int CHUNK = 64 * 1024;

    private final FileSettings.Clamd settings;

    public ClamdScanner(FileSettings.Clamd settings) {
        this.settings = settings;
    }

    @Override
    public Optional<String> scan(Path file) throws IOException {
        SocketAddress address = settings.socket().<SocketAddress>map(UnixDomainSocketAddress::of)
                .orElseGet(() -> new InetSocketAddress(settings.host().orElse("127.0.0.1"), settings.port()));
        try (SocketChannel channel = settings.socket().isPresent()
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            channel.connect(address);
            writeAll(channel, ByteBuffer.wrap("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII)));
            byte[] buffer = new byte[CHUNK];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                    writeAll(channel, ByteBuffer.allocate(4).putInt(0, n));
                    writeAll(channel, ByteBuffer.wrap(buffer, 0, n));
                }
            }
            writeAll(channel, ByteBuffer.allocate(4).putInt(0, 0));
            String reply = readReply(channel);
            if (reply.endsWith(" FOUND")) {
                String signature = reply.substring(reply.indexOf(':') + 1, reply.length() - " FOUND".length()).trim();
                return Optional.of(signature);
            }
            if (reply.endsWith(": OK")) {
                return Optional.empty();
            }
            throw new IOException("clamd could not scan the file: " + reply);
        }
    }

    private static void writeAll(SocketChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static String readReply(SocketChannel channel) throws IOException {
        // Blocking channels have no read timeout; a stream over the channel with a watchdog would
        // be more code than the case deserves: clamd replies once it has read the last chunk.
        InputStream in = Channels.newInputStream(channel);
        StringBuilder out = new StringBuilder();
        int c;
        while ((c = in.read()) > 0 && out.length() < 1024) {
            out.append((char) c);
        }
        return out.toString().trim();
    }
}
