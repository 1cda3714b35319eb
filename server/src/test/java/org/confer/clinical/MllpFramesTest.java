package org.confer.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.confer.clinical.MllpFrames.FrameException;
import org.confer.clinical.MllpFrames.Problem;
import org.junit.jupiter.api.Test;

class MllpFramesTest {
    private static final int MAX = 1 << 20;

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static MllpFrames.Reader reader(byte[] bytes) {
        return MllpFrames.reader(new ByteArrayInputStream(bytes), MAX);
    }

    private static Problem problem(MllpFrames.Reader reader) {
        try {
            reader.next();
        } catch (FrameException e) {
            return e.problem();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no FrameException");
    }

    @Test
    void a_frame_is_read_without_its_framing_bytes_and_then_the_stream_ends_cleanly() throws IOException {
        byte[] message = Examples.bytes("oru-2.3.hl7");
        MllpFrames.Reader reader = reader(MllpFrames.frame(message));
        assertThat(reader.next()).hasValueSatisfying(b -> assertThat(b).isEqualTo(message));
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void an_empty_stream_is_a_clean_end() throws IOException {
        assertThat(reader(new byte[0]).next()).isEmpty();
    }

    @Test
    void two_frames_back_to_back_are_read_one_after_the_other() throws IOException {
        byte[] one = Examples.bytes("oru-2.3.hl7");
        byte[] two = Examples.bytes("oru-2.4.hl7");
        MllpFrames.Reader reader = reader(concat(MllpFrames.frame(one), MllpFrames.frame(two)));
        assertThat(reader.next()).hasValueSatisfying(b -> assertThat(b).isEqualTo(one));
        assertThat(reader.next()).hasValueSatisfying(b -> assertThat(b).isEqualTo(two));
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void line_feeds_and_carriage_returns_between_frames_are_tolerated() throws IOException {
        MllpFrames.Reader reader = reader(concat(ascii("\r\n"), MllpFrames.frame(ascii("A")), ascii("\n"),
                MllpFrames.frame(ascii("B")), ascii("\r\n")));
        assertThat(reader.next().map(String::new)).contains("A");
        assertThat(reader.next().map(String::new)).contains("B");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void bytes_before_the_start_block_are_refused() {
        MllpFrames.Reader reader = reader(concat(ascii("GET / HTTP/1.1\r\n"), MllpFrames.frame(ascii("MSH|"))));
        assertThat(problem(reader)).isEqualTo(Problem.BYTES_OUTSIDE_FRAME);
    }

    @Test
    void garbage_after_a_good_frame_is_refused_once_the_good_frame_is_read() throws IOException {
        MllpFrames.Reader reader = reader(concat(MllpFrames.frame(ascii("MSH|1")), ascii("xyz")));
        assertThat(reader.next()).isPresent();
        assertThat(problem(reader)).isEqualTo(Problem.BYTES_OUTSIDE_FRAME);
    }

    @Test
    void a_stream_that_ends_inside_a_frame_is_refused() {
        assertThat(problem(reader(concat(new byte[] {0x0B}, ascii("MSH|^~\\&|no end"))))).isEqualTo(Problem.ENDED_INSIDE_FRAME);
        assertThat(problem(reader(concat(new byte[] {0x0B}, ascii("MSH|"), new byte[] {0x1C}))))
                .isEqualTo(Problem.ENDED_INSIDE_FRAME);
    }

    @Test
    void a_new_start_block_before_the_end_block_is_refused() {
        byte[] bytes = concat(new byte[] {0x0B}, ascii("MSH|cut"), MllpFrames.frame(ascii("MSH|whole")));
        assertThat(problem(reader(bytes))).isEqualTo(Problem.ENDED_INSIDE_FRAME);
    }

    @Test
    void an_end_block_without_its_carriage_return_is_refused() {
        byte[] bytes = concat(new byte[] {0x0B}, ascii("MSH|"), new byte[] {0x1C, 'x'});
        assertThat(problem(reader(bytes))).isEqualTo(Problem.BAD_END_BLOCK);
    }

    @Test
    void a_frame_exactly_at_the_limit_is_read_and_one_byte_more_is_refused() throws IOException {
        byte[] exactly = new byte[1000];
        java.util.Arrays.fill(exactly, (byte) 'a');
        assertThat(MllpFrames.reader(new ByteArrayInputStream(MllpFrames.frame(exactly)), 1000).next()).isPresent();
        byte[] over = new byte[1001];
        java.util.Arrays.fill(over, (byte) 'a');
        assertThat(problem(MllpFrames.reader(new ByteArrayInputStream(MllpFrames.frame(over)), 1000)))
                .isEqualTo(Problem.FRAME_TOO_LARGE);
    }

    @Test
    void an_endless_frame_is_refused_at_the_limit_without_reading_the_rest() {
        EndlessFrame endless = new EndlessFrame();
        assertThat(problem(MllpFrames.reader(endless, MAX))).isEqualTo(Problem.FRAME_TOO_LARGE);
        // At most the limit plus one read chunk: the reader never waits for the end of a frame it will refuse.
        assertThat(endless.served).isBetween((long) MAX, (long) MAX + 8192 + 1);
    }

    @Test
    void a_frame_arriving_a_few_bytes_at_a_time_is_put_back_together() throws IOException {
        byte[] one = Examples.bytes("oru-2.5.1-critical-potassium.hl7");
        byte[] two = Examples.bytes("oru-2.3.hl7");
        InputStream slow = new Trickle(concat(MllpFrames.frame(one), MllpFrames.frame(two)), 3);
        MllpFrames.Reader reader = MllpFrames.reader(slow, MAX);
        assertThat(reader.next()).hasValueSatisfying(b -> assertThat(b).isEqualTo(one));
        assertThat(reader.next()).hasValueSatisfying(b -> assertThat(b).isEqualTo(two));
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void the_end_block_split_between_two_reads_is_recognised() throws IOException {
        byte[] framed = MllpFrames.frame(ascii("MSH|x"));
        MllpFrames.Reader reader = MllpFrames.reader(new Trickle(framed, framed.length - 1), MAX);
        assertThat(reader.next().map(String::new)).isEqualTo(Optional.of("MSH|x"));
    }

    @Test
    void written_frames_read_back_and_a_payload_with_framing_bytes_is_refused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MllpFrames.write(out, ascii("MSH|ack"));
        assertThat(out.toByteArray()).containsExactly(concat(new byte[] {0x0B}, ascii("MSH|ack"), new byte[] {0x1C, 0x0D}));
        assertThatThrownBy(() -> MllpFrames.frame(new byte[] {'a', 0x1C})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MllpFrames.frame(new byte[] {0x0B})).isInstanceOf(IllegalArgumentException.class);
    }

    /** A start block, then 'a' forever; counts what it served. */
    private static final class EndlessFrame extends InputStream {
        long served;

        @Override
        public int read() {
            return served++ == 0 ? 0x0B : 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }

    /** Serves its bytes at most {@code step} at a time, like a slow network. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int step;
        private int at;

        Trickle(byte[] bytes, int step) {
            this.bytes = bytes;
            this.step = step;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }
}
