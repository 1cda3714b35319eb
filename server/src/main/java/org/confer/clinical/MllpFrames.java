package org.confer.clinical;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * MLLP framing (HL7 v2 Minimal Lower Layer Protocol, release 2): each message travels as
 * {@code 0x0B <message bytes> 0x1C 0x0D}. This class only frames bytes; the bytes' charset is
 * the message's own ({@link Hl7Header#charsetOf(byte[])}: MSH-18, else UTF-8 when valid, else
 * ISO-8859-1). The 0x0B and 0x1C bytes never occur inside text in any of those charsets.
 *
 * <p>A {@link Reader} reads frames one after the other from a connection's stream. It never
 * holds more than the frame limit plus one read chunk: a frame that grows past the limit fails
 * at once, without waiting for its end. Between frames it tolerates CR and LF only (some
 * engines send {@code 0x1C 0x0D 0x0A}); any other byte outside a frame is a protocol error.
 * Every error is a {@link FrameException}: the listener closes the connection without an ACK,
 * and the sender resends.
 */
public final class MllpFrames {

    public static final byte START_BLOCK = 0x0B;
    public static final byte END_BLOCK = 0x1C;
    public static final byte CARRIAGE_RETURN = 0x0D;

    /** What went wrong with the bytes on the wire. */
    public enum Problem {
        /** The frame's content grew past the limit; reading stopped there. */
        FRAME_TOO_LARGE,
        /** A byte other than CR/LF arrived where a frame should start (0x0B). */
        BYTES_OUTSIDE_FRAME,
        /** The stream ended, or a new start block arrived, before the end block. */
        ENDED_INSIDE_FRAME,
        /** 0x1C was not followed by 0x0D. */
        BAD_END_BLOCK
    }

    /** The stream broke the framing; the connection should be closed without an ACK. */
    public static final class FrameException extends IOException {
        private final Problem problem;

        public FrameException(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private MllpFrames() {}

    /**
     * A reader of frames from {@code in}, refusing frames whose content exceeds
     * {@code maxFrameBytes}. The reader buffers: use one reader per connection, never two.
     */
    public static Reader reader(InputStream in, int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        }
        return new Reader(in, maxFrameBytes);
    }

    /** {@code payload} framed: 0x0B, the bytes, 0x1C 0x0D. The payload must not contain 0x0B or 0x1C. */
    public static byte[] frame(byte[] payload) {
        for (byte b : payload) {
            if (b == START_BLOCK || b == END_BLOCK) {
                throw new IllegalArgumentException("an MLLP payload cannot contain 0x0B or 0x1C");
            }
        }
        byte[] framed = new byte[payload.length + 3];
        framed[0] = START_BLOCK;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = END_BLOCK;
        framed[framed.length - 1] = CARRIAGE_RETURN;
        return framed;
    }

    /** Writes {@code payload} as one frame and flushes (an ACK is sent at once, not buffered). */
    public static void write(OutputStream out, byte[] payload) throws IOException {
        out.write(frame(payload));
        out.flush();
    }

    /** Reads consecutive frames from one stream. Not thread-safe: one per connection. */
    public static final class Reader {
        // One socket read at a time; 8 KiB is the JDK's own BufferedInputStream default.
        private static final int CHUNK = 8192;

        private final InputStream in;
        private final int maxFrameBytes;
        private final byte[] chunk = new byte[CHUNK];
        private int position;
        private int limit;

        private Reader(InputStream in, int maxFrameBytes) {
            this.in = in;
            this.maxFrameBytes = maxFrameBytes;
        }

        /**
         * The next frame's content (without the framing bytes), or empty when the stream ended
         * cleanly between frames.
         *
         * @throws FrameException when the framing is broken (see {@link Problem})
         * @throws IOException    when the stream fails (a read timeout, a reset)
         */
        public Optional<byte[]> next() throws IOException {
            int b;
            do {
                b = nextByte();
                if (b == -1) {
                    return Optional.empty();
                }
            } while (b == '\r' || b == '\n');
            if (b != START_BLOCK) {
                throw new FrameException(Problem.BYTES_OUTSIDE_FRAME,
                        String.format("byte 0x%02X outside a frame (expected 0x0B)", b));
            }
            return Optional.of(readContent());
        }

        private byte[] readContent() throws IOException {
            ByteArrayOutputStream content = new ByteArrayOutputStream(Math.min(maxFrameBytes, CHUNK));
            while (true) {
                if (position == limit && !fill()) {
                    throw new FrameException(Problem.ENDED_INSIDE_FRAME,
                            "the connection ended inside a frame after " + content.size() + " bytes");
                }
                // Copy the run of ordinary bytes in one go, stopping at a control byte.
                int start = position;
                while (position < limit && chunk[position] != END_BLOCK && chunk[position] != START_BLOCK) {
                    position++;
                }
                int run = position - start;
                if (content.size() + run > maxFrameBytes) {
                    throw new FrameException(Problem.FRAME_TOO_LARGE,
                            "frame larger than " + maxFrameBytes + " bytes");
                }
                content.write(chunk, start, run);
                if (position == limit) {
                    continue;
                }
                byte control = chunk[position++];
                if (control == START_BLOCK) {
                    throw new FrameException(Problem.ENDED_INSIDE_FRAME,
                            "a new frame started before the end block of the previous one");
                }
                int after = nextByte();
                if (after == -1) {
                    throw new FrameException(Problem.ENDED_INSIDE_FRAME,
                            "the connection ended between 0x1C and 0x0D");
                }
                if (after != CARRIAGE_RETURN) {
                    throw new FrameException(Problem.BAD_END_BLOCK,
                            String.format("0x1C followed by 0x%02X instead of 0x0D", after));
                }
                return content.toByteArray();
            }
        }

        private int nextByte() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return chunk[position++] & 0xFF;
        }

        private boolean fill() throws IOException {
            int n;
            do {
                n = in.read(chunk, 0, chunk.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        @Override
        public String toString() {
            return "MllpFrames.Reader[max=" + maxFrameBytes + ", buffered=" + (limit - position) + "]";
        }
    }
}
