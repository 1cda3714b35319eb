package org.confer.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One persistent MLLP connection of the lab system. Messages are written when they are due
 * without waiting for the previous ACK (open loop: a slow server shows up as latency, not as a
 * slower sender); a reader thread takes the ACK frames off the socket in order and hands each
 * one's MSA-1/MSA-2 to the listener with the time it arrived.
 */
final class MllpConnection implements AutoCloseable {
    /** Called on the reader thread for every ACK. */
    interface AckListener {
        void ack(String code, String controlId, long atNanos);
    }

    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;

    MllpConnection(String host, int port, AckListener listener) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        reader = Thread.ofVirtual().name("mllp-acks").start(() -> read(in, listener));
    }

    /** Writes one framed message; may block while the server's receive buffer is full. */
    synchronized void send(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    private static void read(InputStream in, AckListener listener) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        boolean inFrame = false;
        try {
            for (int b; (b = in.read()) >= 0; ) {
                if (b == Hl7Messages.START) {
                    inFrame = true;
                    frame.reset();
                } else if (b == Hl7Messages.END && inFrame) {
                    inFrame = false;
                    String[] msa = Hl7Messages.msa(frame.toString(StandardCharsets.UTF_8));
                    if (msa != null) {
                        listener.ack(msa[0], msa[1], System.nanoTime());
                    }
                } else if (inFrame) {
                    frame.write(b);
                }
            }
        } catch (IOException closed) {
            // The connection was closed (by us at the end of the run, or by the server): no more ACKs.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
